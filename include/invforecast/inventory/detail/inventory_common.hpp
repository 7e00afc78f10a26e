#pragma once

/// @file
/// Internals shared by the inventory headers: number and date formatting for the
/// human-readable reasons (day arithmetic is the library's, detail/dates.hpp).

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>

namespace invforecast::detail {

/// `value` with a fixed number of decimals ("452.27").
template <std::floating_point T>
std::string fixed(T value, int decimals) {
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, static_cast<double>(value));
  return std::string(buffer, static_cast<std::size_t>(n > 0 ? n : 0));
}

/// Two decimals, or "undefined" when empty (e.g. a CV with zero mean).
template <std::floating_point T>
std::string describe_optional(const std::optional<T>& value) {
  return value ? fixed(*value, 2) : std::string("undefined");
}

/// ISO 8601 "YYYY-MM-DD".
inline std::string iso_date(std::chrono::year_month_day date) {
  char buffer[32];
  const int n =
      std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return std::string(buffer, static_cast<std::size_t>(n > 0 ? n : 0));
}

}  // namespace invforecast::detail
