// The eight health checks against PostgreSQL. See health_checks.hpp and docs/health-check.md.

#include "health_checks.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/nightly.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/postgres/types.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast::tools::health {

namespace {

using clock = std::chrono::steady_clock;

double ms_since(clock::time_point t) {
  return std::chrono::duration<double, std::milli>(clock::now() - t).count();
}

std::string fixed1(double v) {
  std::string s = std::to_string(std::round(v * 10) / 10);
  return s.substr(0, s.find('.') + 2);
}

const char* const k_tables[] = {"demand_history", "forecast_models", "material_forecasts",
                                "forecast_accuracy_metrics", "replenishment_suggestions"};
const char* const k_indexes[] = {"idx_demand_history_material_date_range",
                                 "idx_material_forecasts_lookup", "idx_forecast_accuracy_period"};

}  // namespace

report run_checks(const check_options& options) {
  report r;
  const pg::scope where{options.tenant_id, options.facility_id};

  // 1. Connection.
  std::unique_ptr<pg::connection> conn;
  {
    const auto t = clock::now();
    check_result c{"connection", status::healthy, "", 0};
    try {
      conn = std::make_unique<pg::connection>(options.conninfo);
      const auto v = conn->exec("health: version", "SELECT current_setting('server_version')");
      c.detail = "connected, PostgreSQL " + std::string(v.text(0, 0));
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
    if (c.state == status::unhealthy) return r;
  }
  const auto today = [&]() {
    if (options.as_of) return *options.as_of;
    const auto d = conn->exec("health: date", "SELECT current_date::text");
    return parse_iso_date(d.text(0, 0));
  }();

  // 2. Tables.
  bool tables_ok = true;
  {
    const auto t = clock::now();
    check_result c{"tables", status::healthy, "", 0};
    std::string missing;
    try {
      for (const char* table : k_tables) {
        const auto q = conn->exec("health: tables", "SELECT to_regclass($1) IS NOT NULL",
                                  {pg::param(std::string("public.") + table)});
        if (!q.boolean(0, 0)) missing += (missing.empty() ? "" : ", ") + std::string(table);
      }
      if (!missing.empty()) {
        c.state = status::unhealthy;
        c.detail = "missing: " + missing + " (run the migrations)";
      } else {
        c.detail = "all 5 forecasting tables exist";
      }
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    tables_ok = c.state == status::healthy;
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
  }

  // 3. Data volume (rows of this tenant and facility).
  std::string sample_material;
  if (tables_ok) {
    const auto t = clock::now();
    check_result c{"data_volume", status::healthy, "", 0};
    try {
      std::string counts;
      long long demand_rows = 0;
      for (const char* table : k_tables) {
        const std::string facility =
            std::string(table) == "forecast_models" ? "" : " AND facility_id = $2::uuid";
        const auto q = conn->exec(
            "health: row count",
            std::string("SELECT count(*) FROM ") + table + " WHERE tenant_id = $1::uuid" + facility,
            facility.empty() ? std::vector<pg::param_value>{pg::param(options.tenant_id)}
                             : std::vector<pg::param_value>{pg::param(options.tenant_id),
                                                            pg::param(options.facility_id)});
        const long long n = q.integer(0, 0);
        if (std::string(table) == "demand_history") demand_rows = n;
        if (std::string(table) == "material_forecasts") {
          const auto a = conn->exec("health: active forecasts",
                                    "SELECT count(*) FROM material_forecasts WHERE tenant_id = "
                                    "$1::uuid AND facility_id = $2::uuid AND forecast_status = "
                                    "'ACTIVE'",
                                    {pg::param(options.tenant_id), pg::param(options.facility_id)});
          r.forecasts_total = static_cast<double>(a.integer(0, 0));
          if (n == 0) c.state = status::degraded;
        }
        counts += (counts.empty() ? "" : ", ") + std::string(table) + " " + std::to_string(n);
      }
      if (demand_rows == 0) c.state = status::degraded;
      c.detail = counts + (c.state == status::degraded ? " (no demand or no forecasts)" : "");
      const auto m = conn->exec("health: a material",
                                "SELECT material_id::text FROM demand_history WHERE tenant_id = "
                                "$1::uuid AND facility_id = $2::uuid ORDER BY material_id LIMIT 1",
                                {pg::param(options.tenant_id), pg::param(options.facility_id)});
      if (m.rows() > 0) sample_material = std::string(m.text(0, 0));
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
  }

  // 4. Forecast accuracy: average 30-day MAPE and bias over the materials.
  if (tables_ok) {
    const auto t = clock::now();
    check_result c{"forecast_accuracy", status::healthy, "", 0};
    try {
      const auto rows = pg::get_accuracy_summary(*conn, where, today);
      double mape = 0, bias = 0;
      int n_mape = 0, n_bias = 0;
      for (const auto& row : rows) {
        if (row.windows[0].mape) {
          mape += *row.windows[0].mape;
          ++n_mape;
        }
        if (row.windows[0].bias) {
          bias += *row.windows[0].bias;
          ++n_bias;
        }
      }
      if (n_mape > 0) r.mape_30_days = mape / n_mape;
      if (n_bias > 0) r.bias_30_days = bias / n_bias;
      if (!r.mape_30_days) {
        c.state = status::degraded;
        c.detail = "no forecast accuracy in the 30 days before " + to_iso_string(today);
      } else {
        c.detail = "30-day MAPE " + fixed1(*r.mape_30_days) + " % over " + std::to_string(n_mape) +
                   " materials, bias " +
                   (r.bias_30_days ? fixed1(*r.bias_30_days) : std::string("-"));
        if (*r.mape_30_days > options.limits.mape_warning_pct) {
          c.state = status::degraded;
          c.detail += " (above " + fixed1(options.limits.mape_warning_pct) + " %)";
        }
      }
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
  }

  // 5. Pending recommendations and how many are CRITICAL.
  if (tables_ok) {
    const auto t = clock::now();
    check_result c{"recommendations", status::healthy, "", 0};
    try {
      pg::replenishment_filter f;
      f.status = "PENDING";
      f.limit = 100000;
      const auto rows = pg::get_replenishment_recommendations(*conn, where, f);
      r.pending_recommendations = static_cast<double>(rows.size());
      for (const auto& row : rows) {
        if (row.urgency && *row.urgency == "CRITICAL") r.critical_recommendations += 1;
      }
      c.detail = std::to_string(rows.size()) + " pending, " +
                 std::to_string(static_cast<long long>(r.critical_recommendations)) + " CRITICAL";
      if (r.critical_recommendations > 0) c.state = status::degraded;
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
  }

  // 6 + 7. Every read operation of the adapters runs, and how long it takes.
  if (tables_ok) {
    const auto t = clock::now();
    check_result ops{"operations", status::healthy, "", 0};
    check_result perf{"query_performance", status::healthy, "", 0};
    std::string slowest_name;
    if (sample_material.empty()) {
      ops.state = status::degraded;
      ops.detail = "no material with demand to run the operations on";
    } else {
      const std::vector<std::pair<std::string, std::function<void()>>> operations{
          {"get_demand_history",
           [&] {
             (void)pg::get_demand_history(*conn, where, sample_material,
                                          invforecast::detail::add_days(today, -90),
                                          invforecast::detail::add_days(today, -1));
           }},
          {"get_material_forecasts",
           [&] {
             (void)pg::get_material_forecasts(*conn, where, sample_material, today,
                                              invforecast::detail::add_days(today, 89));
           }},
          {"get_forecast_accuracy_metrics",
           [&] { (void)pg::get_forecast_accuracy_metrics(*conn, where, sample_material); }},
          {"get_accuracy_summary",
           [&] { (void)pg::get_accuracy_summary(*conn, where, today, sample_material); }},
          {"get_replenishment_recommendations", [&] {
             pg::replenishment_filter f;
             f.material_id = sample_material;
             (void)pg::get_replenishment_recommendations(*conn, where, f);
           }}};
      std::string failed;
      for (const auto& [name, run] : operations) {
        const auto ts = clock::now();
        try {
          run();
        } catch (const std::exception& e) {
          failed += (failed.empty() ? "" : "; ") + name + ": " + e.what();
        }
        const double ms = ms_since(ts);
        if (ms >= r.slowest_query_ms) {
          r.slowest_query_ms = ms;
          slowest_name = name;
        }
      }
      if (failed.empty()) {
        ops.detail = std::to_string(operations.size()) + " read operations ran";
      } else {
        ops.state = status::unhealthy;
        ops.detail = failed;
      }
      perf.detail = "slowest " + slowest_name + " " + fixed1(r.slowest_query_ms) + " ms";
      if (r.slowest_query_ms > options.limits.query_warning_ms) {
        perf.state = status::degraded;
        perf.detail += " (above " + fixed1(options.limits.query_warning_ms) + " ms)";
      }
    }
    ops.milliseconds = ms_since(t);
    perf.milliseconds = r.slowest_query_ms;
    r.checks.push_back(ops);
    if (!sample_material.empty()) r.checks.push_back(perf);
  }

  // 8. Indexes.
  {
    const auto t = clock::now();
    check_result c{"indexes", status::healthy, "", 0};
    try {
      std::string missing;
      for (const char* index : k_indexes) {
        const auto q =
            conn->exec("health: index", "SELECT count(*) FROM pg_indexes WHERE indexname = $1",
                       {pg::param(std::string(index))});
        if (q.integer(0, 0) == 0) missing += (missing.empty() ? "" : ", ") + std::string(index);
      }
      if (missing.empty()) {
        c.detail = "the 3 expected indexes exist";
      } else {
        c.state = status::degraded;
        c.detail = "missing: " + missing;
      }
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
  }

  // 9. The last nightly run (pg::run_nightly; schema version 3): its status, duration and
  // failed materials. None recorded (or an older schema) is HEALTHY; failed materials DEGRADED.
  {
    const auto t = clock::now();
    check_result c{"nightly_run", status::healthy, "", 0};
    try {
      const auto exists =
          conn->exec("health: runs", "SELECT to_regclass('invforecast_runs') IS NOT NULL");
      const auto run = exists.boolean(0, 0) ? pg::get_run(*conn, where) : std::nullopt;
      if (!run) {
        c.detail = "no nightly run recorded";
      } else {
        r.last_run_status = run->status;
        r.last_run_seconds = run->seconds;
        r.last_run_total = static_cast<double>(run->total);
        r.last_run_done = static_cast<double>(run->done + run->skipped + run->failed);
        r.last_run_failed = static_cast<double>(run->failed);
        c.detail = "run " + run->run_id + " (" + to_iso_string(run->as_of) + "): " + run->status +
                   ", " + std::to_string(run->done + run->skipped + run->failed) + " / " +
                   std::to_string(run->total) + " materials, " + std::to_string(run->failed) +
                   " failed, " + fixed1(run->seconds) + " s";
        if (run->failed > 0) {
          c.state = status::degraded;
          std::string ids;
          for (std::size_t i = 0; i < run->failures.size() && i < 5; ++i) {
            ids += (i == 0 ? "" : ", ") + run->failures[i].material_id;
          }
          c.detail += "; failed: " + ids + (run->failures.size() > 5 ? ", ..." : "");
        }
      }
    } catch (const std::exception& e) {
      c.state = status::unhealthy;
      c.detail = e.what();
    }
    c.milliseconds = ms_since(t);
    r.checks.push_back(c);
  }
  return r;
}

}  // namespace invforecast::tools::health
