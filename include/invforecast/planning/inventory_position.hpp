#pragma once

/// @file
/// What the ERP knows about one material's stock and purchasing on the planning day: the input
/// of plan() next to the demand history. See docs/planning.md.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace invforecast {

/// Stock on order: a quantity with its due (expected receipt) date.
struct open_order {
  double quantity = 0;  ///< units, >= 0
  /// Expected receipt; empty = unknown, assumed to arrive after the lead time.
  std::optional<std::chrono::year_month_day> due_date{};
};

/// One material's inventory position and purchasing parameters. Quantities are in the
/// material's unit of measure, times in days, costs in the ERP's currency.
///
/// Planning quantities are `double` (the ERP's DECIMAL columns); the numeric core below
/// (forecasting, safety stock) is generic over the floating-point type.
struct inventory_position {
  std::string material{};  ///< the material's key, as in the demand records
  /// Stock on hand (may be negative: back orders). Empty = not known: plan() forecasts and
  /// computes the safety stock and reorder point, but suggests no order.
  std::optional<double> on_hand = 0.0;
  double allocated = 0;                ///< reserved for orders, >= 0
  std::vector<open_order> on_order{};  ///< open purchase orders
  double lead_time_days = 7;           ///< vendor lead time mean, >= 0 (rounded up to whole days)
  double lead_time_sd_days = 0;        ///< its standard deviation, >= 0
  double minimum_order_quantity = 0;   ///< MOQ (0 = none)
  double order_multiple = 0;           ///< order in multiples of this (0 = any)
  double unit_cost = 0;                ///< purchase price per unit; 0 = unknown (no EOQ, no cost)
  double ordering_cost = 50;           ///< cost per order (the ERP's default)
  double holding_rate = 0.25;          ///< annual holding cost as a fraction of the unit cost
  /// Cycle service level in (0, 1); empty = planning_policy::service_level.
  std::optional<double> service_level{};
  /// First day of sale: history before it is not demand (it is left out of the fit).
  std::optional<std::chrono::year_month_day> launch_date{};
  /// Last day of sale. On or before the first forecast day: no order is suggested. Later: the
  /// planned demand (not the forecast itself) stops on that day.
  std::optional<std::chrono::year_month_day> discontinue_date{};
  std::string uom = "EA";  ///< unit of measure of the quantities
};

}  // namespace invforecast
