// 03 safety stock methods side by side, for one material: average demand 20 units/day (sd 5),
// lead time 9 days (sd 2), cycle service level 95 %. Formulas in docs/inventory.md.

#include <cstdio>
#include <string>
#include <vector>

#include <invforecast/inventory/safety_stock.hpp>
#include <invforecast/selection/forecaster.hpp>
#include <invforecast/smoothing/ets_model.hpp>
#include <invforecast/stats/normal.hpp>

namespace {
void show(const invforecast::safety_stock_result<double>& r) {
  std::printf("%-22s %8.2f   %s\n", std::string(invforecast::to_string(r.method)).c_str(),
              r.safety_stock, r.reason.c_str());
}
}  // namespace

int main() {
  using namespace invforecast;
  using m = safety_stock_method;
  const safety_stock_input<double> base{.method = m::automatic,
                                        .service_level = 0.95,
                                        .average_daily_demand = 20,
                                        .demand_sd = 5,
                                        .lead_time_days = 9,
                                        .lead_time_sd = 2,
                                        .safety_days = 3,
                                        .order_quantity = 400};
  std::printf("z for 95 %%: %.4f\n", z_for_service_level(0.95));
  std::printf("%-22s %8s\n", "method", "SS");

  // Formula methods: the same inputs, a different assumption each.
  for (const auto method :
       {m::basic, m::demand_variability, m::lead_time_variability, m::combined, m::automatic}) {
    auto in = base;
    in.method = method;
    show(safety_stock(in));
  }
  // Fill rate (type II service): 99 % of the demand served from stock, order quantity 400.
  auto fill = base;
  fill.method = m::fill_rate;
  fill.service_level = 0.99;
  fill.lead_time_sd = 0;
  show(safety_stock(fill));

  // From a fitted model: simple exponential smoothing with alpha fixed at 0.2 on 30 days of
  // demand; the variance of the 9-day demand includes the covariances of the forecast errors.
  const std::vector<double> demand{38, 54, 36, 48, 44, 50, 40, 39, 45, 27, 43, 32, 42, 45, 38,
                                   40, 57, 38, 35, 50, 48, 47, 36, 36, 34, 40, 34, 49, 36, 49};
  forecaster_options<double> ses;
  ses.kind = method::ets;
  ses.ets = ets_model::parse("ANN");
  ses.alpha = 0.2;
  ses.max_lead_time = 9;  // lead-time variances are stored only on request
  const auto fit = fit_and_forecast<double>(demand, ses, 30);
  show(safety_stock_forecast_model<double>(fit, fit.fc.mean, 9, 0.95));

  // Distribution-free: 12 observed 9-day demands (one per past replenishment cycle).
  const std::vector<double> lead_time_demands{150, 171, 190, 162, 205, 158,
                                              183, 176, 199, 168, 230, 181};
  show(safety_stock_empirical<double>(lead_time_demands, {.service_level = 0.95}));

  // Bootstrap of the daily history (10 000 simulated 9-day demands, fixed seed).
  show(safety_stock_simulated<double>(demand, {.service_level = 0.95, .lead_time_days = 9}));
  return 0;
}
