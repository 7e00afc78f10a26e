// libFuzzer target: every inventory function with arbitrary inputs, and the number formatter.
// Contract: a typed invforecast::error, or finite, ordered results and printable reasons.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "invforecast/detail/format.hpp"
#include "invforecast/error.hpp"
#include "invforecast/inventory/reorder.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/inventory/stockout.hpp"
#include "invforecast/inventory/urgency.hpp"

namespace {

using namespace std::chrono;
namespace inv = invforecast;

void check_result(const inv::safety_stock_result<double>& r) {
  fuzz::require_finite(r.safety_stock, "safety_stock");
  fuzz::require_finite(r.lead_time_demand_mean, "lead_time_demand_mean");
  fuzz::require_finite(r.lead_time_demand_sd, "lead_time_demand_sd");
  fuzz::require(r.lead_time_demand_sd >= 0, "lead_time_demand_sd >= 0");
  if (r.z) fuzz::require_finite(*r.z, "z");
  if (r.demand_cv) fuzz::require_finite(*r.demand_cv, "demand_cv");
  if (r.lead_time_cv) fuzz::require_finite(*r.lead_time_cv, "lead_time_cv");
  fuzz::require_text(r.reason, "safety_stock reason");
}

void formatter(FuzzedDataProvider& in) {
  const double x = fuzz::any_double(in);
  const int decimals = in.ConsumeIntegralInRange<int>(-3, 30);
  const std::string s = inv::detail::fixed(x, decimals);
  const std::string g = inv::detail::format_general(x);
  fuzz::require(!s.empty() && s.size() < 400, "fixed size", s);
  fuzz::require_text(s, "fixed");
  fuzz::require_text(g, "format_general");
  if (!std::isfinite(x)) return;
  fuzz::require(std::strtod(g.c_str(), nullptr) == x, "format_general round trip", g);
  const double back = std::strtod(s.c_str(), nullptr);
  if (std::fabs(x) >= inv::detail::fixed_notation_limit) {
    fuzz::require(back == x, "fixed scientific round trip", s);
  } else {
    const int d = std::clamp(decimals, 0, 17);
    const double tolerance = 0.5 * std::pow(10.0, -d) + std::fabs(x) * 1e-15;
    fuzz::require(std::fabs(back - x) <= tolerance, "fixed value", s);
  }
}

void safety_stocks(FuzzedDataProvider& in) {
  const auto method = static_cast<inv::safety_stock_method>(in.ConsumeIntegralInRange<int>(0, 8));
  const inv::safety_stock_input<double> input{.method = method,
                                              .service_level = fuzz::any_double(in),
                                              .average_daily_demand = fuzz::quantity(in),
                                              .demand_sd = fuzz::quantity(in),
                                              .lead_time_days = fuzz::quantity(in),
                                              .lead_time_sd = fuzz::quantity(in),
                                              .safety_days = fuzz::quantity(in),
                                              .order_quantity = fuzz::quantity(in),
                                              .demand_cv_threshold = fuzz::quantity(in),
                                              .lead_time_cv_threshold = fuzz::quantity(in)};
  try {
    check_result(inv::safety_stock(input));
  } catch (const inv::error&) {
  }
  try {
    check_result(
        inv::safety_stock_forecast_model<double>({.service_level = input.service_level,
                                                  .lead_time_demand_mean = fuzz::quantity(in),
                                                  .lead_time_demand_variance = fuzz::quantity(in),
                                                  .lead_time_days = input.lead_time_days}));
  } catch (const inv::error&) {
  }
  const auto sample = fuzz::series(in, 64, true);
  try {
    check_result(inv::safety_stock_empirical(
        sample, {.service_level = input.service_level,
                 .quantile = in.ConsumeBool() ? inv::quantile_definition::inverse_ecdf
                                              : inv::quantile_definition::linear,
                 .lead_time_days = input.lead_time_days}));
  } catch (const inv::error&) {
  }
  try {
    check_result(
        inv::safety_stock_simulated(sample, {.service_level = input.service_level,
                                             .lead_time_days = fuzz::any_int(in),
                                             .simulations = in.ConsumeIntegralInRange<int>(0, 2000),
                                             .seed = in.ConsumeIntegral<std::uint64_t>()}));
  } catch (const inv::error&) {
  }
}

void reorder(FuzzedDataProvider& in) {
  try {
    fuzz::require_finite(inv::reorder_point({.average_daily_demand = fuzz::quantity(in),
                                             .lead_time_days = fuzz::quantity(in),
                                             .safety_stock = fuzz::any_double(in)}),
                         "reorder_point");
  } catch (const inv::error&) {
  }
  try {
    std::optional<double> holding;
    if (in.ConsumeBool()) holding = fuzz::quantity(in);
    const double q = inv::economic_order_quantity({.annual_demand = fuzz::quantity(in),
                                                   .unit_cost = fuzz::quantity(in),
                                                   .ordering_cost = fuzz::quantity(in),
                                                   .holding_rate = fuzz::quantity(in),
                                                   .holding_cost_per_unit_year = holding});
    fuzz::require(std::isfinite(q) && q >= 0, "EOQ finite and >= 0");
  } catch (const inv::error&) {
  }
  try {
    const auto levels = inv::min_max(fuzz::any_double(in), fuzz::quantity(in));
    fuzz::require(
        std::isfinite(levels.min) && std::isfinite(levels.max) && levels.min <= levels.max,
        "min_max ordered");
    const double q = inv::min_max_order_quantity(levels, fuzz::any_double(in));
    fuzz::require(std::isfinite(q) && q >= 0, "min_max_order_quantity");
  } catch (const inv::error&) {
  }
  try {
    const double raw = fuzz::any_double(in);
    const double moq = fuzz::quantity(in);
    const double multiple = fuzz::quantity(in);
    const double q =
        inv::round_order_quantity(raw, {.minimum_order_quantity = moq, .order_multiple = multiple});
    fuzz::require(std::isfinite(q) && q >= 0 && !std::signbit(q), "round_order_quantity finite");
    // Rounding forgives a relative 1e-9 (10.0000000001 with multiple 10 stays 10), so a
    // quantity within 1e-9 multiples of 0 is 0.
    const double wanted = std::max(raw, moq);
    const bool forgiven = q == 0 && multiple > 0 && wanted / multiple <= 1e-9;
    if (raw > 0 && !forgiven) {
      fuzz::require(q >= wanted * (1 - 2e-9), "rounded up", std::to_string(q));
    }
  } catch (const inv::error&) {
  }
}

year_month_day any_date(FuzzedDataProvider& in) {
  if (in.ConsumeBool()) return year_month_day{year{2026}, month{11}, day{28}};
  return year_month_day{year{in.ConsumeIntegralInRange<int>(-40000, 40000)},
                        month{in.ConsumeIntegralInRange<unsigned>(0, 13)},
                        day{in.ConsumeIntegralInRange<unsigned>(0, 32)}};
}

void projection_and_suggestion(FuzzedDataProvider& in) {
  const auto today = any_date(in);
  const auto forecast = fuzz::series(in, 400, true);
  std::vector<inv::scheduled_receipt<double>> receipts;
  const auto nr = in.ConsumeIntegralInRange<int>(0, 3);
  for (int i = 0; i < nr; ++i) {
    std::optional<year_month_day> when;
    if (in.ConsumeBool()) when = any_date(in);
    receipts.push_back({fuzz::quantity(in), when});
  }
  const double available = fuzz::any_double(in);
  const double safety = fuzz::quantity(in);
  const int lead = fuzz::any_int(in);
  try {
    const auto p = inv::project_stockout<double>({.today = today,
                                                  .available = available,
                                                  .safety_stock = safety,
                                                  .lead_time_days = lead,
                                                  .daily_forecast = forecast,
                                                  .receipts = receipts});
    for (const double v : p.projected_stock) fuzz::require_finite(v, "projected_stock");
    fuzz::require_finite(p.received_in_horizon, "received_in_horizon");
    if (p.days_until_stockout) fuzz::require(*p.days_until_stockout >= 0, "days >= 0");
  } catch (const inv::error&) {
  }
  try {
    std::optional<int> days;
    if (in.ConsumeBool()) days = fuzz::any_int(in);
    (void)inv::replenishment_urgency<double>({.available = available,
                                              .safety_stock = safety,
                                              .days_until_stockout = days,
                                              .vendor_lead_time_days = lead});
  } catch (const inv::error&) {
  }
  try {
    std::optional<inv::min_max_levels<double>> levels;
    if (in.ConsumeBool())
      levels = inv::min_max_levels<double>{fuzz::any_double(in), fuzz::any_double(in)};
    const auto s = inv::suggest_replenishment<double>(
        {.today = today,
         .on_hand = fuzz::any_double(in),
         .allocated = fuzz::quantity(in),
         .on_order = fuzz::quantity(in),
         .receipts = receipts,
         .daily_forecast = forecast,
         .safety_stock = safety,
         .vendor_lead_time_days = lead,
         .review_period_days = fuzz::any_int(in),
         .unit_cost = fuzz::quantity(in),
         .ordering_cost = fuzz::quantity(in),
         .holding_rate = fuzz::quantity(in),
         .minimum_order_quantity = fuzz::quantity(in),
         .order_multiple = fuzz::quantity(in),
         .method = static_cast<inv::calculation_method>(in.ConsumeIntegralInRange<int>(0, 3)),
         .levels = levels});
    for (const double v :
         {s.current_available_quantity, s.inventory_position, s.lead_time_demand,
          s.protection_demand, s.reorder_point_quantity, s.target_level, s.required_quantity,
          s.recommended_order_quantity, s.forecasted_demand_30_days}) {
      fuzz::require_finite(v, "suggestion value");
    }
    if (s.economic_order_quantity) fuzz::require_finite(*s.economic_order_quantity, "eoq");
    if (s.estimated_total_cost) fuzz::require_finite(*s.estimated_total_cost, "total cost");
    fuzz::require(s.recommended_order_quantity >= 0, "order >= 0");
    fuzz::require(s.recommended_order_date.ok() && s.recommended_delivery_date.ok(), "dates ok");
    fuzz::require_text(s.suggestion_reason, "suggestion reason");
  } catch (const inv::error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      formatter(in);
      break;
    case 1:
      safety_stocks(in);
      break;
    case 2:
      reorder(in);
      break;
    default:
      projection_and_suggestion(in);
      break;
  }
  return 0;
}
