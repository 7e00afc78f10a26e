// demand_history: record (upsert/add), backfill (replace), zero-filled reads, verbatim text,
// validation, tenant isolation under row-level security.

#include <catch2/catch.hpp>

#include "invforecast/postgres/demand.hpp"
#include "pg_fixture.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::day;
using invforecast::pg::test::pg_fixture;

namespace {
long long count(connection& c, const std::string& sql, std::vector<param_value> p = {}) {
  return c.exec("count", sql, p).integer(0, 0);
}
}  // namespace

TEST_CASE("record_demand adds to the day and reads back zero-filled", "[demand]") {
  pg_fixture db;
  const scope s = db.make_scope();
  const auto m = db.make_materials(s, 2);
  connection app = db.app();
  const std::vector<demand_entry> entries{
      {.material_id = m[0],
       .date = day(-5),
       .quantity = 10,
       .uom = "EA",
       .source = demand_source::sales_order},
      {.material_id = m[0],
       .date = day(-5),
       .quantity = 2.5,
       .uom = "EA",
       .source = demand_source::scrap},
      {.material_id = m[0], .date = day(-3), .quantity = 7, .uom = "EA"},
      {.material_id = m[1], .date = day(-3), .quantity = 1, .uom = "KG"}};
  const write_report r1 = record_demand(app, s, entries);
  CHECK(r1.inserted == 3);  // two entries for (m0, day -5) are one row
  CHECK(r1.updated == 0);
  // A second event on day -5 adds to it.
  const std::vector<demand_entry> more{{.material_id = m[0],
                                        .date = day(-5),
                                        .quantity = 4,
                                        .uom = "EA",
                                        .source = demand_source::sales_order}};
  const write_report r2 = record_demand(app, s, more);
  CHECK(r2.inserted == 0);
  CHECK(r2.updated == 1);

  const demand_series h = get_demand_history(app, s, m[0], day(-6), day(-1));
  REQUIRE(h.days.size() == 6);
  // day -6: no row -> 0; -5: 10 + 2.5 + 4 = 16.5; -4: 0; -3: 7; -2, -1: 0 (exact decimals).
  const double expected[6] = {0, 16.5, 0, 7, 0, 0};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO(i);
    CHECK(h.days[i].actual_quantity == expected[i]);
    CHECK(h.days[i].recorded == (i == 1 || i == 3));
    CHECK(h.days[i].date == day(-6 + static_cast<long long>(i)));
  }
  CHECK(h.uom == "EA");
  // Source columns and calendar parts: 2025-05-28 is a Wednesday (ISO 3) of ISO week 22, Q2.
  connection owner = db.owner();
  const result row = owner.exec(
      "t",
      "SELECT sales_order_demand, scrap_adjustment, year, month, week_of_year, day_of_week, "
      "quarter FROM demand_history WHERE material_id = $1::uuid AND demand_date = $2::date",
      {param(m[0]), param(day(-5))});
  CHECK(row.number(0, 0) == 14);  // 10 + 4
  CHECK(row.number(0, 1) == 2.5);
  CHECK(row.integer(0, 2) == 2025);
  CHECK(row.integer(0, 3) == 5);
  CHECK(row.integer(0, 4) == 22);
  CHECK(row.integer(0, 5) == 3);
  CHECK(row.integer(0, 6) == 2);
}

TEST_CASE("backfill replaces days and is idempotent", "[demand]") {
  pg_fixture db;
  const scope s = db.make_scope();
  const auto m = db.make_materials(s, 1);
  connection app = db.app();
  const std::vector<inventory_transaction> tx{
      {m[0], day(-2), 3, "EA", transaction_kind::sales_order},
      {m[0], day(-2), 1, "EA", transaction_kind::production_order},
      {m[0], day(-2), 2, "EA", transaction_kind::transfer_order},
      {m[0], day(-1), 5, "EA", transaction_kind::sales_order}};
  const write_report a = backfill_demand_history(app, s, tx);
  CHECK(a.inserted == 2);
  const write_report b = backfill_demand_history(app, s, tx);
  CHECK(b.updated == 2);
  const demand_series h = get_demand_history(app, s, m[0], day(-2), day(-1));
  CHECK(h.days[0].actual_quantity == 6);  // 3 + 1 + 2, not doubled by the second run
  CHECK(h.days[1].actual_quantity == 5);
  connection owner = db.owner();
  const result row =
      owner.exec("t",
                 "SELECT sales_order_demand, production_order_demand, transfer_order_demand FROM "
                 "demand_history WHERE material_id = $1::uuid AND demand_date = $2::date",
                 {param(m[0]), param(day(-2))});
  CHECK(row.number(0, 0) == 3);
  CHECK(row.number(0, 1) == 1);
  CHECK(row.number(0, 2) == 2);
  // A soft-deleted day is revived with the new quantity only.
  owner.exec("t", "UPDATE demand_history SET deleted_at = now() WHERE demand_date = $1::date",
             {param(day(-1))});
  CHECK(get_demand_history(app, s, m[0], day(-1), day(-1)).days[0].actual_quantity == 0);
  const std::vector<demand_entry> e{
      {.material_id = m[0], .date = day(-1), .quantity = 1, .uom = "EA"}};
  record_demand(app, s, e);
  CHECK(get_demand_history(app, s, m[0], day(-1), day(-1)).days[0].actual_quantity == 1);
}

TEST_CASE("text with quotes and SQL is stored verbatim", "[demand]") {
  pg_fixture db;
  const scope s = db.make_scope();
  const auto m = db.make_materials(s, 1);
  connection app = db.app();
  const std::string uom = "x'); --\"\\";  // 9 characters
  const std::vector<demand_entry> e{
      {.material_id = m[0], .date = day(-1), .quantity = 1, .uom = uom}};
  record_demand(app, s, e);
  CHECK(get_demand_history(app, s, m[0], day(-1), day(-1)).uom == uom);
  connection owner = db.owner();
  CHECK(count(owner, "SELECT count(*) FROM demand_history") == 1);
}

TEST_CASE("invalid demand input throws before anything is written", "[demand]") {
  pg_fixture db;
  const scope s = db.make_scope();
  const auto m = db.make_materials(s, 1);
  connection app = db.app();
  auto entry = [&](double q, std::string uom, std::string id) {
    return std::vector<demand_entry>{
        {.material_id = m[0], .date = day(-2), .quantity = 1, .uom = "EA"},
        {.material_id = std::move(id), .date = day(-1), .quantity = q, .uom = std::move(uom)}};
  };
  REQUIRE_THROWS_AS(record_demand(app, s, entry(-1, "EA", m[0])), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(record_demand(app, s, entry(1e12, "EA", m[0])), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(record_demand(app, s, entry(std::nan(""), "EA", m[0])),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(record_demand(app, s, entry(1, "ELEVENCHARS", m[0])),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(record_demand(app, s, entry(1, "", m[0])), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(record_demand(app, s, entry(1, "EA", "not-a-uuid")),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(record_demand(app, {"x", s.facility_id}, entry(1, "EA", m[0])),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(get_demand_history(app, s, m[0], day(0), day(-1)),
                    invforecast::invalid_argument);
  // A database-side failure (unknown material: foreign key) rolls back the whole batch.
  REQUIRE_THROWS_AS(record_demand(app, s, entry(1, "EA", "00000000-0000-0000-0000-000000000001")),
                    sql_error);
  connection owner = db.owner();
  CHECK(count(owner, "SELECT count(*) FROM demand_history") == 0);
}

TEST_CASE("tenants cannot read or write each other's rows (row-level security)", "[demand]") {
  pg_fixture db;
  const scope a = db.make_scope();
  const scope b = db.make_scope();
  const auto ma = db.make_materials(a, 1);
  const auto mb = db.make_materials(b, 1);
  connection app = db.app();
  record_demand(app, a,
                std::vector<demand_entry>{
                    {.material_id = ma[0], .date = day(-1), .quantity = 5, .uom = "EA"}});
  record_demand(app, b,
                std::vector<demand_entry>{
                    {.material_id = mb[0], .date = day(-1), .quantity = 7, .uom = "EA"}});
  // B asking for A's material through A's facility id sees nothing (RLS hides A's rows).
  const demand_series seen =
      get_demand_history(app, {b.tenant_id, a.facility_id}, ma[0], day(-1), day(-1));
  CHECK_FALSE(seen.days[0].recorded);
  CHECK(seen.days[0].actual_quantity == 0);
  // Raw statements in B's transaction: A's rows are invisible, not updatable, not insertable.
  {
    transaction tx(app, b.tenant_id);
    CHECK(tx.exec("t", "SELECT count(*) FROM demand_history").integer(0, 0) == 1);
    CHECK(tx.exec("t",
                  "UPDATE demand_history SET actual_demand_quantity = 0 WHERE tenant_id = $1::uuid",
                  {param(a.tenant_id)})
              .affected() == 0);
    CHECK(
        tx.exec("t", "DELETE FROM demand_history WHERE tenant_id = $1::uuid", {param(a.tenant_id)})
            .affected() == 0);
    try {
      tx.exec("t",
              "INSERT INTO demand_history (tenant_id, facility_id, material_id, demand_date, year, "
              "month, week_of_year, day_of_week, quarter, actual_demand_quantity, demand_uom) "
              "VALUES ($1::uuid, $2::uuid, $3::uuid, '2025-01-01', 2025, 1, 1, 3, 1, 1, 'EA')",
              {param(a.tenant_id), param(a.facility_id), param(ma[0])});
      FAIL("insert into another tenant succeeded");
    } catch (const sql_error& e) {
      CHECK(e.sqlstate() == "42501");  // new row violates row-level security policy
    }
  }
  // Writing through the API as B with A's material id: the row is B's, A's row is untouched.
  connection owner = db.owner();
  CHECK(count(owner,
              "SELECT count(*) FROM demand_history WHERE tenant_id = $1::uuid AND "
              "actual_demand_quantity = 5",
              {param(a.tenant_id)}) == 1);
  CHECK(get_demand_history(app, a, ma[0], day(-1), day(-1)).days[0].actual_quantity == 5);
}
