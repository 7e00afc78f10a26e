// 05 PostgreSQL nightly job: generate forecasts, measure their accuracy and write replenishment
// recommendations for all materials of a facility, with the invforecast::pg adapters (library
// headers only: this builds against an installed tree).
//
//   05_postgres_nightly_job "<libpq connection string>"
//   (ctest runs it against a throwaway server: tests/postgres/run_with_postgres.sh)
//
// The database gets the schema (migrate), 10 materials x 180 days of synthetic demand ending
// 2026-10-31 (seed_demand); the job then plans every material as of 2026-10-31 with one
// planning policy: forecasts (generate_forecasts) and purchase suggestions
// (generate_replenishment_recommendations) are both invforecast::plan()'s numbers.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <invforecast/planning/inventory_position.hpp>
#include <invforecast/postgres/accuracy.hpp>
#include <invforecast/postgres/connection.hpp>
#include <invforecast/postgres/demand.hpp>
#include <invforecast/postgres/forecasts.hpp>
#include <invforecast/postgres/migrations.hpp>
#include <invforecast/postgres/replenishment.hpp>
#include <invforecast/postgres/seed.hpp>
#include <invforecast/series/calendar.hpp>

int main(int argc, char** argv) {
  using namespace invforecast;
  using namespace std::chrono;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <libpq connection string>\n", argv[0]);
    return 2;
  }
  try {
    pg::connection conn(argv[1]);
    const auto m = pg::migrate(conn);  // idempotent: applies only what is missing
    std::printf("schema version %d\n", m.to_version);

    // Sample data: 10 materials (the last 2 intermittent), 180 days each.
    const year_month_day last_day{2026y, October, 31d};
    const auto data = pg::seed_demand(conn, {.materials = 10, .days = 180, .last_day = last_day});
    std::printf("seeded %zu materials, %lld demand rows\n", data.material_ids.size(),
                data.demand_rows);

    // Inventory positions as the ERP's stock module gives them: the first material has nothing
    // available (CRITICAL), the others two weeks of average demand (20 a day).
    std::vector<inventory_position> positions;
    for (std::size_t i = 0; i < data.material_ids.size(); ++i) {
      inventory_position p;
      p.material = data.material_ids[i];
      p.on_hand = i == 0 ? 0.0 : 14 * 20.0;
      p.allocated = i == 0 ? 5.0 : 0.0;
      p.lead_time_days = 7;
      p.lead_time_sd_days = 1;
      p.unit_cost = 12.5;
      positions.push_back(p);
    }
    pg::planning_options planning;  // the default policy: 95 %, review 7 days, 90-day horizon

    // 1. Accuracy of the forecasts made 30 days ago (a production database has them from that
    //    night's run; the sample database makes them now), scored on the days since.
    const year_month_day past = sys_days{last_day} - days{29};
    pg::generate_options earlier{.planning = planning, .positions = positions, .as_of = past};
    earlier.planning.policy.backtest_origins = 0;
    const auto old = pg::generate_forecasts(conn, data.where, earlier);
    pg::apply_forecasts_to_history(conn, data.where, past, last_day);
    const auto accuracy = pg::calculate_forecast_accuracy(
        conn, data.where, {.period_start = past, .period_end = last_day});
    std::printf("accuracy rows: %zu (forecasts of %zu materials made for %s on)\n", accuracy.size(),
                old.written, to_iso_string(past).c_str());

    // 2. Tonight's forecasts (supersede the ACTIVE ones from tomorrow on) and 3. suggestions.
    const auto fresh = pg::generate_forecasts(
        conn, data.where,
        {.planning = planning, .positions = positions, .as_of = sys_days{last_day} + days{1}});
    std::printf("forecasts written: %zu, skipped: %zu\n", fresh.written, fresh.skipped);
    const auto rec = pg::generate_replenishment_recommendations(
        conn, data.where, positions,
        {.planning = planning, .today = last_day, .write = {.skip_zero_quantity = false}});
    std::size_t critical = 0;
    for (const auto& row : rec.written) critical += row.urgency == "CRITICAL" ? 1U : 0U;
    std::printf("recommendations: %zu, CRITICAL: %zu\n", rec.written.size(), critical);

    // Read back what the ERP's screens show: the pending suggestions, most urgent first.
    for (const auto& row :
         pg::get_replenishment_recommendations(conn, data.where, {.status = "PENDING"})) {
      std::printf("%s %-8s order %8.1f %s by %s, safety stock %.1f\n",
                  row.material_id.substr(0, 8).c_str(), row.urgency.value_or("-").c_str(),
                  row.recommended_quantity, row.uom.c_str(), to_iso_string(row.order_date).c_str(),
                  row.safety_stock);
    }
  } catch (const error& e) {
    std::fprintf(stderr, "05_postgres_nightly_job: %s\n", e.what());
    return 1;
  }
  return 0;
}
