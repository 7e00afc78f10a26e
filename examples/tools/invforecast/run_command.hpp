#pragma once

/// @file
/// `invforecast run`: the whole planning pipeline (forecast with intervals, accuracy backtest,
/// safety stock, replenishment with urgency) for every material of a demand file or of a
/// PostgreSQL database, writing CSV, JSON, an HTML report and a summary table.
/// See docs/cli.md.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace invforecast::tools {

/// Exit codes of `invforecast run`, the same scheme as every subcommand of the tool
/// (0 ok, 1 runtime failure, 2 bad input or usage; documented in docs/cli.md).
enum run_exit_code : int {
  run_ok = 0,              ///< every material planned
  run_some_failed = 1,     ///< results written, but at least one material failed
  run_database_error = 1,  ///< PostgreSQL connection or query failed
  run_output_error = 1,    ///< an output file could not be written
  run_usage_error = 2,     ///< bad command line (also CLI11's parse errors)
  run_input_error = 2      ///< an input file is missing or malformed (line and column named)
};

/// The settings of one run (the command-line options).
struct run_settings {
  std::string demand = "";  ///< demand CSV: material,date,quantity
  std::string materials;    ///< materials CSV (optional)
  std::string inventory;    ///< inventory CSV (optional)
  std::string postgres;     ///< libpq connection string: read demand from PostgreSQL instead
  std::string tenant;       ///< tenant UUID (PostgreSQL)
  std::string facility;     ///< facility UUID (PostgreSQL)
  bool write_back = false;  ///< PostgreSQL: also store forecasts and recommendations
  bool migrate = false;     ///< PostgreSQL: apply the schema migrations first
  std::string load_demand;  ///< PostgreSQL: backfill this demand CSV first
  std::string as_of;        ///< yyyy-mm-dd; empty = latest demand date
  std::string out_dir = "invforecast-out";
  std::string report;  ///< report path; empty = <out>/report.html
  bool no_report = false;
  std::size_t report_charts = 200;  ///< materials charted in the report (report_options)
  std::vector<std::string> formats{"csv", "json"};
  int horizon = 90;
  std::vector<double> levels{0.80, 0.95};
  std::string levels_text;  ///< --levels as given (parse_levels); empty = `levels`
  std::string method = "auto";
  int season_length = 0;
  int ma_window = 7;
  int history_days = 0;
  int backtest_horizon = 14;
  int backtest_origins = 4;
  std::string backtest_refit = "fixed";  ///< planning_policy::refit: fixed or full
  std::string safety_stock = "auto";
  std::string replenishment = "forecast-based";
  int review_period = 7;
  double service_level = 0.95;  ///< default for materials without their own
  int lead_time = 7;            ///< default for materials without their own
  unsigned threads = 0;
  int top = 0;  ///< summary rows printed (0 = all)
  bool quiet = false;
};

/// Runs the pipeline with `settings`; prints the summary table on stdout and progress on
/// stderr. Never throws: errors are printed on stderr and turned into an exit code.
/// @return one of run_exit_code.
int run_pipeline_command(const run_settings& settings);

/// Adds the `run` subcommand to a CLI11 application. When the subcommand is parsed, its
/// callback runs run_pipeline_command and stores the result in `*exit_code`.
/// @return the subcommand.
CLI::App* add_run_command(CLI::App& app, std::shared_ptr<int> exit_code);

}  // namespace invforecast::tools
