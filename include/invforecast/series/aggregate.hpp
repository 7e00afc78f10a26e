#pragma once

/// @file
/// Totals of a daily_series per calendar period (day, ISO week, month, quarter, year), with the
/// coverage of each period, so that partial periods at the ends of the series and periods with
/// unknown days can be told apart from real low demand. See docs/series.md.

#include <chrono>
#include <concepts>
#include <cstddef>
#include <span>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"

namespace invforecast {

/// Demand of one calendar period.
template <std::floating_point T = double>
struct period_total {
  std::chrono::year_month_day start;  ///< first day of the calendar period (period_start)
  std::chrono::year_month_day end;    ///< last day of the calendar period (period_end)
  T total;                   ///< sum over the period's observed days (unknown, pre-launch: 0)
  std::size_t days;          ///< days of the period the series covers (1 .. period length)
  std::size_t known_days;    ///< covered days with day_status::observed
  std::size_t unknown_days;  ///< covered days with day_status::unknown
  bool partial;  ///< the series covers only part of the period (it starts or ends inside it)
};

/// Aggregates a daily series into calendar periods: one period_total per period that holds at
/// least one day of the series, in date order. The first and last periods are partial when the
/// series starts or ends inside them. Unknown and before-launch days count in `days` but add 0
/// to `total`; `known_days` counts the observed days, `unknown_days` the unknown ones (so
/// days - known_days - unknown_days days are before the launch).
///
/// \f$ \text{total}_P = \sum_{t \in P,\ \text{status}_t = \text{observed}} y_t \f$
///
/// Complexity: O(size()).
/// @param series the daily series
/// @param p the period (period::week is the ISO week, Monday to Sunday)
/// @return the period totals, in date order (never empty)
/// @throws invalid_argument "aggregate: p = <n>, must be a valid period" for a value outside
///         the enumeration
template <std::floating_point T>
std::vector<period_total<T>> aggregate(const daily_series<T>& series, period p) {
  using std::chrono::year_month_day;
  if (p != period::day && p != period::week && p != period::month && p != period::quarter &&
      p != period::year) {
    detail::throw_invalid(
        "aggregate", "p = " + std::to_string(static_cast<int>(p)) + ", must be a valid period");
  }
  const std::span<const T> values = series.values();
  const std::span<const day_status> status = series.status();
  const std::size_t n = values.size();
  const year_month_day first = series.first_day();

  std::vector<period_total<T>> out;
  const std::size_t shortest = p == period::day       ? 1
                               : p == period::week    ? 7
                               : p == period::month   ? 28
                               : p == period::quarter ? 90
                                                      : 365;
  out.reserve(n / shortest + 2);
  std::size_t i = 0;
  while (i < n) {
    // One period per iteration: its bounds from the calendar, its lengths from the one date
    // helper (detail/dates.hpp).
    const year_month_day day = detail::add_days(first, static_cast<long long>(i));
    const year_month_day start = period_start(day, p);
    const year_month_day end = period_end(day, p);
    const auto period_length = static_cast<std::size_t>(detail::days_between(start, end)) + 1;
    const auto in_period = static_cast<std::size_t>(detail::days_between(day, end)) + 1;
    const std::size_t stop = i + in_period < n ? i + in_period : n;
    period_total<T> total{start, end, T(0), stop - i, 0, 0, false};
    for (std::size_t k = i; k < stop; ++k) {
      if (status[k] == day_status::observed) {
        total.total += values[k];
        ++total.known_days;
      } else if (status[k] == day_status::unknown) {
        ++total.unknown_days;
      }
    }
    total.partial = total.days < period_length;
    out.push_back(total);
    i = stop;
  }
  return out;
}

/// The totals alone, e.g. to forecast weekly or monthly demand.
/// @param totals the result of aggregate()
/// @return totals[k].total for each k
template <std::floating_point T>
std::vector<T> totals_of(const std::vector<period_total<T>>& totals) {
  std::vector<T> out;
  out.reserve(totals.size());
  for (const auto& t : totals) out.push_back(t.total);
  return out;
}

}  // namespace invforecast
