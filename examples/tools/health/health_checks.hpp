#pragma once

/// @file
/// The eight checks of the ERP's forecasting health check, plus a ninth (nightly_run: the last
/// pg::run_nightly run; failed materials: DEGRADED), run against PostgreSQL with the
/// invforecast::pg adapters (docs/health-check.md):
///   1 connection           connect and SELECT 1                      fails: UNHEALTHY
///   2 tables               the five forecasting tables exist          missing: UNHEALTHY
///   3 data_volume          row counts of the tenant                   no demand / forecasts:
///   DEGRADED 4 forecast_accuracy    30-day average MAPE and bias               MAPE > 50 % or
///   none: DEGRADED 5 recommendations      PENDING suggestions, how many CRITICAL     any CRITICAL:
///   DEGRADED 6 operations           every read operation of the adapters runs  one fails:
///   UNHEALTHY 7 query_performance    slowest operation                          > 1000 ms:
///   DEGRADED 8 indexes              the three indexes the ERP expects          missing: DEGRADED

#include <chrono>
#include <optional>
#include <string>

#include "health.hpp"

namespace invforecast::tools::health {

/// Where and how to check.
struct check_options {
  std::string conninfo;                                ///< libpq connection string
  std::string tenant_id;                               ///< UUID
  std::string facility_id;                             ///< UUID
  std::optional<std::chrono::year_month_day> as_of{};  ///< "today" (default: server date)
  thresholds limits{};
};

/// Runs the nine checks. Never throws: a failure is a check result.
report run_checks(const check_options& options);

}  // namespace invforecast::tools::health
