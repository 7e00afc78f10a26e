#pragma once

/// @file
/// The library's one date helper: day arithmetic and the ISO weekday on
/// std::chrono::year_month_day (series/calendar.hpp builds ISO weeks and period bounds on it).

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

/// ISO 8601 weekday of a date: 1 = Monday ... 7 = Sunday (no validity check; see
/// invforecast::day_of_week for the checked public form).
[[nodiscard]] inline unsigned iso_weekday(std::chrono::year_month_day date) noexcept {
  return std::chrono::weekday{std::chrono::sys_days{date}}.iso_encoding();
}

}  // namespace invforecast::detail
