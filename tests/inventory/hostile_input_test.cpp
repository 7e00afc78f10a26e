// Issue 18, rows 1, 3 and 9: hostile numbers into the inventory functions and the formatter.
#include <catch2/catch.hpp>
#include <chrono>
#include <climits>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/format.hpp"
#include "invforecast/error.hpp"
#include "invforecast/inventory/reorder.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/inventory/stockout.hpp"
#include "invforecast/inventory/urgency.hpp"

using namespace std::chrono;
using invforecast::invalid_argument;

namespace {
constexpr year_month_day today{year{2026}, month{11}, day{28}};
const std::vector<double> flat(90, 10.0);

bool printable(const std::string& s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("fixed: huge values are one short, correct token (row 1)", "[hostile][format]") {
  using invforecast::detail::fixed;
  CHECK(fixed(452.2749, 2) == "452.27");
  CHECK(fixed(-3.0, 0) == "-3");
  CHECK(fixed(1e20, 2) == "100000000000000000000.00");
  CHECK(fixed(1e21, 2) == "1e+21");
  CHECK(fixed(1e61, 2) == "1e+61");
  CHECK(fixed(1e70, 2) == "1e+70");
  CHECK(fixed(-1.5e300, 2) == "-1.5e+300");
  CHECK(fixed(std::numeric_limits<double>::max(), 2) == "1.7976931348623157e+308");
  CHECK(fixed(std::numeric_limits<double>::infinity(), 2) == "inf");
  CHECK(fixed(-std::numeric_limits<double>::infinity(), 2) == "-inf");
  CHECK(fixed(std::nan(""), 2) == "nan");
  CHECK(fixed(std::numeric_limits<float>::max(), 0) == "3.4028235e+38");
  CHECK(fixed(2.5f, 1) == "2.5");
  CHECK(fixed(1.0, 99) == "1.00000000000000000");  // decimals clamped to 17
}

TEST_CASE("format_value: shortest round-trip form (row 1)", "[hostile][format]") {
  using invforecast::detail::format_value;
  CHECK(format_value(1.3) == "1.3");
  CHECK(format_value(1.3f) == "1.3");
  CHECK(format_value(1e300) == "1e+300");
  CHECK(format_value(-std::numeric_limits<double>::denorm_min()) == "-5e-324");
  CHECK(format_value(42) == "42");
}

TEST_CASE("suggest_replenishment: huge quantities are an error, not stack bytes (rows 1, 3)",
          "[hostile][replenishment]") {
  for (const double huge : {1e16, 1e61, 1e70, 1e300}) {
    CAPTURE(huge);
    CHECK_THROWS_AS(
        invforecast::suggest_replenishment(
            {.today = today, .on_hand = huge, .daily_forecast = flat, .vendor_lead_time_days = 7}),
        invalid_argument);
  }
  CHECK_THROWS_WITH(
      invforecast::suggest_replenishment({.today = today, .on_hand = 1e70, .daily_forecast = flat}),
      "suggest_replenishment: on_hand = 1e+70, must be finite and |x| <= 1e+15");
  std::vector<double> spike = flat;
  spike[3] = 1e100;
  CHECK_THROWS_WITH(
      invforecast::suggest_replenishment({.today = today, .daily_forecast = spike}),
      "suggest_replenishment: daily_forecast[3] = 1e+100, must be finite, >= 0 and <= 1e+15");
  // At the limit everything is finite and the reason is printable text.
  const std::vector<double> big(90, 1e15);
  const auto s = invforecast::suggest_replenishment({.today = today,
                                                     .on_hand = 1e15,
                                                     .on_order = 1e15,
                                                     .daily_forecast = big,
                                                     .safety_stock = 1e15,
                                                     .vendor_lead_time_days = 60,
                                                     .review_period_days = 30,
                                                     .unit_cost = 1e15,
                                                     .ordering_cost = 1e15,
                                                     .holding_rate = 1e15});
  CHECK(std::isfinite(s.target_level));
  CHECK(std::isfinite(s.recommended_order_quantity));
  CHECK(printable(s.suggestion_reason));
}

TEST_CASE("suggest_replenishment: lead time and review period are range-checked first (row 9)",
          "[hostile][replenishment]") {
  CHECK_THROWS_WITH(invforecast::suggest_replenishment({.today = today,
                                                        .daily_forecast = flat,
                                                        .vendor_lead_time_days = INT_MAX,
                                                        .review_period_days = 7}),
                    "suggest_replenishment: vendor_lead_time_days = 2147483647, must be in [0, "
                    "3650] days");
  CHECK_THROWS_WITH(invforecast::suggest_replenishment({.today = today,
                                                        .daily_forecast = flat,
                                                        .vendor_lead_time_days = 7,
                                                        .review_period_days = INT_MAX}),
                    "suggest_replenishment: review_period_days = 2147483647, must be in [0, "
                    "3650] days");
  CHECK_THROWS_AS(invforecast::suggest_replenishment(
                      {.today = today, .daily_forecast = flat, .vendor_lead_time_days = 3651}),
                  invalid_argument);
  const std::vector<double> ten_years(3650, 1.0);
  const auto s = invforecast::suggest_replenishment(
      {.today = today, .daily_forecast = ten_years, .vendor_lead_time_days = 3650});
  CHECK(s.vendor_lead_time_days == 3650);
  CHECK_THROWS_AS(invforecast::replenishment_urgency(
                      {.available = 1, .safety_stock = 0, .vendor_lead_time_days = INT_MAX}),
                  invalid_argument);
  CHECK_THROWS_AS(
      invforecast::project_stockout(
          {.today = today, .available = 10, .lead_time_days = INT_MAX, .daily_forecast = flat}),
      invalid_argument);
}

TEST_CASE("safety stock and reorder point: finite huge inputs are an error (row 3)",
          "[hostile][safety_stock]") {
  CHECK_THROWS_WITH(
      invforecast::safety_stock({.method = invforecast::safety_stock_method::combined,
                                 .service_level = 0.95,
                                 .average_daily_demand = 1e200,
                                 .demand_sd = 1e200,
                                 .lead_time_days = 5,
                                 .lead_time_sd = 2}),
      "safety_stock: average_daily_demand = 1e+200, must be finite, >= 0 and <= 1e+15");
  CHECK_THROWS_AS(invforecast::reorder_point(
                      {.average_daily_demand = 1e200, .lead_time_days = 1e200, .safety_stock = 0}),
                  invalid_argument);
  CHECK_THROWS_AS(invforecast::reorder_point(
                      {.average_daily_demand = 1, .lead_time_days = 1, .safety_stock = -1e300}),
                  invalid_argument);
  const std::vector<double> sample{1e300, 1e300, 1e300};
  CHECK_THROWS_AS(
      invforecast::safety_stock_empirical(sample, {.service_level = 0.95, .lead_time_days = 3}),
      invalid_argument);
  // At the limits the result is finite.
  const auto r = invforecast::safety_stock({.method = invforecast::safety_stock_method::combined,
                                            .service_level = 0.999,
                                            .average_daily_demand = 1e15,
                                            .demand_sd = 1e15,
                                            .lead_time_days = 1e15,
                                            .lead_time_sd = 1e15});
  CHECK(std::isfinite(r.safety_stock));
  // A denormal mean gives an undefined (empty) CV, never inf.
  const auto cv = invforecast::safety_stock({.service_level = 0.9,
                                             .average_daily_demand = 5e-324,
                                             .demand_sd = 1e15,
                                             .lead_time_days = 5});
  CHECK(!cv.demand_cv.has_value());
}

TEST_CASE("docs/errors.md: the limit messages it quotes", "[hostile][docs]") {
  CHECK_THROWS_WITH(
      invforecast::economic_order_quantity<double>(
          {.annual_demand = 1e20, .ordering_cost = 1e15, .holding_cost_per_unit_year = 1e-20}),
      "economic_order_quantity: EOQ = 4.4721359549995793e+27, must be finite and "
      "|x| <= 1e+20 (inputs out of range for this result)");
  CHECK_THROWS_WITH(invforecast::safety_stock_forecast_model<double>(
                        {.service_level = 0.95, .lead_time_demand_variance = 1e40}),
                    "safety_stock_forecast_model: lead_time_demand_variance = 1e+40, must be "
                    "finite, >= 0 and <= 1e+30");
  const std::vector<double> history(30, 1.0);
  CHECK_THROWS_WITH(
      invforecast::safety_stock_simulated(history, {.lead_time_days = 5, .simulations = 50}),
      "safety_stock_simulated: simulations = 50, must be in [100, 10000000]");
  CHECK_THROWS_WITH(invforecast::safety_stock({.average_daily_demand = 1e200}),
                    "safety_stock: average_daily_demand = 1e+200, must be finite, >= 0 and <= "
                    "1e+15");
}
