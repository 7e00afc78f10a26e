// Accuracy metrics over 180 points (the documented history length) and rolling-origin
// backtests. The ERP's "calculate forecast accuracy" and "get forecast accuracy summary"
// targets include its database (bench/postgres_bench.cpp); these time the math alone.

#include <span>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "alloc_counter.hpp"
#include "data.hpp"
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/metrics/interval_metrics.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "latency.hpp"

namespace {

namespace inv = invforecast;
namespace ib = invforecast::bench;

template <class Fn>
void add(const std::string& name, Fn fn, benchmark::TimeUnit unit = benchmark::kNanosecond) {
  benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& state) {
    ib::timed_loop(state, [&] { benchmark::DoNotOptimize(fn()); });
    ib::report_allocations(state, [&] { benchmark::DoNotOptimize(fn()); });
  })->Unit(unit);
}

// 360 days: the first 180 are the training data of the scaled metrics, the last 180 the
// actuals; the "forecast" is the actuals with noise (a fixed, different seed).
struct data {
  std::vector<double> training, actual, forecast, lower, upper;
};

const data& sample() {
  static const data d = [] {
    data out;
    const auto all = ib::synthetic_demand(ib::shape::weekly, 2 * ib::history_days, 21);
    out.training.assign(all.begin(), all.begin() + ib::history_days);
    out.actual.assign(all.begin() + ib::history_days, all.end());
    const auto noise = ib::synthetic_demand(ib::shape::smooth, ib::history_days, 22);
    for (std::size_t i = 0; i < out.actual.size(); ++i) {
      out.forecast.push_back(out.actual[i] * (0.9 + 0.002 * noise[i]));
      out.lower.push_back(out.forecast.back() * 0.8);
      out.upper.push_back(out.forecast.back() * 1.2);
    }
    return out;
  }();
  return d;
}

void register_metrics() {
  const auto& d = sample();
  const std::span<const double> a(d.actual), f(d.forecast), tr(d.training);
  add("metrics/point_accuracy/180", [a, f] { return inv::point_accuracy<double>(a, f); });
  add("metrics/mase/180",
      [a, f, tr] { return inv::mean_absolute_scaled_error<double>(a, f, tr, 7); });
  add("metrics/rmsse/180",
      [a, f, tr] { return inv::root_mean_squared_scaled_error<double>(a, f, tr, 7); });
  static inv::prediction_interval<double> pi{0.95, d.lower, d.upper};
  add("metrics/score_interval/180", [a] { return inv::score_interval<double>(a, pi); });
}

// Rolling origin on 180 days: first training window 120 days, 7-day horizon, a new origin
// every 7 days (expanding window): 8 origins, each a full fit.
void register_backtests() {
  static const auto y = ib::synthetic_demand(ib::shape::weekly, ib::history_days, 31);
  const auto options_of = [](inv::method kind, const char* ets, int m) {
    inv::forecaster_options<double> o;
    o.kind = kind;
    if (ets != nullptr) o.ets = inv::ets_model::parse(ets);
    o.season_length = m;
    return o;
  };
  const std::pair<const char*, inv::forecaster_options<double>> models[] = {
      {"moving_average", options_of(inv::method::moving_average, nullptr, 1)},
      {"ses", options_of(inv::method::ets, "ANN", 1)},
      {"holt_winters", options_of(inv::method::ets, "AAA", 7)},
      {"auto", inv::forecaster_options<double>{}},
  };
  for (const auto& entry : models) {
    const auto model = entry.second;  // a copy: lambdas cannot capture structured bindings
    add(
        std::string("metrics/backtest/") + entry.first,
        [model] {
          inv::backtest_options<double> o;
          o.initial_window = 120;
          o.horizon = 7;
          o.step = 7;
          o.levels = {0.8, 0.95};
          o.season_length = 7;
          const auto r = inv::backtest<double>(std::span<const double>(y), model, o);
          return inv::model_confidence_score(r);
        },
        benchmark::kMicrosecond);
  }
}

const int registered = [] {
  register_metrics();
  register_backtests();
  return 0;
}();

}  // namespace
