// The ERP's seven documented operations through the PostgreSQL adapters (invforecast::pg),
// against a real PostgreSQL 15 server: scripts/check-targets.sh starts a throwaway one
// (tests/postgres/run_with_postgres.sh) and passes INVFORECAST_PG_TEST_CONNINFO.
//
// Setup, before any benchmark: migrate the schema; seed 400 materials x 180 days of demand
// (INVFORECAST_BENCH_PG_MATERIALS overrides the count); forecast the last 90 days of history
// and write them back into demand_history; forecast the next 90 days; compute accuracy rows
// (daily / weekly / monthly over 90 days, daily over 30 and 60 days); generate replenishment
// suggestions twice. That reaches at least the documented six-month volumes (54,000 demand
// rows, 27,000 forecast rows, 1,800 accuracy rows, 450 suggestions, 90 models); the counts
// are printed. The benchmarks run as a role without superuser rights, so row-level security
// applies as it does in the ERP. Each operation cycles through the materials.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "alloc_counter.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/migrations.hpp"
#include "invforecast/postgres/nightly.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/postgres/seed.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/daily_series.hpp"
#include "latency.hpp"

namespace {

namespace inv = invforecast;
namespace pg = invforecast::pg;
namespace ib = invforecast::bench;
using std::chrono::year_month_day;

// The last day of history; "today" is the day after.
constexpr year_month_day last_day{std::chrono::year{2026}, std::chrono::month{6},
                                  std::chrono::day{30}};

year_month_day shift(year_month_day d, int n) { return inv::detail::add_days(d, n); }

struct state_t {
  std::string app_conninfo;
  pg::scope where;
  std::vector<std::string> materials;
  std::string algorithm = "AUTO";
};
state_t g;

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

std::vector<inv::inventory_position> positions(std::size_t first, std::size_t count) {
  std::vector<inv::inventory_position> out;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = (first + k) % g.materials.size();
    inv::inventory_position p;
    p.material = g.materials[i];
    p.on_hand = static_cast<double>(40 + (i * 37) % 400);
    p.allocated = static_cast<double>((i * 11) % 30);
    p.on_order.push_back({static_cast<double>((i * 13) % 100), shift(last_day, 5)});
    p.lead_time_days = 7;
    p.lead_time_sd_days = 2;
    p.unit_cost = 4.5;
    p.service_level = 0.95;
    out.push_back(std::move(p));
  }
  return out;
}

long long count_rows(pg::connection& c, const char* table) {
  return std::stoll(
      std::string(c.exec("count", std::string("SELECT count(*) FROM ") + table).text(0, 0)));
}

void progress(const char* what) {
  static const auto t0 = std::chrono::steady_clock::now();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "postgres_bench: [%7.1f s] %s\n", s, what);
}

void setup(const std::string& conninfo) {
  progress("migrate");
  pg::connection admin(conninfo);
  (void)pg::migrate(admin);
  pg::seed_options so;
  so.materials = std::stoul(env_or("INVFORECAST_BENCH_PG_MATERIALS", "400"));
  so.days = 180;
  so.last_day = last_day;
  progress("seed demand");
  const auto seeded = pg::seed_demand(admin, so);
  g.where = seeded.where;
  g.materials = seeded.material_ids;
  // Fresh statistics after each bulk load, as autovacuum would give them eventually; without
  // them the planner picks nested loops for the write-back over tens of thousands of rows.
  admin.exec_script("setup", "ANALYZE");
  const std::string seed_algorithm = env_or("INVFORECAST_BENCH_PG_SEED_ALGORITHM", "EXP_SMOOTHING");

  // Forecasts made 90 days ago, written back into the history, and the current forecasts.
  pg::generate_options past;
  past.planning.policy.horizon_days = 90;
  past.planning.policy.forecaster = pg::erp_forecaster_options(seed_algorithm);
  past.as_of = shift(last_day, -89);
  past.planning.policy.history_days = 90;
  past.planning.minimum_history_days = 28;
  past.planning.material_settings = false;
  past.planning.policy.backtest_origins = 0;
  progress("forecasts made 90 days ago");
  (void)pg::generate_forecasts(admin, g.where, past);
  admin.exec_script("setup", "ANALYZE");
  progress("write them back into demand_history");
  (void)pg::apply_forecasts_to_history(admin, g.where, shift(last_day, -89), last_day);
  pg::generate_options now = past;
  now.as_of = shift(last_day, 1);
  now.planning.policy.history_days = 180;
  progress("current forecasts");
  (void)pg::generate_forecasts(admin, g.where, now);
  admin.exec_script("setup", "ANALYZE");

  progress("accuracy rows");
  pg::accuracy_request ar;
  ar.material_ids = g.materials;
  ar.period_end = last_day;
  for (const auto& [span, level] :
       {std::pair{90, pg::aggregation_level::daily}, std::pair{90, pg::aggregation_level::weekly},
        std::pair{90, pg::aggregation_level::monthly}, std::pair{30, pg::aggregation_level::daily},
        std::pair{60, pg::aggregation_level::daily}}) {
    ar.period_start = shift(last_day, 1 - span);
    ar.level = level;
    (void)pg::calculate_forecast_accuracy(admin, g.where, ar);
  }
  progress("replenishment suggestions");
  pg::replenishment_options ro;
  ro.today = shift(last_day, 1);
  ro.write.skip_zero_quantity = false;  // a row per material, also when nothing needs ordering
  const auto all = positions(0, g.materials.size());
  for (int round = 0; round < 2; ++round) {
    (void)pg::generate_replenishment_recommendations(admin, g.where, all, ro);
  }

  admin.exec_script("setup",
                    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                    "'invf_bench') THEN CREATE ROLE invf_bench LOGIN NOSUPERUSER NOBYPASSRLS; "
                    "END IF; END $$; "
                    "GRANT USAGE ON SCHEMA public TO invf_bench; "
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
                    "invf_bench; GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO invf_bench; "
                    "ANALYZE;");
  g.app_conninfo = conninfo + " user=invf_bench";
  progress("setup done");
  std::fprintf(
      stderr,
      "postgres_bench: %zu materials; rows: demand_history %lld, "
      "material_forecasts %lld, forecast_accuracy_metrics %lld, "
      "replenishment_suggestions %lld, forecast_models %lld\n",
      g.materials.size(), count_rows(admin, "demand_history"),
      count_rows(admin, "material_forecasts"), count_rows(admin, "forecast_accuracy_metrics"),
      count_rows(admin, "replenishment_suggestions"), count_rows(admin, "forecast_models"));
}

// Registers an operation: fn(connection&, material index) runs once per iteration, cycling
// through the materials; per-call p50/p95 and the client-side heap of one call are reported.
template <class Fn>
benchmark::internal::Benchmark* add(const std::string& name, Fn fn) {
  return benchmark::RegisterBenchmark(name.c_str(),
                                      [fn](benchmark::State& state) {
                                        pg::connection conn(g.app_conninfo);
                                        std::size_t i = 0;
                                        ib::timed_loop(state, [&] {
                                          benchmark::DoNotOptimize(fn(conn, i));
                                          i = (i + 1) % g.materials.size();
                                        });
                                        ib::report_allocations(
                                            state, [&] { benchmark::DoNotOptimize(fn(conn, i)); });
                                      })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

void register_operations() {
  // 1. get demand history (tenant, facility, material, 90 days): 90 rows, zero-filled.
  add("db/get_demand_history", [](pg::connection& c, std::size_t i) {
    return pg::get_demand_history(c, g.where, g.materials[i], shift(last_day, -89), last_day)
        .days.size();
  });
  // 2. get material forecasts (90 days, ACTIVE).
  add("db/get_material_forecasts", [](pg::connection& c, std::size_t i) {
    return pg::get_material_forecasts(c, g.where, g.materials[i], shift(last_day, 1),
                                      shift(last_day, 90), std::string("ACTIVE"))
        .size();
  });
  // 3. calculate safety stock (material, service level): the ERP's database function reads
  //    the material's demand; here the adapter reads 90 days and invforecast computes King's
  //    formula (lead time 7 +/- 2 days, 95 %).
  add("db/calculate_safety_stock", [](pg::connection& c, std::size_t i) {
    const auto h =
        pg::get_demand_history(c, g.where, g.materials[i], shift(last_day, -89), last_day);
    double sum = 0, sum2 = 0;
    for (const auto& d : h.days) sum += d.actual_quantity;
    const double n = static_cast<double>(h.days.size());
    const double mean = sum / n;
    for (const auto& d : h.days) sum2 += (d.actual_quantity - mean) * (d.actual_quantity - mean);
    inv::safety_stock_input<double> in;
    in.method = inv::safety_stock_method::combined;
    in.service_level = 0.95;
    in.average_daily_demand = mean;
    in.demand_sd = std::sqrt(sum2 / (n - 1));
    in.lead_time_days = 7;
    in.lead_time_sd = 2;
    return inv::safety_stock<double>(in).safety_stock;
  });
  // 4. get forecast accuracy summary (30/60/90-day MAPE and bias of one material).
  add("db/get_forecast_accuracy_summary", [](pg::connection& c, std::size_t i) {
    return pg::get_accuracy_summary(c, g.where, shift(last_day, 1), g.materials[i]).size();
  });
  // 5. get replenishment recommendations (PENDING, 10 rows).
  add("db/get_replenishment_recommendations", [](pg::connection& c, std::size_t) {
    pg::replenishment_filter f;
    f.status = "PENDING";
    f.limit = 10;
    return pg::get_replenishment_recommendations(c, g.where, f).size();
  });
  // 6. generate forecasts (single material, 90 days, AUTO unless
  //    INVFORECAST_BENCH_PG_ALGORITHM says otherwise): read 180 days, fit, backtest (3 origins),
  //    write the model and 90 forecast rows, supersede the previous version; one transaction.
  add("db/generate_forecasts_single", [](pg::connection& c, std::size_t i) {
    pg::generate_options o;
    o.material_ids = {g.materials[i]};
    o.planning.policy.horizon_days = 90;
    o.planning.policy.forecaster = pg::erp_forecaster_options(g.algorithm);
    o.planning.material_settings = false;
    o.as_of = shift(last_day, 1);
    o.planning.policy.history_days = 180;
    return pg::generate_forecasts(c, g.where, o).written;
  });
  // 7. calculate forecast accuracy (material, 90-day period, daily): read, compute, upsert.
  add("db/calculate_forecast_accuracy", [](pg::connection& c, std::size_t i) {
    pg::accuracy_request r;
    r.material_ids = {g.materials[i]};
    r.period_start = shift(last_day, -89);
    r.period_end = last_day;
    r.level = pg::aggregation_level::daily;
    return pg::calculate_forecast_accuracy(c, g.where, r).size();
  });

  // The other documented operations (no latency target).
  add("db/get_forecast_accuracy_metrics", [](pg::connection& c, std::size_t i) {
    return pg::get_forecast_accuracy_metrics(c, g.where, g.materials[i]).size();
  });
  add("db/record_demand", [](pg::connection& c, std::size_t i) {
    const pg::demand_entry e{
        .material_id = g.materials[i], .date = last_day, .quantity = 1.5, .uom = "EA"};
    return pg::record_demand(c, g.where, std::span<const pg::demand_entry>(&e, 1)).updated;
  });
  add("db/backfill_demand_history_90_days", [](pg::connection& c, std::size_t i) {
    std::vector<pg::inventory_transaction> t;
    for (int d = -89; d <= 0; ++d) {
      t.push_back({.material_id = g.materials[i],
                   .date = shift(last_day, d),
                   .quantity = 10.0 + (d % 7 + 7) % 7,
                   .uom = "EA"});
    }
    return pg::backfill_demand_history(c, g.where, std::span<const pg::inventory_transaction>(t))
        .updated;
  });
  add("db/generate_replenishment_recommendations_10", [](pg::connection& c, std::size_t i) {
    pg::replenishment_options o;
    o.today = shift(last_day, 1);
    const auto p = positions(i, 10);
    return pg::generate_replenishment_recommendations(c, g.where, p, o).written.size();
  });
  for (const char* alg : {"EXP_SMOOTHING", "HOLT_WINTERS"}) {
    add(std::string("db/generate_forecasts_single/") + alg,
        [alg](pg::connection& c, std::size_t i) {
          pg::generate_options o;
          o.material_ids = {g.materials[i]};
          o.planning.policy.horizon_days = 90;
          o.planning.policy.forecaster = pg::erp_forecaster_options(alg);
          o.planning.material_settings = false;
          o.as_of = shift(last_day, 1);
          o.planning.policy.history_days = 180;
          return pg::generate_forecasts(c, g.where, o).written;
        });
  }
  // Every material in one call (AUTO unless INVFORECAST_BENCH_PG_ALGORITHM), one iteration
  // per repetition.
  benchmark::RegisterBenchmark(
      "db/generate_forecasts_all",
      [](benchmark::State& state) {
        pg::connection conn(g.app_conninfo);
        ib::timed_loop(state, [&] {
          pg::generate_options o;
          o.planning.policy.horizon_days = 90;
          o.planning.policy.forecaster = pg::erp_forecaster_options(g.algorithm);
          o.planning.material_settings = false;
          o.as_of = shift(last_day, 1);
          o.planning.policy.history_days = 180;
          benchmark::DoNotOptimize(pg::generate_forecasts(conn, g.where, o).written);
        });
        state.counters["materials"] = static_cast<double>(g.materials.size());
        state.counters["materials_per_s"] = benchmark::Counter(
            static_cast<double>(g.materials.size()), benchmark::Counter::kIsIterationInvariantRate);
      })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(1)
      ->Repetitions(
          std::max(1, std::atoi(env_or("INVFORECAST_BENCH_PG_ALL_REPETITIONS", "1").c_str())));
}

// --nightly: the whole nightly job (pg::run_nightly) for INVFORECAST_BENCH_NIGHTLY_MATERIALS
// (default 10,000) materials x 365 days, at 1 and 2 worker threads, against the bare compute
// (AUTO fit + forecast, then the whole plan()) of a sample of the same materials measured in
// the same process. Prints one line per measurement; the goals are in docs/benchmarks.md.
double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int run_nightly_bench(const std::string& conninfo) {
  using clock_type = std::chrono::steady_clock;
  const auto secs = [](clock_type::time_point t) {
    return std::chrono::duration<double>(clock_type::now() - t).count();
  };
  pg::connection admin(conninfo);
  (void)pg::migrate(admin);
  pg::seed_options so;
  so.materials = std::stoul(env_or("INVFORECAST_BENCH_NIGHTLY_MATERIALS", "10000"));
  so.days = 365;
  so.last_day = last_day;
  progress("nightly: seed demand");
  const auto seeded = pg::seed_demand(admin, so);
  admin.exec_script("setup",
                    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                    "'invf_bench') THEN CREATE ROLE invf_bench LOGIN NOSUPERUSER NOBYPASSRLS; "
                    "END IF; END $$; "
                    "GRANT USAGE ON SCHEMA public TO invf_bench; "
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
                    "invf_bench; GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO invf_bench; "
                    "ANALYZE;");
  const std::string app = conninfo + " user=invf_bench";
  const std::size_t n = seeded.material_ids.size();
  std::printf(
      "nightly: %zu materials x %d days, %lld demand rows, peak RSS after seeding %.1f MB\n", n,
      so.days, seeded.demand_rows, peak_rss_mb());

  // Bare compute of a sample (every n/sample-th material), history read back untimed; three
  // passes, the median pass of each (the machine is shared: one pass can be slowed by others).
  const std::size_t sample = std::min<std::size_t>(n, 200);
  const inv::planning_policy policy{};
  std::vector<inv::daily_series<double>> sampled;
  std::vector<std::string> sampled_ids;
  for (std::size_t k = 0; k < sample; ++k) {
    const std::string& m = seeded.material_ids[k * n / sample];
    const auto h = pg::get_demand_history(admin, seeded.where, m, shift(last_day, -364), last_day);
    std::vector<double> y;
    y.reserve(h.days.size());
    for (const auto& d : h.days) y.push_back(d.actual_quantity);
    sampled.push_back(
        inv::daily_series<double>::from_values(shift(last_day, -364), std::span<const double>(y)));
    sampled_ids.push_back(m);
  }
  constexpr int k_passes = 3;
  std::vector<double> fit_pass, plan_pass;  // ms per material
  for (int pass = 0; pass < k_passes; ++pass) {
    double fit_s = 0, plan_s = 0;
    for (std::size_t k = 0; k < sample; ++k) {
      const std::span<const double> y = sampled[k].values();
      auto t0 = clock_type::now();
      const auto fit = inv::fit_and_forecast<double>(y, policy.forecaster, policy.horizon_days,
                                                     std::span<const double>(policy.levels));
      fit_s += secs(t0);
      benchmark::DoNotOptimize(fit.fc.mean.data());
      inv::inventory_position p = inv::batch_plan_options::unknown_stock();
      p.material = sampled_ids[k];
      t0 = clock_type::now();
      const auto planned = inv::plan(sampled[k], p, policy);
      plan_s += secs(t0);
      benchmark::DoNotOptimize(planned.reorder_point);
    }
    fit_pass.push_back(1e3 * fit_s / static_cast<double>(sample));
    plan_pass.push_back(1e3 * plan_s / static_cast<double>(sample));
  }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double fit_ms = median(fit_pass);
  const double plan_ms = median(plan_pass);
  std::printf(
      "nightly: bare compute per material (%zu sampled, median of %d passes; fit + forecast "
      "passes %.2f / %.2f / %.2f ms): fit + forecast %.2f ms, whole plan() %.2f ms (backtest + "
      "safety stock %.2f ms)\n",
      sample, k_passes, fit_pass[0], fit_pass[1], fit_pass[2], fit_ms, plan_ms, plan_ms - fit_ms);

  // The runs, one after another on the same tables (each a new forecast version): thread
  // counts from INVFORECAST_BENCH_NIGHTLY_THREADS (default "1,1,2": the first run inserts into
  // empty tables, the later ones also supersede the previous version's rows, so a 2-thread
  // run's speed-up is taken against the last 1-thread run before it, which did the same work).
  std::vector<unsigned> thread_counts;
  {
    const std::string list = env_or("INVFORECAST_BENCH_NIGHTLY_THREADS", "1,1,2");
    for (std::size_t i = 0; i < list.size();) {
      std::size_t end = list.find(',', i);
      if (end == std::string::npos) end = list.size();
      thread_counts.push_back(static_cast<unsigned>(std::stoul(list.substr(i, end - i))));
      i = end + 1;
    }
  }
  const bool batch_write = env_or("INVFORECAST_BENCH_NIGHTLY_BATCH_WRITE", "1") != "0";
  const bool overlap_write = env_or("INVFORECAST_BENCH_NIGHTLY_OVERLAP", "1") != "0";
  bool ratio_printed = false;  // the first 1-thread run gives the ratio to the bare compute
  double last_one_thread = 0;  // the latest 1-thread run: the speed-up of the next runs
  for (std::size_t run = 0; run < thread_counts.size(); ++run) {
    const unsigned threads = thread_counts[run];
    pg::nightly_options o;
    o.as_of = shift(last_day, 1);
    o.threads = threads;
    o.batch_write = batch_write;
    o.overlap_write = overlap_write;
    o.batch_size = std::stoul(env_or("INVFORECAST_BENCH_NIGHTLY_BATCH", "200"));
    std::size_t last_print = 0;
    o.progress = [&](const pg::nightly_progress& p) {
      if (p.done - last_print >= 2000 || p.done == p.total) {
        last_print = p.done;
        std::fprintf(stderr,
                     "postgres_bench: nightly %u thread(s): %zu / %zu, %.0f/s, ETA %.0f s\n",
                     threads, p.done, p.total, p.rate, p.eta_seconds.value_or(0));
      }
    };
    const auto r = pg::run_nightly(app, seeded.where, o);
    const double per_ms = 1e3 * r.seconds / static_cast<double>(n);
    const bool first_one = threads == 1 && !ratio_printed;
    if (first_one) ratio_printed = true;
    std::printf(
        "nightly: run %zu, %u thread(s), %s write%s (%zu batched, %zu fallback): %.1f s wall for "
        "%zu "
        "materials (%zu written, %zu skipped, %zu "
        "failed, status %s), %.0f materials/s, %.2f ms per material, peak RSS %.1f MB; thread "
        "time: claim %.1f s, read %.1f s, plan %.1f s (fit ~%.1f s, backtest + safety stock ~%.1f "
        "s), write %.1f s\n",
        run + 1, threads, batch_write ? "batched" : "per-material",
        overlap_write ? " overlapping planning" : "", r.batched_writes, r.fallback_batches,
        r.seconds, n, r.written, r.skipped, r.failed, r.run_status.c_str(),
        static_cast<double>(n) / r.seconds, per_ms, peak_rss_mb(), r.timings.claim, r.timings.read,
        r.timings.plan, fit_ms * 1e-3 * static_cast<double>(n),
        r.timings.plan - fit_ms * 1e-3 * static_cast<double>(n), r.timings.write);
    if (first_one) {
      std::printf(
          "nightly: ratio job / bare fit + forecast per material (1 thread): %.2fx "
          "(goal <= 1.3x); job / whole plan(): %.2fx\n",
          per_ms / fit_ms, per_ms / plan_ms);
    } else if (threads > 1 && last_one_thread > 0) {
      std::printf(
          "nightly: speed-up 1 -> %u threads (against the previous 1-thread run): %.2fx (goal "
          ">= 1.8x); 10,000-material goal <= 60 s: %s\n",
          threads, last_one_thread / r.seconds, r.seconds <= 60 ? "met" : "MISSED");
    }
    if (threads == 1) last_one_thread = r.seconds;
    std::fflush(stdout);
  }

  // The plans of the batched write's retire and supersede UPDATEs for one batch of the run's
  // materials, on the tables as the runs left them (EXPLAIN only: nothing is changed).
  std::string ids = "{", versions = "{", days = "{";
  const std::size_t batch = std::min<std::size_t>(n, 200);
  for (std::size_t i = 0; i < batch; ++i) {
    ids += (i ? "," : "") + seeded.material_ids[i];
    versions += (i ? ",9" : "9");
    days += (i ? "," : "") + *pg::param(shift(last_day, 1));
  }
  ids += "}";
  versions += "}";
  days += "}";
  const std::string tenant = seeded.where.tenant_id, facility = seeded.where.facility_id;
  const auto explain = [&](const char* what, const std::string& sql,
                           const std::vector<pg::param_value>& params) {
    const pg::result r = admin.exec("explain", "EXPLAIN " + sql, params);
    std::printf("nightly: EXPLAIN %s (%zu materials):\n", what, batch);
    for (int i = 0; i < r.rows(); ++i) std::printf("    %s\n", std::string(r.text(i, 0)).c_str());
  };
  explain("retire",
          "UPDATE forecast_models f SET model_status = 'RETIRED' FROM unnest($3::uuid[], "
          "$4::text[]) AS t(m, v) WHERE f.tenant_id = $1::uuid AND f.facility_id = $2::uuid AND "
          "f.material_id = t.m AND f.model_status = 'ACTIVE'",
          {tenant, facility, ids, versions});
  explain("supersede",
          "UPDATE material_forecasts o SET forecast_status = 'SUPERSEDED', "
          "superseded_by_forecast_id = (SELECT n.material_forecast_id FROM material_forecasts n "
          "WHERE n.tenant_id = o.tenant_id AND n.facility_id = o.facility_id AND n.material_id = "
          "o.material_id AND n.forecast_date = o.forecast_date AND n.forecast_version = t.v) FROM "
          "unnest($3::uuid[], $4::int[], $5::date[]) AS t(m, v, d) WHERE o.tenant_id = $1::uuid "
          "AND o.facility_id = $2::uuid AND o.material_id = t.m AND o.forecast_status = 'ACTIVE' "
          "AND o.forecast_version < t.v AND o.forecast_date >= t.d",
          {tenant, facility, ids, versions, days});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool nightly = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--nightly") {
      nightly = true;
      for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
      --argc;
      break;
    }
  }
  benchmark::Initialize(&argc, argv);
  std::string conninfo = env_or("INVFORECAST_PG_CONNINFO", "");
  if (conninfo.empty()) conninfo = env_or("INVFORECAST_PG_TEST_CONNINFO", "");
  if (conninfo.empty()) {
    std::fprintf(stderr,
                 "postgres_bench: set INVFORECAST_PG_CONNINFO (a superuser on a scratch "
                 "database) or run through tests/postgres/run_with_postgres.sh\n");
    return 2;
  }
  if (nightly) {
    try {
      return run_nightly_bench(conninfo);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "postgres_bench: nightly failed: %s\n", e.what());
      return 1;
    }
  }
  g.algorithm = env_or("INVFORECAST_BENCH_PG_ALGORITHM", "AUTO");
  try {
    setup(conninfo);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "postgres_bench: setup failed: %s\n", e.what());
    return 1;
  }
  register_operations();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
