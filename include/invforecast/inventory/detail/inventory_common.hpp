#pragma once

/// @file
/// Internals shared by the inventory headers: number and date formatting for the
/// human-readable reasons, and a small portable random stream for the bootstrap.

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
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

/// date + days.
inline std::chrono::year_month_day add_days(std::chrono::year_month_day date, int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{date} + std::chrono::days{days}};
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
inline int days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

/// splitmix64 (Steele, Lea & Flood 2014): a fixed, portable stream, so a seeded bootstrap gives
/// the same numbers with every compiler and standard library.
struct splitmix64 {
  std::uint64_t state;

  std::uint64_t next() noexcept {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  /// Uniform index in [0, n) (n > 0): the top 53 bits scaled, bias below 2^-53 * n.
  std::size_t below(std::size_t n) noexcept {
    const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
    const auto i = static_cast<std::size_t>(u * static_cast<double>(n));
    return i < n ? i : n - 1;
  }
};

}  // namespace invforecast::detail
