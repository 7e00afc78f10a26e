// Replenishment suggestions from caller-supplied positions, planned by invforecast::plan() on
// the demand history. Expected values by hand: constant demand 10/day for 120 days, so the
// fit is the degenerate ETS(A,N,N) (forecast 10/day, no forecast variance) and the
// forecast-model safety stock is SS = z sqrt(0 + d^2 sigma_L^2) = 1.6448536269514722 x 10 x 2
// = 32.897 (z of 0.95, lead time 5 +- 2 days); review period 7 (the policy default): the
// order covers 5 + 7 = 12 days = 120 units + SS - position.

#include <catch2/catch.hpp>

#include <cmath>

#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "pg_fixture.hpp"
#include "plan_check.hpp"

using namespace invforecast::pg;
using invforecast::inventory_position;
using invforecast::urgency;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::pg_fixture;

namespace {

constexpr double k_ss = 1.6448536269514722 * 10 * 2;

// Four materials with 120 days of demand 10/day up to today.
std::vector<std::string> prepare(const pg_fixture& db, const scope& s, connection& app,
                                 std::size_t n = 4) {
  const auto m = db.make_materials(s, n);
  std::vector<demand_entry> e;
  for (const auto& id : m) {
    for (int d = -119; d <= 0; ++d)
      e.push_back({.material_id = id, .date = day(d), .quantity = 10, .uom = "EA"});
  }
  record_demand(app, s, e);
  return m;
}

inventory_position position(const std::string& id, double on_hand, double allocated) {
  inventory_position p;
  p.material = id;
  p.on_hand = on_hand;
  p.allocated = allocated;
  p.lead_time_days = 5;
  p.lead_time_sd_days = 2;
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
  in[2].on_order = {{150, day(2)}};
  in[1].uom = "k'g\"";
  // Manually overridden ACTIVE forecasts are not read (documented): the plan's forecast
  // decides, so this 1000/day override of m[0] changes nothing.
  connection owner = db.owner();
  owner.exec(
      "t",
      "INSERT INTO material_forecasts (tenant_id, facility_id, material_id, forecast_date, "
      "forecast_horizon, forecast_algorithm, forecast_version, "
      "forecast_generation_timestamp, forecasted_demand_quantity, forecast_uom, "
      "is_manually_overridden, manual_override_quantity) "
      "SELECT $1::uuid, $2::uuid, $3::uuid, g::date, 'SHORT_TERM', 'TEST', 1, now(), 10, "
      "'EA', TRUE, 1000 FROM generate_series($4::date + 1, $4::date + 90, interval '1 day') g",
      {param(s.tenant_id), param(s.facility_id), param(m[0]), param(k_today)});
  replenishment_options o;
  o.today = k_today;
  o.planning.material_settings = false;
  const replenishment_report r = generate_replenishment_recommendations(app, s, in, o);
  REQUIRE(r.written.size() == 3);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].first == m[2]);
  for (std::size_t i = 0; i < r.written.size(); ++i) {
    const replenishment_row& row = r.written[i];
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
    CHECK(row.calculation_method == "FORECAST_BASED");
    if (row.days_until_stockout) {
      CHECK(invforecast::detail::days_between(k_today, row.projected_stockout_date.value()) ==
            *row.days_until_stockout);
    }
    // Every number is plan()'s on the history read back.
    const std::size_t k = i == 0 ? 0 : i == 1 ? 1 : 3;
    invforecast::pg::test::check_suggestion_row(
        row, invforecast::pg::test::library_plan(app, s, m[k], o.planning.policy, k_today, in[k]));
  }
  const replenishment_row& low = r.written[0];
  CHECK(low.urgency.value() == "LOW");
  // need = 120 + 32.897 - 80 = 72.897 -> up to a multiple of 5: 75.
  CHECK(low.recommended_quantity == 75);
  const replenishment_row& critical = r.written[1];
  CHECK(critical.urgency.value() == "CRITICAL");
  CHECK(critical.available == 0);
  // need = 120 + 32.897 - 0 = 152.897 -> 155.
  CHECK(critical.recommended_quantity == 155);
  CHECK(critical.uom == "k'g\"");  // stored verbatim
  const replenishment_row& high = r.written[2];
  CHECK(high.urgency.value() == "HIGH");  // 20 / 10 = 2 days <= lead time 5
  CHECK(high.days_until_stockout.value() <= 5);
  // need = 120 + 32.897 - 20 = 132.897 -> 135.
  CHECK(high.recommended_quantity == 135);

  // Reads by urgency, status, material.
  CHECK(get_replenishment_recommendations(app, s, {.urgency = urgency::critical}).size() == 1);
  CHECK(get_replenishment_recommendations(app, s, {.material_id = m[3]})[0].urgency == "HIGH");
  const auto all = get_replenishment_recommendations(app, s, {.status = "PENDING"});
  REQUIRE(all.size() == 3);
  CHECK(all[0].urgency == "CRITICAL");  // most urgent first
  // A minimum urgency writes only the urgent ones, expiring their earlier PENDING rows.
  o.write.minimum_urgency = urgency::high;
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
  in[0].service_level.reset();
  in[0].material = "bad";
  REQUIRE_THROWS_AS(generate_replenishment_recommendations(app, s, in, o),
                    invforecast::invalid_argument);
  in[0].material = m[1];  // listed twice
  REQUIRE_THROWS_AS(generate_replenishment_recommendations(app, s, in, o),
                    invforecast::invalid_argument);
}

TEST_CASE("materials without history or stock are skipped", "[replenishment]") {
  pg_fixture db;
  const scope s = db.make_scope();
  connection app = db.app();
  const auto m = prepare(db, s, app, 2);
  const auto fresh = db.make_materials(s, 1);  // no demand row at all: zero demand
  replenishment_options o;
  o.today = k_today;
  o.planning.material_settings = false;
  std::vector<inventory_position> in{position(m[0], 5, 0), position(fresh[0], 5, 0),
                                     position(m[1], 5, 0)};
  in[2].on_hand.reset();  // stock unknown: a plan, but no suggestion
  o.planning.minimum_history_days = 200;
  replenishment_report r = generate_replenishment_recommendations(app, s, in, o);
  CHECK(r.written.empty());
  REQUIRE(r.skipped.size() == 3);
  CHECK(r.skipped[0].second == "history of 120 days, fewer than the minimum 200");
  o.planning.minimum_history_days = 28;
  r = generate_replenishment_recommendations(app, s, in, o);
  REQUIRE(r.written.size() == 1);
  CHECK(r.written[0].material_id == m[0]);
  REQUIRE(r.skipped.size() == 2);
  // No demand row at all: zero demand, 5 on hand cover it.
  CHECK(r.skipped[0].first == fresh[0]);
  CHECK(r.skipped[0].second == "nothing to order (position covers the need)");
  CHECK(r.skipped[1].first == m[1]);
  CHECK(r.skipped[1].second == "stock on hand unknown: no suggestion");
}
