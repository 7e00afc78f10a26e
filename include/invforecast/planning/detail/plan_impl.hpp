#pragma once

/// @file
/// The bodies of planning/plan.hpp's functions (the steps of plan() and both plan() overloads).
/// Included by plan.hpp in header-only mode (the default; the functions are `inline`) and by
/// the compiled component's src/compiled/planning.cpp (INVFORECAST_COMPILED: defined once there).
/// Not for direct use: include <invforecast/planning/plan.hpp>.

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
#include "invforecast/planning/plan.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

namespace detail::planning {

/// backtest_refit::fixed for an ETS fit: the forecaster's own model (its parameters and
/// initial states, model_fit::initial_states) rebuilt with every value fixed, so nothing is
/// searched and a parameter the policy fixes is the one scored; then at every origin run over
/// the training window (fitted_ets::applied_to, nothing re-estimated) and forecast as the
/// forecaster does (policy seed, truncated at zero).
inline backtest_result<double> backtest_fixed_ets(std::span<const double> y,
                                                  const model_fit<double>& fit,
                                                  const planning_policy& policy,
                                                  const backtest_options<double>& bo) {
  ets_options<double> eo;
  eo.model = *fit.ets;
  eo.season_length = fit.season_length;
  eo.alpha = fit.alpha;
  if (fit.ets->trend != ets_trend::none) eo.beta = fit.beta;
  if (fit.ets->season != ets_season::none) eo.gamma = fit.gamma;
  if (fit.ets->damped) eo.phi = fit.phi;
  eo.initial_states = fit.initial_states;
  // Every value given: one pass over y, no search (the states are the forecaster's).
  const fitted_ets<double> whole = ets_spec<double>(eo).fit(y);
  const std::span<const double> levels(bo.levels);
  const auto seed = policy.forecaster.seed;
  return backtest(
      y,
      [&whole, levels, seed](std::span<const double> train, int horizon) {
        return whole.applied_to(train).forecast(horizon, levels, seed, true);
      },
      bo);
}

inline void compute_accuracy(material_plan& r, std::span<const double> y,
                             const planning_policy& policy) {
  const int bh = policy.backtest_horizon;
  const int origins = policy.backtest_origins;
  if (bh <= 0 || origins <= 0) {
    r.accuracy_note = "backtest disabled";
    return;
  }
  const std::size_t n = y.size();
  const auto h = static_cast<std::size_t>(bh);
  const std::size_t span = h * static_cast<std::size_t>(origins);
  if (n < minimum_backtest_training + h) {
    r.accuracy_note = "history of " + std::to_string(n) + " days is too short for a backtest (" +
                      std::to_string(minimum_backtest_training + h) + " needed)";
    return;
  }
  backtest_options<double> bo;
  bo.horizon = bh;
  bo.step = h;
  bo.max_origins = static_cast<std::size_t>(origins);
  bo.initial_window = n >= span + minimum_backtest_training ? n - span : minimum_backtest_training;
  bo.levels = policy.levels;
  bo.season_length = std::max(1, r.fit.season_length);
  bo.threads = 1;
  const bool fixed = policy.refit == backtest_refit::fixed && r.fit.kind == method::ets &&
                     r.fit.ets && r.fit.status != fit_status::degenerate && r.unknown_days == 0;
  const auto result = fixed ? backtest_fixed_ets(y, r.fit, policy, bo)
                            : backtest(y, r.fit.refit_options(policy.forecaster), bo);
  backtest_summary a;
  a.refitted = !fixed;
  a.origins = result.origins.size();
  a.horizon = bh;
  a.points = result.overall.point.n;
  a.mape = result.overall.point.mape;
  a.mape_excluded_zeros = result.overall.point.mape_excluded_zeros;
  a.wape = result.overall.point.wape;
  a.mase = result.overall.mase;
  a.mae = result.overall.point.mae;
  a.rmse = result.overall.point.rmse;
  a.bias = result.overall.point.bias;
  a.r_squared = result.overall.r_squared;
  for (const auto& i : result.overall.intervals) a.coverage.emplace_back(i.level, i.coverage);
  a.confidence = model_confidence_score(result);
  r.accuracy = std::move(a);
}

// Var(lead-time demand) of the fitted model plus d^2 sigma_L^2, and the lead-time mean.
inline std::pair<double, double> lead_time_moments(const material_plan& r,
                                                   const inventory_position& position) {
  const int L = r.lead_time_days;
  const double mean = r.fit.lead_time_demand_mean(L);
  const double daily = mean / static_cast<double>(L);
  return {mean, r.fit.lead_time_demand_variance(L) +
                    daily * daily * position.lead_time_sd_days * position.lead_time_sd_days};
}

inline void compute_safety_stock(material_plan& r, std::span<const double> y,
                                 const inventory_position& position,
                                 const planning_policy& policy) {
  const int L = r.lead_time_days;
  if (L <= 0) {
    r.safety.method = safety_stock_method::basic;
    r.safety.safety_stock = 0;
    r.safety.reason = "lead time 0 days: no safety stock";
    return;
  }
  const std::string sd_note =
      position.lead_time_sd_days > 0
          ? " + d^2 sigma_L^2 (lead-time sd " + fixed(position.lead_time_sd_days, 2) + " days)"
          : std::string();
  if (policy.fill_rate) {
    const auto [mean, variance] = lead_time_moments(r, position);
    const double sigma = std::sqrt(variance);
    const double q = std::max(
        mean / static_cast<double>(L) * static_cast<double>(std::max(1, policy.review_period_days)),
        1e-12);
    r.safety.method = safety_stock_method::fill_rate;
    r.safety.lead_time_demand_mean = mean;
    r.safety.lead_time_demand_sd = sigma;
    if (!(sigma > 0)) {
      r.safety.safety_stock = 0;
      r.safety.reason = "fill rate " + fixed(*policy.fill_rate, 4) +
                        ": the model's lead-time demand has no variance, no safety stock";
      return;
    }
    const double k = normal_loss_inverse(q * (1 - *policy.fill_rate) / sigma);
    r.safety.z = k;
    r.safety.safety_stock = std::max(0.0, k * sigma);
    r.safety.reason =
        "fill rate " + fixed(*policy.fill_rate, 4) +
        ": SS = k sigma_LTD, G(k) = Q (1 - beta) / sigma_LTD with Q = " + fixed(q, 2) +
        " (one review period), k = " + fixed(k, 4) + ", sigma_LTD = " + fixed(sigma, 2) +
        " from the model's lead-time variance" + sd_note;
    return;
  }
  safety_stock_rule rule = policy.safety_stock;
  if (rule == safety_stock_rule::automatic) {
    rule = is_intermittent_method(r.fit.kind) ? safety_stock_rule::simulated
                                              : safety_stock_rule::forecast_model;
  }
  const std::size_t keep = std::min(y.size(), distribution_free_window);
  const std::span<const double> recent = y.last(keep);
  if (rule == safety_stock_rule::simulated) {
    if (recent.size() >= 2) {
      r.safety = safety_stock_simulated<double>(
          recent, {.service_level = r.service_level, .lead_time_days = L, .seed = bootstrap_seed});
      r.safety.safety_stock = std::max(0.0, r.safety.safety_stock);
      return;
    }
    rule = safety_stock_rule::forecast_model;
  }
  if (rule == safety_stock_rule::empirical) {
    const auto l = static_cast<std::size_t>(L);
    if (recent.size() >= l + 1) {
      std::vector<double> sums;
      double window = 0;
      for (std::size_t i = 0; i < recent.size(); ++i) {
        window += recent[i];
        if (i >= l) window -= recent[i - l];
        if (i + 1 >= l) sums.push_back(window);
      }
      r.safety = safety_stock_empirical<double>(
          sums, {.service_level = r.service_level, .lead_time_days = static_cast<double>(L)});
      r.safety.safety_stock = std::max(0.0, r.safety.safety_stock);
      return;
    }
  }
  const auto [mean, variance] = lead_time_moments(r, position);
  r.safety = safety_stock_forecast_model<double>({.service_level = r.service_level,
                                                  .lead_time_demand_mean = mean,
                                                  .lead_time_demand_variance = variance,
                                                  .lead_time_days = static_cast<double>(L)});
  r.safety.reason += sd_note;
}

inline void compute_suggestion(material_plan& r, const inventory_position& position,
                               const planning_policy& policy) {
  // The planned demand: the forecast (never below 0), ending after the last day of sale.
  std::vector<double> path(r.fit.fc.mean.size());
  std::transform(r.fit.fc.mean.begin(), r.fit.fc.mean.end(), path.begin(),
                 [](double v) { return std::max(0.0, v); });
  const auto first_forecast_day = add_days(r.as_of, 1);
  const bool discontinued = position.discontinue_date &&
                            days_between(*position.discontinue_date, first_forecast_day) >= 0;
  if (position.discontinue_date && !discontinued) {
    const auto last = static_cast<std::size_t>(days_between(r.as_of, *position.discontinue_date));
    for (std::size_t i = last; i < path.size(); ++i) path[i] = 0;
  }
  const std::size_t L = static_cast<std::size_t>(r.lead_time_days);
  r.reorder_point = sum_first(std::span<const double>(path), L) + r.safety.safety_stock;
  if (!position.on_hand) return;

  std::vector<scheduled_receipt<double>> receipts;
  double on_order = 0;
  for (const open_order& o : position.on_order) {
    on_order += o.quantity;
    if (o.due_date) receipts.push_back({o.quantity, o.due_date});
  }
  replenishment_input<double> in;
  in.today = r.as_of;
  in.on_hand = *position.on_hand;
  in.allocated = position.allocated;
  in.on_order = on_order;
  in.receipts = receipts;
  in.daily_forecast = path;
  in.safety_stock = r.safety.safety_stock;
  in.vendor_lead_time_days = r.lead_time_days;
  in.review_period_days = policy.review_period_days;
  in.unit_cost = position.unit_cost;
  in.ordering_cost = position.ordering_cost;
  in.holding_rate = position.holding_rate;
  in.minimum_order_quantity = position.minimum_order_quantity;
  in.order_multiple = position.order_multiple;
  in.method = policy.order_rule;
  if (in.method != calculation_method::forecast_based && position.unit_cost <= 0) {
    in.method = calculation_method::forecast_based;
    r.note = "no unit cost: FORECAST_BASED instead of " + std::string(to_string(policy.order_rule));
  }
  auto s = suggest_replenishment<double>(in);
  if (discontinued && s.recommended_order_quantity > 0) {
    s.recommended_order_quantity = 0;
    if (s.estimated_total_cost) s.estimated_total_cost = 0.0;
    r.note = "discontinued on " + to_iso_string(*position.discontinue_date) +
             ": no order placed (the forecast would order " + fixed(s.required_quantity, 0) + ")";
  }
  r.suggestion = std::move(s);
}

}  // namespace detail::planning

INVFORECAST_DETAIL_PLAN_INLINE material_plan plan(const daily_series<double>& history,
                                                  const inventory_position& position,
                                                  const planning_policy& policy) {
  namespace dp = detail::planning;
  const std::string fn = dp::function_name(position.material);
  return dp::with_context(fn, [&]() {
    dp::check_policy(fn, policy);
    dp::check_position(fn, position);
    material_plan r;
    r.material = position.material;
    r.as_of = history.last_day();
    r.service_level = position.service_level.value_or(policy.service_level);
    r.lead_time_days = static_cast<int>(std::ceil(position.lead_time_days));

    // 1. History.
    auto start = history.date_at(history.launch_index() < history.size() ? history.launch_index()
                                                                         : history.size() - 1);
    const auto later = [](auto a, auto b) { return detail::days_between(a, b) > 0 ? b : a; };
    if (position.launch_date) start = later(start, *position.launch_date);
    if (policy.history_days > 0)
      start = later(start, detail::add_days(r.as_of, 1 - policy.history_days));
    if (history.launch_index() >= history.size() || detail::days_between(start, r.as_of) < 0) {
      detail::throw_insufficient(fn, "launch date " + to_iso_string(start) +
                                         " is after the planning day " + to_iso_string(r.as_of) +
                                         ": no history yet");
    }
    const auto k0 = static_cast<std::size_t>(detail::days_between(history.first_day(), start));
    const std::span<const double> y = history.values().subspan(k0);
    const std::span<const std::uint8_t> known = history.known_mask().subspan(k0);
    r.history_start = start;
    r.history.assign(y.begin(), y.end());
    for (std::size_t i = 0; i < y.size(); ++i) {
      if (known[i] == 0) {
        ++r.unknown_days;
      } else if (y[i] > 0) {
        ++r.demand_days;
      }
    }

    // 2. Forecast.
    const int needed = std::max(30, r.lead_time_days + policy.review_period_days);
    if (policy.horizon_days < needed) {
      detail::throw_invalid(
          fn, "horizon_days = " + std::to_string(policy.horizon_days) +
                  ", must be >= max(30, lead time + review period) = " + std::to_string(needed));
    }
    auto fo = policy.forecaster;
    fo.max_lead_time = std::max(fo.max_lead_time, r.lead_time_days);
    const std::span<const double> levels(policy.levels);
    r.fit = r.unknown_days == 0
                ? fit_and_forecast<double>(y, fo, policy.horizon_days, levels)
                : fit_and_forecast<double>(y, known, fo, policy.horizon_days, levels);

    // 3. Accuracy (a failed backtest does not fail the plan).
    try {
      dp::compute_accuracy(r, y, policy);
    } catch (const invforecast::error& e) {
      r.accuracy.reset();
      r.accuracy_note = std::string("backtest failed: ") + e.what();
    }

    // 4. Safety stock, 5. suggestion.
    dp::compute_safety_stock(r, y, position, policy);
    dp::compute_suggestion(r, position, policy);
    return r;
  });
}

INVFORECAST_DETAIL_PLAN_INLINE std::vector<plan_outcome> plan(
    std::span<const demand_row> demand, std::span<const inventory_position> positions,
    const planning_policy& policy, const batch_plan_options& options) {
  constexpr std::string_view fn = "plan";
  detail::planning::check_policy(fn, policy);
  using std::chrono::year_month_day;

  // The extract's range.
  std::optional<year_month_day> first = options.first_day, last = options.as_of;
  if (!first || !last) {
    std::optional<year_month_day> lo, hi;
    for (const auto& row : demand) {
      if (!row.date.ok()) continue;  // reported by the material's own plan
      if (!lo || detail::days_between(row.date, *lo) > 0) lo = row.date;
      if (!hi || detail::days_between(*hi, row.date) > 0) hi = row.date;
    }
    if (!first) first = lo;
    if (!last) last = hi;
  }
  if (!first || !last) {
    detail::throw_invalid(fn,
                          "demand has no valid row, so options.first_day and options.as_of "
                          "must both be given");
  }
  if (detail::days_between(*first, *last) < 0) {
    detail::throw_invalid(fn, "options.first_day = " + to_iso_string(*first) +
                                  ", must not be after as_of = " + to_iso_string(*last));
  }

  // Group rows and positions by material (sorted keys: a deterministic order).
  struct material_input {
    std::vector<std::size_t> rows;
    std::vector<std::size_t> positions;
  };
  std::map<std::string, material_input, std::less<>> by_material;
  for (std::size_t i = 0; i < demand.size(); ++i) by_material[demand[i].material].rows.push_back(i);
  for (std::size_t i = 0; i < positions.size(); ++i) {
    by_material[positions[i].material].positions.push_back(i);
  }
  std::vector<std::pair<const std::string*, const material_input*>> work;
  work.reserve(by_material.size());
  for (const auto& [material, in] : by_material) work.emplace_back(&material, &in);

  std::vector<plan_outcome> out(work.size());
  std::mutex progress_lock;
  std::size_t done = 0;
  const auto plan_one = [&](std::size_t w) {
    const std::string& material = *work[w].first;
    const material_input& in = *work[w].second;
    plan_outcome& o = out[w];
    o.material = material;
    const auto started = std::chrono::steady_clock::now();
    try {
      if (in.positions.size() > 1) {
        detail::throw_invalid(detail::planning::function_name(material),
                              "listed " + std::to_string(in.positions.size()) +
                                  " times among the positions, must be once");
      }
      inventory_position position =
          in.positions.empty() ? options.default_position : positions[in.positions.front()];
      position.material = material;
      const auto start =
          position.launch_date && detail::days_between(*first, *position.launch_date) > 0
              ? *position.launch_date
              : *first;
      std::vector<demand_record<double>> records;
      std::vector<year_month_day> unknown;
      records.reserve(in.rows.size());
      for (const std::size_t i : in.rows) {
        const demand_row& row = demand[i];
        if (!row.date.ok()) {
          detail::check_valid_date(detail::planning::function_name(material),
                                   "demand[" + std::to_string(i) + "].date", row.date);
        }
        if (detail::days_between(start, row.date) < 0 ||
            detail::days_between(row.date, *last) < 0) {
          continue;
        }
        if (row.quantity) {
          records.push_back({row.date, *row.quantity});
        } else {
          unknown.push_back(row.date);
        }
      }
      daily_series_options so;
      so.first_day = detail::days_between(start, *last) >= 0 ? start : *last;
      so.last_day = *last;
      so.duplicates = duplicate_policy::sum;
      so.unknown_days = std::move(unknown);
      if (detail::days_between(start, *last) < 0) so.launch_date = start;
      const auto series =
          detail::planning::with_context(detail::planning::function_name(material), [&]() {
            return daily_series<double>::from_records(
                std::span<const demand_record<double>>(records), so);
          });
      o.plan = plan(series, position, policy);
    } catch (const invforecast::invalid_argument& e) {
      o.error_kind = plan_error_kind::invalid_argument;
      o.error = e.what();
    } catch (const invforecast::insufficient_data& e) {
      o.error_kind = plan_error_kind::insufficient_data;
      o.error = e.what();
    } catch (const std::exception& e) {
      o.error_kind = plan_error_kind::other;
      o.error = detail::planning::function_name(material) + ": " + e.what();
    }
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (options.progress) {
      std::lock_guard<std::mutex> guard(progress_lock);
      options.progress(++done, out.size(), o);
    }
  };
  detail::parallel_for_index(work.size(), detail::resolve_threads(options.threads), plan_one);
  return out;
}

}  // namespace invforecast
