#pragma once

/// @file
/// How the adapters plan a material: generate_forecasts and
/// generate_replenishment_recommendations read its history and call invforecast::plan() with
/// these options, so both functions (and the CLI, which calls plan() on the same records) give
/// the same numbers for the same data and policy. See docs/postgres.md, "One rule for both
/// paths".

#include <chrono>
#include <optional>
#include <string_view>

#include "invforecast/planning/planning_policy.hpp"

namespace invforecast::pg {

/// The planning rules of an adapter call and where each material's history starts.
///
/// History rule (the batch plan()'s): a material's daily series runs from the latest of
/// first_day, its launch date (inventory_position::launch_date) and, when policy.history_days
/// > 0, the planning day - history_days + 1, to the planning day; days without a
/// demand_history row (or with a soft-deleted one) are zero demand.
///
/// Per-material overrides (when material_settings is true and the column exists and is not
/// NULL): materials.forecast_algorithm replaces policy.forecaster's method, ETS form and season
/// length ('AUTO' keeps the policy's choice; the ERP codes EXP_SMOOTHING = ETS(A,N,N), HOLT =
/// ETS(A,A,N), HOLT_WINTERS = ETS(A,A,A) with a weekly season; any other value is read by
/// invforecast::forecaster_options_for, e.g. "CROSTON", "MA(7)" or "AAdN"; an unknown value
/// skips the material); materials.forecast_horizon_days replaces policy.horizon_days;
/// materials.minimum_forecast_history_days replaces minimum_history_days.
struct planning_options {
  /// The rules of plan() (service level, review period, horizon, history window, backtest,
  /// safety-stock rule, order rule, interval levels, model choice).
  invforecast::planning_policy policy{};
  /// First day of the history extract; empty = the facility's earliest demand_history row
  /// (not soft-deleted, any material), as the batch plan() takes the earliest record.
  std::optional<std::chrono::year_month_day> first_day{};
  /// Let the materials table override the policy per material (see above).
  bool material_settings = true;
  /// Materials whose history (after the rule above) has fewer days are skipped and reported;
  /// >= 1. Used unless the material's minimum_forecast_history_days applies.
  int minimum_history_days = 28;
};

/// The forecaster options of an ERP algorithm code (materials.forecast_algorithm,
/// forecast_models.model_algorithm): "AUTO" (or empty) = automatic choice; EXP_SMOOTHING
/// (also EXPONENTIAL_SMOOTHING, SES) = ETS(A,N,N), HOLT (DOUBLE_EXP_SMOOTHING) = ETS(A,A,N),
/// HOLT_WINTERS (TRIPLE_EXP_SMOOTHING) = ETS(A,A,A) with season length 7, each without season
/// detection; any other code is read by invforecast::forecaster_options_for ("CROSTON", "SBA",
/// "TSB", "MOVING_AVERAGE", "MA(7)", "MEAN", "NAIVE", "AAdN", ...). Case-insensitive for the
/// ERP codes.
/// @code
/// planning_options o;
/// o.policy.forecaster = invforecast::pg::erp_forecaster_options("HOLT_WINTERS");
/// @endcode
/// @throws invalid_argument for an unknown code (forecaster_options_for's message)
[[nodiscard]] invforecast::forecaster_options<double> erp_forecaster_options(std::string_view code);

}  // namespace invforecast::pg
