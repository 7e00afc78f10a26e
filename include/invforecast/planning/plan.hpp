#pragma once

/// @file
/// plan(): one material's whole decision from demand history to purchase suggestion, and the
/// batch form over many materials on several threads. The only place that knows the order of
/// the steps; the CLI and the PostgreSQL adapters call it and map rows. See docs/planning.md.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/detail/parallel.hpp"
#include "invforecast/error.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/planning/planning_policy.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"
#include "invforecast/stats/normal.hpp"

// Header-only mode (the default): plan() is defined inline below (planning/detail/plan_impl.hpp).
// Compiled mode (INVFORECAST_COMPILED, invforecast::compiled): plan() is only declared here and
// defined once in the library (src/compiled/planning.cpp), so a translation unit that includes
// this header does not instantiate the forecasting engine.
#if defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_PLAN_INLINE
#else
#define INVFORECAST_DETAIL_PLAN_INLINE inline
#endif

namespace invforecast {

/// One demand record of a material, as the ERP's demand_history stores it.
struct demand_row {
  std::string material{};                ///< the material's key
  std::chrono::year_month_day date{};    ///< the day of the demand
  std::optional<double> quantity = 0.0;  ///< >= 0; empty = the day's demand is unknown
};

/// Options of the batch form of plan().
struct batch_plan_options {
  /// First day of the demand extract: days from it on without a row are zero demand. Empty =
  /// the earliest row date.
  std::optional<std::chrono::year_month_day> first_day{};
  /// The planning day (last day of history; forecasts start the day after). Empty = the latest
  /// row date.
  std::optional<std::chrono::year_month_day> as_of{};
  /// Worker threads (0 = hardware concurrency). Results do not depend on it.
  unsigned threads = 0;
  /// Parameters of materials that have demand rows but no inventory position (their
  /// `material` is replaced). Stock unknown by default: they get a forecast, safety stock and
  /// reorder point, but no order suggestion.
  inventory_position default_position = unknown_stock();
  /// Called after each material (done, total, its outcome), one call at a time, in the order
  /// materials finish.
  std::function<void(std::size_t, std::size_t, const plan_outcome&)> progress{};

  /// An inventory_position with on_hand unknown.
  [[nodiscard]] static inventory_position unknown_stock() {
    inventory_position p;
    p.on_hand.reset();
    return p;
  }
};

namespace detail::planning {

inline constexpr std::size_t minimum_backtest_training = 28;
inline constexpr std::size_t distribution_free_window = 365;  // days for simulated / empirical
inline constexpr std::uint64_t bootstrap_seed = 42;

inline bool is_intermittent_method(method kind) {
  return kind == method::croston || kind == method::sba || kind == method::sbj ||
         kind == method::tsb;
}

inline void check_policy(std::string_view fn, const planning_policy& p) {
  check_level(fn, "policy.service_level", p.service_level);
  if (p.fill_rate) check_level(fn, "policy.fill_rate", *p.fill_rate);
  if (p.review_period_days < 0 || p.review_period_days > 3650) {
    throw_invalid_value(fn, "policy.review_period_days", p.review_period_days, "in [0, 3650]");
  }
  if (p.horizon_days < 1 || p.horizon_days > 3660) {
    throw_invalid_value(fn, "policy.horizon_days", p.horizon_days, "in [1, 3660]");
  }
  check_non_negative(fn, "policy.history_days", p.history_days);
  check_non_negative(fn, "policy.backtest_horizon", p.backtest_horizon);
  check_non_negative(fn, "policy.backtest_origins", p.backtest_origins);
  for (std::size_t i = 0; i < p.levels.size(); ++i) {
    check_level(fn, "policy.levels[" + std::to_string(i) + "]", p.levels[i]);
  }
}

inline void check_position(std::string_view fn, const inventory_position& p) {
  if (p.on_hand) check_finite(fn, "on_hand", *p.on_hand);
  check_non_negative(fn, "allocated", p.allocated);
  for (std::size_t k = 0; k < p.on_order.size(); ++k) {
    check_non_negative(fn, "on_order[" + std::to_string(k) + "].quantity", p.on_order[k].quantity);
    if (p.on_order[k].due_date) {
      check_valid_date(fn, "on_order[" + std::to_string(k) + "].due_date", *p.on_order[k].due_date);
    }
  }
  check_closed_interval(fn, "lead_time_days", p.lead_time_days, 0.0, 3650.0);
  check_non_negative(fn, "lead_time_sd_days", p.lead_time_sd_days);
  check_non_negative(fn, "minimum_order_quantity", p.minimum_order_quantity);
  check_non_negative(fn, "order_multiple", p.order_multiple);
  check_non_negative(fn, "unit_cost", p.unit_cost);
  check_non_negative(fn, "ordering_cost", p.ordering_cost);
  check_non_negative(fn, "holding_rate", p.holding_rate);
  if (p.service_level) check_level(fn, "service_level", *p.service_level);
  if (p.launch_date) check_valid_date(fn, "launch_date", *p.launch_date);
  if (p.discontinue_date) check_valid_date(fn, "discontinue_date", *p.discontinue_date);
}

// "plan: material 'X'": the function name of every error of one material's plan.
inline std::string function_name(std::string_view material) {
  return "plan: material '" + std::string(material) + "'";
}

// Runs `body`, re-throwing the library's errors with "<fn>: " in front of the message (same
// type) unless it is already there, so every error names the material.
template <typename Body>
auto with_context(const std::string& fn, Body&& body) -> decltype(body()) {
  const auto message = [&fn](const std::exception& e) {
    const std::string_view what = e.what();
    return what.starts_with(fn) ? std::string(what) : fn + ": " + std::string(what);
  };
  try {
    return body();
  } catch (const invforecast::invalid_argument& e) {
    throw invforecast::invalid_argument(message(e));
  } catch (const invforecast::insufficient_data& e) {
    throw invforecast::insufficient_data(message(e));
  } catch (const invforecast::error& e) {
    throw invforecast::error(message(e));
  }
}

}  // namespace detail::planning

/// Plans one material: its whole decision from demand history to purchase suggestion.
///
/// Steps (docs/planning.md gives each rule and formula):
/// 1. History: the days of `history` from the latest of its first day, the launch date and
///    as_of - history_days + 1, to its last day (the planning day, as_of). Unknown days are
///    passed to the model as unknown, not as zero.
/// 2. Forecast: fit_and_forecast with policy.forecaster for horizon_days, with the policy's
///    levels and the lead-time demand moments up to the lead time.
/// 3. Accuracy: rolling-origin backtest of the chosen model (refit_options: same method and
///    form, parameters re-estimated), backtest_origins origins backtest_horizon days apart,
///    scored backtest_horizon days ahead, training at least 28 days.
/// 4. Safety stock (safety_stock_rule): forecast_model
///    \f$ SS = z_{p}\sqrt{\mathrm{Var}(D_L) + \bar d^2 \sigma_L^2} \f$, Var(D_L) the fitted
///    model's variance of the lead-time demand, \f$\bar d\f$ its mean daily lead-time demand;
///    simulated (intermittent and lumpy demand under `automatic`): the bootstrap quantile of
///    the last 365 days; a fill-rate target uses the normal loss function instead. Never
///    negative; 0 for a lead time of 0 days.
/// 5. Suggestion (only when on_hand is known): suggest_replenishment with the planned demand
///    (the forecast, zero after the discontinue date), the safety stock, review period and
///    order rule; no order for a discontinued material.
///
/// The result depends on the arguments only (all simulations are seeded).
/// @param history the material's daily demand; its last day is the planning day
/// @param position stock and purchasing parameters (position.material names the material)
/// @param policy the planning rules
/// @throws invalid_argument when a policy or position value is outside its domain, or
///   horizon_days < max(30, lead time + review period); insufficient_data when no day of
///   history remains (e.g. launched after the planning day). Every message starts with
///   "plan: material '<material>': ".
[[nodiscard]] INVFORECAST_DETAIL_PLAN_INLINE material_plan plan(const daily_series<double>& history,
                                                                const inventory_position& position,
                                                                const planning_policy& policy = {});

/// Plans every material: those with demand rows and those with an inventory position, in
/// material order, on `options.threads` threads. Never throws for a material's data: each
/// outcome holds the plan, or the typed error the single-material plan() threw for it.
///
/// Per material: its rows from options.first_day (default: the earliest row of all) to
/// options.as_of (default: the latest row of all) make a daily_series (rows of one day are
/// added; a row without a quantity makes its day unknown; days without rows are zero demand;
/// rows outside the range are not used), planned with its position (options.default_position
/// when it has none). A material listed twice among the positions fails. Identical results
/// for every thread count.
/// @throws invalid_argument for a policy value outside its domain, or when there are no rows
///   and options.first_day / as_of are not both given (the call itself is wrong, not a
///   material's data).
[[nodiscard]] INVFORECAST_DETAIL_PLAN_INLINE std::vector<plan_outcome> plan(
    std::span<const demand_row> demand, std::span<const inventory_position> positions,
    const planning_policy& policy = {}, const batch_plan_options& options = {});

}  // namespace invforecast

#if !defined(INVFORECAST_COMPILED)
#include "invforecast/planning/detail/plan_impl.hpp"  // IWYU pragma: export
#endif
// The extern template declarations of the forecaster's instantiations (compiled mode).
#include "invforecast/selection/detail/forecaster_extern.hpp"  // IWYU pragma: export
