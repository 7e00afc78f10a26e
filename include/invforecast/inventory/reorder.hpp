#pragma once

/// @file
/// Reorder point, economic order quantity, min/max levels and order-quantity rounding to the
/// minimum order quantity (MOQ) and order multiple. Formulas: docs/inventory.md.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <limits>
#include <optional>
#include <type_traits>

#include "invforecast/detail/check.hpp"

namespace invforecast {

/// Inputs of the reorder point (per day / in days).
template <std::floating_point T = double>
struct reorder_point_input {
  T average_daily_demand = 0;  ///< d_bar, units per day
  T lead_time_days = 0;        ///< L, days
  T safety_stock = 0;          ///< SS, units (may be negative, see safety_stock_result)
};

/// Reorder point \f$ROP = \bar d\,L + SS\f$: the inventory position at which to order so that
/// the expected lead-time demand plus the safety stock is covered.
/// Example: `reorder_point({.average_daily_demand = 120, .lead_time_days = 5,
/// .safety_stock = 452.27})` = 1052.27.
/// @throws invalid_argument when d_bar or L is negative or a value is not finite.
template <std::floating_point T = double>
[[nodiscard]] T reorder_point(const std::type_identity_t<reorder_point_input<T>>& input) {
  constexpr std::string_view fn = "reorder_point";
  detail::check_bounded_non_negative(fn, "average_daily_demand", input.average_daily_demand);
  detail::check_bounded_non_negative(fn, "lead_time_days", input.lead_time_days);
  detail::check_bounded(fn, "safety_stock", input.safety_stock);
  return detail::check_result(
      fn, "reorder point", input.average_daily_demand * input.lead_time_days + input.safety_stock);
}

/// Inputs of the economic order quantity. The ERP's material defaults are ordering_cost =
/// 50.00 per order and holding_rate = 0.25 per year (fraction of the unit cost).
template <std::floating_point T = double>
struct eoq_input {
  T annual_demand = 0;       ///< D, units per year
  T unit_cost = 0;           ///< purchase cost per unit (H = unit_cost * holding_rate)
  T ordering_cost = T(50);   ///< S, cost per order
  T holding_rate = T(0.25);  ///< annual holding cost as a fraction of the unit cost
  /// H given directly (cost per unit per year); overrides unit_cost * holding_rate.
  std::optional<T> holding_cost_per_unit_year{};
};

/// Economic order quantity (Harris 1913) \f$EOQ = \sqrt{2DS/H}\f$.
/// Test vector: D = 1300, S = 8, H = 0.225 -> 304.0467800264368. D = 0 gives 0.
/// @throws invalid_argument when D or S is negative, H is not > 0 (unit_cost and holding_rate
///         both > 0, or holding_cost_per_unit_year > 0), or a value is not finite.
template <std::floating_point T = double>
[[nodiscard]] T economic_order_quantity(const std::type_identity_t<eoq_input<T>>& input) {
  constexpr std::string_view fn = "economic_order_quantity";
  detail::check_bounded_non_negative(fn, "annual_demand", input.annual_demand, detail::max_total);
  detail::check_bounded_non_negative(fn, "ordering_cost", input.ordering_cost);
  T holding;
  if (input.holding_cost_per_unit_year) {
    holding = *input.holding_cost_per_unit_year;
    detail::check_bounded_positive(fn, "holding_cost_per_unit_year", holding);
  } else {
    detail::check_bounded_positive(fn, "unit_cost", input.unit_cost);
    detail::check_bounded_positive(fn, "holding_rate", input.holding_rate);
    holding = input.unit_cost * input.holding_rate;
  }
  // sqrt(2 D S) / sqrt(H): no intermediate overflow even for a tiny H.
  return detail::check_result(
      fn, "EOQ", std::sqrt(T(2) * input.annual_demand * input.ordering_cost) / std::sqrt(holding),
      detail::max_total);
}

/// Min/max (s, S) levels.
template <std::floating_point T = double>
struct min_max_levels {
  T min = 0;  ///< s: order when the inventory position is at or below it (= reorder point)
  T max = 0;  ///< S: order up to it (= reorder point + order quantity)
};

/// Min/max levels from the reorder point and an order quantity (usually the EOQ):
/// min = ROP, max = ROP + order_quantity.
/// @throws invalid_argument when a value is not finite or order_quantity is negative.
template <std::floating_point T = double>
[[nodiscard]] min_max_levels<T> min_max(T reorder_point_quantity, T order_quantity) {
  constexpr std::string_view fn = "min_max";
  detail::check_bounded(fn, "reorder_point_quantity", reorder_point_quantity, detail::max_total);
  detail::check_bounded_non_negative(fn, "order_quantity", order_quantity, detail::max_total);
  return {reorder_point_quantity, reorder_point_quantity + order_quantity};
}

/// Min/max order rule: when the inventory position is at or below `levels.min`, order up to
/// `levels.max` (max - position); otherwise order nothing.
/// @throws invalid_argument when a value is not finite or max < min.
template <std::floating_point T = double>
[[nodiscard]] T min_max_order_quantity(const min_max_levels<T>& levels, T inventory_position) {
  constexpr std::string_view fn = "min_max_order_quantity";
  detail::check_bounded(fn, "min", levels.min, 2 * detail::max_total);
  detail::check_bounded(fn, "max", levels.max, 2 * detail::max_total);
  detail::check_bounded(fn, "inventory_position", inventory_position, detail::max_total);
  if (levels.max < levels.min) detail::throw_invalid_value(fn, "max", levels.max, ">= min");
  return inventory_position <= levels.min ? levels.max - inventory_position : T(0);
}

/// Purchasing constraints on an order quantity.
template <std::floating_point T = double>
struct order_rounding {
  T minimum_order_quantity = 0;  ///< MOQ: a positive order is raised to at least this (0 = none)
  T order_multiple = 0;          ///< orders are whole multiples of this (0 = any quantity)
};

/// Rounds a required quantity to the purchasing constraints: q <= 0 -> 0 (nothing to order);
/// otherwise q' = max(q, MOQ), then rounded UP to the next multiple of order_multiple (so the
/// requirement is still covered). A value within 1e-9 relative of a multiple counts as that
/// multiple (100.0000000001 with multiple 50 stays 100). The result is >= MOQ and >= q.
/// Example: q 130, MOQ 200, multiple 0 -> 200; q 130, MOQ 0, multiple 50 -> 150;
/// q 130, MOQ 120, multiple 48 -> 144.
/// @throws invalid_argument when q is not finite or MOQ / multiple is negative or not finite.
template <std::floating_point T = double>
[[nodiscard]] T round_order_quantity(T quantity,
                                     const std::type_identity_t<order_rounding<T>>& rounding) {
  constexpr std::string_view fn = "round_order_quantity";
  detail::check_bounded(fn, "quantity", quantity, 2 * detail::max_total);
  detail::check_bounded_non_negative(fn, "minimum_order_quantity", rounding.minimum_order_quantity);
  detail::check_bounded_non_negative(fn, "order_multiple", rounding.order_multiple);
  if (!(quantity > 0)) return T(0);
  T q = std::max(quantity, rounding.minimum_order_quantity);
  if (rounding.order_multiple > 0) {
    const T units = q / rounding.order_multiple;
    // A multiple below the resolution of q (e.g. a denormal) leaves q as it is.
    if (!(units < T(1) / std::numeric_limits<T>::epsilon())) return q;
    // max with +0: a quantity within the 1e-9 tolerance of 0 multiples is 0, not -0.
    q = std::max(T(0), std::ceil(units - T(1e-9) * std::max(T(1), units))) *
        rounding.order_multiple;
  }
  return q;
}

}  // namespace invforecast
