#include "invforecast/inventory/urgency.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "invforecast/error.hpp"

using invforecast::replenishment_urgency;
using invforecast::urgency;

TEST_CASE("replenishment_urgency: each level of the ERP's rule", "[urgency]") {
  // CRITICAL: available <= 0, whatever else (0 itself included).
  CHECK(replenishment_urgency({.available = 0,
                               .safety_stock = 10,
                               .days_until_stockout = 0,
                               .vendor_lead_time_days = 5}) == urgency::critical);
  CHECK(replenishment_urgency({.available = -3, .safety_stock = 0}) == urgency::critical);
  // HIGH: stockout in 5 days <= lead time 5 (boundary), and in 0 days (0 is a value, not missing).
  CHECK(replenishment_urgency({.available = 50,
                               .safety_stock = 10,
                               .days_until_stockout = 5,
                               .vendor_lead_time_days = 5}) == urgency::high);
  CHECK(replenishment_urgency({.available = 50,
                               .safety_stock = 10,
                               .days_until_stockout = 0,
                               .vendor_lead_time_days = 0}) == urgency::high);
  // MEDIUM: stockout after the lead time (6 > 5) but available 8 < safety stock 10.
  CHECK(replenishment_urgency({.available = 8,
                               .safety_stock = 10,
                               .days_until_stockout = 6,
                               .vendor_lead_time_days = 5}) == urgency::medium);
  // No stockout projected (empty, like SQL NULL) is never HIGH.
  CHECK(replenishment_urgency({.available = 8,
                               .safety_stock = 10,
                               .days_until_stockout = std::nullopt,
                               .vendor_lead_time_days = 5}) == urgency::medium);
  // LOW: available 10 = safety stock (not below), stockout later than the lead time.
  CHECK(replenishment_urgency({.available = 10,
                               .safety_stock = 10,
                               .days_until_stockout = 30,
                               .vendor_lead_time_days = 5}) == urgency::low);
  CHECK(replenishment_urgency({.available = 10, .safety_stock = 10}) == urgency::low);
}

TEST_CASE("urgency to_string gives the ERP's values", "[urgency]") {
  CHECK(std::string(invforecast::to_string(urgency::low)) == "LOW");
  CHECK(std::string(invforecast::to_string(urgency::medium)) == "MEDIUM");
  CHECK(std::string(invforecast::to_string(urgency::high)) == "HIGH");
  CHECK(std::string(invforecast::to_string(urgency::critical)) == "CRITICAL");
}

TEST_CASE("replenishment_urgency rejects bad input", "[urgency]") {
  REQUIRE_THROWS_AS(replenishment_urgency({.available = std::numeric_limits<double>::quiet_NaN()}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(replenishment_urgency(
                        {.available = 1, .safety_stock = std::numeric_limits<double>::infinity()}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(replenishment_urgency({.available = 1, .vendor_lead_time_days = -1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(replenishment_urgency({.available = 1, .days_until_stockout = -2}),
                    invforecast::invalid_argument);
  CHECK(replenishment_urgency<float>({.available = 1.f, .safety_stock = 2.f}) == urgency::medium);
}
