// Forecast generation: versions, supersede, model rows, skips, concurrency, sharding,
// failure injection, a connection killed mid-write.

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <future>
#include <set>
#include <thread>

#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/seed.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "pg_fixture.hpp"
#include "plan_check.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::pg_fixture;

namespace {

long long count(connection& c, const std::string& sql, std::vector<param_value> p = {}) {
  return c.exec("count", sql, p).integer(0, 0);
}

// Seeded materials; intermittent ones (the last `intermittent_share`) may have few rows, so
// only the first test, with a long history, uses them.
seed_result seed(const pg_fixture& db, std::size_t materials, int days = 120,
                 double intermittent_share = 0) {
  connection owner = db.owner();
  return seed_demand(owner, {.materials = materials,
                             .days = days,
                             .last_day = day(-1),
                             .intermittent_share = intermittent_share});
}

// The policy of these tests: 30 forecast days (plan()'s minimum), a 2-origin backtest, the
// materials' own settings off (their column defaults would ask 90 days of horizon and history).
generate_options base_options() {
  generate_options o;
  o.as_of = k_today;
  o.planning.policy.horizon_days = 30;
  o.planning.policy.backtest_origins = 2;
  o.planning.material_settings = false;
  o.planning.minimum_history_days = 14;
  return o;
}

}  // namespace

TEST_CASE("seed_demand gives the same quantities on every call", "[seed]") {
  // The noise hashes the material's position, not its fresh UUID: tests and benchmarks see the
  // same series on every run.
  pg_fixture db;
  const seed_result a = seed(db, 2, 30, 0.5);
  const seed_result b = seed(db, 2, 30, 0.5);
  REQUIRE(a.where.tenant_id != b.where.tenant_id);
  CHECK(a.demand_rows == b.demand_rows);
  connection owner = db.owner();
  for (std::size_t m = 0; m < 2; ++m) {
    const demand_series x =
        get_demand_history(owner, a.where, a.material_ids[m], day(-30), day(-1));
    const demand_series y =
        get_demand_history(owner, b.where, b.material_ids[m], day(-30), day(-1));
    REQUIRE(x.days.size() == y.days.size());
    for (std::size_t d = 0; d < x.days.size(); ++d) {
      CHECK(x.days[d].recorded == y.days[d].recorded);
      CHECK(x.days[d].actual_quantity == y.days[d].actual_quantity);
    }
  }
}

TEST_CASE("generate_forecasts writes a model and the horizon's rows as version 1", "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 3, 120, 0.34);  // one intermittent material
  connection app = db.app();
  const generate_report r = generate_forecasts(app, sd.where, base_options());
  REQUIRE(r.materials.size() == 3);
  CHECK(r.written == 3);
  CHECK(r.skipped == 0);
  connection owner = db.owner();
  for (const material_generation& g : r.materials) {
    INFO(g.material_id << " " << g.reason);
    CHECK(g.status == generation_status::written);
    CHECK(g.version == 1);
    CHECK(g.rows == 30);
    // Every stored number is plan()'s on the history read back.
    const invforecast::material_plan lib = invforecast::pg::test::library_plan(
        app, sd.where, g.material_id, base_options().planning.policy, day(-1));
    CHECK(g.model_name == lib.fit.model_name);
    const auto rows = get_material_forecasts(app, sd.where, g.material_id, day(-30), day(40));
    invforecast::pg::test::check_forecast_rows(rows, lib);
    invforecast::pg::test::check_model_row(owner, g.forecast_model_id, lib);
    for (const forecast_row& f : rows) {
      CHECK(f.status == "ACTIVE");
      CHECK(f.forecast_version == 1);
      CHECK(f.uom == "EA");
      CHECK(f.forecast_algorithm == g.algorithm);
      // Nested intervals (exact: the same stored decimals). An ETS interval holds its mean; an
      // intermittent method's need not (its 80 % bounds are 0 when P(0) >= 0.9).
      CHECK(*f.lower_95 <= *f.lower_80);
      CHECK(*f.lower_80 <= *f.upper_80);
      CHECK(*f.upper_80 <= *f.upper_95);
      CHECK(*f.lower_95 >= 0);
      if (lib.fit.kind == invforecast::method::ets) {
        CHECK(*f.lower_80 <= f.forecasted_quantity);
        CHECK(f.forecasted_quantity <= *f.upper_80);
      }
      REQUIRE(f.confidence);
      CHECK(*f.confidence >= 0);
      CHECK(*f.confidence <= 1);
      CHECK(f.forecast_model_id == g.forecast_model_id);
    }
    CHECK(rows.front().forecast_horizon == "SHORT_TERM");
  }
  const result m =
      owner.exec("t",
                 "SELECT training_sample_size, model_version, model_algorithm FROM forecast_models "
                 "WHERE forecast_model_id = $1::uuid",
                 {param(r.materials[0].forecast_model_id)});
  // The extract starts at the facility's first row: 120 days for every material.
  CHECK(m.integer(0, 0) == 120);
  CHECK(m.text(0, 1) == "1");
  CHECK(m.text(0, 2) == r.materials[0].algorithm);
}

TEST_CASE("regenerating supersedes the previous ACTIVE version's future rows", "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 1);
  const std::string mat = sd.material_ids[0];
  connection app = db.app();
  generate_options o = base_options();
  o.material_ids = {mat};
  const generate_report v1 = generate_forecasts(app, sd.where, o);
  REQUIRE(v1.written == 1);
  // A week later, a new version from as_of + 7 with horizon 30.
  o.as_of = day(7);
  const generate_report v2 = generate_forecasts(app, sd.where, o);
  REQUIRE(v2.written == 1);
  CHECK(v2.materials[0].version == 2);
  CHECK(v2.materials[0].superseded == 23);  // version 1 rows of days 7..29
  const auto rows = get_material_forecasts(app, sd.where, mat, day(0), day(40));
  std::size_t active_v1 = 0;
  std::size_t superseded = 0;
  for (const forecast_row& f : rows) {
    const auto d = invforecast::detail::days_between(k_today, f.forecast_date);
    if (f.forecast_version == 1) {
      if (d < 7) {
        CHECK(f.status == "ACTIVE");
        ++active_v1;
      } else {
        CHECK(f.status == "SUPERSEDED");
        REQUIRE(f.superseded_by_forecast_id);
        // It points at the version-2 row of the same day.
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const forecast_row& n) {
          return n.material_forecast_id == *f.superseded_by_forecast_id;
        });
        REQUIRE(it != rows.end());
        CHECK(it->forecast_version == 2);
        CHECK(it->forecast_date == f.forecast_date);
        ++superseded;
      }
    } else {
      CHECK(f.status == "ACTIVE");
    }
  }
  CHECK(active_v1 == 7);
  CHECK(superseded == 23);
  CHECK(get_material_forecasts(app, sd.where, mat, day(0), day(40), "ACTIVE").size() == 7 + 30);
  connection owner = db.owner();
  CHECK(count(owner, "SELECT count(*) FROM forecast_models WHERE model_status = 'RETIRED'") == 1);
  CHECK(count(owner, "SELECT count(*) FROM forecast_models WHERE model_status = 'ACTIVE'") == 1);
}

TEST_CASE("materials that cannot be forecast are skipped and reported", "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 2, 10);  // 10 days
  connection app = db.app();
  connection owner = db.owner();
  generate_options o = base_options();
  generate_report r = generate_forecasts(app, sd.where, o);
  REQUIRE(r.materials.size() == 2);
  CHECK(r.written == 0);
  CHECK(r.skipped == 2);
  CHECK(r.materials[0].reason == "history of 10 days, fewer than the minimum 14");
  // The materials' own settings: the column default minimum is 90.
  o.planning.material_settings = true;
  r = generate_forecasts(app, sd.where, o);
  CHECK(r.skipped == 2);
  CHECK(r.materials[0].reason == "history of 10 days, fewer than the minimum 90");
  owner.exec("t",
             "UPDATE materials SET minimum_forecast_history_days = 5, forecast_horizon_days = 35, "
             "forecast_algorithm = 'NO_SUCH_METHOD'");
  r = generate_forecasts(app, sd.where, o);
  CHECK(r.skipped == 2);
  CHECK(r.materials[0].reason == "unknown forecast_algorithm 'NO_SUCH_METHOD'");
  owner.exec("t", "UPDATE materials SET forecast_algorithm = 'MOVING_AVERAGE'");
  r = generate_forecasts(app, sd.where, o);
  REQUIRE(r.written == 2);
  CHECK(r.materials[0].algorithm == "MOVING_AVERAGE");
  CHECK(r.materials[0].rows == 35);  // the material's forecast_horizon_days
  // The material's own setting is used per material.
  owner.exec("t", "UPDATE materials SET forecast_algorithm = 'CROSTON' WHERE id = $1::uuid",
             {param(sd.material_ids[1])});
  r = generate_forecasts(app, sd.where, o);
  REQUIRE(r.materials.size() == 2);
  CHECK(r.materials[0].algorithm == "MOVING_AVERAGE");
  CHECK(r.materials[1].algorithm == "CROSTON");
  CHECK(r.materials[1].version == 2);
  // Disabled materials are left out of "all materials".
  owner.exec("t", "UPDATE materials SET forecasting_enabled = FALSE WHERE id = $1::uuid",
             {param(sd.material_ids[0])});
  r = generate_forecasts(app, sd.where, o);
  REQUIRE(r.materials.size() == 1);
  CHECK(r.materials[0].material_id == sd.material_ids[1]);
  // A horizon shorter than plan()'s minimum (30 days) fails the material, named.
  owner.exec("t", "UPDATE materials SET forecast_horizon_days = 14");
  r = generate_forecasts(app, sd.where, o);
  REQUIRE(r.materials.size() == 1);
  CHECK(r.skipped == 1);
  CHECK(r.materials[0].reason.find("plan: material '" + sd.material_ids[1] +
                                   "': horizon_days = 14, must be >= max(30,") == 0);
  // Invalid options throw before anything is written.
  o.part = {2, 2};
  REQUIRE_THROWS_AS(generate_forecasts(app, sd.where, o), invforecast::invalid_argument);
  o.part = {};
  o.planning.policy.horizon_days = 0;
  REQUIRE_THROWS_AS(generate_forecasts(app, sd.where, o), invforecast::invalid_argument);
  o.planning.policy.horizon_days = 30;
  o.material_ids = {"nope"};
  REQUIRE_THROWS_AS(generate_forecasts(app, sd.where, o), invforecast::invalid_argument);
}

TEST_CASE("concurrent generations of one material give consecutive versions", "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 1, 60);
  const std::string mat = sd.material_ids[0];
  constexpr int threads = 4;
  constexpr int rounds = 2;
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      try {
        connection c = db.app();
        generate_options o = base_options();
        o.material_ids = {mat};
        o.planning.policy.backtest_origins = 0;
        for (int k = 0; k < rounds; ++k) {
          if (generate_forecasts(c, sd.where, o).written != 1) ++failures;
        }
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& t : pool) t.join();
  CHECK(failures == 0);
  connection owner = db.owner();
  const result v = owner.exec(
      "t", "SELECT forecast_version, count(*) FROM material_forecasts GROUP BY 1 ORDER BY 1");
  REQUIRE(v.rows() == threads * rounds);
  for (int i = 0; i < v.rows(); ++i) {
    CHECK(v.integer(i, 0) == i + 1);
    CHECK(v.integer(i, 1) == 30);
  }
  // Exactly the newest version is ACTIVE.
  CHECK(count(owner,
              "SELECT count(DISTINCT forecast_version) FROM material_forecasts WHERE "
              "forecast_status = 'ACTIVE'") == 1);
  CHECK(count(owner,
              "SELECT max(forecast_version) FROM material_forecasts WHERE "
              "forecast_status = 'ACTIVE'") == threads * rounds);
}

TEST_CASE("shards split the materials without overlap", "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 8, 40);
  std::set<std::string> seen;
  std::size_t total = 0;
  for (unsigned k = 0; k < 3; ++k) {
    connection c = db.app();
    generate_options o = base_options();
    o.part = {k, 3};
    o.planning.policy.backtest_origins = 0;
    o.write.commit = commit_scope::per_material;
    const generate_report r = generate_forecasts(c, sd.where, o);
    for (const auto& g : r.materials) {
      CHECK(shard_of(g.material_id, 3) == k);
      seen.insert(g.material_id);
      ++total;
    }
  }
  CHECK(total == 8);
  CHECK(seen.size() == 8);
  // shard_of ignores case and dashes; FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test
  // vector) = 12638187200555641996, which is 996 mod 1000.
  CHECK(shard_of("a", 1000) == 996);
  CHECK(shard_of("A-", 1000) == 996);
  CHECK(shard_of("ABCDEF00-0000-0000-0000-000000000000", 7) ==
        shard_of("abcdef00000000000000000000000000", 7));
  REQUIRE_THROWS_AS(shard_of("x", 0), invforecast::invalid_argument);
}

TEST_CASE("a failure mid-batch leaves no rows", "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 4, 40);
  connection owner = db.owner();
  // Inject a failure when the third material's forecasts are inserted.
  owner.exec_script("inject",
                    "CREATE FUNCTION fail_third() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "IF NEW.material_id = '" +
                        sd.material_ids[2] +
                        "' THEN "
                        "RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$; "
                        "CREATE TRIGGER fail_third BEFORE INSERT ON material_forecasts "
                        "FOR EACH ROW EXECUTE FUNCTION fail_third();");
  connection app = db.app();
  generate_options o = base_options();
  o.planning.policy.backtest_origins = 0;
  try {
    (void)generate_forecasts(app, sd.where, o);
    FAIL("no error");
  } catch (const sql_error& e) {
    CHECK(std::string(e.what()).find("injected failure") != std::string::npos);
    CHECK(std::string(e.what()).find("rolled back") != std::string::npos);
    CHECK_FALSE(e.connection_lost());
  }
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts") == 0);
  CHECK(count(owner, "SELECT count(*) FROM forecast_models") == 0);
  // The connection stays usable; per_material keeps the materials before the failing one.
  o.write.commit = commit_scope::per_material;
  REQUIRE_THROWS_AS(generate_forecasts(app, sd.where, o), sql_error);
  CHECK(count(owner, "SELECT count(DISTINCT material_id) FROM material_forecasts") == 2);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts WHERE material_id = $1::uuid",
              {param(sd.material_ids[2])}) == 0);
}

TEST_CASE("a connection killed mid-write gives a clear error and no partial version",
          "[forecasts]") {
  pg_fixture db;
  const seed_result sd = seed(db, 3, 40);
  connection blocker = db.owner();
  // Hold the advisory lock of the last material so the generator stops there, after writing
  // the first two materials inside its (uncommitted) transaction.
  blocker.exec("lock",
               "SELECT pg_advisory_lock(1229870663, hashtext($1 || '/' || $2 || '/' || $3))",
               {param(sd.where.tenant_id), param(sd.where.facility_id), param(sd.material_ids[2])});
  connection app = db.app();
  const int pid = app.backend_pid();
  auto job = std::async(std::launch::async, [&] {
    generate_options o = base_options();
    o.planning.policy.backtest_origins = 0;
    try {
      (void)generate_forecasts(app, sd.where, o);
      return std::string("no error");
    } catch (const sql_error& e) {
      return std::string(e.connection_lost() ? "lost: " : "other: ") + e.what();
    }
  });
  bool waiting = false;
  for (int i = 0; i < 600 && !waiting; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    waiting = blocker
                  .exec("w", "SELECT count(*) FROM pg_locks WHERE pid = $1::int AND NOT granted",
                        {param(pid)})
                  .integer(0, 0) > 0;
  }
  REQUIRE(waiting);
  CHECK(count(blocker, "SELECT count(*) FROM material_forecasts") == 0);  // not committed
  blocker.exec("kill", "SELECT pg_terminate_backend($1::int)", {param(pid)});
  const std::string outcome = job.get();
  INFO(outcome);
  CHECK(outcome.rfind("lost: ", 0) == 0);
  CHECK(outcome.find("generate_forecasts") != std::string::npos);
  CHECK(count(blocker, "SELECT count(*) FROM material_forecasts") == 0);
  CHECK(count(blocker, "SELECT count(*) FROM forecast_models") == 0);
  CHECK_FALSE(app.is_open());
}
