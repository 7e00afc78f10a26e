#pragma once

/// @file
/// replenishment_suggestions: storing the suggestions of plans (invforecast::plan()),
/// generating them from caller-supplied inventory positions and the demand history, and
/// reading them back filtered by status, material and urgency.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/inventory/urgency.hpp"
#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/planning.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// The ERP-only fields of a suggestion row, which invforecast::inventory_position does not
/// carry.
struct order_details {
  std::optional<std::string> preferred_vendor_id{};  ///< vendors(id) UUID; NULL when unset
  /// recommended_order_uom (at most 10 characters); empty = the position's uom
  /// (generate_replenishment_recommendations), else the demand_uom of the material's latest
  /// demand_history row, else "EA".
  std::string uom{};
};

/// How write_replenishment_recommendations (and generate_replenishment_recommendations) store
/// suggestions.
struct recommendation_write_options {
  /// Write only suggestions at least this urgent (others are reported as skipped).
  invforecast::urgency minimum_urgency = invforecast::urgency::low;
  /// Skip materials whose recommended quantity is 0 (nothing to order).
  bool skip_zero_quantity = true;
  /// Mark the material's earlier PENDING suggestions of this facility EXPIRED (only for the
  /// materials written).
  bool expire_pending = true;
  /// ERP-only fields by material_id (lower-case UUID text); materials not listed get none.
  std::map<std::string, order_details, std::less<>> details{};
  /// One transaction for the call (default) or one per material.
  commit_scope commit = commit_scope::whole_call;
  std::string user = "invforecast";  ///< created_by / updated_by
};

/// Options of generate_replenishment_recommendations.
struct replenishment_options {
  /// The planning rules and the history rule (planning.hpp): the same as generate_forecasts',
  /// so the suggestion comes from the plan whose forecast is stored.
  planning_options planning{};
  /// The planning day (the inventory snapshot's day, plan()'s as_of): history ends on it, the
  /// forecast starts the day after. Unset = the server's current_date.
  std::optional<std::chrono::year_month_day> today{};
  /// Minimum urgency, skip-zero, expire-pending, details, commit scope, user.
  recommendation_write_options write{};
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

/// Stores the suggestions of plans computed elsewhere (e.g. by the CLI), in the order given,
/// as PENDING replenishment_suggestions rows, exactly as
/// generate_replenishment_recommendations stores its own (that function calls this mapping):
/// every column from plan.suggestion (inventory snapshot, safety stock = plan.safety, reorder
/// point = plan.reorder_point, EOQ, 30/60/90-day forecast, projected stockout, quantity,
/// order and delivery dates, cost, lead time, reason, calculation_method, urgency_level and
/// days_until_stockout when the V0.0.39 columns exist); recommended_order_uom and
/// preferred_vendor_id from options.details. Plans without a suggestion (stock on hand
/// unknown), below minimum_urgency or, with skip_zero_quantity, with nothing to order are
/// skipped and reported. Values too large for their column are clamped and counted.
/// @param plans plan.material is the material_id (UUID)
/// @throws invalid_argument when an id is not a UUID or a UOM is longer than 10 characters
///   (nothing is written)
/// @throws sql_error on a database error: with commit_scope::whole_call nothing is written;
///   with per_material the materials committed before the failing one stay
replenishment_report write_replenishment_recommendations(
    connection& conn, const scope& where, std::span<const invforecast::material_plan> plans,
    const recommendation_write_options& options = {});

/// For each position (position.material = material_id), in the order given: reads the
/// material's zero-filled history by the rule of planning_options and plans it with
/// invforecast::plan(series, position, policy) (the policy after the material's overrides,
/// exactly as generate_forecasts does), then stores plan.suggestion with
/// write_replenishment_recommendations' mapping. Every number is plan()'s: the safety stock
/// by the policy's rule (the fitted model's lead-time demand variance plus the
/// lead-time-variability term, a bootstrap for intermittent demand), the reorder point, the
/// review period, launch dates (history starts there) and discontinued materials (no order).
///
/// The ACTIVE material_forecasts rows in the database, manual overrides
/// (is_manually_overridden / manual_override_quantity) included, are NOT read: the plan's own
/// forecast decides. To act on an override, change the demand history or the position, or
/// store the overridden forecast and use the ERP's own logic.
///
/// Positions with stock on hand unknown, too little history, launched after the planning day
/// or whose plan() fails are skipped and reported.
/// @throws invalid_argument for an invalid id, a position value outside plan()'s domain or
///   DECIMAL(15,4), a material listed twice, a policy value out of range or a UOM longer than
///   10 characters (nothing is written)
/// @throws sql_error on a database error (see write_replenishment_recommendations)
replenishment_report generate_replenishment_recommendations(
    connection& conn, const scope& where,
    std::span<const invforecast::inventory_position> positions,
    const replenishment_options& options = {});

/// Filter of get_replenishment_recommendations (unset = any).
struct replenishment_filter {
  std::optional<std::string> status{};  ///< e.g. "PENDING"
  std::optional<std::string> material_id{};
  std::optional<invforecast::urgency> urgency{};
  int limit = 1000;  ///< at most this many rows, 1..100000
};

/// Reads suggestions (not soft-deleted), most urgent first, then newest first.
/// @throws invalid_argument for an invalid id or limit
/// @throws sql_error on a database error
[[nodiscard]] std::vector<replenishment_row> get_replenishment_recommendations(
    connection& conn, const scope& where, const replenishment_filter& filter = {});

}  // namespace invforecast::pg
