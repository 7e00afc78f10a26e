#pragma once

/// @file
/// How plan() turns a demand history into a purchase decision: the rules shared by every
/// material of a run. See docs/planning.md for each field's meaning and default.

#include <optional>
#include <string_view>
#include <vector>

#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/selection/forecaster.hpp"

namespace invforecast {

/// How plan() computes the safety stock.
enum class safety_stock_rule {
  /// forecast_model for demand the forecaster models as smooth or erratic, simulated for
  /// intermittent and lumpy demand (Croston family, TSB).
  automatic,
  /// \f$ z\sqrt{\mathrm{Var}(\text{lead-time demand}) + \bar d^2 \sigma_L^2} \f$: the fitted
  /// model's lead-time demand variance plus the lead-time-variability term.
  forecast_model,
  /// Bootstrap of the last 365 days of daily demand over the lead time (seed 42).
  simulated,
  /// Quantile of the observed rolling lead-time demands of the last 365 days.
  empirical
};

/// "automatic", "forecast_model", "simulated", "empirical".
[[nodiscard]] constexpr std::string_view to_string(safety_stock_rule rule) noexcept {
  switch (rule) {
    case safety_stock_rule::forecast_model:
      return "forecast_model";
    case safety_stock_rule::simulated:
      return "simulated";
    case safety_stock_rule::empirical:
      return "empirical";
    case safety_stock_rule::automatic:
      break;
  }
  return "automatic";
}

/// How plan()'s backtest (material_plan::accuracy) obtains the model at each origin. Either way
/// the backtest only scores the model: the forecast, safety stock and order come from the fit
/// on the whole history and do not depend on this choice.
enum class backtest_refit {
  /// ETS models (method::ets, no unknown day) are not re-estimated: the forecaster's fit of the
  /// whole history (its parameters and model_fit::initial_states, nothing searched again) is run
  /// over each origin's training window (fitted_ets::applied_to, R's `ets(train, model = fit,
  /// use.initial.values = TRUE)`), then forecast. The parameters have seen the test windows,
  /// so the scores are optimistic (docs/planning.md, "Backtest", measures by how much). Other
  /// methods, which are cheap to fit, and ETS fits with unknown days refit as `full` does.
  fixed,
  /// Every origin re-estimated from scratch: backtest(y, fit.refit_options(policy.forecaster)),
  /// the chosen method and form (ETS: parameters and initial states searched again).
  full
};

/// "fixed", "full".
[[nodiscard]] constexpr std::string_view to_string(backtest_refit refit) noexcept {
  return refit == backtest_refit::full ? "full" : "fixed";
}

/// The planning rules of a run (every material gets the same ones).
struct planning_policy {
  /// Cycle service level in (0, 1) for materials without their own
  /// (inventory_position::service_level).
  double service_level = 0.95;
  /// Target fill rate (type II service) in (0, 1) instead of the cycle service level: the
  /// safety stock is k sigma_LTD with G(k) = Q (1 - fill_rate) / sigma_LTD, Q the forecast
  /// demand of one review period (at least one day). Empty = cycle service level.
  std::optional<double> fill_rate{};
  /// Days until the next planning run; the order covers lead time + review period. >= 0.
  int review_period_days = 7;
  /// Forecast days, >= max(30, lead time + review period) of every material.
  int horizon_days = 90;
  /// Use only the last N days of history (0 = all).
  int history_days = 0;
  /// Days ahead scored at every backtest origin (0 = no backtest).
  int backtest_horizon = 14;
  /// Rolling origins of the backtest, one every backtest_horizon days (0 = no backtest).
  int backtest_origins = 4;
  /// Whether the backtest re-estimates the model at each origin (see backtest_refit).
  backtest_refit refit = backtest_refit::fixed;
  /// The safety-stock rule.
  safety_stock_rule safety_stock = safety_stock_rule::automatic;
  /// Order quantity rule (FORECAST_BASED, EOQ, MIN_MAX, SAFETY_STOCK_REPLENISHMENT). Rules
  /// that need a cost fall back to FORECAST_BASED for materials without a unit cost.
  calculation_method order_rule = calculation_method::forecast_based;
  /// Prediction interval levels of the forecast, each in (0, 1).
  std::vector<double> levels{0.80, 0.95};
  /// Model choice (automatic by default: demand class and AICc).
  forecaster_options<double> forecaster{};
};

}  // namespace invforecast
