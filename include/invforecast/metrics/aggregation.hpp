#pragma once

/// @file
/// Accuracy at a calendar aggregation level (DAILY, WEEKLY = ISO week, MONTHLY, QUARTERLY,
/// YEARLY): daily actuals and forecasts are first summed per calendar period, then the point
/// metrics are computed over the period totals. The result maps one-to-one onto a row of the
/// ERP table forecast_accuracy_metrics. See docs/accuracy.md.

#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/detail/metrics_common.hpp"
#include "invforecast/error.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast {

/// The five aggregation levels, finest first.
inline constexpr std::array<period, 5> aggregation_levels{period::day, period::week, period::month,
                                                          period::quarter, period::year};

/// The ERP's aggregation_level value of a period: "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY",
/// "YEARLY".
/// @throws invalid_argument for a value outside the enumeration.
inline std::string_view erp_aggregation_level(period p) {
  switch (p) {
    case period::day:
      return "DAILY";
    case period::week:
      return "WEEKLY";
    case period::month:
      return "MONTHLY";
    case period::quarter:
      return "QUARTERLY";
    case period::year:
      return "YEARLY";
  }
  detail::throw_invalid_value("erp_aggregation_level", "p", static_cast<int>(p), "a valid period");
}

/// The period of an ERP aggregation_level value (exact, upper case).
/// @throws parse_error for any other text.
inline period parse_aggregation_level(std::string_view text) {
  for (const period p : aggregation_levels) {
    if (erp_aggregation_level(p) == text) return p;
  }
  throw parse_error("parse_aggregation_level: \"" + std::string(text) +
                    "\" is not one of DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY");
}

/// The totals of one calendar period.
template <std::floating_point T = double>
struct period_bucket {
  /// Calendar bounds of the period (Monday..Sunday for an ISO week).
  std::chrono::year_month_day start;
  std::chrono::year_month_day end;
  /// First and last input dates inside the period.
  std::chrono::year_month_day first_date;
  std::chrono::year_month_day last_date;
  /// Number of input days inside the period.
  std::size_t days = 0;
  /// Sum of the actuals and of the forecasts over those days.
  T actual{};
  T forecast{};
  /// True when every calendar day of the period is present in the input.
  bool complete = false;
};

/// Settings of accuracy_by_period.
template <std::floating_point T = double>
struct aggregation_options {
  /// The material's target (maximum) MAPE in percent, e.g. 20 (materials.
  /// target_forecast_accuracy_pct). Unset: is_within_tolerance is false.
  std::optional<T> target_mape;
  /// Leave out periods the input covers only partly (e.g. the first ISO week when the data
  /// starts on a Wednesday). Default false: partial periods count, with both actual and
  /// forecast summed over the same days.
  bool drop_partial_periods = false;
  /// Alert limit of |tracking signal|.
  T tracking_limit = default_tracking_signal_limit<T>;
};

/// Accuracy at one aggregation level: one row of forecast_accuracy_metrics.
template <std::floating_point T = double>
struct aggregated_accuracy {
  /// The level and its ERP name (aggregation_level column).
  period level = period::day;
  std::string_view aggregation_level;
  /// measurement_period_start / _end: the first and last input dates.
  std::chrono::year_month_day measurement_period_start;
  std::chrono::year_month_day measurement_period_end;
  /// The period totals the metrics were computed on, in date order.
  std::vector<period_bucket<T>> buckets;
  /// Point metrics over the period totals: mape, rmse, mae, bias, tracking_signal;
  /// metrics.n is sample_size (number of periods); metrics.total_actual and total_forecast
  /// are total_actual_demand and total_forecasted_demand.
  accuracy_summary<T> metrics;
  /// target_mape_threshold column (options.target_mape).
  std::optional<T> target_mape_threshold;
  /// is_within_tolerance column: MAPE defined and <= target_mape_threshold.
  bool is_within_tolerance = false;
};

/// Sums daily actuals and forecasts per calendar period of `level`, then computes the point
/// metrics over the period totals.
///
/// Example (hand-worked in tests/metrics/aggregation_test.cpp): Monday 2024-01-01 .. Sunday
/// 2024-01-14 at WEEKLY gives two buckets, and MAPE is the mean of the two weekly absolute
/// percentage errors, not of the fourteen daily ones.
/// @param dates strictly increasing valid dates, one per value (days may be missing; a missing
///   day makes its period partial).
/// @param actual, forecast the values of those days.
/// @param level the aggregation level.
/// @throws insufficient_data when dates is empty, or when drop_partial_periods leaves no
///   period.
/// @throws invalid_argument when sizes differ, a value is not finite, a date is invalid or not
///   after the previous one, target_mape is negative or not finite, or tracking_limit <= 0.
/// Complexity: O(n), one allocation for the buckets.
template <std::floating_point T>
[[nodiscard]] aggregated_accuracy<T> accuracy_by_period(
    std::span<const std::chrono::year_month_day> dates, std::span<const T> actual,
    std::span<const T> forecast, period level, const aggregation_options<T>& options = {}) {
  using namespace std::chrono;
  constexpr const char* fn = "accuracy_by_period";
  detail::check_not_empty(fn, "dates", dates);
  if (actual.size() != dates.size()) {
    detail::throw_invalid_value(fn, "actual.size()", actual.size(),
                                "equal to dates.size() = " + std::to_string(dates.size()));
  }
  detail::check_actual_forecast(fn, actual, forecast);
  if (options.target_mape) detail::check_non_negative(fn, "target_mape", *options.target_mape);
  detail::check_positive(fn, "tracking_limit", options.tracking_limit);

  aggregated_accuracy<T> r;
  r.level = level;
  r.aggregation_level = erp_aggregation_level(level);
  r.measurement_period_start = dates.front();
  r.measurement_period_end = dates.back();
  r.target_mape_threshold = options.target_mape;

  std::vector<period_bucket<T>> buckets;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    detail::check_valid_date(fn, "dates[" + std::to_string(i) + "]", dates[i]);
    if (i > 0 && !(dates[i] > dates[i - 1])) {
      throw invalid_argument(std::string(fn) + ": dates[" + std::to_string(i) +
                             "] = " + to_iso_string(dates[i]) + ", must be after dates[" +
                             std::to_string(i - 1) + "] = " + to_iso_string(dates[i - 1]));
    }
    const year_month_day start = period_start(dates[i], level);
    if (buckets.empty() || buckets.back().start != start) {
      period_bucket<T> b;
      b.start = start;
      b.end = period_end(dates[i], level);
      b.first_date = dates[i];
      buckets.push_back(b);
    }
    period_bucket<T>& b = buckets.back();
    b.last_date = dates[i];
    ++b.days;
    b.actual += actual[i];
    b.forecast += forecast[i];
  }
  for (auto& b : buckets) {
    const long long length = detail::days_between(b.start, b.end) + 1;
    b.complete = b.days == static_cast<std::size_t>(length);
  }
  if (options.drop_partial_periods) {
    std::erase_if(buckets, [](const period_bucket<T>& b) { return !b.complete; });
    if (buckets.empty()) {
      detail::throw_insufficient(fn, "no complete " + std::string(to_string(level)) + " between " +
                                         to_iso_string(dates.front()) + " and " +
                                         to_iso_string(dates.back()));
    }
  }
  std::vector<T> totals(2 * buckets.size());
  for (std::size_t k = 0; k < buckets.size(); ++k) {
    totals[k] = buckets[k].actual;
    totals[buckets.size() + k] = buckets[k].forecast;
  }
  const std::span<const T> all(totals);
  r.metrics =
      point_accuracy(all.first(buckets.size()), all.last(buckets.size()), options.tracking_limit);
  r.buckets = std::move(buckets);
  r.is_within_tolerance =
      options.target_mape && r.metrics.mape && *r.metrics.mape <= *options.target_mape;
  return r;
}

/// accuracy_by_period at every level of aggregation_levels (DAILY .. YEARLY), in that order.
/// @throws as accuracy_by_period (drop_partial_periods typically leaves no YEARLY period for
///   less than a calendar year of data).
template <std::floating_point T>
[[nodiscard]] std::vector<aggregated_accuracy<T>> accuracy_at_all_levels(
    std::span<const std::chrono::year_month_day> dates, std::span<const T> actual,
    std::span<const T> forecast, const aggregation_options<T>& options = {}) {
  std::vector<aggregated_accuracy<T>> out;
  out.reserve(aggregation_levels.size());
  for (const period p : aggregation_levels) {
    out.push_back(accuracy_by_period(dates, actual, forecast, p, options));
  }
  return out;
}

}  // namespace invforecast
