// The adapters are thin wrappers over invforecast::plan(): generate_forecasts and
// generate_replenishment_recommendations store exactly plan()'s numbers on the history read
// back (every stored column, to its precision); launch and discontinue dates behave as plan()
// says; write_forecasts / write_replenishment_recommendations store plans computed elsewhere,
// all or nothing.

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "invforecast/planning/plan.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/postgres/seed.hpp"
#include "pg_fixture.hpp"
#include "plan_check.hpp"

using namespace invforecast::pg;
using invforecast::inventory_position;
using invforecast::material_plan;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::library_plan;
using invforecast::pg::test::pg_fixture;

namespace {

long long count(connection& c, const std::string& sql) {
  return c.exec("count", sql).integer(0, 0);
}

// 5 seeded materials of 200 days up to k_today (the last one intermittent) and their
// positions: the second launched 60 days ago, the third discontinued in 10 days, the fourth
// discontinued yesterday.
struct prepared {
  seed_result sd;
  std::vector<inventory_position> positions;
};

prepared prepare(const pg_fixture& db) {
  connection owner = db.owner();
  prepared p;
  p.sd = seed_demand(owner,
                     {.materials = 5, .days = 200, .last_day = k_today, .intermittent_share = 0.2});
  for (std::size_t i = 0; i < p.sd.material_ids.size(); ++i) {
    inventory_position pos;
    pos.material = p.sd.material_ids[i];
    pos.on_hand = i == 0 ? 0.0 : 150.0;
    pos.allocated = 10;
    pos.on_order = {{40, day(3)}};
    pos.lead_time_days = 6 + static_cast<double>(i);
    pos.lead_time_sd_days = 1.5;
    pos.minimum_order_quantity = 20;
    pos.order_multiple = 5;
    pos.unit_cost = 3.25;
    p.positions.push_back(pos);
  }
  p.positions[1].launch_date = day(-59);
  p.positions[2].discontinue_date = day(10);
  p.positions[3].discontinue_date = day(-1);
  return p;
}

planning_options policy_options() {
  planning_options o;
  o.material_settings = false;
  o.policy.horizon_days = 60;
  o.policy.backtest_origins = 3;
  o.policy.backtest_horizon = 7;
  return o;
}

}  // namespace

TEST_CASE("generate_* store plan()'s numbers on the history read back", "[planning]") {
  pg_fixture db;
  const prepared p = prepare(db);
  connection app = db.app();
  connection owner = db.owner();
  const planning_options planning = policy_options();

  generate_options g;
  g.as_of = day(1);  // first forecast day: the planning day is k_today
  g.planning = planning;
  g.positions = p.positions;
  const generate_report fr = generate_forecasts(app, p.sd.where, g);
  REQUIRE(fr.written == 5);

  replenishment_options r;
  r.today = k_today;
  r.planning = planning;
  r.write.skip_zero_quantity = false;
  const replenishment_report rr =
      generate_replenishment_recommendations(app, p.sd.where, p.positions, r);
  REQUIRE(rr.written.size() == 5);

  for (std::size_t i = 0; i < p.positions.size(); ++i) {
    const std::string& m = p.sd.material_ids[i];
    INFO("material " << i << " " << m);
    const material_plan lib =
        library_plan(app, p.sd.where, m, planning.policy, k_today, p.positions[i]);
    const material_generation& gen = fr.materials[i];
    REQUIRE(gen.material_id == m);
    CHECK(gen.model_name == lib.fit.model_name);
    invforecast::pg::test::check_forecast_rows(
        get_material_forecasts(app, p.sd.where, m, day(1), day(60)), lib);
    invforecast::pg::test::check_model_row(owner, gen.forecast_model_id, lib);
    invforecast::pg::test::check_suggestion_row(rr.written[i], lib);
  }
  // The plans' own rules, visible in the rows.
  const auto training = [&](std::size_t i) {
    return owner.exec("t",
                      "SELECT training_start_date, training_sample_size FROM forecast_models WHERE "
                      "forecast_model_id = $1::uuid",
                      {param(fr.materials[i].forecast_model_id)});
  };
  // Launched 59 days before the planning day: 60 days of history from the launch.
  CHECK(training(1).date(0, 0) == day(-59));
  CHECK(training(1).integer(0, 1) == 60);
  CHECK(training(0).integer(0, 1) == 200);
  // Discontinued yesterday: no order, however short the stock.
  CHECK(rr.written[3].recommended_quantity == 0);
  CHECK(rr.written[3].reason.find("discontinued on") != std::string::npos);
  // Discontinued in 10 days: the planned demand stops after that day.
  CHECK(rr.written[2].demand_30_days <= rr.written[2].demand_90_days.value_or(1e300));
  // The intermittent material gets the bootstrap safety stock (plan()'s automatic rule).
  const material_plan intermittent =
      library_plan(app, p.sd.where, p.sd.material_ids[4], planning.policy, k_today, p.positions[4]);
  CHECK(intermittent.safety.method == invforecast::safety_stock_method::simulated);

  // With skip_zero_quantity the discontinued material is skipped, with plan()'s note.
  r.write.skip_zero_quantity = true;
  const replenishment_report again =
      generate_replenishment_recommendations(app, p.sd.where, p.positions, r);
  bool found = false;
  for (const auto& [material, reason] : again.skipped) {
    if (material == p.sd.material_ids[3]) {
      found = true;
      CHECK(reason.find("nothing to order: discontinued on") == 0);
    }
  }
  CHECK(found);
}

TEST_CASE("a material launched after the planning day is skipped as plan() says", "[planning]") {
  pg_fixture db;
  prepared p = prepare(db);
  connection app = db.app();
  p.positions[0].launch_date = day(5);
  generate_options g;
  g.as_of = day(1);
  g.planning = policy_options();
  g.positions = {p.positions[0]};
  g.material_ids = {p.sd.material_ids[0]};
  const generate_report fr = generate_forecasts(app, p.sd.where, g);
  REQUIRE(fr.skipped == 1);
  CHECK(fr.materials[0].reason == "launch date " + invforecast::to_iso_string(day(5)) +
                                      " is after the planning day " +
                                      invforecast::to_iso_string(k_today) + ": no history yet");
  // plan() refuses it too (insufficient data).
  CHECK_THROWS_AS(library_plan(app, p.sd.where, p.sd.material_ids[0], g.planning.policy, k_today,
                               p.positions[0]),
                  invforecast::insufficient_data);
}

TEST_CASE("write_* store plans computed elsewhere, all or nothing", "[planning]") {
  pg_fixture db;
  const prepared p = prepare(db);
  connection app = db.app();
  connection owner = db.owner();
  const planning_options planning = policy_options();
  std::vector<material_plan> plans;
  for (std::size_t i = 0; i < 3; ++i) {
    plans.push_back(library_plan(app, p.sd.where, p.sd.material_ids[i], planning.policy, k_today,
                                 p.positions[i]));
  }
  // A failure at the second material: nothing of the first stays (whole_call).
  owner.exec_script("inject",
                    "CREATE FUNCTION fail_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "IF NEW.material_id = '" +
                        p.sd.material_ids[1] +
                        "' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$; "
                        "CREATE TRIGGER fail_second BEFORE INSERT ON material_forecasts FOR EACH "
                        "ROW EXECUTE FUNCTION fail_second(); "
                        "CREATE TRIGGER fail_second BEFORE INSERT ON replenishment_suggestions "
                        "FOR EACH ROW EXECUTE FUNCTION fail_second();");
  REQUIRE_THROWS_AS(write_forecasts(app, p.sd.where, plans), sql_error);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts") == 0);
  CHECK(count(owner, "SELECT count(*) FROM forecast_models") == 0);
  recommendation_write_options w;
  w.skip_zero_quantity = false;
  REQUIRE_THROWS_AS(write_replenishment_recommendations(app, p.sd.where, plans, w), sql_error);
  CHECK(count(owner, "SELECT count(*) FROM replenishment_suggestions") == 0);
  // per_material keeps the first.
  w.commit = commit_scope::per_material;
  REQUIRE_THROWS_AS(write_replenishment_recommendations(app, p.sd.where, plans, w), sql_error);
  CHECK(count(owner, "SELECT count(*) FROM replenishment_suggestions") == 1);
  owner.exec_script("uninject",
                    "DROP TRIGGER fail_second ON material_forecasts; "
                    "DROP TRIGGER fail_second ON replenishment_suggestions;");

  // Without the failure: the rows are the plans' (vendor and UOM from the details).
  const generate_report fr = write_forecasts(app, p.sd.where, plans);
  REQUIRE(fr.written == 3);
  w.commit = commit_scope::whole_call;
  w.expire_pending = true;
  w.details[p.sd.material_ids[2]] = {.preferred_vendor_id = std::nullopt, .uom = "BOX"};
  const replenishment_report rr = write_replenishment_recommendations(app, p.sd.where, plans, w);
  REQUIRE(rr.written.size() == 3);
  CHECK(rr.expired == 1);  // the per_material run's row
  CHECK(rr.written[2].uom == "BOX");
  CHECK(rr.written[0].uom == "EA");  // the demand rows' UOM
  for (std::size_t i = 0; i < 3; ++i) {
    invforecast::pg::test::check_forecast_rows(
        get_material_forecasts(app, p.sd.where, p.sd.material_ids[i], day(1), day(60)), plans[i]);
    invforecast::pg::test::check_model_row(owner, fr.materials[i].forecast_model_id, plans[i]);
    invforecast::pg::test::check_suggestion_row(rr.written[i], plans[i]);
  }
  // A plan of stock unknown has no suggestion: reported, not written.
  std::vector<material_plan> unknown{
      library_plan(app, p.sd.where, p.sd.material_ids[0], planning.policy, k_today)};
  const replenishment_report ru = write_replenishment_recommendations(app, p.sd.where, unknown);
  CHECK(ru.written.empty());
  REQUIRE(ru.skipped.size() == 1);
  // Bad input throws before anything is written.
  unknown[0].material = "not-a-uuid";
  CHECK_THROWS_AS(write_forecasts(app, p.sd.where, unknown), invforecast::invalid_argument);
  CHECK_THROWS_AS(write_replenishment_recommendations(app, p.sd.where, unknown),
                  invforecast::invalid_argument);
}

TEST_CASE("write_forecasts stores many plans in one transaction, in chunks, in input order",
          "[planning]") {
  // 1,201 plans: three chunks of the batched write (500, 500, 201), given in reverse id order.
  pg_fixture db;
  connection owner = db.owner();
  const seed_result sd = seed_demand(owner, {.materials = 1201, .days = 60, .last_day = k_today});
  connection app = db.app();
  planning_options planning = policy_options();
  planning.policy.horizon_days = 30;
  const material_plan base =
      library_plan(app, sd.where, sd.material_ids[0], planning.policy, k_today);
  // One material in kilograms: the batch's uom lookup (the latest live demand row) finds it.
  const std::string kg = sd.material_ids[700];
  owner.exec("kg", "UPDATE demand_history SET demand_uom = 'KG' WHERE material_id = $1::uuid",
             {kg});
  std::vector<material_plan> plans;
  for (auto it = sd.material_ids.rbegin(); it != sd.material_ids.rend(); ++it) {
    plans.push_back(base);
    plans.back().material = *it;
  }
  const generate_report r = write_forecasts(app, sd.where, plans);
  CHECK(r.written == 1201);
  REQUIRE(r.materials.size() == 1201);
  std::size_t in_order = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    in_order += r.materials[i].material_id == plans[i].material && r.materials[i].version == 1 &&
                r.materials[i].rows == 30;
  }
  CHECK(in_order == 1201);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts WHERE forecast_version = 1") ==
        1201 * 30);
  CHECK(count(owner, "SELECT count(DISTINCT material_id) FROM forecast_models") == 1201);
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts WHERE forecast_uom = 'KG' AND "
              "material_id = '" +
                  kg + "'") == 30);
  CHECK(count(owner, "SELECT count(*) FROM material_forecasts WHERE forecast_uom = 'EA'") ==
        1200 * 30);
  // Each material's rows point to its own model row.
  CHECK(count(owner,
              "SELECT count(*) FROM material_forecasts f JOIN forecast_models m USING "
              "(forecast_model_id) WHERE m.material_id = f.material_id") == 1201 * 30);
}

TEST_CASE("ERP algorithm codes map to forecaster options", "[planning]") {
  using invforecast::method;
  CHECK(erp_forecaster_options("AUTO").kind == method::automatic);
  CHECK(erp_forecaster_options("").kind == method::automatic);
  const auto ses = erp_forecaster_options("exp_smoothing");
  CHECK(ses.kind == method::ets);
  CHECK(ses.ets->code() == "ANN");
  CHECK(ses.season_length == 1);
  CHECK(erp_forecaster_options("HOLT").ets->code() == "AAN");
  const auto hw = erp_forecaster_options("HOLT_WINTERS");
  CHECK(hw.ets->code() == "AAA");
  CHECK(hw.season_length == 7);
  // Everything else is the library's vocabulary.
  CHECK(erp_forecaster_options("CROSTON").kind == method::croston);
  CHECK(erp_forecaster_options("MA(5)").ma_window == 5);
  CHECK(erp_forecaster_options("AAdN").ets->code() == "AAdN");
  CHECK_THROWS_AS(erp_forecaster_options("NO_SUCH_METHOD"), invforecast::invalid_argument);
}
