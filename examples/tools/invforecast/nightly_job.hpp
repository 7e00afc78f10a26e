#pragma once

/// @file
/// The ERP's nightly forecasting job with the PostgreSQL adapters (invforecast::pg), shared by
/// examples/05_postgres_nightly_job.cpp and `invforecast run --postgres --write-back`:
///   1. forecasts made `accuracy_days` ago (as of then) for the days since, written back into
///      demand_history (apply_forecasts_to_history) and scored (calculate_forecast_accuracy);
///   2. today's forecasts for every material (generate_forecasts: supersedes the ACTIVE ones);
///   3. replenishment recommendations from the inventory positions and the new forecasts.
/// In production step 1 is not needed (yesterday's run wrote the forecasts being scored); the
/// sample database has no earlier runs, so the job makes them.

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/postgres/types.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast::tools {

/// What the nightly job does.
struct nightly_options {
  std::chrono::year_month_day first_forecast_day{};  ///< history ends the day before
  int horizon_days = 90;
  int accuracy_days = 30;  ///< 0 = skip step 1
  std::string algorithm = "AUTO";
  int history_days = 365;
  std::vector<pg::inventory_position> positions{};  ///< empty = no recommendations
};

/// What it did.
struct nightly_summary {
  std::size_t forecasts_written = 0;
  std::size_t forecasts_skipped = 0;
  std::size_t accuracy_rows = 0;
  std::optional<double> average_mape;  ///< over the materials with a MAPE, percent
  std::size_t recommendations = 0;
  std::size_t critical = 0;
};

/// Runs the job; progress lines go to `log` when given.
/// @throws database_error (pg::sql_error) or invalid_argument from the adapters.
inline nightly_summary run_nightly_job(pg::connection& conn, const pg::scope& where,
                                       const nightly_options& options,
                                       std::ostream* log = nullptr) {
  using std::chrono::days;
  using std::chrono::sys_days;
  using std::chrono::year_month_day;
  nightly_summary s;
  const year_month_day today = options.first_forecast_day;

  if (options.accuracy_days > 0) {
    const year_month_day past{sys_days{today} - days{options.accuracy_days}};
    const year_month_day yesterday{sys_days{today} - days{1}};
    pg::generate_options g;
    g.as_of = past;
    g.horizon_days = options.accuracy_days;
    g.algorithm = options.algorithm;
    g.history_days = options.history_days;
    g.backtest_origins = 0;
    const auto old = pg::generate_forecasts(conn, where, g);
    pg::apply_forecasts_to_history(conn, where, past, yesterday);
    pg::accuracy_request a;
    a.period_start = past;
    a.period_end = yesterday;
    a.level = pg::aggregation_level::daily;
    a.target_mape = 20.0;
    for (const auto& m : old.materials) {
      if (m.status == pg::generation_status::written) a.material_ids.push_back(m.material_id);
    }
    const auto rows = pg::calculate_forecast_accuracy(conn, where, a);
    s.accuracy_rows = rows.size();
    double sum = 0;
    int n = 0;
    for (const auto& r : rows) {
      if (r.mape) {
        sum += *r.mape;
        ++n;
      }
    }
    if (n > 0) s.average_mape = sum / n;
    if (log) {
      *log << "accuracy: forecasts as of " << to_iso_string(past) << " scored on "
           << to_iso_string(past) << " .. " << to_iso_string(yesterday) << ": " << rows.size()
           << " materials";
      if (s.average_mape) *log << ", average MAPE " << *s.average_mape << " %";
      *log << "\n";
    }
  }

  pg::generate_options g;
  g.as_of = today;
  g.horizon_days = options.horizon_days;
  g.algorithm = options.algorithm;
  g.history_days = options.history_days;
  const auto fresh = pg::generate_forecasts(conn, where, g);
  s.forecasts_written = fresh.written;
  s.forecasts_skipped = fresh.skipped;
  if (log) {
    *log << "forecasts: " << fresh.written << " materials written, " << fresh.skipped
         << " skipped, " << options.horizon_days << " days from " << to_iso_string(today) << "\n";
  }

  if (!options.positions.empty()) {
    pg::replenishment_options r;
    r.today = year_month_day{sys_days{today} - days{1}};
    r.skip_zero_quantity = false;
    const auto rec = pg::generate_replenishment_recommendations(conn, where, options.positions, r);
    s.recommendations = rec.written.size();
    for (const auto& row : rec.written) {
      if (row.urgency && *row.urgency == "CRITICAL") ++s.critical;
    }
    if (log) {
      *log << "recommendations: " << rec.written.size() << " written (" << s.critical
           << " CRITICAL), " << rec.skipped.size() << " skipped, " << rec.expired
           << " earlier PENDING expired\n";
    }
  }
  return s;
}

}  // namespace invforecast::tools
