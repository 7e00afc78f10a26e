// Inventory math per material: safety stock by each method, reorder point, EOQ, the
// replenishment suggestion, and the whole per-material path the ERP's "generate replenishment
// recommendations" runs (fit + forecast 90 days, forecast-model safety stock, suggestion).
// No documented target applies to the math alone (the ERP's targets include its database:
// bench/postgres_bench.cpp); these are reported for information.

#include <chrono>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "alloc_counter.hpp"
#include "data.hpp"
#include "invforecast/inventory/reorder.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "latency.hpp"

namespace {

namespace inv = invforecast;
namespace ib = invforecast::bench;

template <class Fn>
void add(const std::string& name, Fn fn) {
  benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& state) {
    ib::timed_loop(state, [&] { benchmark::DoNotOptimize(fn()); });
    ib::report_allocations(state, [&] { benchmark::DoNotOptimize(fn()); });
  })->Unit(benchmark::kNanosecond);
}

const std::vector<double>& history() {
  static const std::vector<double> y =
      ib::synthetic_demand(ib::shape::weekly, ib::history_days, 11);
  return y;
}

void register_safety_stock() {
  const std::pair<const char*, inv::safety_stock_method> methods[] = {
      {"basic", inv::safety_stock_method::basic},
      {"demand_variability", inv::safety_stock_method::demand_variability},
      {"lead_time_variability", inv::safety_stock_method::lead_time_variability},
      {"combined", inv::safety_stock_method::combined},
      {"fill_rate", inv::safety_stock_method::fill_rate},
      {"automatic", inv::safety_stock_method::automatic},
  };
  for (const auto& [name, method] : methods) {
    inv::safety_stock_input<double> in;
    in.method = method;
    in.service_level = 0.95;
    in.average_daily_demand = 120;
    in.demand_sd = 60;
    in.lead_time_days = 5;
    in.lead_time_sd = 2;
    in.safety_days = 3;
    in.order_quantity = 600;
    add(std::string("inventory/safety_stock/") + name,
        [in] { return inv::safety_stock<double>(in); });
  }
  // From a fitted model's own lead-time demand variance (SES fitted once, outside the loop).
  inv::ets_options<double> options;
  options.model = inv::ets_model::parse("ANN");
  static const auto model = inv::ets_spec<double>(options).fit(std::span<const double>(history()));
  static const auto fc = model.forecast(ib::horizon_days);
  add("inventory/safety_stock/forecast_model", [] {
    return inv::safety_stock_forecast_model<double>(model, std::span<const double>(fc.mean), 7,
                                                    0.95);
  });
  // Empirical: 25 observed lead-time demands. Simulated: 10,000 bootstrapped 7-day lead times
  // from the 180-day history.
  static std::vector<double> lead_time_demands;
  for (std::size_t i = 0; i + 7 <= history().size(); i += 7) {
    double s = 0;
    for (std::size_t j = 0; j < 7; ++j) s += history()[i + j];
    lead_time_demands.push_back(s);
  }
  add("inventory/safety_stock/empirical", [] {
    inv::empirical_safety_stock_options<double> o;
    o.service_level = 0.95;
    return inv::safety_stock_empirical<double>(std::span<const double>(lead_time_demands), o);
  });
  add("inventory/safety_stock/simulated", [] {
    inv::simulated_safety_stock_options<double> o;
    o.service_level = 0.95;
    o.lead_time_days = 7;
    return inv::safety_stock_simulated<double>(std::span<const double>(history()), o);
  });
}

inv::replenishment_input<double> replenishment_case(std::span<const double> daily_forecast) {
  using namespace std::chrono;
  inv::replenishment_input<double> in;
  in.today = year_month_day{year{2026}, month{6}, day{30}};
  in.on_hand = 900;
  in.allocated = 100;
  in.on_order = 200;
  in.daily_forecast = daily_forecast;
  in.safety_stock = 250;
  in.vendor_lead_time_days = 7;
  in.review_period_days = 7;
  in.unit_cost = 4.2;
  in.method = inv::calculation_method::eoq;
  return in;
}

void register_replenishment() {
  static const std::vector<double> flat(ib::horizon_days, 120.0);
  add("inventory/reorder_point", [] {
    inv::reorder_point_input<double> in;
    in.average_daily_demand = 120;
    in.lead_time_days = 5;
    in.safety_stock = 452.27;
    return inv::reorder_point<double>(in);
  });
  add("inventory/economic_order_quantity", [] {
    inv::eoq_input<double> in;
    in.annual_demand = 1300;
    in.unit_cost = 0.9;
    in.ordering_cost = 8;
    return inv::economic_order_quantity<double>(in);
  });
  add("inventory/replenishment_suggestion", [] {
    return inv::suggest_replenishment<double>(replenishment_case(std::span<const double>(flat)));
  });
  // One material end to end: AUTO fit + 90-day forecast, safety stock from the model's
  // lead-time variance, suggestion.
  add("inventory/replenishment_per_material", [] {
    inv::forecaster_options<double> options;
    options.max_lead_time = 14;
    const auto fit = inv::fit_and_forecast<double>(std::span<const double>(history()), options,
                                                   ib::horizon_days);
    double mean = 0;
    for (int i = 0; i < 7; ++i) mean += fit.fc.mean[static_cast<std::size_t>(i)];
    inv::lead_time_demand_input<double> ltd;
    ltd.service_level = 0.95;
    ltd.lead_time_demand_mean = mean;
    ltd.lead_time_demand_variance = fit.lead_time_demand_variance(7);
    ltd.lead_time_days = 7;
    const auto ss = inv::safety_stock_forecast_model<double>(ltd);
    auto in = replenishment_case(std::span<const double>(fit.fc.mean));
    in.safety_stock = ss.safety_stock;
    return inv::suggest_replenishment<double>(in);
  });
}

const int registered = [] {
  register_safety_stock();
  register_replenishment();
  return 0;
}();

}  // namespace
