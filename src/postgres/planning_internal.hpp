#pragma once

// Internal: how generate_forecasts and generate_replenishment_recommendations read a
// material's history and plan it (one copy of the rule for both), and the ERP's algorithm
// codes (not installed).

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/planning/planning_policy.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/forecasts.hpp"
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

/// A material's settings columns (materials table), each unset when NULL or absent.
struct material_settings {
  std::optional<std::string> algorithm;
  std::optional<long long> horizon_days;
  std::optional<long long> minimum_history_days;
};

/// One material's settings (none when material_settings is off or the columns are absent).
material_settings read_material_settings(transaction& tx, std::string_view fn,
                                         const planning_context& ctx, const std::string& material);

/// The settings of many materials in one query, by lower-case material id.
std::map<std::string, material_settings, std::less<>> read_material_settings(
    transaction& tx, std::string_view fn, const planning_context& ctx,
    const std::vector<std::string>& materials);

/// First day of history any material may use (the extract's first day, or the window start
/// when policy.history_days > 0): reading rows from it on is enough for every material.
std::chrono::year_month_day extract_start(const planning_context& ctx);

/// Plans a material from its rows already read (date, quantity; dates outside the material's
/// history are ignored): the per-material settings, the history rule and plan(). Thread-safe
/// (no database access).
planned_material plan_history(const planning_context& ctx, const std::string& material,
                              const invforecast::inventory_position& position,
                              const material_settings& settings,
                              std::span<const std::pair<std::chrono::year_month_day, double>> rows,
                              std::string uom);

/// Reads the material's history by the rule of planning_options and plans it.
planned_material plan_material(transaction& tx, std::string_view fn, const planning_context& ctx,
                               const std::string& material,
                               const invforecast::inventory_position& position);

/// The materials a whole-facility run plans: every material with a live demand_history row in
/// the scope, except those whose materials.forecasting_enabled is FALSE (NULL counts as
/// enabled); lower-case ids, sorted. `has_enabled_column` says whether the materials table has
/// that column (without it every material with history is planned). Used by
/// generate_forecasts and the nightly run (one copy of the query). Defined in forecasts.cpp.
std::vector<std::string> forecast_enabled_materials(transaction& tx, std::string_view fn,
                                                    const scope& where, bool has_enabled_column);

/// Transaction-scoped advisory lock on (tenant, facility, material): writers of one material
/// serialise.
void lock_material(transaction& tx, std::string_view fn, const scope& where,
                   const std::string& material);

/// The ERP algorithm code of a fit: ETS without trend and season EXP_SMOOTHING, with a trend
/// only HOLT, with a season HOLT_WINTERS; otherwise method_name (MOVING_AVERAGE, CROSTON, ...).
std::string erp_algorithm(const invforecast::model_fit<double>& fit);

/// Stores one plan as a new forecast version: write_forecast_batch with that plan alone. `uom`
/// empty = the material's latest demand_uom, else options.default_uom. Adds the clamped values
/// to `clamped`.
material_generation write_forecast_rows(transaction& tx, std::string_view fn, const scope& where,
                                        const invforecast::material_plan& plan, std::string uom,
                                        const forecast_write_options& options,
                                        std::size_t& clamped);

/// demand_uom of the material's latest demand_history row ("" when none).
std::string latest_uom(transaction& tx, std::string_view fn, const scope& where,
                       const std::string& material);

/// Stores plans as new forecast versions (write_forecasts' row mapping, map_plan), in 7
/// statements for all of them: one advisory lock statement (all materials, byte order of the
/// ids: no deadlock with generate_forecasts), one uom lookup for the plans whose `uoms` entry is
/// empty (latest_uom's rule; then options.default_uom), the next versions, the retire UPDATE, the
/// forecast_models INSERT, the material_forecasts INSERT (plans x horizon rows) and the supersede
/// UPDATE. The plans' materials must be distinct. One result per plan, in the order given. A
/// database error leaves the transaction failed: run it under a savepoint to retry plan by plan.
/// @throws invalid_argument when a material is listed twice
/// @throws sql_error on a database error
std::vector<material_generation> write_forecast_batch(
    transaction& tx, std::string_view fn, const scope& where,
    std::span<const invforecast::material_plan* const> plans, std::span<const std::string> uoms,
    const forecast_write_options& options, std::size_t& clamped);

}  // namespace invforecast::pg::detail
