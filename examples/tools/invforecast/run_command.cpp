// `invforecast run`: the whole planning pipeline. See run_command.hpp and docs/cli.md.

#include "run_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "../report/html_report.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "outputs.hpp"
#include "pipeline.hpp"

#ifdef INVFORECAST_WITH_POSTGRES
#include "postgres_source.hpp"
#endif

namespace invforecast::tools {

namespace {

/// --method: the library's method vocabulary (forecaster_options_for: "auto", "ma", "croston",
/// ..., any case; ETS forms "AAdN", "ets:AAdN", "ETS(A,Ad,N)"), with --season-length and
/// --ma-window (unless the name gives the window, "MA(14)").
/// @throws invalid_argument naming --method.
forecaster_options<double> forecaster_for(const run_settings& s) {
  forecaster_options<double> o;
  try {
    o = forecaster_options_for<double>(s.method);
  } catch (const invalid_argument& e) {
    throw invalid_argument("--method " + s.method + ": " + e.what());
  }
  o.season_length = s.season_length;
  if (s.method.find('(') == std::string::npos) o.ma_window = s.ma_window;
  return o;
}

calculation_method parse_replenishment(const std::string& name) {
  if (name == "eoq") return calculation_method::eoq;
  if (name == "min-max") return calculation_method::min_max;
  if (name == "safety-stock") return calculation_method::safety_stock_replenishment;
  return calculation_method::forecast_based;
}

/// Writes `text` produced by `write` into `path` (creating folders).
template <typename Write>
void write_file(const std::filesystem::path& path, Write&& write) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error(path.string() + ": cannot open for writing");
  write(out);
  out.flush();
  if (!out) throw std::runtime_error(path.string() + ": write failed");
}

// --workers / --run-id / --batch-size: the nightly job through pg::run_nightly (PostgreSQL
// only); set by the options registered below.
struct nightly_settings {
  unsigned workers = 0;  // 0 = not the nightly job
  std::string run_id;
  std::size_t batch_size = 200;
};
nightly_settings& nightly_cli() {
  static nightly_settings s;
  return s;
}

#ifdef INVFORECAST_WITH_POSTGRES
postgres_source pg_source(const run_settings& s) {
  postgres_source p;
  p.conninfo = s.postgres;
  p.tenant_id = s.tenant;
  p.facility_id = s.facility;
  p.migrate = s.migrate;
  if (!s.load_demand.empty()) p.load_demand = std::filesystem::path(s.load_demand);
  return p;
}
#endif

}  // namespace

int run_pipeline_command(const run_settings& settings) {
  const auto started = std::chrono::steady_clock::now();
  const bool progress = !settings.quiet;

  // Options.
  pipeline_options options;
  material_settings defaults;
  try {
    planning_policy& policy = options.policy;
    policy.service_level = settings.service_level;
    policy.review_period_days = settings.review_period;
    policy.horizon_days = settings.horizon;
    policy.history_days = settings.history_days;
    policy.backtest_horizon = settings.backtest_horizon;
    policy.backtest_origins = settings.backtest_origins;
    policy.safety_stock = parse_safety_stock_option(settings.safety_stock);
    policy.order_rule = parse_replenishment(settings.replenishment);
    policy.levels = settings.levels;
    policy.forecaster = forecaster_for(settings);
    options.threads = settings.threads;
    defaults.service_level = settings.service_level;
    defaults.lead_time_days = settings.lead_time;
    if (settings.demand.empty() == settings.postgres.empty()) {
      std::cerr << "invforecast run: give exactly one of --demand FILE or --postgres CONNINFO\n";
      return run_usage_error;
    }
  } catch (const std::exception& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_usage_error;
  }

#ifdef INVFORECAST_WITH_POSTGRES
  // The nightly job: many threads / processes on one run, read and written in the database.
  if (!settings.postgres.empty() && (nightly_cli().workers > 0 || !nightly_cli().run_id.empty())) {
    try {
      nightly_request request;
      request.workers = std::max(1U, nightly_cli().workers);
      request.run_id = nightly_cli().run_id;
      request.batch_size = nightly_cli().batch_size;
      if (!settings.as_of.empty()) request.as_of = parse_iso_date(settings.as_of);
      const std::size_t failed =
          run_nightly_postgres(pg_source(settings), options.policy, request, progress);
      return failed == 0 ? 0 : 1;
    } catch (const database_error& e) {
      std::cerr << "invforecast run: database error: " << e.what() << "\n";
      return run_database_error;
    } catch (const error& e) {
      std::cerr << "invforecast run: " << e.what() << "\n";
      return run_usage_error;
    }
  }
#endif

  // Inputs.
  pipeline_input input;
  try {
    std::optional<date> as_of;
    if (!settings.as_of.empty()) as_of = parse_iso_date(settings.as_of);
    const auto opt_path = [](const std::string& p) {
      return p.empty() ? std::optional<std::filesystem::path>() : std::filesystem::path(p);
    };
    if (!settings.demand.empty()) {
      input = read_csv_inputs(settings.demand, opt_path(settings.materials),
                              opt_path(settings.inventory), as_of, defaults);
    } else {
#ifdef INVFORECAST_WITH_POSTGRES
      input = read_postgres_inputs(pg_source(settings), opt_path(settings.materials),
                                   opt_path(settings.inventory), as_of, defaults);
#else
      std::cerr << "invforecast run: --postgres needs a build with "
                   "-DINVFORECAST_WITH_POSTGRES=ON\n";
      return run_usage_error;
#endif
    }
  } catch (const database_error& e) {
    std::cerr << "invforecast run: database error: " << e.what() << "\n";
    return run_database_error;
  } catch (const error& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_input_error;
  }
  for (const auto& w : input.warnings) std::cerr << "invforecast run: warning: " << w << "\n";
  if (progress) {
    std::cerr << "invforecast run: " << input.materials.size() << " materials, "
              << input.demand_rows << " demand rows, history " << to_iso_string(input.first_day)
              << " .. " << to_iso_string(input.as_of) << ", horizon " << options.policy.horizon_days
              << " days\n";
  }

  // Plan every material (invforecast::plan, on --threads threads), with progress on stderr:
  // one line per material as it finishes, with its own time.
  const std::size_t width = std::to_string(input.materials.size()).size();
  std::vector<material_result> results;
  try {
    results = run_pipeline(input, options,
                           [&](std::size_t done, std::size_t total, const plan_outcome& o) {
                             if (!progress) return;
                             std::string count = std::to_string(done);
                             count.insert(0, width - count.size(), ' ');
                             std::cerr << "[" << count << "/" << total << "] " << o.material << ": "
                                       << (o.ok() ? o.plan->fit.model_name + ", " +
                                                        material_result::outcome_urgency_text(o)
                                                  : "FAILED: " + o.error)
                                       << " (" << fixed(o.seconds, 2) << " s)\n";
                           });
  } catch (const invalid_argument& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_usage_error;
  }
  sort_by_urgency(results);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t failed = 0;
  for (const auto& r : results) failed += r.ok() ? 0U : 1U;

#ifdef INVFORECAST_WITH_POSTGRES
  if (settings.write_back && !settings.postgres.empty()) {
    try {
      write_back_postgres(pg_source(settings), results, input, options, progress);
    } catch (const database_error& e) {
      std::cerr << "invforecast run: database error while writing back: " << e.what() << "\n";
      return run_database_error;
    }
  }
#endif

  // Outputs.
  const std::filesystem::path dir(settings.out_dir);
  std::filesystem::path report_path;
  try {
    const auto wants = [&](const char* f) {
      return std::find(settings.formats.begin(), settings.formats.end(), f) !=
             settings.formats.end();
    };
    if (wants("csv")) {
      write_file(dir / "forecasts.csv",
                 [&](std::ostream& o) { write_forecasts_csv(o, results, options.policy.levels); });
      write_file(dir / "recommendations.csv",
                 [&](std::ostream& o) { write_recommendations_csv(o, results); });
    }
    if (wants("json")) {
      write_file(dir / "results.json", [&](std::ostream& o) {
        o << results_json(results, input, options, seconds).dump(1) << "\n";
      });
    }
    if (!settings.no_report) {
      report_path =
          settings.report.empty() ? dir / "report.html" : std::filesystem::path(settings.report);
      write_file(report_path,
                 [&](std::ostream& o) { write_html_report(o, results, input, options); });
    }
  } catch (const std::exception& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_output_error;
  }

  // Summary on stdout.
  std::vector<material_result> shown;
  const std::size_t limit = settings.top > 0
                                ? std::min(results.size(), static_cast<std::size_t>(settings.top))
                                : results.size();
  shown.assign(std::make_move_iterator(results.begin()),
               std::make_move_iterator(results.begin() + static_cast<std::ptrdiff_t>(limit)));
  write_summary_table(std::cout, shown);
  if (limit < results.size()) {
    std::cout << "... " << results.size() - limit << " more in "
              << (dir / "recommendations.csv").string() << "\n";
  }
  std::cout << "\n" << results.size() << " materials planned in " << fixed(seconds, 1) << " s";
  if (failed > 0) std::cout << ", " << failed << " FAILED";
  std::cout << "\nOutputs: " << std::filesystem::absolute(dir).lexically_normal().string() << "\n";
  if (!report_path.empty()) {
    std::cout << "Report:  " << std::filesystem::absolute(report_path).lexically_normal().string()
              << "\n";
  }
  return failed > 0 ? run_some_failed : run_ok;
}

CLI::App* add_run_command(CLI::App& app, std::shared_ptr<int> exit_code) {
  auto settings = std::make_shared<run_settings>();
  CLI::App* run = app.add_subcommand(
      "run",
      "Run the whole pipeline for every material: forecast with intervals, accuracy backtest, "
      "safety stock, replenishment with urgency; write CSV/JSON, an HTML report and print a "
      "summary table sorted by urgency.");

  auto* demand = run->add_option("-d,--demand", settings->demand,
                                 "Demand history CSV with the columns material,date,quantity "
                                 "(yyyy-mm-dd; one row per day with demand, missing days are "
                                 "zero; rows of the same day are added)")
                     ->check(CLI::ExistingFile);
  auto* pg = run->add_option("--postgres", settings->postgres,
                             "Read the demand from PostgreSQL instead (libpq connection string, "
                             "e.g. \"host=localhost dbname=erp\"); needs --tenant and --facility");
  demand->excludes(pg);
  run->add_option("-m,--materials", settings->materials,
                  "Material parameters CSV: material, description, uom, unit_cost, "
                  "lead_time_days, lead_time_sd_days, service_level, ordering_cost, "
                  "holding_rate, minimum_order_quantity, order_multiple, launch_date, status, "
                  "material_uuid (all but material optional)")
      ->check(CLI::ExistingFile);
  run->add_option("-i,--inventory", settings->inventory,
                  "Inventory position CSV: material, on_hand, allocated, on_order, "
                  "on_order_expected_date; without it no replenishment is computed")
      ->check(CLI::ExistingFile);
  run->add_option("--tenant", settings->tenant, "Tenant UUID (with --postgres)");
  run->add_option("--facility", settings->facility, "Facility UUID (with --postgres)");
  run->add_flag("--write-back", settings->write_back,
                "With --postgres: store the forecasts (material_forecasts), their accuracy and "
                "the replenishment suggestions in the database");
  run->add_option("--workers", nightly_cli().workers,
                  "With --postgres: run the nightly job (pg::run_nightly) on N threads: every "
                  "material of the facility planned and stored as a new forecast version, in "
                  "batches claimed from the run's work queue; start several processes on the "
                  "same run to share it")
      ->check(CLI::Range(1, 256));
  run->add_option("--run-id", nightly_cli().run_id,
                  "With --postgres: the nightly job's run to join or create (UUID); without it "
                  "--workers joins the facility's open run of the day or starts one");
  run->add_option("--batch-size", nightly_cli().batch_size,
                  "With --workers: materials claimed and committed at once")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  run->add_flag("--migrate", settings->migrate,
                "With --postgres: apply the schema migrations first (creates the five "
                "forecasting tables in a fresh database)");
  run->add_option("--load-demand", settings->load_demand,
                  "With --postgres: first load this demand CSV into demand_history (material "
                  "codes mapped to UUIDs by --materials' material_uuid column)")
      ->check(CLI::ExistingFile);
  run->add_option("--as-of", settings->as_of,
                  "Last day of history (yyyy-mm-dd); forecasts start the day after. Default: "
                  "the latest date in the demand");
  run->add_option("-o,--out", settings->out_dir,
                  "Output folder for forecasts.csv, recommendations.csv, results.json and "
                  "report.html")
      ->capture_default_str();
  run->add_option("--report", settings->report, "HTML report path (default: <out>/report.html)");
  run->add_flag("--no-report", settings->no_report, "Do not write the HTML report");
  run->add_option("--format", settings->formats, "Data outputs to write: csv, json (comma list)")
      ->delimiter(',')
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  run->add_option("-H,--horizon", settings->horizon,
                  "Forecast horizon in days (>= 30 and >= lead time + review period)")
      ->check(CLI::Range(1, 3660))
      ->capture_default_str();
  run->add_option("--levels", settings->levels,
                  "Prediction interval levels in (0, 1), comma list; the report draws 0.8 and "
                  "0.95")
      ->delimiter(',')
      ->check(CLI::Range(0.5, 0.999))
      ->capture_default_str();
  run->add_option("--method", settings->method,
                  "Forecasting method: auto (by demand class and AICc), an ETS code such as "
                  "ANN, AAdN, MAM (or ets:AAdN), ma, croston, sba, sbj, tsb, mean, naive")
      ->capture_default_str();
  run->add_option("--season-length", settings->season_length,
                  "Season length in days for seasonal models (0 = detect, 1 = none)")
      ->check(CLI::Range(0, 366))
      ->capture_default_str();
  run->add_option("--ma-window", settings->ma_window, "Window of --method ma")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  run->add_option("--history-days", settings->history_days,
                  "Use only the last N days of history (0 = all)")
      ->check(CLI::Range(0, 36600))
      ->capture_default_str();
  run->add_option("--backtest-horizon", settings->backtest_horizon,
                  "Days ahead scored at each backtest origin (0 = no backtest)")
      ->check(CLI::Range(0, 366))
      ->capture_default_str();
  run->add_option("--backtest-origins", settings->backtest_origins,
                  "Rolling origins of the backtest, one every --backtest-horizon days")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  run->add_option("--safety-stock", settings->safety_stock,
                  "Safety stock method: auto (forecast-model for smooth demand, simulated for "
                  "intermittent), forecast-model, simulated, empirical")
      ->check(CLI::IsMember({"auto", "forecast-model", "simulated", "empirical"}))
      ->capture_default_str();
  run->add_option("--replenishment", settings->replenishment,
                  "Order quantity rule: forecast-based, eoq, min-max, safety-stock")
      ->check(CLI::IsMember({"forecast-based", "eoq", "min-max", "safety-stock"}))
      ->capture_default_str();
  run->add_option("--review-period", settings->review_period,
                  "Days until the next planning run (protection = lead time + review period)")
      ->check(CLI::Range(0, 365))
      ->capture_default_str();
  run->add_option("--service-level", settings->service_level,
                  "Cycle service level for materials without their own")
      ->check(CLI::Range(0.5, 0.9999))
      ->capture_default_str();
  run->add_option("--lead-time", settings->lead_time,
                  "Vendor lead time in days for materials without their own")
      ->check(CLI::Range(0, 365))
      ->capture_default_str();
  run->add_option("-j,--threads", settings->threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  run->add_option("--top", settings->top, "Print only the N most urgent rows (0 = all)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  run->add_flag("-q,--quiet", settings->quiet, "No progress on stderr");
  run->footer(
      "Outputs: <out>/forecasts.csv, <out>/recommendations.csv, <out>/results.json, "
      "<out>/report.html.\nExit codes: 0 all materials planned; 1 runtime failure (a material "
      "failed - the others are written -, a database error, an output not writable); 2 bad "
      "command line or bad input file (the message names file:line:column).");
  run->callback([settings, exit_code]() { *exit_code = run_pipeline_command(*settings); });
  return run;
}

}  // namespace invforecast::tools
