#pragma once

/// @file
/// Replenishment suggestion: everything the ERP's replenishment_suggestions table needs from
/// the math (quantities, dates, costs, method, urgency, reason), computed from an inventory
/// snapshot, a daily forecast path, the safety stock and the purchasing parameters.
/// How each field is derived: docs/inventory.md ("Replenishment suggestion").

#include <algorithm>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/inventory/detail/inventory_common.hpp"
#include "invforecast/inventory/reorder.hpp"
#include "invforecast/inventory/stockout.hpp"
#include "invforecast/inventory/urgency.hpp"

namespace invforecast {

/// How the recommended order quantity is computed (the ERP's calculation_method values).
enum class calculation_method {
  eoq,             ///< "EOQ": the forecast-based need, raised to at least the EOQ
  min_max,         ///< "MIN_MAX": position <= min -> order up to max
  forecast_based,  ///< "FORECAST_BASED": demand over lead time + review period + SS - position
  /// "SAFETY_STOCK_REPLENISHMENT": top up so that the stock projected for the day an order
  /// placed today arrives is back at the safety stock.
  safety_stock_replenishment
};

/// The ERP's calculation_method value: "EOQ", "MIN_MAX", "FORECAST_BASED",
/// "SAFETY_STOCK_REPLENISHMENT".
[[nodiscard]] constexpr std::string_view to_string(calculation_method method) noexcept {
  switch (method) {
    case calculation_method::eoq:
      return "EOQ";
    case calculation_method::min_max:
      return "MIN_MAX";
    case calculation_method::forecast_based:
      return "FORECAST_BASED";
    case calculation_method::safety_stock_replenishment:
      return "SAFETY_STOCK_REPLENISHMENT";
  }
  return "FORECAST_BASED";
}

/// Inputs of a replenishment suggestion. Quantities in the material's unit, times in days.
template <std::floating_point T = double>
struct replenishment_input {
  std::chrono::year_month_day today{};  ///< the planning date (day 0)
  T on_hand = 0;                        ///< current on-hand quantity
  T allocated = 0;                      ///< reserved for orders (>= 0)
  T on_order = 0;                       ///< total open purchase quantity (>= 0)
  /// Optional detail of on_order with expected dates. Their sum must not exceed on_order; any
  /// remainder (on_order - sum) is treated as one undated receipt (arrives after the lead
  /// time). Empty: all of on_order is undated.
  std::span<const scheduled_receipt<T>> receipts{};
  /// Forecast demand per day starting tomorrow; at least max(30, lead time + review period)
  /// days (90 for the 90-day sum).
  std::span<const T> daily_forecast{};
  T safety_stock = 0;             ///< units, >= 0 (e.g. safety_stock(...).safety_stock)
  int vendor_lead_time_days = 0;  ///< L, whole days
  int review_period_days = 0;     ///< days until the next planned review (0 = continuous review)
  T unit_cost = 0;                ///< purchase price per unit; 0 = unknown (no cost, no EOQ)
  T ordering_cost = T(50);        ///< S per order (ERP default 50.00)
  T holding_rate = T(0.25);       ///< annual holding cost fraction (ERP default 0.25)
  T minimum_order_quantity = 0;
  T order_multiple = 0;
  invforecast::calculation_method method = calculation_method::forecast_based;
  /// MIN_MAX levels; default min = reorder point, max = reorder point + EOQ.
  std::optional<min_max_levels<T>> levels{};
};

/// A replenishment suggestion: one field per replenishment_suggestions column the math
/// determines, plus the intermediate values behind them.
template <std::floating_point T = double>
struct replenishment_suggestion {
  T current_on_hand_quantity = 0;            ///< input on_hand
  T current_allocated_quantity = 0;          ///< input allocated
  T current_available_quantity = 0;          ///< on hand - allocated
  T current_on_order_quantity = 0;           ///< input on_order
  T inventory_position = 0;                  ///< on hand - allocated + on order
  T safety_stock_quantity = 0;               ///< input safety_stock
  T reorder_point_quantity = 0;              ///< forecast demand over the lead time + safety stock
  std::optional<T> economic_order_quantity;  ///< empty when unit_cost is 0 (unknown)
  T lead_time_demand = 0;                    ///< forecast demand over the lead time
  T protection_demand = 0;                   ///< forecast demand over lead time + review period
  T target_level = 0;               ///< order-up-to level the quantity was computed against
  T forecasted_demand_30_days = 0;  ///< sum of the first 30 forecast days
  std::optional<T> forecasted_demand_60_days;  ///< empty when the forecast is shorter
  std::optional<T> forecasted_demand_90_days;
  std::optional<std::chrono::year_month_day> projected_stockout_date;  ///< first day stock < 0
  std::optional<int> days_until_stockout;  ///< 0 = today; empty = none in the horizon
  std::optional<std::chrono::year_month_day> below_safety_stock_date;  ///< first day stock < SS
  std::optional<int> days_until_below_safety_stock;                    ///< 0 = today
  T required_quantity = 0;           ///< before MOQ / multiple rounding
  T recommended_order_quantity = 0;  ///< required quantity rounded to MOQ / multiple
  std::chrono::year_month_day recommended_order_date{};     ///< latest order date, >= today
  std::chrono::year_month_day recommended_delivery_date{};  ///< order date + lead time
  std::optional<T> estimated_unit_cost;                     ///< empty when unit_cost is 0
  std::optional<T> estimated_total_cost;  ///< quantity x unit cost (round to cents to store)
  int vendor_lead_time_days = 0;          ///< input vendor_lead_time_days
  std::string suggestion_reason;          ///< human-readable explanation
  /// The method used (to_string gives the ERP value).
  invforecast::calculation_method calculation_method = calculation_method::forecast_based;
  urgency urgency_level = urgency::low;  ///< the ERP rule (to_string gives the ERP value)
};

namespace detail {

template <std::floating_point T>
T sum_first(std::span<const T> values, std::size_t n) {
  T total = 0;
  for (std::size_t i = 0; i < n && i < values.size(); ++i) total += values[i];
  return total;
}

}  // namespace detail

/// Computes a replenishment suggestion.
///
/// - available = on_hand - allocated; position = available + on_order.
/// - Projection: project_stockout with the receipts (undated remainder after the lead time).
/// - lead-time demand = sum of the first L forecast days; protection demand = first L + R.
/// - ROP = lead-time demand + SS. EOQ = sqrt(2 D S / H) with D = 365 x mean daily forecast
///   (first min(365, n) days), H = unit_cost x holding_rate (only when unit_cost > 0).
/// - Required quantity by method: FORECAST_BASED max(0, protection + SS - position);
///   EOQ the same, raised to the EOQ when positive; MIN_MAX max - position when position <=
///   min (default min = ROP, max = ROP + EOQ); SAFETY_STOCK_REPLENISHMENT max(0, SS - projected
///   stock at the end of day L).
/// - Rounded with round_order_quantity (MOQ, then up to the order multiple).
/// - Order date: stockout projected on day s -> today + max(0, s - L) (the latest order that
///   arrives by the start of day s); else below safety stock on day b -> today + max(0, b - L);
///   else today. Delivery date = order date + L.
/// - Urgency: replenishment_urgency (the ERP's rule) with the projected days until stockout.
/// @param input see replenishment_input.
/// @return the suggestion.
/// @throws invalid_argument for negative / non-finite quantities, negative safety stock, lead
///         time or review period, receipts summing to more than on_order, an invalid date,
///         unit_cost = 0 with method EOQ (or MIN_MAX without levels); insufficient_data when
///         the forecast is shorter than max(30, L + R) days.
template <std::floating_point T = double>
[[nodiscard]] replenishment_suggestion<T> suggest_replenishment(
    const std::type_identity_t<replenishment_input<T>>& input) {
  constexpr std::string_view fn = "suggest_replenishment";
  if (!input.today.ok()) detail::throw_invalid(fn, "today is not a valid date");
  detail::check_bounded(fn, "on_hand", input.on_hand);
  detail::check_bounded_non_negative(fn, "allocated", input.allocated);
  detail::check_bounded_non_negative(fn, "on_order", input.on_order);
  detail::check_bounded_non_negative(fn, "safety_stock", input.safety_stock);
  detail::check_days(fn, "vendor_lead_time_days", input.vendor_lead_time_days);
  detail::check_days(fn, "review_period_days", input.review_period_days);
  detail::check_bounded_non_negative(fn, "unit_cost", input.unit_cost);
  detail::check_bounded_non_negative(fn, "ordering_cost", input.ordering_cost);
  detail::check_bounded_non_negative(fn, "holding_rate", input.holding_rate);
  detail::check_bounded_non_negative(fn, "minimum_order_quantity", input.minimum_order_quantity);
  detail::check_bounded_non_negative(fn, "order_multiple", input.order_multiple);
  detail::check_all_bounded_non_negative(fn, "daily_forecast", input.daily_forecast);
  const int L = input.vendor_lead_time_days;
  const int R = input.review_period_days;
  const std::size_t needed = static_cast<std::size_t>(std::max(30, L + R));
  if (input.daily_forecast.size() < needed) {
    detail::throw_insufficient(fn, "daily_forecast has " +
                                       std::to_string(input.daily_forecast.size()) +
                                       " days, at least " + std::to_string(needed) +
                                       " needed (max(30, lead time + review period))");
  }

  replenishment_suggestion<T> s;
  s.current_on_hand_quantity = input.on_hand;
  s.current_allocated_quantity = input.allocated;
  s.current_available_quantity = input.on_hand - input.allocated;
  s.current_on_order_quantity = input.on_order;
  s.inventory_position = s.current_available_quantity + input.on_order;
  s.safety_stock_quantity = input.safety_stock;
  s.vendor_lead_time_days = L;
  s.calculation_method = input.method;

  // Receipts: the dated detail plus the undated remainder of on_order.
  std::vector<scheduled_receipt<T>> receipts(input.receipts.begin(), input.receipts.end());
  T dated = 0;
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    detail::check_bounded_non_negative(fn, "receipts[" + std::to_string(i) + "].quantity",
                                       receipts[i].quantity);
    dated += receipts[i].quantity;
  }
  const T tolerance = T(1e-9) * std::max(T(1), input.on_order);
  if (dated > input.on_order + tolerance) {
    detail::throw_invalid(
        fn, "receipts sum to " + detail::format_value(dated) +
                ", must not exceed on_order = " + detail::format_value(input.on_order));
  }
  if (input.on_order - dated > tolerance) {
    receipts.push_back({input.on_order - dated, std::nullopt});
  }
  const auto projection = project_stockout<T>({.today = input.today,
                                               .available = s.current_available_quantity,
                                               .safety_stock = input.safety_stock,
                                               .lead_time_days = L,
                                               .daily_forecast = input.daily_forecast,
                                               .receipts = receipts,
                                               .forecast_start = std::nullopt});
  s.projected_stockout_date = projection.stockout_date;
  s.days_until_stockout = projection.days_until_stockout;
  s.below_safety_stock_date = projection.below_safety_stock_date;
  s.days_until_below_safety_stock = projection.days_until_below_safety_stock;

  const auto forecast = input.daily_forecast;
  s.forecasted_demand_30_days = detail::sum_first(forecast, 30);
  if (forecast.size() >= 60) s.forecasted_demand_60_days = detail::sum_first(forecast, 60);
  if (forecast.size() >= 90) s.forecasted_demand_90_days = detail::sum_first(forecast, 90);
  s.lead_time_demand = detail::sum_first(forecast, static_cast<std::size_t>(L));
  s.protection_demand = detail::sum_first(forecast, static_cast<std::size_t>(L + R));
  s.reorder_point_quantity = s.lead_time_demand + input.safety_stock;
  if (input.unit_cost > 0) {
    const std::size_t year = std::min<std::size_t>(365, forecast.size());
    const T annual = detail::sum_first(forecast, year) / static_cast<T>(year) * T(365);
    s.economic_order_quantity = economic_order_quantity<T>({.annual_demand = annual,
                                                            .unit_cost = input.unit_cost,
                                                            .ordering_cost = input.ordering_cost,
                                                            .holding_rate = input.holding_rate,
                                                            .holding_cost_per_unit_year = {}});
  }

  std::string how;
  switch (input.method) {
    case calculation_method::forecast_based:
    case calculation_method::eoq: {
      s.target_level = s.protection_demand + input.safety_stock;
      s.required_quantity = std::max(T(0), s.target_level - s.inventory_position);
      how = "target " + detail::fixed(s.target_level, 2) + " = demand over lead time + review (" +
            std::to_string(L + R) + " days) " + detail::fixed(s.protection_demand, 2) +
            " + safety stock " + detail::fixed(input.safety_stock, 2);
      if (input.method == calculation_method::eoq) {
        if (!s.economic_order_quantity) {
          detail::throw_invalid(fn, "unit_cost = 0, must be > 0 for method EOQ");
        }
        if (s.required_quantity > 0 && s.required_quantity < *s.economic_order_quantity) {
          s.required_quantity = *s.economic_order_quantity;
          how += "; raised to EOQ " + detail::fixed(*s.economic_order_quantity, 2);
        }
      }
      break;
    }
    case calculation_method::min_max: {
      min_max_levels<T> levels;
      if (input.levels) {
        levels = *input.levels;
      } else {
        if (!s.economic_order_quantity) {
          detail::throw_invalid(fn, "unit_cost = 0, must be > 0 for MIN_MAX without levels");
        }
        levels = min_max(s.reorder_point_quantity, *s.economic_order_quantity);
      }
      s.target_level = levels.max;
      s.required_quantity = min_max_order_quantity(levels, s.inventory_position);
      how = "min " + detail::fixed(levels.min, 2) + ", max " + detail::fixed(levels.max, 2);
      break;
    }
    case calculation_method::safety_stock_replenishment: {
      const T at_arrival = projection.projected_stock[static_cast<std::size_t>(L)];
      s.target_level = input.safety_stock;
      s.required_quantity = std::max(T(0), input.safety_stock - at_arrival);
      how = "projected stock on arrival day " + detail::fixed(at_arrival, 2) + " vs safety stock " +
            detail::fixed(input.safety_stock, 2);
      break;
    }
  }
  s.recommended_order_quantity = round_order_quantity<T>(
      s.required_quantity, {.minimum_order_quantity = input.minimum_order_quantity,
                            .order_multiple = input.order_multiple});

  int order_offset = 0;
  if (s.days_until_stockout) {
    order_offset = std::max(0, *s.days_until_stockout - L);
  } else if (s.days_until_below_safety_stock) {
    order_offset = std::max(0, *s.days_until_below_safety_stock - L);
  }
  s.recommended_order_date = detail::add_days(input.today, order_offset);
  s.recommended_delivery_date = detail::add_days(s.recommended_order_date, L);

  s.urgency_level = replenishment_urgency<T>({.available = s.current_available_quantity,
                                              .safety_stock = input.safety_stock,
                                              .days_until_stockout = s.days_until_stockout,
                                              .vendor_lead_time_days = L});
  if (input.unit_cost > 0) {
    s.estimated_unit_cost = input.unit_cost;
    s.estimated_total_cost = s.recommended_order_quantity * input.unit_cost;
  }

  // Reason.
  std::string reason(to_string(input.method));
  reason += ": ";
  if (s.days_until_stockout) {
    reason += "stockout projected on " + detail::iso_date(*s.projected_stockout_date) + " (in " +
              std::to_string(*s.days_until_stockout) + " days, lead time " + std::to_string(L) +
              " days); ";
  } else if (s.days_until_below_safety_stock) {
    reason += "stock projected below safety stock on " +
              detail::iso_date(*s.below_safety_stock_date) + " (in " +
              std::to_string(*s.days_until_below_safety_stock) + " days); ";
  } else {
    reason += "no stockout within " + std::to_string(forecast.size()) + " forecast days; ";
  }
  reason += how + "; inventory position " + detail::fixed(s.inventory_position, 2);
  if (s.recommended_order_quantity > 0) {
    reason += "; order " + detail::fixed(s.recommended_order_quantity, 2);
    if (s.recommended_order_quantity != s.required_quantity) {
      reason += " (required " + detail::fixed(s.required_quantity, 2) + ", rounded to MOQ " +
                detail::fixed(input.minimum_order_quantity, 2) + " / multiple " +
                detail::fixed(input.order_multiple, 2) + ")";
    }
    reason += " by " + detail::iso_date(s.recommended_order_date);
  } else {
    reason += "; no order needed";
  }
  reason += "; urgency " + std::string(to_string(s.urgency_level)) + ".";
  s.suggestion_reason = std::move(reason);
  return s;
}

}  // namespace invforecast
