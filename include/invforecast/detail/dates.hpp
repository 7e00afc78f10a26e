#pragma once

/// @file
/// The library's one date helper: day arithmetic on std::chrono::year_month_day.

#include <chrono>

namespace invforecast::detail {

/// date + days (days may be negative).
[[nodiscard]] inline std::chrono::year_month_day add_days(std::chrono::year_month_day date,
                                                          long long days) noexcept {
  return std::chrono::year_month_day{std::chrono::sys_days{date} +
                                     std::chrono::days{static_cast<std::chrono::days::rep>(days)}};
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
[[nodiscard]] inline long long days_between(std::chrono::year_month_day from,
                                            std::chrono::year_month_day to) noexcept {
  return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

}  // namespace invforecast::detail
