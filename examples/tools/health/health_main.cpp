// invforecast-health: the health check of the forecasting database (docs/health-check.md).
//
//   invforecast-health --postgres "host=... dbname=..." --tenant UUID --facility UUID
//                      [--as-of yyyy-mm-dd] [--prometheus FILE] [--mape-warning 50]
//                      [--query-warning-ms 1000]
//
// Prints one line per check and the overall status; exit code 0 HEALTHY, 1 DEGRADED,
// 2 UNHEALTHY, 3 bad command line. --prometheus writes the gauges in the Prometheus text format
// (for node_exporter's textfile collector, written to a temporary file and renamed).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "../invforecast/cli_input.hpp"
#include "health.hpp"
#include "health_checks.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/version.hpp"

int main(int argc, char** argv) {
  namespace health = invforecast::tools::health;
  CLI::App app{
      "invforecast-health: the eight checks of the forecasting database (connection, tables, "
      "data volume, forecast accuracy, recommendations, operations, query time, indexes)"};
  app.set_version_flag("--version",
                       std::string("invforecast-health ") + invforecast::version_string);
  health::check_options options;
  std::string as_of, prometheus;
  app.add_option("--postgres", options.conninfo,
                 "libpq connection string, e.g. \"host=localhost port=5432 dbname=erp\"")
      ->required();
  app.add_option("--tenant", options.tenant_id, "Tenant UUID")->required();
  app.add_option("--facility", options.facility_id, "Facility UUID")->required();
  app.add_option("--as-of", as_of,
                 "Day the 30-day accuracy window ends before (default: the server's date)");
  app.add_option("--prometheus", prometheus,
                 "Write the Prometheus text-format gauges to this file");
  app.add_option("--mape-warning", options.limits.mape_warning_pct,
                 "30-day average MAPE (percent) above which accuracy is DEGRADED")
      ->capture_default_str();
  app.add_option("--query-warning-ms", options.limits.query_warning_ms,
                 "Operation time (ms) above which query performance is DEGRADED")
      ->capture_default_str();
  app.footer("Exit codes: 0 HEALTHY, 1 DEGRADED, 2 UNHEALTHY, 3 bad command line.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 3;
  }
  // A typo on the command line is exit 3 before any check runs (an UNHEALTHY exit 2 would
  // page someone).
  try {
    invforecast::tools::check_uuid("--tenant", options.tenant_id);
    invforecast::tools::check_uuid("--facility", options.facility_id);
    if (!as_of.empty()) {
      try {
        options.as_of = invforecast::parse_iso_date(as_of);
      } catch (const invforecast::error& e) {
        throw invforecast::invalid_argument(std::string("--as-of: ") + e.what());
      }
    }
  } catch (const invforecast::error& e) {
    std::cerr << "invforecast-health: " << e.what() << "\n";
    return 3;
  }

  const health::report r = health::run_checks(options);
  health::write_table(std::cout, r);
  if (!prometheus.empty()) {
    const std::filesystem::path path(prometheus);
    const std::filesystem::path tmp = path.string() + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary);
      out << health::prometheus_text(r);
      if (!out) {
        std::cerr << "invforecast-health: cannot write " << tmp.string() << "\n";
        return 2;
      }
    }
    std::filesystem::rename(tmp, path);
    std::cout << "Prometheus metrics: " << path.string() << "\n";
  }
  return health::exit_code(r.overall());
}
