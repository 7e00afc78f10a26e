// Migrations: fresh database, idempotence, recorded version, ERP-shaped database.

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "invforecast/postgres/migrations.hpp"
#include "pg_fixture.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::pg_fixture;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

long long count(connection& c, const std::string& sql) {
  return c.exec("count", sql).integer(0, 0);
}

}  // namespace

TEST_CASE("migrate creates the schema on an empty database and records the version",
          "[migrations]") {
  pg_fixture db(false);
  connection c = db.owner();
  CHECK(schema_version(c) == 0);
  const migrate_report r = migrate(c);
  CHECK(r.from_version == 0);
  CHECK(r.to_version == latest_schema_version());
  CHECK(r.applied.size() == migrations().size());
  CHECK(schema_version(c) == latest_schema_version());
  // The five tables, RLS enabled, one tenant policy each.
  CHECK(count(c,
              "SELECT count(*) FROM pg_class WHERE relname IN ('demand_history', "
              "'forecast_models', 'material_forecasts', 'forecast_accuracy_metrics', "
              "'replenishment_suggestions') AND relrowsecurity") == 5);
  CHECK(count(c,
              "SELECT count(*) FROM pg_policies WHERE tablename IN ('demand_history', "
              "'forecast_models', 'material_forecasts', 'forecast_accuracy_metrics', "
              "'replenishment_suggestions') AND qual LIKE '%app.current_tenant_id%'") == 5);
  // The health check's three indexes.
  CHECK(count(c,
              "SELECT count(*) FROM pg_indexes WHERE indexname IN "
              "('idx_demand_history_material_date_range', 'idx_material_forecasts_lookup', "
              "'idx_forecast_accuracy_period')") == 3);
  // Types and constraints of a few ERP columns.
  CHECK(c.exec("t",
               "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
               "'demand_history'::regclass AND attname = 'absolute_percentage_error'")
            .text(0, 0) == "numeric(5,2)");
  CHECK(c.exec("t",
               "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
               "'material_forecasts'::regclass AND attname = 'model_confidence_score'")
            .text(0, 0) == "numeric(5,4)");
  CHECK(count(c,
              "SELECT count(*) FROM pg_constraint WHERE conrelid = "
              "'material_forecasts'::regclass AND contype = 'u' AND "
              "pg_get_constraintdef(oid) = 'UNIQUE (tenant_id, facility_id, material_id, "
              "forecast_date, forecast_version)'") == 1);
  // The UUID default yields version-7 UUIDs (13th hex digit 7, variant 8..b), time ordered.
  const result u = c.exec("t", "SELECT invforecast_uuid_v7()::text, invforecast_uuid_v7()::text");
  const std::string a(u.text(0, 0));
  CHECK(a[14] == '7');
  CHECK(std::string("89ab").find(a[19]) != std::string::npos);
  const result ts = c.exec(
      "t",
      "SELECT abs(extract(epoch FROM now()) * 1000 - ('x' || "
      "substr(replace(invforecast_uuid_v7()::text, '-', ''), 1, 12))::bit(48)::bigint) < 60000");
  CHECK(ts.boolean(0, 0));  // embedded time within a minute of now
}

TEST_CASE("migrations applied twice change nothing", "[migrations]") {
  pg_fixture db(false);
  connection c = db.owner();
  migrate(c);
  const std::string before = invforecast::pg::test::schema_snapshot(c);
  // Through migrate(): versions recorded, nothing re-run.
  const migrate_report again = migrate(c);
  CHECK(again.applied.empty());
  CHECK(invforecast::pg::test::schema_snapshot(c) == before);
  // Forcing the SQL to run again (as psql would) changes nothing either.
  const migrate_report forced = migrate(c, {.reapply = true});
  CHECK(forced.applied.size() == migrations().size());
  CHECK(invforecast::pg::test::schema_snapshot(c) == before);
  // The installed .sql files are the embedded ones.
  for (const migration& m : migrations()) {
    CHECK(read_text(std::string(INVFORECAST_PG_MIGRATIONS_DIR) + "/" + std::string(m.name)) ==
          std::string(m.sql));
    c.exec_script("psql-like", std::string(m.sql));
  }
  CHECK(invforecast::pg::test::schema_snapshot(c) == before);
  CHECK(count(c, "SELECT count(*) FROM invforecast_schema_version") == latest_schema_version());
}

TEST_CASE("migrate on an ERP-created schema adds only what V0.0.39 adds", "[migrations]") {
  pg_fixture db(false);
  connection c = db.owner();
  c.exec_script("erp", read_text(std::string(INVFORECAST_PG_TEST_SQL_DIR) + "/erp_v0032.sql"));
  const std::string erp_before = invforecast::pg::test::schema_snapshot(c);
  migrate(c);
  const std::string after = invforecast::pg::test::schema_snapshot(c);
  // Every line of the ERP's schema is still there unchanged.
  std::istringstream lines(erp_before);
  std::string line;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(after.find(line) != std::string::npos);
    ++n;
  }
  CHECK(n > 100);
  // What was added: the V0.0.39 columns, the three indexes, the version table and function.
  std::istringstream added_lines(after);
  std::vector<std::string> added;
  while (std::getline(added_lines, line)) {
    if (erp_before.find(line) == std::string::npos) added.push_back(line);
  }
  for (const auto& a : added) {
    INFO(a);
    const bool expected =
        a.find("replenishment_suggestions.urgency_level") != std::string::npos ||
        a.find("replenishment_suggestions.days_until_stockout") != std::string::npos ||
        a.find("urgency_level_check") != std::string::npos ||
        a.find("col materials.") != std::string::npos ||
        a.find("idx_demand_history_material_date_range") != std::string::npos ||
        a.find("idx_material_forecasts_lookup") != std::string::npos ||
        a.find("idx_forecast_accuracy_period") != std::string::npos ||
        a.find("invforecast_schema_version") != std::string::npos ||
        a.find("invforecast_uuid_v7") != std::string::npos ||
        a.find("invforecast_run") != std::string::npos ||  // the nightly job's tables (V003)
        a.find("idx_forecast_models_material_status") != std::string::npos;
    CHECK(expected);
  }
  // The ERP's own policies were kept and no second policy was added.
  CHECK(count(c, "SELECT count(*) FROM pg_policies WHERE tablename = 'demand_history'") == 1);
  CHECK(count(c, "SELECT count(*) FROM pg_policies WHERE policyname = 'erp_tenant_isolation_dh'") ==
        1);
  // The ERP's key default is kept.
  CHECK(c.exec("t",
               "SELECT column_default FROM information_schema.columns WHERE table_name = "
               "'demand_history' AND column_name = 'demand_history_id'")
            .text(0, 0) == "uuid_generate_v7()");
  CHECK(schema_version(c) == latest_schema_version());
  // Idempotent here too.
  migrate(c, {.reapply = true});
  CHECK(invforecast::pg::test::schema_snapshot(c) == after);
}

TEST_CASE("concurrent migrate calls serialise and both succeed", "[migrations]") {
  pg_fixture db(false);
  std::vector<std::thread> pool;
  std::atomic<int> failures{0};
  for (int t = 0; t < 3; ++t) {
    pool.emplace_back([&] {
      try {
        connection c = db.owner();
        (void)migrate(c);
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& t : pool) t.join();
  CHECK(failures == 0);
  connection c = db.owner();
  CHECK(schema_version(c) == latest_schema_version());
  CHECK(count(c, "SELECT count(*) FROM invforecast_schema_version") == latest_schema_version());
}
