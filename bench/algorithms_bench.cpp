// Forecasting algorithms in the ERP's documented setup: 180 days of daily history, a 90-day
// horizon, 80 % and 95 % intervals, fit + forecast per call. Targets (docs/benchmarks.md):
// moving average 45 ms / 2.1 MB, exponential smoothing 62 ms / 2.8 MB, Holt-Winters
// 125 ms / 4.5 MB; batch of 10 materials sequential 450 / 620 / 1250 ms, parallel
// 180 / 250 / 520 ms. Each benchmark times every call (p50_ms, p95_ms) and measures the heap
// of one extra call (peak_bytes, allocs).

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "alloc_counter.hpp"
#include "data.hpp"
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/tsb.hpp"
#include "invforecast/selection/batch.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/mstl.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/moving_average.hpp"
#include "invforecast/smoothing/mstl_forecast.hpp"
#include "invforecast/smoothing/theta.hpp"
#include "latency.hpp"

namespace {

namespace inv = invforecast;
namespace ib = invforecast::bench;

const std::vector<double>& weekly_series() {
  static const std::vector<double> y = ib::synthetic_demand(ib::shape::weekly, ib::history_days, 7);
  return y;
}

const std::vector<double>& intermittent_series() {
  static const std::vector<double> y =
      ib::synthetic_demand(ib::shape::intermittent, ib::history_days, 7);
  return y;
}

// Registers `name`: the timed loop over fn, then one measured call for the heap counters.
template <class Fn>
void add(const std::string& name, Fn fn) {
  benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& state) {
    ib::timed_loop(state, [&] { benchmark::DoNotOptimize(fn()); });
    ib::report_allocations(state, [&] { benchmark::DoNotOptimize(fn()); });
  })->Unit(benchmark::kMicrosecond);
}

inv::forecast<double> fit_ets(const char* code, int m, std::span<const double> y) {
  inv::ets_options<double> options;
  options.model = inv::ets_model::parse(code);
  options.season_length = m;
  return inv::ets_spec<double>(options).fit(y).forecast(ib::horizon_days);
}

void register_single_series() {
  const std::span<const double> y(weekly_series());
  const std::span<const double> z(intermittent_series());
  add("algo/moving_average", [y] {
    inv::moving_average_options<double> options;
    options.window = 7;
    return inv::moving_average<double>(y, options).forecast(ib::horizon_days);
  });
  add("algo/ses", [y] { return fit_ets("ANN", 1, y); });
  add("algo/holt", [y] { return fit_ets("AAN", 1, y); });
  add("algo/holt_winters_additive", [y] { return fit_ets("AAA", 7, y); });
  add("algo/holt_winters_multiplicative", [y] { return fit_ets("MAM", 7, y); });
  add("algo/holt_winters_damped", [y] { return fit_ets("AAdA", 7, y); });
  add("algo/ets_auto", [y] { return inv::ets_auto<double>(y, 7).best.forecast(ib::horizon_days); });
  // R's thetaf (weekly season, n = 180, h = 90): test, decomposition, SES search, drift.
  add("algo/theta", [y] {
    return inv::theta_spec<double>({.season_length = 7}).fit(y).forecast(ib::horizon_days);
  });
  // AUTO as the ERP asks for it: classify the demand, detect the season, choose the method.
  add("algo/auto", [y] { return inv::fit_and_forecast<double>(y, {}, ib::horizon_days).fc; });
  // THETA and COMBO as the ERP would ask for them (season detected, as AUTO): Theta through the
  // forecaster (goal <= 50 us), and the ETS + OTM combination (goal <= 1.1x algo/auto: one
  // AUTO ETS search plus one optimised Theta fit).
  add("algo/forecaster/theta", [y] {
    inv::forecaster_options<double> options;
    options.kind = inv::method::theta;
    return inv::fit_and_forecast<double>(y, options, ib::horizon_days).fc;
  });
  // The optimised Theta model (OTM: l0, alpha and theta fitted by Nelder-Mead).
  add("algo/forecaster/otm", [y] {
    inv::forecaster_options<double> options;
    options.kind = inv::method::optimised_theta;
    return inv::fit_and_forecast<double>(y, options, ib::horizon_days).fc;
  });
  add("algo/combo", [y] {
    inv::forecaster_options<double> options;
    options.kind = inv::method::combination;
    return inv::fit_and_forecast<double>(y, options, ib::horizon_days).fc;
  });
  // The same fits through fit_and_forecast (what the batches and the database adapters call):
  // adds the demand classification and the fitted values (lead-time variances only on request,
  // forecaster_options::max_lead_time, not asked for here).
  for (const auto& [name, code, m] :
       {std::tuple{"algo/forecaster/ses", "ANN", 1},
        std::tuple{"algo/forecaster/holt_winters_additive", "AAA", 7}}) {
    inv::forecaster_options<double> options;
    options.kind = inv::method::ets;
    options.ets = inv::ets_model::parse(code);
    options.season_length = m;
    add(name,
        [y, options] { return inv::fit_and_forecast<double>(y, options, ib::horizon_days).fc; });
  }
  add("algo/auto_intermittent",
      [z] { return inv::fit_and_forecast<double>(z, {}, ib::horizon_days).fc; });
  for (const auto& [name, variant] : {std::pair{"algo/croston", inv::croston_variant::classic},
                                      std::pair{"algo/sba", inv::croston_variant::sba}}) {
    inv::croston_options<double> options;
    options.variant = variant;  // alpha optimised
    add(name, [z, options] { return inv::croston<double>(z, options).forecast(ib::horizon_days); });
  }
  add("algo/tsb", [z] { return inv::tsb<double>(z).forecast(ib::horizon_days); });
  // MSTL decomposition of daily demand, periods 7 and 365.25 (issue 21): 730 days keep only
  // the weekly period (R drops 365.25 >= n / 2), 731 days keep both.
  for (const int days : {730, 731}) {
    std::vector<double> daily = ib::synthetic_demand(ib::shape::weekly, days, 7);
    for (std::size_t t = 0; t < daily.size(); ++t) {
      daily[t] += 10 * std::sin(6.283185307179586 * static_cast<double>(t) / 365.25);
    }
    add("algo/mstl_" + std::to_string(days), [daily] {
      return inv::mstl<double>(daily, {.periods = {7, 365.25}}).trend.back();
    });
  }
  // The MSTL forecast path (target <= 2 ms per series): 730 days, periods 7 and 364 (both
  // kept: 364 < 730 / 2), h = 90; mstl_forecast alone, and AUTO through fit_and_forecast on a
  // series with a yearly wave (ETS by AICc, the MSTL fit and the yearly-strength check).
  {
    std::vector<double> daily = ib::synthetic_demand(ib::shape::weekly, 730, 7);
    for (std::size_t t = 0; t < daily.size(); ++t) {
      daily[t] += 10 * std::sin(6.283185307179586 * static_cast<double>(t) / 364);
    }
    add("algo/mstl_forecast_730", [daily] {
      return inv::mstl_forecast<double>(daily, {.decomposition = {.periods = {7, 364}}},
                                        ib::horizon_days)
          .fc;
    });
    add("algo/forecaster/mstl_730", [daily] {
      inv::forecaster_options<double> options;
      options.kind = inv::method::mstl;
      return inv::fit_and_forecast<double>(daily, options, ib::horizon_days).fc;
    });
    add("algo/auto_yearly_730",
        [daily] { return inv::fit_and_forecast<double>(daily, {}, ib::horizon_days).fc; });
  }
}

// Batch of 10 materials through fit_and_forecast_batch: sequential = 1 thread, parallel =
// every hardware thread.
void register_batch10() {
  static const std::vector<std::vector<double>> ten =
      ib::synthetic_batch(ib::shape::weekly, 10, ib::history_days, 100);
  struct entry {
    const char* name;
    inv::forecaster_options<double> options;
  };
  const auto options_of = [](inv::method kind, const char* ets, int m) {
    inv::forecaster_options<double> o;
    o.kind = kind;
    if (ets != nullptr) o.ets = inv::ets_model::parse(ets);
    o.season_length = m;
    return o;
  };
  const entry entries[] = {
      {"moving_average", options_of(inv::method::moving_average, nullptr, 1)},
      {"ses", options_of(inv::method::ets, "ANN", 1)},
      {"holt_winters", options_of(inv::method::ets, "AAA", 7)},
      {"auto", inv::forecaster_options<double>{}},
  };
  const unsigned hw = std::max(2u, std::thread::hardware_concurrency());
  for (const auto& e : entries) {
    for (const unsigned threads : {1u, hw}) {
      const std::string name =
          std::string("batch10/") + e.name + (threads == 1 ? "/sequential" : "/parallel");
      const auto options = e.options;
      benchmark::RegisterBenchmark(
          name.c_str(),
          [options, threads](benchmark::State& state) {
            const auto run = [&] {
              return inv::fit_and_forecast_batch<double>(
                  std::span<const std::vector<double>>(ten), options, ib::horizon_days,
                  std::span<const double>(inv::default_levels<double>), threads);
            };
            ib::timed_loop(state, [&] { benchmark::DoNotOptimize(run()); });
            state.counters["threads"] = threads;
            ib::report_allocations(state, [&] { benchmark::DoNotOptimize(run()); });
          })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
}

// The large batch: AUTO over N series (default 10,000; INVFORECAST_BENCH_LARGE_BATCH
// overrides), a mix of weekly seasonal, smooth and intermittent demand, on 1 and 2 threads;
// one iteration per repetition, 3 repetitions (INVFORECAST_BENCH_LARGE_REPETITIONS).
void register_large_batch() {
  std::size_t n = 10000;
  if (const char* env = std::getenv("INVFORECAST_BENCH_LARGE_BATCH")) {
    n = static_cast<std::size_t>(std::strtoul(env, nullptr, 10));
  }
  if (n == 0) return;
  int repetitions = 3;
  if (const char* env = std::getenv("INVFORECAST_BENCH_LARGE_REPETITIONS")) {
    repetitions = std::max(1, std::atoi(env));
  }
  static std::vector<std::vector<double>> many;
  many.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto kind = i % 3 == 0   ? ib::shape::weekly
                      : i % 3 == 1 ? ib::shape::smooth
                                   : ib::shape::intermittent;
    many.push_back(ib::synthetic_demand(kind, ib::history_days, 1000 + i));
  }
  for (const unsigned threads : {1u, 2u}) {
    const std::string name =
        "batch_large/auto/series:" + std::to_string(n) + "/threads:" + std::to_string(threads);
    benchmark::RegisterBenchmark(
        name.c_str(),
        [threads](benchmark::State& state) {
          ib::timed_loop(state, [&] {
            benchmark::DoNotOptimize(inv::fit_and_forecast_batch<double>(
                std::span<const std::vector<double>>(many), {}, ib::horizon_days,
                std::span<const double>(inv::default_levels<double>), threads));
          });
          const auto count = static_cast<double>(many.size());
          state.counters["series"] = count;
          state.counters["series_per_s"] =
              benchmark::Counter(count, benchmark::Counter::kIsIterationInvariantRate);
        })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1)
        ->Repetitions(repetitions);
  }
}

const int registered = [] {
  register_single_series();
  register_batch10();
  register_large_batch();
  return 0;
}();

}  // namespace
