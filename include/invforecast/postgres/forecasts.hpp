#pragma once

/// @file
/// material_forecasts and forecast_models: reading forecasts, and generating new forecast
/// versions (read history, fit, write model + horizon rows, supersede the previous ACTIVE
/// version's overlapping future rows), material by material.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/postgres/connection.hpp"
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

/// What generate_forecasts does.
struct generate_options {
  /// Materials to forecast; empty = every material with demand history in the facility whose
  /// materials.forecasting_enabled is not false (all of them when the column is absent).
  std::vector<std::string> material_ids{};
  /// Days to forecast, 1..3660; unset = the material's forecast_horizon_days when the column
  /// exists, else 90.
  std::optional<int> horizon_days{};
  /// Algorithm for every material ("AUTO", "MOVING_AVERAGE", "EXP_SMOOTHING", "HOLT",
  /// "HOLT_WINTERS", "CROSTON", "SBA", "SBJ", "TSB", "MEAN", "NAIVE", or an ETS code such as
  /// "AAdN"); unset = the material's forecast_algorithm when the column exists, else "AUTO".
  std::optional<std::string> algorithm{};
  /// First forecast day; history ends the day before. Unset = the server's current_date.
  std::optional<std::chrono::year_month_day> as_of{};
  /// Training window in days (ending the day before as_of), >= 1. The series starts at the
  /// material's first recorded day inside the window; missing days are zero demand.
  int history_days = 365;
  /// Materials with fewer days of history are skipped (reported, not an error); unset = the
  /// material's minimum_forecast_history_days when the column exists, else 28.
  std::optional<int> minimum_history_days{};
  /// Origins of the rolling backtest giving forecast_models.test_* and the confidence score
  /// (0 = no backtest: those columns are NULL).
  int backtest_origins = 3;
  /// Unit of measure when the material has no demand row with one.
  std::string default_uom = "EA";
  /// Only the materials of this shard (see shard_of).
  shard part{};
  /// One transaction for the call (default) or one per material.
  commit_scope commit = commit_scope::whole_call;
  /// created_by of the rows written.
  std::string user = "invforecast";
};

/// Outcome of one material.
enum class generation_status { written, skipped };

/// What generate_forecasts did for one material.
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

/// What generate_forecasts did.
struct generate_report {
  std::vector<material_generation> materials{};  ///< in material_id order
  std::size_t written = 0;
  std::size_t skipped = 0;
  std::size_t clamped_values = 0;  ///< values clamped to their column (see write_report)
};

/// Generates forecasts, streaming material by material (memory holds one material's
/// history and forecast at a time). For each material, in material_id order: take a
/// transaction-scoped advisory lock on (tenant, facility, material) so concurrent generators
/// serialise; read the zero-filled history; fit the model with invforecast::fit_and_forecast;
/// backtest it; insert a forecast_models row (parameters as JSON, training window, test
/// metrics; earlier ACTIVE models of the material are RETIRED) and the horizon's
/// material_forecasts rows (one multi-row INSERT, 80 % and 95 % bounds, confidence) as
/// version max+1; mark the previous ACTIVE rows dated on or after as_of SUPERSEDED
/// (superseded_by_forecast_id = the new row of the same date, NULL past the new horizon).
/// Materials with too little history or an unknown algorithm are skipped and reported.
/// @throws invalid_argument when an id is not a UUID, an option is out of range or the
///   shard is invalid (nothing is written)
/// @throws sql_error on a database error: with commit_scope::whole_call nothing is written;
///   with per_material the materials committed before the failing one stay
[[nodiscard]] generate_report generate_forecasts(connection& conn, const scope& where,
                                                 const generate_options& options = {});

}  // namespace invforecast::pg
