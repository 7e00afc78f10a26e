#include "invforecast/inventory/reorder.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "invforecast/error.hpp"

TEST_CASE("reorder_point = d_bar L + SS", "[reorder]") {
  // 120/day x 5 days + 452.26 = 1052.26 (tolerance 1e-12 relative).
  CHECK(invforecast::reorder_point(
            {.average_daily_demand = 120, .lead_time_days = 5, .safety_stock = 452.26}) ==
        Approx(1052.26).epsilon(1e-12));
  CHECK(invforecast::reorder_point(
            {.average_daily_demand = 10, .lead_time_days = 0, .safety_stock = 7}) == 7.0);
  REQUIRE_THROWS_AS(invforecast::reorder_point({.average_daily_demand = 1, .lead_time_days = -1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::reorder_point({.average_daily_demand = -1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      invforecast::reorder_point({.safety_stock = std::numeric_limits<double>::quiet_NaN()}),
      invforecast::invalid_argument);
}

TEST_CASE("economic_order_quantity: method-notes test vector and ERP defaults", "[reorder]") {
  // D 1300, S 8, H 0.225 -> 304.0467800264368 (method-notes.md; tolerance 1e-15 relative).
  CHECK(invforecast::economic_order_quantity(
            {.annual_demand = 1300, .ordering_cost = 8, .holding_cost_per_unit_year = 0.225}) ==
        Approx(304.0467800264368).epsilon(1e-15));
  // Same H as unit cost 0.9 x rate 0.25 (0.9 * 0.25 may differ from 0.225 by an ulp: 1e-15).
  CHECK(invforecast::economic_order_quantity(
            {.annual_demand = 1300, .unit_cost = 0.9, .ordering_cost = 8, .holding_rate = 0.25}) ==
        Approx(304.0467800264368).epsilon(1e-15));
  // ERP defaults S = 50, rate 0.25: D 1000, unit cost 10 -> sqrt(2*1000*50/2.5) = 200 (exact).
  CHECK(invforecast::economic_order_quantity({.annual_demand = 1000, .unit_cost = 10}) == 200.0);
  CHECK(invforecast::economic_order_quantity({.annual_demand = 0, .unit_cost = 10}) == 0.0);
  REQUIRE_THROWS_AS(invforecast::economic_order_quantity({.annual_demand = 1000, .unit_cost = 0}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::economic_order_quantity(
                        {.annual_demand = 1000, .unit_cost = 10, .holding_rate = 0}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::economic_order_quantity({.annual_demand = -5, .unit_cost = 10}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::economic_order_quantity(
                        {.annual_demand = 5, .unit_cost = 10, .ordering_cost = -1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      invforecast::economic_order_quantity({.annual_demand = 5, .holding_cost_per_unit_year = 0.0}),
      invforecast::invalid_argument);
}

TEST_CASE("min/max levels and order rule", "[reorder]") {
  const auto levels = invforecast::min_max(300.0, 200.0);
  CHECK(levels.min == 300.0);
  CHECK(levels.max == 500.0);
  CHECK(invforecast::min_max_order_quantity(levels, 300.0) == 200.0);  // at min: order up to max
  CHECK(invforecast::min_max_order_quantity(levels, 120.0) == 380.0);  // 500 - 120
  CHECK(invforecast::min_max_order_quantity(levels, -50.0) == 550.0);  // back-orders count
  CHECK(invforecast::min_max_order_quantity(levels, 300.5) == 0.0);    // above min: nothing
  REQUIRE_THROWS_AS(invforecast::min_max(300.0, -1.0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      invforecast::min_max_order_quantity(invforecast::min_max_levels<double>{10, 5}, 0.0),
      invforecast::invalid_argument);
}

TEST_CASE("round_order_quantity: every rounding rule", "[reorder]") {
  using invforecast::round_order_quantity;
  CHECK(round_order_quantity(0.0, {.minimum_order_quantity = 100, .order_multiple = 10}) ==
        0.0);  // nothing needed
  CHECK(round_order_quantity(-5.0, {.minimum_order_quantity = 100}) == 0.0);
  CHECK(round_order_quantity(130.0, {}) == 130.0);                               // no constraints
  CHECK(round_order_quantity(130.0, {.minimum_order_quantity = 200}) == 200.0);  // raised to MOQ
  CHECK(round_order_quantity(230.0, {.minimum_order_quantity = 200}) == 230.0);  // above MOQ
  CHECK(round_order_quantity(130.0, {.order_multiple = 50}) == 150.0);           // up to multiple
  CHECK(round_order_quantity(150.0, {.order_multiple = 50}) == 150.0);           // already multiple
  CHECK(round_order_quantity(150.0000000001, {.order_multiple = 50}) == 150.0);  // fuzz 1e-9
  CHECK(round_order_quantity(130.0, {.minimum_order_quantity = 120, .order_multiple = 48}) ==
        144.0);  // ceil(130/48)=3
  CHECK(round_order_quantity(10.0, {.minimum_order_quantity = 100, .order_multiple = 48}) ==
        144.0);  // MOQ 100 -> 3 x 48
  CHECK(round_order_quantity(0.3, {.order_multiple = 0.25}) == 0.5);
  REQUIRE_THROWS_AS(round_order_quantity(10.0, {.minimum_order_quantity = -1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(round_order_quantity(10.0, {.order_multiple = -1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(round_order_quantity(std::numeric_limits<double>::quiet_NaN(), {}),
                    invforecast::invalid_argument);
}

TEST_CASE("reorder functions instantiate with float", "[reorder]") {
  CHECK(invforecast::economic_order_quantity<float>({.annual_demand = 1000, .unit_cost = 10}) ==
        Approx(200.0).epsilon(1e-6));
  CHECK(invforecast::round_order_quantity<float>(130.f, {.order_multiple = 50.f}) == 150.f);
  CHECK(invforecast::reorder_point<float>(
            {.average_daily_demand = 2, .lead_time_days = 3, .safety_stock = 1}) == 7.f);
}
