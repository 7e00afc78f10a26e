// run_nightly: many processes and threads on one run (every material exactly once, versions
// consecutive, the same numbers as a 1-thread run), a worker killed with SIGKILL mid-batch
// (its batch returns to the queue, no partial rows), a database error in one material (that
// material FAILED, the others written, its batch stored material by material), the batched
// write storing what the per-material write stores, and the run table readable from SQL.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "invforecast/postgres/nightly.hpp"
#include "invforecast/postgres/seed.hpp"
#include "pg_fixture.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::pg_fixture;

namespace {

long long count(connection& c, const std::string& sql) {
  return c.exec("count", sql).integer(0, 0);
}

nightly_options small_options() {
  nightly_options o;
  o.planning.material_settings = false;
  o.planning.policy.horizon_days = 30;
  o.planning.policy.backtest_origins = 2;
  o.planning.policy.backtest_horizon = 7;
  o.as_of = day(1);
  o.batch_size = 4;
  return o;
}

// Runs run_nightly in a child process; returns its pid. The child exits 0 on success.
pid_t spawn(const std::string& conninfo, const scope& where, nightly_options o) {
  const pid_t pid = fork();
  if (pid == 0) {
    int rc = 0;
    try {
      (void)run_nightly(conninfo, where, o);
    } catch (...) {
      rc = 1;
    }
    _exit(rc);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("run_nightly: 3 processes x 2 threads write every material once, as 1 thread does",
          "[nightly]") {
  pg_fixture db;
  connection owner = db.owner();
  const seed_result sd = seed_demand(owner, {.materials = 24, .days = 150, .last_day = k_today});
  const std::string app = test::conninfo(db.database(), "invf_app");

  // The reference: one process, one thread, one connection (no write overlapping planning).
  nightly_options one = small_options();
  one.overlap_write = false;
  const nightly_report first = run_nightly(app, sd.where, one);
  CHECK(first.created);
  CHECK(first.written == 24);
  CHECK(first.run_status == "COMPLETED");

  // A second run of the same day, shared by 3 processes x 2 threads.
  nightly_options many = small_options();
  many.threads = 2;
  many.run_id = "0190c0de-0000-7000-8000-000000000001";
  std::vector<pid_t> children;
  for (int i = 0; i < 3; ++i) {
    many.worker = "proc" + std::to_string(i);
    children.push_back(spawn(app, sd.where, many));
  }
  for (const pid_t c : children) CHECK(wait_exit(c) == 0);

  connection check = db.app();
  const auto info = get_run(check, sd.where, many.run_id);
  REQUIRE(info);
  CHECK(info->status == "COMPLETED");
  CHECK(info->total == 24);
  CHECK(info->done == 24);
  CHECK(info->pending == 0);
  CHECK(info->failed == 0);
  // Every material exactly once in the run, and work was shared between processes.
  CHECK(count(owner, "SELECT count(*) FROM invforecast_run_items WHERE run_id = '" + *many.run_id +
                         "' AND status = 'DONE'") == 24);
  CHECK(count(owner,
              "SELECT count(DISTINCT split_part(worker, '/', 1)) FROM "
              "invforecast_run_items WHERE run_id = '" +
                  *many.run_id + "'") >= 2);
  // Versions consecutive: each material has exactly versions 1 and 2, one model row each.
  CHECK(count(owner,
              "SELECT count(*) FROM (SELECT material_id FROM forecast_models GROUP BY "
              "material_id HAVING count(*) = 2 AND min(model_version::int) = 1 AND "
              "max(model_version::int) = 2) s") == 24);
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts WHERE forecast_status = 'ACTIVE' "
              "AND forecast_version = 2") == 24 * 30);
  // The same numbers as the 1-thread run, material by material and day by day.
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts a JOIN material_forecasts b USING "
              "(material_id, forecast_date) WHERE a.forecast_version = 1 AND b.forecast_version = "
              "2 AND a.forecasted_demand_quantity = b.forecasted_demand_quantity AND "
              "a.upper_bound_95_pct IS NOT DISTINCT FROM b.upper_bound_95_pct") == 24 * 30);
}

TEST_CASE("run_nightly: a worker killed mid-batch loses nothing", "[nightly]") {
  pg_fixture db;
  connection owner = db.owner();
  const seed_result sd = seed_demand(owner, {.materials = 12, .days = 120, .last_day = k_today});
  const std::string app = test::conninfo(db.database(), "invf_app");
  // The third material's model row makes its writer sleep: its batch is open (uncommitted)
  // when the worker is killed.
  const std::string slow = sd.material_ids[2];
  owner.exec_script("trigger",
                    "CREATE FUNCTION invf_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    "BEGIN IF NEW.material_id = '" +
                        slow +
                        "' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$; "
                        "CREATE TRIGGER invf_test_slow BEFORE INSERT ON forecast_models FOR EACH "
                        "ROW EXECUTE FUNCTION invf_test_slow();");
  nightly_options o = small_options();
  o.run_id = "0190c0de-0000-7000-8000-000000000002";
  o.batch_size = 5;
  const pid_t victim = spawn(app, sd.where, o);
  // Wait until the victim sleeps inside its first batch, then kill it.
  bool sleeping = false;
  for (int i = 0; i < 300 && !sleeping; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    sleeping =
        count(owner, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") > 0;
  }
  REQUIRE(sleeping);
  // With overlap_write the victim has claimed its second batch (5 more) while the first one is
  // being stored: 2 of the 12 items are left to claim.
  long long claimable = -1;
  for (int i = 0; i < 50 && claimable != 2; ++i) {
    claimable = count(owner,
                      "SELECT count(*) FROM (SELECT 1 FROM invforecast_run_items WHERE "
                      "status = 'PENDING' FOR UPDATE SKIP LOCKED) s");
    if (claimable != 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(claimable == 2);
  kill(victim, SIGKILL);
  CHECK(wait_exit(victim) == 128 + SIGKILL);
  CHECK(count(owner, "SELECT count(*) FROM forecast_models") == 0);  // nothing committed

  // Another worker joins the run and completes it (the dead batch comes back to the queue
  // once the server has rolled it back).
  owner.exec_script("drop", "DROP TRIGGER invf_test_slow ON forecast_models");
  const nightly_report r = run_nightly(app, sd.where, o);
  CHECK_FALSE(r.created);
  CHECK(r.written == 12);
  CHECK(r.run_status == "COMPLETED");
  CHECK(count(owner, "SELECT count(*) FROM forecast_models") == 12);
  CHECK(count(owner, "SELECT count(DISTINCT material_id) FROM forecast_models") == 12);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts") == 12 * 30);
  CHECK(count(owner, "SELECT max(forecast_version) FROM material_forecasts") == 1);
}

TEST_CASE("run_nightly: a database error fails one material, the others are written", "[nightly]") {
  pg_fixture db;
  connection owner = db.owner();
  const seed_result sd = seed_demand(owner, {.materials = 9, .days = 120, .last_day = k_today});
  const std::string bad = sd.material_ids[4];
  owner.exec_script("trigger",
                    "CREATE FUNCTION invf_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    "BEGIN IF NEW.material_id = '" +
                        bad +
                        "' THEN RAISE EXCEPTION 'test: refused'; END IF; RETURN NEW; END $$; "
                        "CREATE TRIGGER invf_test_fail BEFORE INSERT ON material_forecasts FOR "
                        "EACH ROW EXECUTE FUNCTION invf_test_fail();");
  nightly_options o = small_options();
  std::size_t calls = 0;
  nightly_progress last;
  o.progress = [&](const nightly_progress& p) {
    ++calls;
    last = p;
  };
  const nightly_report r = run_nightly(test::conninfo(db.database(), "invf_app"), sd.where, o);
  CHECK(r.written == 8);
  REQUIRE(r.failures.size() == 1);
  CHECK(r.failures[0].material_id == bad);
  CHECK_THAT(r.failures[0].message, Catch::Contains("test: refused"));
  CHECK(r.run_status == "COMPLETED_WITH_FAILURES");
  CHECK(calls == 3);  // batches of 4, 4, 1
  // The second batch's batched write failed and it was stored material by material.
  CHECK(r.batches == 3);
  CHECK(r.batched_writes == 2);
  CHECK(r.fallback_batches == 1);
  CHECK(last.done == 9);
  CHECK(last.total == 9);
  CHECK(last.failed == 1);
  REQUIRE(last.eta_seconds);
  CHECK(*last.eta_seconds == 0);
  // Nothing of the failed material (its model row rolled back with it), all of the others.
  CHECK(count(owner, "SELECT count(*) FROM forecast_models WHERE material_id = '" + bad + "'") ==
        0);
  CHECK(count(owner, "SELECT count(DISTINCT material_id) FROM material_forecasts") == 8);
  connection app = db.app();
  const auto info = get_run(app, sd.where);
  REQUIRE(info);
  CHECK(info->failed == 1);
  REQUIRE(info->failures.size() == 1);
  CHECK(info->failures[0].material_id == bad);
  // Row-level security: another tenant sees no run.
  const scope other = db.make_scope();
  CHECK_FALSE(get_run(app, other));
}

TEST_CASE("run_nightly: the batched write stores what the per-material write stores", "[nightly]") {
  pg_fixture db;
  connection owner = db.owner();
  const seed_result sd = seed_demand(owner, {.materials = 10, .days = 150, .last_day = k_today});
  const std::string app = test::conninfo(db.database(), "invf_app");
  // One material in kilograms and ten million times larger: its backtest errors exceed
  // test_rmse's DECIMAL(10,4) and are clamped, its rows take the history's uom.
  const std::string big = sd.material_ids[3];
  owner.exec("big",
             "UPDATE demand_history SET actual_demand_quantity = actual_demand_quantity * 1e7, "
             "demand_uom = 'KG' WHERE material_id = $1::uuid",
             {big});
  // Version 1 material by material, version 2 batched, version 3 material by material: each
  // write also supersedes and retires the previous version, by the other path.
  nightly_options o = small_options();
  o.batch_write = false;
  o.run_id = "0190c0de-0000-7000-8000-000000000011";
  const nightly_report v1 = run_nightly(app, sd.where, o);
  CHECK(v1.written == 10);
  CHECK(v1.batches == 3);  // 4, 4, 2
  CHECK(v1.batched_writes == 0);
  CHECK(v1.fallback_batches == 0);
  o.batch_write = true;
  o.run_id = "0190c0de-0000-7000-8000-000000000012";
  const nightly_report v2 = run_nightly(app, sd.where, o);
  CHECK(v2.written == 10);
  CHECK(v2.batched_writes == 3);  // every batch by the batched write
  CHECK(v2.fallback_batches == 0);
  o.batch_write = false;
  o.run_id = "0190c0de-0000-7000-8000-000000000013";
  const nightly_report v3 = run_nightly(app, sd.where, o);
  CHECK(v3.written == 10);
  CHECK(v3.batched_writes == 0);
  CHECK(v1.clamped_values > 0);
  CHECK(v2.clamped_values == v1.clamped_values);
  CHECK(v3.clamped_values == v2.clamped_values);
  CHECK(count(owner, "SELECT count(*) FROM forecast_models WHERE material_id = '" + big +
                         "' AND test_rmse = 999999.9999") == 3);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts WHERE forecast_uom = 'KG'") ==
        3 * 30);
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts WHERE forecast_uom = 'KG' AND "
              "material_id = '" +
                  big + "'") == 3 * 30);

  // Version 2's rows equal version 1's column by column, as text (bit for bit).
  const auto columns = [](const std::string& alias) {
    std::string out = "(";
    for (const char* c : {"tenant_id", "facility_id", "forecast_horizon", "forecast_algorithm",
                          "forecasted_demand_quantity", "forecast_uom", "lower_bound_80_pct",
                          "upper_bound_80_pct", "lower_bound_95_pct", "upper_bound_95_pct",
                          "model_confidence_score", "created_by", "is_manually_overridden"}) {
      out += (out.size() > 1 ? ", " : "") + alias + "." + c;
    }
    return out + ")::text";
  };
  const auto same = [&](const std::string& a, const std::string& b) {
    return columns(a) + " = " + columns(b);
  };
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts a JOIN material_forecasts b USING "
              "(material_id, forecast_date) WHERE a.forecast_version = 1 AND b.forecast_version = "
              "2 AND " +
                  same("a", "b")) == 10 * 30);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts WHERE forecast_version = 2") ==
        10 * 30);
  // The model rows likewise, and each forecast row points to its own version's model.
  CHECK(count(owner,
              "SELECT count(*) FROM forecast_models a JOIN forecast_models b USING (material_id) "
              "WHERE a.model_version = '1' AND b.model_version = '2' AND (a.tenant_id, "
              "a.facility_id, a.model_algorithm, a.training_start_date, a.training_end_date, "
              "a.training_sample_size, a.model_hyperparameters, a.feature_list, a.test_mape, "
              "a.test_rmse, a.test_mae, a.test_bias, a.test_r_squared, a.created_by)::text = "
              "(b.tenant_id, b.facility_id, b.model_algorithm, b.training_start_date, "
              "b.training_end_date, b.training_sample_size, b.model_hyperparameters, "
              "b.feature_list, b.test_mape, b.test_rmse, b.test_mae, b.test_bias, "
              "b.test_r_squared, b.created_by)::text AND b.model_name = a.model_name") == 10);
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts f JOIN forecast_models m USING "
              "(forecast_model_id) WHERE m.material_id = f.material_id AND m.model_version = "
              "f.forecast_version::text") == 3 * 10 * 30);
  // Superseding (version 1 by the batched write, version 2 by the per-material one): every
  // older row points to the next version's row of its day; the older models are retired.
  for (const int v : {1, 2}) {
    CHECK(count(owner,
                "SELECT count(*) FROM material_forecasts a JOIN material_forecasts b ON "
                "b.material_id = a.material_id AND b.forecast_date = a.forecast_date AND "
                "b.forecast_version = a.forecast_version + 1 WHERE a.forecast_version = " +
                    std::to_string(v) +
                    " AND a.forecast_status = 'SUPERSEDED' AND a.superseded_by_forecast_id = "
                    "b.material_forecast_id AND a.superseded_timestamp IS NOT NULL") == 10 * 30);
    CHECK(count(owner, "SELECT count(*) FROM forecast_models WHERE model_version = '" +
                           std::to_string(v) +
                           "' AND model_status = 'RETIRED' AND retirement_reason = 'superseded by "
                           "forecast version " +
                           std::to_string(v + 1) + "' AND retirement_timestamp IS NOT NULL") == 10);
  }
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts WHERE forecast_status = 'ACTIVE'") ==
        10 * 30);
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts WHERE forecast_status = 'ACTIVE' "
              "AND forecast_version = 3") == 10 * 30);
  CHECK(count(owner,
              "SELECT count(*) FROM forecast_models WHERE model_status = 'ACTIVE' AND "
              "model_version = '3'") == 10);
}
