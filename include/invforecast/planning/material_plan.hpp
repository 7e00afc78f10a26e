#pragma once

/// @file
/// The result of plan() for one material: the fitted model and its forecast, its backtest
/// accuracy, the safety stock with the method used and why, the reorder point and the purchase
/// suggestion; and the per-material outcome of the batch form (a plan or a typed error).

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/selection/forecaster.hpp"

namespace invforecast {

/// Rolling-origin backtest accuracy of the chosen model (re-fitted at every origin), pooled
/// over origins and steps.
struct backtest_summary {
  std::size_t origins = 0;     ///< origins scored
  int horizon = 0;             ///< days ahead scored at each origin
  std::size_t points = 0;      ///< forecasts scored
  std::optional<double> mape;  ///< percent, zero actuals excluded (empty when all are zero)
  std::size_t mape_excluded_zeros = 0;
  std::optional<double> wape;  ///< fraction
  std::optional<double> mase;
  double mae = 0;
  double rmse = 0;
  double bias = 0;  ///< mean(actual - forecast): positive = under-forecasting
  std::optional<double> r_squared;
  std::vector<std::pair<double, double>> coverage;  ///< (level, empirical interval coverage)
  double confidence = 0;                            ///< model_confidence_score in [0, 1]
  /// The model was re-estimated at every origin (false: the whole history's ETS fit was run
  /// over each training window, backtest_refit::fixed).
  bool refitted = true;
};

/// Everything plan() decided for one material.
struct material_plan {
  std::string material;  ///< inventory_position::material
  /// First and last day of the history used (the last is the planning day: forecasts start
  /// the day after it).
  std::chrono::year_month_day history_start{}, as_of{};
  /// Daily demand from history_start to as_of (days without a record are 0; unknown days 0
  /// and excluded from the fit).
  std::vector<double> history;
  std::size_t demand_days = 0;   ///< days with demand > 0
  std::size_t unknown_days = 0;  ///< days whose demand is unknown
  /// The model (method, ETS form, parameters, season length, why it was chosen) with its
  /// forecast and prediction intervals (fit.fc) for policy horizon_days.
  model_fit<double> fit;
  /// Backtest accuracy; empty when disabled, the history is too short, or it failed (see
  /// accuracy_note).
  std::optional<backtest_summary> accuracy;
  std::string accuracy_note;  ///< why there is no backtest
  int lead_time_days = 0;     ///< whole days (inventory_position::lead_time_days rounded up)
  double service_level = 0;   ///< the cycle service level used
  /// Safety stock (units, >= 0) with the method used and the reason (formula, inputs).
  safety_stock_result<double> safety;
  /// Forecast demand over the lead time + safety stock.
  double reorder_point = 0;
  /// The purchase suggestion: projected stockout, reorder point, order quantity, order and
  /// delivery dates, cost, urgency and reason. Empty when the stock on hand is not known.
  std::optional<replenishment_suggestion<double>> suggestion;
  std::string note;  ///< policy notes (discontinued, cost-less EOQ, ...); empty when none
};

/// Why a material could not be planned.
enum class plan_error_kind {
  invalid_argument,   ///< a value of the material's input is outside its domain
  insufficient_data,  ///< no usable history (e.g. launched after the planning day)
  other               ///< any other failure of the numeric core
};

/// The outcome of one material in the batch form of plan(): a plan, or the error that the
/// single-material plan() threw for it (its message names the material).
struct plan_outcome {
  std::string material;
  std::optional<material_plan> plan;                    ///< set when planned
  plan_error_kind error_kind = plan_error_kind::other;  ///< when !ok()
  std::string error;                                    ///< when !ok(): the message
  /// Wall time of this material's plan in seconds (for progress reports; the only field that
  /// differs between runs).
  double seconds = 0;

  [[nodiscard]] bool ok() const noexcept { return plan.has_value(); }

  /// The plan.
  /// @throws invalid_argument, insufficient_data or error (by error_kind) with the message,
  ///   when the material failed.
  [[nodiscard]] const material_plan& value() const {
    if (plan) return *plan;
    switch (error_kind) {
      case plan_error_kind::invalid_argument:
        throw invalid_argument(error);
      case plan_error_kind::insufficient_data:
        throw insufficient_data(error);
      case plan_error_kind::other:
        break;
    }
    throw invforecast::error(error);
  }
};

}  // namespace invforecast
