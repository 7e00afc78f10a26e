#pragma once

/// @file
/// replenishment_suggestions: generating purchase suggestions from caller-supplied inventory
/// positions and purchasing parameters plus the ACTIVE forecasts in the database, and reading
/// them back filtered by status, material and urgency.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// Stock on order: a quantity with its expected receipt date (unset = after the lead time).
struct open_receipt {
  double quantity = 0;
  std::optional<std::chrono::year_month_day> expected_date{};
};

/// A material's inventory position and purchasing parameters, supplied by the caller.
struct inventory_position {
  std::string material_id{};
  double on_hand = 0;                    ///< may be negative (back orders)
  double allocated = 0;                  ///< >= 0
  std::vector<open_receipt> on_order{};  ///< open purchase quantities (>= 0)
  double lead_time_days = 0;             ///< vendor lead time mean (days, >= 0; rounded up)
  double lead_time_sd = 0;               ///< its standard deviation (days, >= 0)
  double unit_cost = 0;                  ///< 0 = unknown (no cost, no EOQ)
  /// Cost per order; unset = materials.ordering_cost when the column exists, else 50.
  std::optional<double> ordering_cost{};
  /// Annual holding cost as a fraction of unit cost; unset = materials.holding_cost_pct when
  /// the column exists, else 0.25.
  std::optional<double> holding_rate{};
  double minimum_order_quantity = 0;  ///< MOQ (0 = none)
  double order_multiple = 0;          ///< order in multiples of this (0 = any)
  double service_level = 0.95;        ///< cycle service level, in (0, 1)
  int review_period_days = 0;         ///< periodic review interval (0 = continuous)
  std::optional<std::string> preferred_vendor_id{};
  std::string uom{};  ///< recommended_order_uom; empty = the forecasts' UOM
};

/// Urgency levels in increasing order (the ERP's urgency_level values).
enum class urgency_level { low, medium, high, critical };

/// "LOW", "MEDIUM", "HIGH", "CRITICAL".
[[nodiscard]] std::string_view to_string(urgency_level level) noexcept;

/// Options of generate_replenishment_recommendations.
struct replenishment_options {
  /// The day of the snapshot; the forecast used starts the day after. Unset = the server's
  /// current_date.
  std::optional<std::chrono::year_month_day> today{};
  /// Write only suggestions at least this urgent (others are reported as skipped).
  urgency_level minimum_urgency = urgency_level::low;
  /// Skip materials whose recommended quantity is 0 (nothing to order).
  bool skip_zero_quantity = true;
  /// Mark the material's earlier PENDING suggestions of this facility EXPIRED.
  bool expire_pending = true;
  /// Days of demand history behind the daily demand standard deviation, >= 2.
  int demand_history_days = 90;
  std::string user = "invforecast";  ///< created_by / updated_by
};

/// One replenishment_suggestions row.
struct replenishment_row {
  std::string suggestion_id{};
  std::string material_id{};
  std::optional<std::string> preferred_vendor_id{};
  std::string status{};
  double on_hand = 0, allocated = 0, available = 0, on_order = 0;
  double safety_stock = 0, reorder_point = 0;
  std::optional<double> economic_order_quantity{};
  double demand_30_days = 0;
  std::optional<double> demand_60_days{}, demand_90_days{};
  std::optional<std::chrono::year_month_day> projected_stockout_date{};
  double recommended_quantity = 0;
  std::string uom{};
  std::chrono::year_month_day order_date{};
  std::optional<std::chrono::year_month_day> delivery_date{};
  std::optional<double> unit_cost{}, total_cost{};
  std::optional<int> lead_time_days{};
  std::string reason{};
  std::string calculation_method{};
  std::optional<std::string> urgency{};      ///< NULL when the column is absent (ERP < V0.0.39)
  std::optional<int> days_until_stockout{};  ///< NULL when none is projected
};

/// What generate_replenishment_recommendations did.
struct replenishment_report {
  std::vector<replenishment_row> written{};                    ///< in input order
  std::vector<std::pair<std::string, std::string>> skipped{};  ///< (material_id, reason)
  std::size_t clamped_values = 0;
  long long expired = 0;  ///< earlier PENDING suggestions marked EXPIRED
};

/// For each position: reads the ACTIVE forecasts from the day after `today` (at least
/// max(30, lead time + review period) consecutive days, up to 90), the standard deviation of
/// daily demand over the last demand_history_days days (zero-filled), computes the safety
/// stock with King's formula (invforecast::safety_stock, combined method: z from the inverse
/// normal of the service level) and the suggestion with invforecast::suggest_replenishment
/// (projected stockout including dated receipts, reorder point, EOQ, MOQ and multiple, order
/// and delivery dates, the ERP's urgency rule), and inserts it as PENDING with urgency_level
/// and days_until_stockout. Materials without enough forecast are skipped and reported.
/// One transaction for the call.
/// @throws invalid_argument for an invalid id or a negative / non-finite parameter, a
///   service level outside (0, 1) or an unsupported option (nothing is written)
/// @throws sql_error on a database error (nothing is written)
replenishment_report generate_replenishment_recommendations(
    connection& conn, const scope& where, std::span<const inventory_position> positions,
    const replenishment_options& options = {});

/// Filter of get_replenishment_recommendations (unset = any).
struct replenishment_filter {
  std::optional<std::string> status{};  ///< e.g. "PENDING"
  std::optional<std::string> material_id{};
  std::optional<urgency_level> urgency{};
  int limit = 1000;  ///< at most this many rows, 1..100000
};

/// Reads suggestions (not soft-deleted), most urgent first, then newest first.
/// @throws invalid_argument for an invalid id or limit
/// @throws sql_error on a database error
[[nodiscard]] std::vector<replenishment_row> get_replenishment_recommendations(
    connection& conn, const scope& where, const replenishment_filter& filter = {});

}  // namespace invforecast::pg
