#pragma once

/// @file
/// Internals shared by the inventory headers: date formatting for the human-readable reasons
/// (numbers: detail::fixed of detail/format.hpp; day arithmetic: detail/dates.hpp), and the
/// range check of whole-day inputs.

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>

#include <string_view>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/format.hpp"

namespace invforecast::detail {

/// Two decimals, or "undefined" when empty (e.g. a CV with zero mean).
template <std::floating_point T>
std::string describe_optional(const std::optional<T>& value) {
  return value ? fixed(*value, 2) : std::string("undefined");
}

/// Longest lead time or review period accepted, in days (ten years): keeps all day arithmetic
/// (L + R, offsets from today) far from int overflow.
inline constexpr int max_days = 3650;

/// 0 <= value <= max_days, checked before any arithmetic on it.
inline void check_days(std::string_view function, std::string_view name, int value) {
  if (value < 0 || value > max_days) {
    throw_invalid_value(function, name, value, "in [0, " + std::to_string(max_days) + "] days");
  }
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
