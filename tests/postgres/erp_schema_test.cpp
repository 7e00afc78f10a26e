// The adapters against a schema created the way the ERP creates it: its own
// uuid_generate_v7(), parent tables with extra NOT NULL columns, its own policy names; once
// exactly at V0.0.32 (no materials settings, no urgency columns) and once after migrate().

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/migrations.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "pg_fixture.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::pg_fixture;

namespace {

std::string erp_sql() {
  std::ifstream in(std::string(INVFORECAST_PG_TEST_SQL_DIR) + "/erp_v0032.sql");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct erp_data {
  scope where;
  std::vector<std::string> materials;
};

erp_data make_erp(const pg_fixture& db, bool run_migrate) {
  connection owner = db.owner();
  owner.exec_script("erp", erp_sql());
  if (run_migrate) migrate(owner);
  invforecast::pg::test::grant_app_role(owner);
  erp_data d;
  const result t = owner.exec(
      "t",
      "INSERT INTO tenants (tenant_code, tenant_name) VALUES ('ACME', 'Acme') RETURNING id::text");
  d.where.tenant_id = std::string(t.text(0, 0));
  const result f = owner.exec("t",
                              "INSERT INTO facilities (tenant_id, facility_code, facility_name) "
                              "VALUES ($1::uuid, 'F1', 'Plant') RETURNING id::text",
                              {param(d.where.tenant_id)});
  d.where.facility_id = std::string(f.text(0, 0));
  const result m = owner.exec(
      "t",
      "INSERT INTO materials (tenant_id, material_code, base_uom) SELECT $1::uuid, 'M' || g, 'PCS' "
      "FROM generate_series(1, 2) g RETURNING id::text",
      {param(d.where.tenant_id)});
  for (int i = 0; i < m.rows(); ++i) d.materials.emplace_back(m.text(i, 0));
  std::sort(d.materials.begin(), d.materials.end());
  return d;
}

void round_trip(const pg_fixture& db, const erp_data& d, bool migrated) {
  connection app = db.app();
  std::vector<demand_entry> e;
  for (const auto& id : d.materials) {
    for (int k = -60; k < 0; ++k) {
      e.push_back({.material_id = id, .date = day(k), .quantity = 5.0 + (k % 3), .uom = "PCS"});
    }
  }
  CHECK(record_demand(app, d.where, e).inserted == 120);
  generate_options o;
  o.as_of = k_today;
  o.planning.policy.horizon_days = 35;
  o.planning.policy.backtest_origins = 1;
  o.planning.material_settings = false;
  o.planning.minimum_history_days = 14;
  const generate_report g = generate_forecasts(app, d.where, o);
  CHECK(g.written == 2);
  const auto rows = get_material_forecasts(app, d.where, d.materials[0], day(0), day(40));
  REQUIRE(rows.size() == 35);
  CHECK(rows[0].uom == "PCS");
  // The ERP's key default generated the ids (version 7 UUIDs of its own function).
  CHECK(rows[0].material_forecast_id[14] == '7');
  record_demand(app, d.where,
                std::vector<demand_entry>{
                    {.material_id = d.materials[0], .date = day(0), .quantity = 6, .uom = "PCS"}});
  const auto acc = calculate_forecast_accuracy(
      app, d.where,
      {.material_ids = {d.materials[0]}, .period_start = day(0), .period_end = day(0)});
  REQUIRE(acc.size() == 1);
  CHECK(acc[0].sample_size == 1);
  invforecast::inventory_position p;
  p.material = d.materials[0];
  p.on_hand = 0;
  p.lead_time_days = 3;
  replenishment_options ro;
  ro.today = day(1);
  ro.planning = o.planning;
  const replenishment_report r = generate_replenishment_recommendations(
      app, d.where, std::vector<invforecast::inventory_position>{p}, ro);
  REQUIRE(r.written.size() == 1);
  CHECK(r.written[0].urgency.has_value() == migrated);  // column only after V0.0.39
  if (migrated) CHECK(*r.written[0].urgency == "CRITICAL");
  CHECK(get_replenishment_recommendations(app, d.where).size() == 1);
}

}  // namespace

TEST_CASE("adapters work on the ERP's V0.0.32 schema without our migrations", "[erp_schema]") {
  pg_fixture db(false);
  const erp_data d = make_erp(db, false);
  round_trip(db, d, false);
}

TEST_CASE("adapters work on the ERP's schema after migrate()", "[erp_schema]") {
  pg_fixture db(false);
  const erp_data d = make_erp(db, true);
  round_trip(db, d, true);
  // The material's own settings (added by V0.0.39) are honoured.
  connection owner = db.owner();
  owner.exec("t",
             "UPDATE materials SET forecast_algorithm = 'MEAN', forecast_horizon_days = 31, "
             "minimum_forecast_history_days = 14");
  connection app = db.app();
  generate_options o;
  o.as_of = k_today;
  o.planning.policy.backtest_origins = 0;
  const generate_report g = generate_forecasts(app, d.where, o);
  REQUIRE(g.written == 2);
  CHECK(g.materials[0].algorithm == "MEAN");
  CHECK(g.materials[0].rows == 31);
  CHECK(g.materials[0].version == 2);
}
