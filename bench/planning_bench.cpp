// plan() per material on 365 days of daily history (the nightly job's input; horizon 90, lead
// time 7), next to the bare AUTO fit + forecast of the same series, with the backtest's two
// settings (planning_policy::refit: fixed, the default, and full) and without a backtest.
// The nightly goal (docs/benchmarks.md, issue 17) is job time per material <= 1.3x the bare
// fit + forecast; compare plan/<refit>/<shape> with fit/<shape>. Each iteration plans the next
// of 8 series of the shape (seeds 11..18), so a median mixes the models AUTO picks for them.
// No documented target is asserted on these (reported for information, docs/planning.md).

#include <array>
#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "alloc_counter.hpp"
#include "data.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/daily_series.hpp"
#include "latency.hpp"

namespace {

namespace inv = invforecast;
namespace ib = invforecast::bench;

constexpr int days = 365;
constexpr std::size_t per_shape = 8;
constexpr std::chrono::year_month_day first_day{std::chrono::year{2025}, std::chrono::month{1},
                                                std::chrono::day{1}};

struct shape_data {
  std::vector<std::vector<double>> values;
  std::vector<inv::daily_series<double>> series;
};

const shape_data& data_of(ib::shape kind) {
  static const std::array<shape_data, 3> all = [] {
    std::array<shape_data, 3> out;
    for (int k = 0; k < 3; ++k) {
      auto& d = out[static_cast<std::size_t>(k)];
      d.values = ib::synthetic_batch(static_cast<ib::shape>(k), per_shape, days, 11);
      for (const auto& y : d.values) {
        d.series.push_back(
            inv::daily_series<double>::from_values(first_day, std::span<const double>(y)));
      }
    }
    return out;
  }();
  return all[static_cast<std::size_t>(kind)];
}

inv::inventory_position position() {
  inv::inventory_position p;
  p.material = "M";
  p.on_hand = 500;
  p.lead_time_days = 7;
  return p;
}

template <class Fn>
void add(const std::string& name, Fn fn) {
  benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& state) {
    std::size_t i = 0;
    ib::timed_loop(state, [&] { benchmark::DoNotOptimize(fn(i++ % per_shape)); });
    ib::report_allocations(state, [&] { benchmark::DoNotOptimize(fn(0)); });
  })->Unit(benchmark::kMicrosecond);
}

const int registered = [] {
  const std::pair<const char*, ib::shape> shapes[] = {
      {"smooth", ib::shape::smooth},
      {"weekly", ib::shape::weekly},
      {"intermittent", ib::shape::intermittent},
  };
  for (const auto& [name, kind] : shapes) {
    const ib::shape k = kind;
    // The bare compute plan() starts from: AUTO fit + 90-day forecast with the lead-time
    // moments of the 7-day lead time, as plan() asks for them.
    add(std::string("planning/fit/") + name, [k](std::size_t i) {
      inv::forecaster_options<double> fo;
      fo.max_lead_time = 7;
      const std::vector<double> levels{0.80, 0.95};
      return inv::fit_and_forecast<double>(std::span<const double>(data_of(k).values[i]), fo, 90,
                                           std::span<const double>(levels))
          .fc.mean.back();
    });
    const std::pair<const char*, int> policies[] = {{"fixed", 0}, {"full", 1}, {"none", 2}};
    for (const auto& [pname, which] : policies) {
      inv::planning_policy policy;
      if (which == 1) policy.refit = inv::backtest_refit::full;
      if (which == 2) policy.backtest_origins = 0;  // no backtest at all
      add(std::string("planning/plan/") + pname + "/" + name, [k, policy](std::size_t i) {
        return inv::plan(data_of(k).series[i], position(), policy).reorder_point;
      });
    }
  }
  return 0;
}();

}  // namespace
