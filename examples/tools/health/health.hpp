#pragma once

/// @file
/// The health check of the forecasting database (the ERP's eight operational checks), the
/// database-independent part: statuses, the report, its Prometheus gauges, its text table and
/// exit codes. The checks themselves are in health_checks.cpp (PostgreSQL adapters).
///
/// Overall status = the worst check: HEALTHY (exit 0), DEGRADED (exit 1), UNHEALTHY (exit 2).
/// Gauge inventory_forecasting_health_status: 2 healthy, 1 degraded, 0 unhealthy.

#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "prometheus.hpp"

namespace invforecast::tools::health {

/// Status of one check or of the whole system; the order is "better first".
enum class status { healthy = 0, degraded = 1, unhealthy = 2 };

inline std::string_view to_string(status s) {
  switch (s) {
    case status::degraded:
      return "DEGRADED";
    case status::unhealthy:
      return "UNHEALTHY";
    case status::healthy:
      break;
  }
  return "HEALTHY";
}

/// Exit code of the health tool: 0 healthy, 1 degraded, 2 unhealthy.
inline int exit_code(status s) { return static_cast<int>(s); }

/// Gauge value of inventory_forecasting_health_status: 2 healthy, 1 degraded, 0 unhealthy.
inline double gauge_value(status s) { return 2.0 - static_cast<double>(static_cast<int>(s)); }

/// One check's outcome.
struct check_result {
  std::string name;  ///< e.g. "connection", "tables", "data_volume"
  status state = status::healthy;
  std::string detail;  ///< human-readable finding
  double milliseconds = 0;
};

/// Thresholds of the checks (the ERP's defaults).
struct thresholds {
  double mape_warning_pct = 50;    ///< 30-day average MAPE above this: DEGRADED
  double query_warning_ms = 1000;  ///< an operation slower than this: DEGRADED
};

/// The whole report and the numbers exported as gauges.
struct report {
  std::vector<check_result> checks;
  double forecasts_total = 0;           ///< material_forecasts rows (ACTIVE) of the tenant
  std::optional<double> mape_30_days;   ///< average 30-day MAPE in percent
  std::optional<double> bias_30_days;   ///< average 30-day bias (actual - forecast)
  double pending_recommendations = 0;   ///< PENDING replenishment suggestions
  double critical_recommendations = 0;  ///< ... of which CRITICAL
  double slowest_query_ms = 0;
  /// The last nightly run (pg::run_nightly), when one is recorded.
  std::optional<std::string> last_run_status;
  double last_run_seconds = 0;  ///< finished (or now) - started
  double last_run_total = 0;    ///< materials of the run
  double last_run_done = 0;     ///< finished: written + skipped + failed
  double last_run_failed = 0;   ///< failed materials

  /// The worst status of all checks (HEALTHY when there are none).
  [[nodiscard]] status overall() const {
    status worst = status::healthy;
    for (const auto& c : checks) worst = std::max(worst, c.state);
    return worst;
  }
};

/// The Prometheus gauges of a report: the four of the ERP's check plus one per check.
inline std::vector<prometheus::gauge> gauges(const report& r) {
  std::vector<prometheus::gauge> g{
      {"inventory_forecasts_total", "Forecast rows (ACTIVE material_forecasts) of the tenant",
       r.forecasts_total},
      {"forecast_accuracy_mape_percentage",
       "Average 30-day MAPE over the materials, percent (NaN when nothing was measured)",
       r.mape_30_days ? *r.mape_30_days : std::nan("")},
      {"replenishment_recommendations_pending", "PENDING replenishment suggestions",
       r.pending_recommendations},
      {"replenishment_recommendations_pending",
       "PENDING replenishment suggestions",
       r.critical_recommendations,
       {{"urgency", "CRITICAL"}}},
      {"inventory_forecasting_health_status", "Overall health: 2 healthy, 1 degraded, 0 unhealthy",
       gauge_value(r.overall())}};
  if (r.last_run_status) {
    const bool completed = r.last_run_status->starts_with("COMPLETED");
    g.push_back({"inventory_forecasting_last_run_completed",
                 "1 when the last nightly run completed, 0 while it runs or when it stopped",
                 completed ? 1.0 : 0.0});
    g.push_back({"inventory_forecasting_last_run_duration_seconds",
                 "Duration of the last nightly run (so far, while it runs), seconds",
                 r.last_run_seconds});
    g.push_back({"inventory_forecasting_last_run_materials", "Materials of the last nightly run",
                 r.last_run_total});
    g.push_back({"inventory_forecasting_last_run_materials_finished",
                 "Materials of the last nightly run finished (written, skipped or failed)",
                 r.last_run_done});
    g.push_back({"inventory_forecasting_last_run_materials_failed",
                 "Materials of the last nightly run that failed", r.last_run_failed});
  }
  for (const auto& c : r.checks) {
    g.push_back({"inventory_forecasting_check_status",
                 "Status of each check: 2 healthy, 1 degraded, 0 unhealthy",
                 gauge_value(c.state),
                 {{"check", c.name}}});
  }
  for (const auto& c : r.checks) {
    g.push_back({"inventory_forecasting_check_duration_milliseconds",
                 "Time each check took, milliseconds",
                 c.milliseconds,
                 {{"check", c.name}}});
  }
  return g;
}

/// The report as Prometheus text.
inline std::string prometheus_text(const report& r) { return prometheus::write_gauges(gauges(r)); }

/// The report as a table on `out`.
inline void write_table(std::ostream& out, const report& r) {
  std::size_t w = 5;
  for (const auto& c : r.checks) w = std::max(w, c.name.size());
  for (const auto& c : r.checks) {
    std::string name = c.name;
    name.resize(w, ' ');
    std::string state(to_string(c.state));
    state.resize(9, ' ');
    std::string detail = c.detail;  // libpq messages span lines
    for (char& ch : detail) {
      if (ch == '\n' || ch == '\t') ch = ' ';
    }
    out << name << "  " << state << "  " << detail << "\n";
  }
  out << "overall: " << to_string(r.overall()) << "\n";
}

}  // namespace invforecast::tools::health
