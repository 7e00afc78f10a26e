#pragma once

/// @file
/// Projected stock over a daily forecast path: when stock runs out and when it falls below the
/// safety stock, taking scheduled receipts (stock on order) into account.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/inventory/detail/inventory_common.hpp"

namespace invforecast {

/// Stock on order that will arrive: a purchase order line, transfer, etc.
template <std::floating_point T = double>
struct scheduled_receipt {
  T quantity = 0;  ///< units, >= 0
  /// Expected arrival date. Empty: arrives after the vendor lead time (today + L). A date
  /// before today (overdue) is treated as arriving today.
  std::optional<std::chrono::year_month_day> expected_date{};
};

/// Inputs of the stockout projection.
///
/// Timeline: day 0 is `today`; `daily_forecast[i]` is the demand of `forecast_start + i` days,
/// where forecast_start defaults to tomorrow. Forecast days on or before today are skipped
/// (a forecast made yesterday can be used as is); a forecast_start later than tomorrow is an
/// error (the demand of the gap is unknown). Receipts arrive at the start of their day, before
/// that day's demand.
template <std::floating_point T = double>
struct stockout_input {
  std::chrono::year_month_day today{};  ///< day 0 of the projection
  T available = 0;                      ///< on hand - allocated (may be negative: back-orders)
  T safety_stock = 0;                   ///< units
  int lead_time_days = 0;               ///< vendor lead time, for receipts without a date
  std::span<const T> daily_forecast{};  ///< forecast demand per day, >= 0
  std::span<const scheduled_receipt<T>> receipts{};             ///< stock on order
  std::optional<std::chrono::year_month_day> forecast_start{};  ///< default today + 1
};

/// Result of the projection. Day counts are days after `today`; 0 is a real value (it
/// happens today), an empty optional means "not within the forecast horizon".
template <std::floating_point T = double>
struct stockout_projection {
  /// First day the projected stock is below zero.
  std::optional<std::chrono::year_month_day> stockout_date;
  std::optional<int> days_until_stockout{};  ///< 0 = today; empty = none in the horizon
  /// First day the projected stock is below the safety stock.
  std::optional<std::chrono::year_month_day> below_safety_stock_date;
  std::optional<int> days_until_below_safety_stock;  ///< 0 = today
  /// Projected stock at the end of day d = 0 .. horizon (index d; day 0 = today, after
  /// receipts due today or overdue, before any forecast demand).
  std::vector<T> projected_stock;
  /// Sum of the receipts that arrive within the horizon (units).
  T received_in_horizon = 0;
};

/// Projects stock day by day: stock_0 = available + receipts due today or overdue;
/// stock_d = stock_{d-1} + receipts due on day d - forecast demand of day d (d >= 1).
/// The stockout date is the first d with stock_d < 0; the below-safety-stock date the first
/// d with stock_d < safety_stock (both may be today, d = 0).
/// @param input see stockout_input.
/// @return dates, day counts and the projected stock path (horizon + 1 values).
/// @throws invalid_argument when a date is invalid, forecast_start is after tomorrow, the
///         lead time is negative, a forecast value or receipt quantity is negative or not
///         finite, or available / safety_stock is not finite.
template <std::floating_point T = double>
[[nodiscard]] stockout_projection<T> project_stockout(
    const std::type_identity_t<stockout_input<T>>& input) {
  constexpr std::string_view fn = "project_stockout";
  if (!input.today.ok()) detail::throw_invalid(fn, "today is not a valid date");
  detail::check_bounded(fn, "available", input.available, detail::max_total);
  detail::check_bounded(fn, "safety_stock", input.safety_stock);
  detail::check_days(fn, "lead_time_days", input.lead_time_days);
  detail::check_all_bounded_non_negative(fn, "daily_forecast", input.daily_forecast);
  const auto start = input.forecast_start.value_or(detail::add_days(input.today, 1));
  if (!start.ok()) detail::throw_invalid(fn, "forecast_start is not a valid date");
  const int start_offset = static_cast<int>(detail::days_between(input.today, start));
  if (start_offset > 1) {
    detail::throw_invalid(fn, "forecast_start = " + detail::iso_date(start) +
                                  ", must be on or before tomorrow (" +
                                  detail::iso_date(detail::add_days(input.today, 1)) + ")");
  }
  // Forecast element for day d >= 1 is daily_forecast[d - start_offset].
  const std::size_t skip = static_cast<std::size_t>(1 - start_offset);
  const std::size_t horizon =
      input.daily_forecast.size() > skip ? input.daily_forecast.size() - skip : 0;

  stockout_projection<T> out;
  out.projected_stock.assign(horizon + 1, T(0));
  // Receipts by day (0 .. horizon); later ones are outside the horizon.
  std::vector<T> arrivals(horizon + 1, T(0));
  for (std::size_t i = 0; i < input.receipts.size(); ++i) {
    const auto& receipt = input.receipts[i];
    const std::string name = "receipts[" + std::to_string(i) + "].quantity";
    detail::check_bounded_non_negative(fn, name, receipt.quantity);
    int day = input.lead_time_days;
    if (receipt.expected_date) {
      if (!receipt.expected_date->ok()) {
        detail::throw_invalid(fn, "receipts[" + std::to_string(i) + "].expected_date is invalid");
      }
      day =
          std::max(0, static_cast<int>(detail::days_between(input.today, *receipt.expected_date)));
    }
    if (static_cast<std::size_t>(day) <= horizon) {
      arrivals[static_cast<std::size_t>(day)] += receipt.quantity;
      out.received_in_horizon += receipt.quantity;
    }
  }
  T stock = input.available;
  for (std::size_t d = 0; d <= horizon; ++d) {
    stock += arrivals[d];
    if (d > 0) stock -= input.daily_forecast[skip + d - 1];
    out.projected_stock[d] = stock;
    const int day = static_cast<int>(d);
    if (!out.days_until_below_safety_stock && stock < input.safety_stock) {
      out.days_until_below_safety_stock = day;
      out.below_safety_stock_date = detail::add_days(input.today, day);
    }
    if (!out.days_until_stockout && stock < 0) {
      out.days_until_stockout = day;
      out.stockout_date = detail::add_days(input.today, day);
    }
  }
  return out;
}

}  // namespace invforecast
