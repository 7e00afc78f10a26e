#pragma once

// Internal: how generate_forecasts and generate_replenishment_recommendations read a
// material's history and plan it (one copy of the rule for both), and the ERP's algorithm
// codes (not installed).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/planning/planning_policy.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/planning.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg::detail {

/// ASCII upper-case copy.
std::string upper(std::string_view s);

/// The per-call facts every material's plan needs.
struct planning_context {
  const scope* where = nullptr;
  const planning_options* options = nullptr;
  std::chrono::year_month_day planning_day{};  ///< plan()'s as_of: the last day of history
  std::chrono::year_month_day first_day{};     ///< first day of the extract
  std::vector<std::string> material_columns;   ///< the materials' settings columns present
  [[nodiscard]] bool has(std::string_view column) const;
};

/// Checks the options (before anything is read or written).
/// @throws invalid_argument
void check_planning_options(std::string_view fn, const planning_options& options);

/// Checks a position as plan() does, plus the id and the DECIMAL(15,4) ranges.
/// @throws invalid_argument
void check_planning_position(std::string_view fn, const std::string& at,
                             const invforecast::inventory_position& p);

/// Reads the materials' settings columns and the first day of the extract.
planning_context make_planning_context(transaction& tx, std::string_view fn, const scope& where,
                                       const planning_options& options,
                                       std::chrono::year_month_day planning_day);

/// A material planned, or why not.
struct planned_material {
  std::optional<invforecast::material_plan> plan;
  std::string reason;  ///< why skipped
  std::string uom;     ///< demand_uom of the latest row read ("" when none)
};

/// Reads the material's history by the rule of planning_options and plans it.
planned_material plan_material(transaction& tx, std::string_view fn, const planning_context& ctx,
                               const std::string& material,
                               const invforecast::inventory_position& position);

/// Transaction-scoped advisory lock on (tenant, facility, material): writers of one material
/// serialise.
void lock_material(transaction& tx, std::string_view fn, const scope& where,
                   const std::string& material);

/// The ERP algorithm code of a fit: ETS without trend and season EXP_SMOOTHING, with a trend
/// only HOLT, with a season HOLT_WINTERS; otherwise method_name (MOVING_AVERAGE, CROSTON, ...).
std::string erp_algorithm(const invforecast::model_fit<double>& fit);

/// demand_uom of the material's latest demand_history row ("" when none).
std::string latest_uom(transaction& tx, std::string_view fn, const scope& where,
                       const std::string& material);

}  // namespace invforecast::pg::detail
