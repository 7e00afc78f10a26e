// Replenishment suggestions from caller-supplied positions and a controlled forecast.
// Expected values by hand: constant demand 10/day, so sigma_d = 0 and King's formula gives
// SS = z * d_bar * sigma_L = 1.6448536269514722 * 10 * 2 = 32.897 (method notes' z at 0.95).

#include <catch2/catch.hpp>

#include <cmath>

#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "pg_fixture.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::pg_fixture;

namespace {

constexpr double k_ss = 1.6448536269514722 * 10 * 2;

// Four materials with 60 days of demand 10/day up to today and an ACTIVE forecast of 10/day
// for the 90 days after today.
std::vector<std::string> prepare(const pg_fixture& db, const scope& s, connection& app) {
  const auto m = db.make_materials(s, 4);
  std::vector<demand_entry> e;
  for (const auto& id : m) {
    for (int d = -59; d <= 0; ++d)
      e.push_back({.material_id = id, .date = day(d), .quantity = 10, .uom = "EA"});
  }
  record_demand(app, s, e);
  connection owner = db.owner();
  for (const auto& id : m) {
    owner.exec(
        "t",
        "INSERT INTO material_forecasts (tenant_id, facility_id, material_id, forecast_date, "
        "forecast_horizon, forecast_algorithm, forecast_version, "
        "forecast_generation_timestamp, forecasted_demand_quantity, forecast_uom) "
        "SELECT $1::uuid, $2::uuid, $3::uuid, g::date, 'SHORT_TERM', 'TEST', 1, now(), 10, "
        "'EA' FROM generate_series($4::date + 1, $4::date + 90, interval '1 day') g",
        {param(s.tenant_id), param(s.facility_id), param(id), param(k_today)});
  }
  return m;
}

inventory_position position(const std::string& id, double on_hand, double allocated) {
  inventory_position p;
  p.material_id = id;
  p.on_hand = on_hand;
  p.allocated = allocated;
  p.lead_time_days = 5;
  p.lead_time_sd = 2;
  p.minimum_order_quantity = 10;
  p.order_multiple = 5;
  p.unit_cost = 2;
  return p;
}

}  // namespace

TEST_CASE("replenishment suggestions: safety stock, urgency, quantities, filters",
          "[replenishment]") {
  pg_fixture db;
  const scope s = db.make_scope();
  connection app = db.app();
  const auto m = prepare(db, s, app);
  std::vector<inventory_position> in{position(m[0], 100, 20),  // available 80: LOW
                                     position(m[1], 10, 10),   // available 0: CRITICAL
                                     position(m[2], 40, 0),    // covered by on order: skipped
                                     position(m[3], 20, 0)};   // < SS, stockout in lead time: HIGH
  in[2].on_order = {{100, day(2)}};
  in[1].uom = "k'g\"";
  replenishment_options o;
  o.today = k_today;
  o.demand_history_days = 60;
  const replenishment_report r = generate_replenishment_recommendations(app, s, in, o);
  REQUIRE(r.written.size() == 3);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].first == m[2]);
  for (const replenishment_row& row : r.written) {
    INFO(row.material_id);
    CHECK(row.safety_stock == Approx(k_ss).margin(5e-5));        // stored with 4 decimals
    CHECK(row.reorder_point == Approx(50 + k_ss).margin(5e-5));  // 5 days x 10 + SS
    CHECK(row.demand_30_days == 300);
    CHECK(row.demand_90_days.value() == 900);
    CHECK(row.status == "PENDING");
    CHECK(row.lead_time_days.value() == 5);
    CHECK(std::fmod(row.recommended_quantity, 5.0) == 0);  // multiple of 5
    CHECK(row.recommended_quantity >= 10);                 // MOQ
    CHECK(row.total_cost.value() == Approx(2 * row.recommended_quantity).margin(0.005));
    if (row.days_until_stockout) {
      CHECK(std::chrono::sys_days{row.projected_stockout_date.value()} -
                std::chrono::sys_days{k_today} ==
            std::chrono::days{*row.days_until_stockout});
    }
  }
  const replenishment_row& low = r.written[0];
  CHECK(low.urgency.value() == "LOW");
  // need = 50 + 32.897 - 80 = 2.897 -> MOQ 10 -> multiple of 5: 10.
  CHECK(low.recommended_quantity == 10);
  const replenishment_row& critical = r.written[1];
  CHECK(critical.urgency.value() == "CRITICAL");
  CHECK(critical.available == 0);
  // need = 50 + 32.897 - 0 = 82.897 -> up to a multiple of 5: 85.
  CHECK(critical.recommended_quantity == 85);
  CHECK(critical.uom == "k'g\"");  // stored verbatim
  const replenishment_row& high = r.written[2];
  CHECK(high.urgency.value() == "HIGH");  // 20 / 10 = 2 days <= lead time 5
  CHECK(high.days_until_stockout.value() <= 5);

  // Reads by urgency, status, material.
  CHECK(get_replenishment_recommendations(app, s, {.urgency = urgency_level::critical}).size() ==
        1);
  CHECK(get_replenishment_recommendations(app, s, {.material_id = m[3]})[0].urgency == "HIGH");
  const auto all = get_replenishment_recommendations(app, s, {.status = "PENDING"});
  REQUIRE(all.size() == 3);
  CHECK(all[0].urgency == "CRITICAL");  // most urgent first
  // A minimum urgency writes only the urgent ones, expiring their earlier PENDING rows.
  o.minimum_urgency = urgency_level::high;
  const replenishment_report r2 = generate_replenishment_recommendations(app, s, in, o);
  CHECK(r2.written.size() == 2);
  CHECK(r2.expired == 2);
  CHECK(get_replenishment_recommendations(app, s, {.status = "EXPIRED"}).size() == 2);
  CHECK(get_replenishment_recommendations(app, s, {.status = "PENDING"}).size() == 3);
  // Another tenant sees none of them.
  const scope other = db.make_scope();
  CHECK(get_replenishment_recommendations(app, {other.tenant_id, s.facility_id}).empty());
  // Invalid input throws before writing.
  in[0].service_level = 1.0;
  REQUIRE_THROWS_AS(generate_replenishment_recommendations(app, s, in, o),
                    invforecast::invalid_argument);
  in[0].service_level = 0.95;
  in[0].material_id = "bad";
  REQUIRE_THROWS_AS(generate_replenishment_recommendations(app, s, in, o),
                    invforecast::invalid_argument);
}

TEST_CASE("materials without enough forecast are skipped", "[replenishment]") {
  pg_fixture db;
  const scope s = db.make_scope();
  connection app = db.app();
  const auto m = db.make_materials(s, 1);
  replenishment_options o;
  o.today = k_today;
  const std::vector<inventory_position> in{position(m[0], 5, 0)};
  const replenishment_report r = generate_replenishment_recommendations(app, s, in, o);
  CHECK(r.written.empty());
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].second.find("covers 0 consecutive days") != std::string::npos);
}
