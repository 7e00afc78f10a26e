// 05 PostgreSQL nightly job: generate forecasts, measure their accuracy and write replenishment
// recommendations for all materials of a facility, with the invforecast::pg adapters.
//
//   05_postgres_nightly_job "<libpq connection string>"
//   (ctest runs it against a throwaway server: tests/postgres/run_with_postgres.sh)
//
// The database gets the schema (migrate), 10 materials x 180 days of synthetic demand ending
// 2026-10-31 (seed_demand), then the job of nightly_job.hpp runs as of 2026-11-01.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/migrations.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/postgres/seed.hpp"
#include "tools/invforecast/nightly_job.hpp"

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
    pg::seed_options seed;
    seed.materials = 10;
    seed.days = 180;
    seed.last_day = year_month_day{2026y, October, 31d};
    const auto data = pg::seed_demand(conn, seed);
    std::printf("seeded %zu materials, %lld demand rows\n", data.material_ids.size(),
                data.demand_rows);

    // Inventory positions as the ERP's stock module would give them: the first material has
    // nothing available (CRITICAL), the others two weeks of average demand.
    tools::nightly_options job;
    job.first_forecast_day = year_month_day{2026y, November, 1d};
    job.horizon_days = 90;
    job.accuracy_days = 30;
    for (std::size_t i = 0; i < data.material_ids.size(); ++i) {
      pg::inventory_position p;
      p.material_id = data.material_ids[i];
      p.on_hand = i == 0 ? 0.0 : 14 * seed.mean_demand;
      p.allocated = i == 0 ? 5.0 : 0.0;
      p.lead_time_days = 7;
      p.lead_time_sd = 1;
      p.unit_cost = 12.5;
      p.service_level = 0.95;
      p.review_period_days = 7;
      job.positions.push_back(p);
    }
    const auto s = tools::run_nightly_job(conn, data.where, job, &std::cout);

    std::printf("forecasts written: %zu, skipped: %zu\n", s.forecasts_written, s.forecasts_skipped);
    std::printf("accuracy rows: %zu\n", s.accuracy_rows);
    std::printf("recommendations: %zu, CRITICAL: %zu\n", s.recommendations, s.critical);

    // Read back what the ERP's screens show: the pending suggestions, most urgent first.
    pg::replenishment_filter pending;
    pending.status = "PENDING";
    const auto rows = pg::get_replenishment_recommendations(conn, data.where, pending);
    for (const auto& row : rows) {
      std::printf("%s %-8s order %8.1f %s by %s\n", row.material_id.substr(0, 8).c_str(),
                  row.urgency.value_or("-").c_str(), row.recommended_quantity, row.uom.c_str(),
                  to_iso_string(row.order_date).c_str());
    }
  } catch (const error& e) {
    std::fprintf(stderr, "05_postgres_nightly_job: %s\n", e.what());
    return 1;
  }
  return 0;
}
