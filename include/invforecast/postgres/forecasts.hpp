#pragma once

/// @file
/// material_forecasts and forecast_models: reading forecasts; storing plans as new forecast
/// versions (model row + horizon rows, superseding the previous ACTIVE version's overlapping
/// future rows); and generating them: read history, invforecast::plan(), store.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/planning.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// One material_forecasts row.
struct forecast_row {
  std::string material_forecast_id{};
  std::string material_id{};
  std::optional<std::string> forecast_model_id{};
  std::chrono::year_month_day forecast_date{};
  std::string forecast_horizon{};    ///< SHORT_TERM (day 1-30), MEDIUM_TERM (31-90), LONG_TERM
  std::string forecast_algorithm{};  ///< e.g. EXP_SMOOTHING, HOLT_WINTERS, CROSTON
  int forecast_version = 1;
  double forecasted_quantity = 0;
  std::string uom{};
  std::optional<double> lower_80{}, upper_80{}, lower_95{}, upper_95{};
  std::optional<double> confidence{};  ///< model_confidence_score, 0..1
  std::string status{};                ///< ACTIVE, SUPERSEDED, REJECTED
  std::optional<std::string> superseded_by_forecast_id{};
  bool is_manually_overridden = false;
  std::optional<double> manual_override_quantity{};
};

/// Reads a material's forecasts for forecast dates in [from, to], optionally only those with
/// the given status ("ACTIVE", "SUPERSEDED", "REJECTED"), ordered by date then version.
/// @throws invalid_argument when an id is not a UUID or from > to
/// @throws sql_error on a database error
[[nodiscard]] std::vector<forecast_row> get_material_forecasts(
    connection& conn, const scope& where, std::string_view material_id,
    std::chrono::year_month_day from, std::chrono::year_month_day to,
    std::optional<std::string> status = std::nullopt);

/// How write_forecasts (and generate_forecasts) store plans.
struct forecast_write_options {
  /// Unit of measure (forecast_uom) of a material without a demand_history row with one; 1 to
  /// 10 characters. Otherwise the demand_uom of its latest row.
  std::string default_uom = "EA";
  /// One transaction for the call (default) or one per material.
  commit_scope commit = commit_scope::whole_call;
  /// created_by / updated_by of the rows written.
  std::string user = "invforecast";
};

/// What generate_forecasts does.
struct generate_options {
  /// Materials to forecast; empty = every material with demand history in the facility whose
  /// materials.forecasting_enabled is not false (all of them when the column is absent).
  std::vector<std::string> material_ids{};
  /// The planning rules and the history rule (planning.hpp); the policy's horizon_days is the
  /// number of days forecast (>= max(30, lead time + review period), plan()'s rule).
  planning_options planning{};
  /// Positions of the materials that have one (inventory_position::material = material_id):
  /// their launch date starts the history, their lead time sets the lead-time moments of the
  /// fit. Give the same positions as to generate_replenishment_recommendations so both use
  /// the same plan. Materials without one: stock unknown
  /// (invforecast::batch_plan_options::unknown_stock()).
  std::vector<invforecast::inventory_position> positions{};
  /// First forecast day; the history (and plan()'s as_of, the planning day) ends the day
  /// before. Unset = the server's current_date.
  std::optional<std::chrono::year_month_day> as_of{};
  /// Only the materials of this shard (see shard_of).
  shard part{};
  /// UOM, commit scope and user of the rows written.
  forecast_write_options write{};
};

/// Outcome of one material.
enum class generation_status { written, skipped };

/// What generate_forecasts / write_forecasts did for one material.
struct material_generation {
  std::string material_id{};
  generation_status status = generation_status::skipped;
  int version = 0;                  ///< the forecast_version written
  std::string forecast_model_id{};  ///< the forecast_models row written
  std::string algorithm{};          ///< ERP algorithm code written (e.g. EXP_SMOOTHING)
  std::string model_name{};         ///< the fitted model, e.g. "ETS(A,N,N)", "CROSTON", "MA(7)"
  int rows = 0;                     ///< material_forecasts rows written
  long long superseded = 0;         ///< previous ACTIVE rows marked SUPERSEDED
  std::string reason{};             ///< why skipped, or the model selection's reason
};

/// What generate_forecasts / write_forecasts did.
struct generate_report {
  std::vector<material_generation> materials{};  ///< in material_id order (write: input order)
  std::size_t written = 0;
  std::size_t skipped = 0;
  std::size_t clamped_values = 0;  ///< values clamped to their column (see write_report)
};

/// Stores plans computed elsewhere (e.g. by the CLI, which plans once and writes back): for
/// each plan, in the order given, a forecast_models row and its material_forecasts rows as a
/// new forecast version, exactly as generate_forecasts stores its own plans (that function
/// calls this mapping):
/// - forecast_models: model_name "invforecast/<material_id>/<facility_id>", model_algorithm
///   the ERP code of plan.fit (ETS without trend and season EXP_SMOOTHING, with a trend only
///   HOLT, with a season HOLT_WINTERS, otherwise method_name: MOVING_AVERAGE, CROSTON, ...),
///   model_version = the new version, training window plan.history_start .. plan.as_of,
///   training_sample_size = the days of plan.history, model_hyperparameters the fit (method,
///   ETS form, alpha, beta, gamma, phi, season length, sigma2, AICc, demand class, reason,
///   and backtest_refit: "full" when the backtest re-estimated the model at every origin,
///   "fixed" when it ran the whole history's fit, planning_policy::refit), test_mape / rmse / mae /
///   bias / r_squared from plan.accuracy (NULL without a backtest); earlier ACTIVE models of the
///   material are RETIRED;
/// - material_forecasts: one row per day of plan.fit.fc from plan.as_of + 1, the mean and the
///   80 % and 95 % bounds (NULL when the policy's levels lack one) truncated at 0 and rounded
///   by the column, model_confidence_score = plan.accuracy->confidence (NULL without a
///   backtest), forecast_horizon SHORT_TERM (days 1-30), MEDIUM_TERM (31-90), LONG_TERM;
/// - the previous ACTIVE rows dated from plan.as_of + 1 on are SUPERSEDED
///   (superseded_by_forecast_id = the new row of the same date, NULL past the new horizon).
/// Each material takes a transaction-scoped advisory lock on (tenant, facility, material) so
/// concurrent writers serialise and versions stay consecutive.
/// @param plans plan.material is the material_id (UUID)
/// @throws invalid_argument when an id is not a UUID, a plan has no forecast or a non-finite
///   value, or default_uom is not 1 to 10 characters (nothing is written)
/// @throws sql_error on a database error: with commit_scope::whole_call nothing is written;
///   with per_material the materials committed before the failing one stay
generate_report write_forecasts(connection& conn, const scope& where,
                                std::span<const invforecast::material_plan> plans,
                                const forecast_write_options& options = {});

/// Generates forecasts, material by material in material_id order (memory holds one
/// material's history and plan at a time): take the material's advisory lock; read its
/// zero-filled history by the rule of planning_options; plan it with
/// invforecast::plan(series, position, policy) (the policy after the material's overrides;
/// the position from options.positions, else stock unknown); store the plan with
/// write_forecasts' mapping. Materials with too little history, launched after the planning
/// day, with an unknown algorithm or whose plan() fails (its message) are skipped and
/// reported.
/// @throws invalid_argument when an id is not a UUID, an option or a policy value is out of
///   range, a material has two positions, or the shard is invalid (nothing is written)
/// @throws sql_error on a database error: with commit_scope::whole_call nothing is written;
///   with per_material the materials committed before the failing one stay
[[nodiscard]] generate_report generate_forecasts(connection& conn, const scope& where,
                                                 const generate_options& options = {});

}  // namespace invforecast::pg
