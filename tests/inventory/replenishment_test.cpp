#include "invforecast/inventory/replenishment.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"

using namespace std::chrono;
using invforecast::calculation_method;
using invforecast::suggest_replenishment;
using invforecast::urgency;

namespace {
constexpr year_month_day today{year{2026}, month{11}, day{28}};
year_month_day plus(int days) { return invforecast::detail::add_days(today, days); }
const std::vector<double> flat(90, 10.0);  // 10 units/day from tomorrow
}  // namespace

TEST_CASE("suggest_replenishment: FORECAST_BASED, hand-worked", "[replenishment]") {
  // on hand 100, allocated 20 -> available 80; on order 50 (undated -> day 7); SS 30; L 7, R 7.
  // Position 130; target = 14 days x 10 + 30 = 170; need 40.
  // Projection: 80 - 10 d (+50 on day 7): day 13 = 0, day 14 = -10 -> stockout in 14 days.
  // Below SS (30): day 6 (20). Order by day 14 - 7 = 7 (2026-12-05), delivery 2026-12-12.
  const auto s = suggest_replenishment({.today = today,
                                        .on_hand = 100,
                                        .allocated = 20,
                                        .on_order = 50,
                                        .daily_forecast = flat,
                                        .safety_stock = 30,
                                        .vendor_lead_time_days = 7,
                                        .review_period_days = 7,
                                        .unit_cost = 2.5});
  CHECK(s.current_available_quantity == 80.0);
  CHECK(s.inventory_position == 130.0);
  CHECK(s.target_level == 170.0);
  CHECK(s.required_quantity == 40.0);
  CHECK(s.recommended_order_quantity == 40.0);
  CHECK(*s.days_until_stockout == 14);
  CHECK(*s.projected_stockout_date == year_month_day{year{2026}, month{12}, day{12}});
  CHECK(*s.days_until_below_safety_stock == 6);
  CHECK(s.recommended_order_date == year_month_day{year{2026}, month{12}, day{5}});
  CHECK(s.recommended_delivery_date == year_month_day{year{2026}, month{12}, day{12}});
  CHECK(s.forecasted_demand_30_days == 300.0);
  CHECK(*s.forecasted_demand_60_days == 600.0);
  CHECK(*s.forecasted_demand_90_days == 900.0);
  CHECK(s.lead_time_demand == 70.0);
  CHECK(s.reorder_point_quantity == 100.0);  // 70 + 30
  // EOQ: D = 3650, S = 50 (default), H = 2.5 x 0.25: sqrt(584000) (tolerance 1e-14 relative).
  CHECK(*s.economic_order_quantity == Approx(std::sqrt(584000.0)).epsilon(1e-14));
  CHECK(*s.estimated_unit_cost == 2.5);
  CHECK(*s.estimated_total_cost == 100.0);  // 40 x 2.5
  CHECK(s.vendor_lead_time_days == 7);
  CHECK(s.urgency_level == urgency::low);  // 80 > 0, 14 > 7, 80 >= 30
  CHECK(s.calculation_method == calculation_method::forecast_based);
  CHECK(std::string(invforecast::to_string(s.calculation_method)) == "FORECAST_BASED");
  CHECK(s.suggestion_reason.find("stockout projected on 2026-12-12") != std::string::npos);
  CHECK(s.suggestion_reason.find("order 40.00") != std::string::npos);
}

TEST_CASE("suggest_replenishment: EOQ raises the need, MOQ and multiple round it",
          "[replenishment]") {
  // Same case; need 40 -> EOQ sqrt(584000) = 764.198... -> multiple 25 -> 775.
  const auto s = suggest_replenishment({.today = today,
                                        .on_hand = 100,
                                        .allocated = 20,
                                        .on_order = 50,
                                        .daily_forecast = flat,
                                        .safety_stock = 30,
                                        .vendor_lead_time_days = 7,
                                        .review_period_days = 7,
                                        .unit_cost = 2.5,
                                        .order_multiple = 25,
                                        .method = calculation_method::eoq});
  CHECK(s.required_quantity == Approx(std::sqrt(584000.0)).epsilon(1e-14));
  CHECK(s.recommended_order_quantity == 775.0);
  CHECK(*s.estimated_total_cost == 1937.5);
  CHECK(std::string(invforecast::to_string(s.calculation_method)) == "EOQ");
  // MOQ: need 40 raised to MOQ 100 under FORECAST_BASED.
  const auto m = suggest_replenishment({.today = today,
                                        .on_hand = 100,
                                        .allocated = 20,
                                        .on_order = 50,
                                        .daily_forecast = flat,
                                        .safety_stock = 30,
                                        .vendor_lead_time_days = 7,
                                        .review_period_days = 7,
                                        .minimum_order_quantity = 100});
  CHECK(m.recommended_order_quantity == 100.0);
  CHECK(!m.estimated_total_cost.has_value());  // unit cost unknown
  CHECK(!m.economic_order_quantity.has_value());
  CHECK(m.suggestion_reason.find("rounded to MOQ") != std::string::npos);
  // Nothing needed: position 300 >= target 170 -> 0 even with an MOQ.
  const auto none = suggest_replenishment({.today = today,
                                           .on_hand = 300,
                                           .daily_forecast = flat,
                                           .safety_stock = 30,
                                           .vendor_lead_time_days = 7,
                                           .review_period_days = 7,
                                           .minimum_order_quantity = 100});
  CHECK(none.recommended_order_quantity == 0.0);
  CHECK(none.required_quantity == 0.0);
  CHECK(*none.days_until_stockout == 31);  // 300 - 10 d < 0 first at d = 31
  CHECK(none.suggestion_reason.find("no order needed") != std::string::npos);
}

TEST_CASE("suggest_replenishment: MIN_MAX with default and explicit levels", "[replenishment]") {
  // Default levels: min = ROP = 70 + 30 = 100, max = 100 + EOQ. Position 130 > 100 -> 0.
  auto s = suggest_replenishment({.today = today,
                                  .on_hand = 100,
                                  .allocated = 20,
                                  .on_order = 50,
                                  .daily_forecast = flat,
                                  .safety_stock = 30,
                                  .vendor_lead_time_days = 7,
                                  .unit_cost = 2.5,
                                  .method = calculation_method::min_max});
  CHECK(s.recommended_order_quantity == 0.0);
  CHECK(std::string(invforecast::to_string(s.calculation_method)) == "MIN_MAX");
  // on hand 60 -> available 40, position 90 <= 100 -> order max - 90 = 10 + EOQ.
  s = suggest_replenishment({.today = today,
                             .on_hand = 60,
                             .allocated = 20,
                             .on_order = 50,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 7,
                             .unit_cost = 2.5,
                             .method = calculation_method::min_max});
  CHECK(s.recommended_order_quantity == Approx(10 + std::sqrt(584000.0)).epsilon(1e-14));
  // Explicit levels {150, 400}: position 130 <= 150 -> 270.
  s = suggest_replenishment({.today = today,
                             .on_hand = 100,
                             .allocated = 20,
                             .on_order = 50,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 7,
                             .method = calculation_method::min_max,
                             .levels = invforecast::min_max_levels<double>{150, 400}});
  CHECK(s.recommended_order_quantity == 270.0);
  CHECK(s.target_level == 400.0);
}

TEST_CASE("suggest_replenishment: SAFETY_STOCK_REPLENISHMENT tops up to the safety stock",
          "[replenishment]") {
  // available 80, nothing on order: end of day 7 (arrival day) = 80 - 70 = 10; SS 30 -> 20.
  auto s = suggest_replenishment({.today = today,
                                  .on_hand = 80,
                                  .daily_forecast = flat,
                                  .safety_stock = 30,
                                  .vendor_lead_time_days = 7,
                                  .method = calculation_method::safety_stock_replenishment});
  CHECK(s.required_quantity == 20.0);
  CHECK(std::string(invforecast::to_string(s.calculation_method)) == "SAFETY_STOCK_REPLENISHMENT");
  // With 50 on order arriving on day 7 the arrival-day stock is 60 >= 30: nothing.
  s = suggest_replenishment({.today = today,
                             .on_hand = 80,
                             .on_order = 50,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 7,
                             .method = calculation_method::safety_stock_replenishment});
  CHECK(s.required_quantity == 0.0);
}

TEST_CASE("suggest_replenishment: urgency levels and order dates", "[replenishment]") {
  // CRITICAL: available 0 (on hand 20, allocated 20); stockout day 1 -> order today.
  auto s = suggest_replenishment({.today = today,
                                  .on_hand = 20,
                                  .allocated = 20,
                                  .daily_forecast = flat,
                                  .safety_stock = 30,
                                  .vendor_lead_time_days = 7});
  CHECK(s.urgency_level == urgency::critical);
  CHECK(*s.days_until_stockout == 1);
  CHECK(s.recommended_order_date == today);  // max(today, day 1 - 7)
  CHECK(s.recommended_delivery_date == plus(7));
  // HIGH: available 50, stockout on day 6 (50 - 60) <= lead time 7.
  s = suggest_replenishment({.today = today,
                             .on_hand = 50,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 7});
  CHECK(s.urgency_level == urgency::high);
  CHECK(*s.days_until_stockout == 6);
  // MEDIUM: available 25 < SS 30, stockout on day 3 > lead time 2. Order by day 3 - 2 = 1.
  s = suggest_replenishment({.today = today,
                             .on_hand = 25,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 2});
  CHECK(s.urgency_level == urgency::medium);
  CHECK(s.recommended_order_date == plus(1));
  CHECK(s.recommended_delivery_date == plus(3));
  // LOW: on hand 640: below SS (640 - 10 d < 30) at d = 62, stockout (< 0) at d = 65,
  // order by 65 - 7 = day 58.
  s = suggest_replenishment({.today = today,
                             .on_hand = 640,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 7});
  CHECK(s.urgency_level == urgency::low);
  CHECK(*s.days_until_stockout == 65);
  CHECK(s.recommended_order_date == plus(58));  // stockout day 65 - 7
  // No stockout, only below safety stock: on hand 900 - 10 d < 30 at d = 88; no stockout by 90.
  s = suggest_replenishment({.today = today,
                             .on_hand = 900,
                             .daily_forecast = flat,
                             .safety_stock = 30,
                             .vendor_lead_time_days = 7});
  CHECK(!s.days_until_stockout.has_value());
  CHECK(*s.days_until_below_safety_stock == 88);
  CHECK(s.recommended_order_date == plus(81));
}

TEST_CASE("suggest_replenishment: dated receipts and short forecasts", "[replenishment]") {
  // on order 50: 30 dated day 2, remainder 20 undated (day 5 = lead time). available 20.
  // Day 1: 10, 2: 30, 3: 20, 4: 10, 5: 20, 6: 10, 7: 0, 8: -10 -> stockout day 8.
  const std::vector<invforecast::scheduled_receipt<double>> rc{{30, plus(2)}};
  const std::vector<double> fc45(45, 10.0);
  const auto s = suggest_replenishment({.today = today,
                                        .on_hand = 20,
                                        .on_order = 50,
                                        .receipts = rc,
                                        .daily_forecast = fc45,
                                        .safety_stock = 0,
                                        .vendor_lead_time_days = 5});
  CHECK(*s.days_until_stockout == 8);
  CHECK(s.recommended_order_date == plus(3));
  CHECK(s.forecasted_demand_30_days == 300.0);
  CHECK(!s.forecasted_demand_60_days.has_value());  // 45-day forecast
  CHECK(!s.forecasted_demand_90_days.has_value());
}

TEST_CASE("suggest_replenishment rejects bad input", "[replenishment]") {
  const std::vector<double> short_fc(20, 1.0);
  const std::vector<double> fc35(35, 1.0);
  REQUIRE_THROWS_AS(suggest_replenishment({.today = today, .daily_forecast = short_fc}),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_AS(suggest_replenishment({.today = today,
                                           .daily_forecast = fc35,
                                           .vendor_lead_time_days = 30,
                                           .review_period_days = 10}),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_AS(
      suggest_replenishment({.today = today, .daily_forecast = flat, .vendor_lead_time_days = -1}),
      invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      suggest_replenishment({.today = today, .daily_forecast = flat, .safety_stock = -5}),
      invforecast::invalid_argument);
  REQUIRE_THROWS_AS(suggest_replenishment({.today = today,
                                           .on_hand = std::numeric_limits<double>::quiet_NaN(),
                                           .daily_forecast = flat}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      suggest_replenishment({.today = today, .allocated = -1, .daily_forecast = flat}),
      invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      suggest_replenishment(
          {.today = today, .daily_forecast = flat, .method = calculation_method::eoq}),
      invforecast::invalid_argument);  // unit cost unknown
  REQUIRE_THROWS_AS(
      suggest_replenishment(
          {.today = today, .daily_forecast = flat, .method = calculation_method::min_max}),
      invforecast::invalid_argument);
  const std::vector<invforecast::scheduled_receipt<double>> too_much{{60, plus(2)}};
  REQUIRE_THROWS_AS(
      suggest_replenishment(
          {.today = today, .on_order = 50, .receipts = too_much, .daily_forecast = flat}),
      invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      suggest_replenishment({.today = today, .daily_forecast = flat, .minimum_order_quantity = -1}),
      invforecast::invalid_argument);
}

TEST_CASE("suggest_replenishment instantiates with float", "[replenishment]") {
  const std::vector<float> fc(30, 10.f);
  const auto s = invforecast::suggest_replenishment<float>({.today = today,
                                                            .on_hand = 50.f,
                                                            .daily_forecast = fc,
                                                            .safety_stock = 30.f,
                                                            .vendor_lead_time_days = 7});
  CHECK(s.recommended_order_quantity == Approx(50.0).epsilon(1e-6));  // 70 + 30 - 50
  CHECK(s.urgency_level == urgency::high);
}
