// `invforecast run`: the whole planning pipeline. See run_command.hpp and docs/cli.md.

#include "run_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../report/html_report.hpp"
#include "cli_input.hpp"
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

/// The forecast must cover the 30-day demand of the suggestion and the protection interval
/// (lead time + review period), as plan() requires; checked before any material is planned.
/// @throws invalid_argument "--horizon 10: must be >= max(30, lead time 7 + --review-period
///   7) = 30 ..." naming where the lead time comes from.
void check_protection(int horizon, int lead_time, int review_period, const std::string& lead_from) {
  const int needed = std::max(30, lead_time + review_period);
  if (horizon < needed) {
    throw invalid_argument("--horizon " + std::to_string(horizon) +
                           ": must be >= max(30, lead time " + std::to_string(lead_time) + " (" +
                           lead_from + ") + --review-period " + std::to_string(review_period) +
                           ") = " + std::to_string(needed) +
                           " days: the suggestion needs the forecast of its 30 days and of the "
                           "lead time and review period");
  }
}

/// --as-of: a date yyyy-mm-dd in the accepted range (cli_input.hpp).
/// @throws parse_error naming --as-of.
void check_as_of_text(const std::string& text) {
  date d;
  try {
    d = parse_iso_date(text);
  } catch (const parse_error& e) {
    throw parse_error(std::string("--as-of: ") + e.what());
  }
  if (!in_date_range(d)) {
    throw parse_error("--as-of " + text + ": outside the accepted dates " +
                      to_iso_string(earliest_date) + " .. " + to_iso_string(latest_date) +
                      " (docs/errors.md)");
  }
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
    policy.refit = settings.backtest_refit == "full" ? backtest_refit::full : backtest_refit::fixed;
    policy.safety_stock = parse_safety_stock_option(settings.safety_stock);
    policy.order_rule = parse_replenishment(settings.replenishment);
    policy.levels =
        settings.levels_text.empty() ? settings.levels : parse_levels(settings.levels_text);
    policy.forecaster = forecaster_for(settings);
    check_horizon("--horizon", settings.horizon);
    check_protection(settings.horizon, settings.lead_time, settings.review_period, "--lead-time");
    options.threads = settings.threads;
    defaults.service_level = settings.service_level;
    defaults.lead_time_days = settings.lead_time;
    if (settings.demand.empty() == settings.postgres.empty()) {
      std::cerr << "invforecast run: give exactly one of --demand FILE or --postgres CONNINFO\n";
      return run_usage_error;
    }
    if (!settings.postgres.empty()) {
      check_uuid("--tenant", settings.tenant);
      check_uuid("--facility", settings.facility);
    }
    if (!settings.as_of.empty()) check_as_of_text(settings.as_of);
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
  // Every value a material would fail on is checked before any material is planned.
  try {
    check_history_range(input);
    const material_input* longest = nullptr;
    for (const auto& m : input.materials) {
      if (!longest || m.settings.lead_time_days > longest->settings.lead_time_days) longest = &m;
    }
    if (longest) {
      check_protection(settings.horizon, longest->settings.lead_time_days, settings.review_period,
                       "material '" + longest->settings.material + "'");
    }
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

  // Plan the materials one batch at a time (invforecast::plan on --threads threads, --batch-size
  // materials), with progress on stderr: one line per material as it finishes. Memory holds one
  // batch of plans: forecasts.csv and results.json are written per batch (material order);
  // what is sorted by urgency keeps one row of text per material (recommendations.csv, the
  // summary, the report's table), and the report charts the report_options::max_charts most
  // urgent materials. --write-back keeps every plan (it stores them all in one go).
  const std::size_t total = input.materials.size();
  const std::size_t width = std::to_string(total).size();
  const std::filesystem::path dir(settings.out_dir);
  const auto wants = [&](const char* f) {
    return std::find(settings.formats.begin(), settings.formats.end(), f) != settings.formats.end();
  };
  report_options report;
  report.max_charts = settings.report_charts;
  const std::filesystem::path report_path =
      settings.no_report ? std::filesystem::path()
                         : (settings.report.empty() ? dir / "report.html"
                                                    : std::filesystem::path(settings.report));
  struct ranked {  // one material, for the outputs sorted by urgency
    int rank;
    int days;  // until stockout, 1 << 30 when none
    std::string material;
    std::string recommendation;        // recommendations.csv row
    std::vector<std::string> summary;  // summary table cells
    std::string report_row;            // report summary row
  };
  std::vector<ranked> rows;
  rows.reserve(total);
  std::vector<material_result> charted;  // the most urgent, at most report.max_charts
  std::vector<material_result> kept;     // --write-back only: every plan
  const bool keep_all = settings.write_back && !settings.postgres.empty();
  urgency_counts counts;
  std::ofstream forecasts_file, json_file;
  std::optional<results_json_writer> json;
  std::size_t done_before = 0;
  try {
    const auto open = [](std::ofstream& f, const std::filesystem::path& path) {
      if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
      f.open(path, std::ios::binary);
      if (!f) throw std::runtime_error(path.string() + ": cannot open for writing");
    };
    if (wants("csv")) open(forecasts_file, dir / "forecasts.csv");
    if (wants("json")) {
      open(json_file, dir / "results.json");
      json.emplace(json_file);
      json->begin(input);
    }
    const std::size_t batch_size = std::max<std::size_t>(1, nightly_cli().batch_size);
    for (std::size_t begin = 0; begin < total || begin == 0; begin += batch_size) {
      const std::size_t end = std::min(total, begin + batch_size);
      std::vector<material_result> batch = run_pipeline(
          input, options, begin, end, [&](std::size_t done, std::size_t, const plan_outcome& o) {
            if (!progress) return;
            std::string count = std::to_string(done_before + done);
            count.insert(0, width - count.size(), ' ');
            std::cerr << "[" << count << "/" << total << "] " << o.material << ": "
                      << (o.ok() ? o.plan->fit.model_name + ", " +
                                       material_result::outcome_urgency_text(o)
                                 : "FAILED: " + o.error)
                      << " (" << fixed(o.seconds, 2) << " s)\n";
          });
      done_before = end;
      if (wants("csv")) {
        write_forecasts_csv(forecasts_file, batch, options.policy.levels, begin == 0);
        if (!forecasts_file)
          throw std::runtime_error((dir / "forecasts.csv").string() + ": write failed");
      }
      if (json) {
        json->add(batch);
        if (!json_file)
          throw std::runtime_error((dir / "results.json").string() + ": write failed");
      }
      for (const auto& r : batch) {
        ranked k;
        k.rank = r.urgency_rank();
        const auto& sug = r.suggestion();
        k.days = sug && sug->days_until_stockout ? *sug->days_until_stockout : 1 << 30;
        k.material = r.settings.material;
        if (wants("csv")) {
          std::ostringstream line;
          write_recommendation_row(line, r);
          k.recommendation = line.str();
        }
        k.summary = summary_cells(r);
        if (!settings.no_report) k.report_row = report_summary_row(r);
        ++counts.of_rank[k.rank];
        rows.push_back(std::move(k));
      }
      if (!settings.no_report) {
        // --write-back still needs the batch below: copy it then, move it otherwise.
        if (keep_all) {
          charted.insert(charted.end(), batch.begin(), batch.end());
        } else {
          charted.insert(charted.end(), std::make_move_iterator(batch.begin()),
                         std::make_move_iterator(batch.end()));
        }
        sort_by_urgency(charted);
        if (charted.size() > report.max_charts) charted.resize(report.max_charts);
      }
      if (keep_all) {
        kept.insert(kept.end(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(batch.end()));
      }
      if (end >= total) break;
    }
  } catch (const invalid_argument& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_usage_error;
  } catch (const std::exception& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_output_error;
  }
  // The order of sort_by_urgency.
  std::stable_sort(rows.begin(), rows.end(), [](const ranked& a, const ranked& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.days != b.days) return a.days < b.days;
    return a.material < b.material;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::size_t failed = counts.of_rank[5];

#ifdef INVFORECAST_WITH_POSTGRES
  if (keep_all) {
    try {
      sort_by_urgency(kept);
      write_back_postgres(pg_source(settings), kept, input, options, progress);
    } catch (const database_error& e) {
      std::cerr << "invforecast run: database error while writing back: " << e.what() << "\n";
      return run_database_error;
    }
  }
#endif

  // The outputs sorted by urgency.
  try {
    if (wants("csv")) {
      forecasts_file.close();
      if (!forecasts_file)
        throw std::runtime_error((dir / "forecasts.csv").string() + ": write failed");
      write_file(dir / "recommendations.csv", [&](std::ostream& o) {
        write_recommendations_header(o);
        for (const auto& k : rows) o << k.recommendation;
      });
    }
    if (json) {
      json->end(input, options, seconds);
      json_file.close();
      if (!json_file) throw std::runtime_error((dir / "results.json").string() + ": write failed");
    }
    if (!settings.no_report) {
      std::vector<std::string> report_rows;
      report_rows.reserve(rows.size());
      for (auto& k : rows) report_rows.push_back(std::move(k.report_row));
      write_file(report_path, [&](std::ostream& o) {
        write_html_report(o, report_rows, charted, counts, input, options, report);
      });
    }
  } catch (const std::exception& e) {
    std::cerr << "invforecast run: " << e.what() << "\n";
    return run_output_error;
  }

  // Summary on stdout.
  const std::size_t limit = settings.top > 0
                                ? std::min(rows.size(), static_cast<std::size_t>(settings.top))
                                : rows.size();
  std::vector<std::vector<std::string>> shown;
  shown.reserve(limit);
  for (std::size_t i = 0; i < limit; ++i) shown.push_back(std::move(rows[i].summary));
  write_summary_rows(std::cout, shown);
  if (limit < rows.size()) {
    std::cout << "... " << rows.size() - limit << " more in "
              << (dir / "recommendations.csv").string() << "\n";
  }
  std::cout << "\n" << rows.size() << " materials planned in " << fixed(seconds, 1) << " s";
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
                  "Materials planned (and held in memory) at once; with --workers: claimed and "
                  "committed at once")
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
  run->add_option("--report-charts", settings->report_charts,
                  "Materials charted in the report, the most urgent first (every material is in "
                  "its table)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  run->add_option("--format", settings->formats, "Data outputs to write: csv, json (comma list)")
      ->delimiter(',')
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  run->add_option("-H,--horizon", settings->horizon,
                  "Forecast horizon in days, <= 3660 (the horizon limit), >= 30 and >= lead "
                  "time + review period")
      ->capture_default_str();
  run->add_option("--levels", settings->levels_text,
                  "Prediction interval levels in [0.5, 0.999] (or percents 80,95), comma list; "
                  "the report draws 0.8 and 0.95. Default: 0.8,0.95");
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
  run->add_option("--backtest-refit", settings->backtest_refit,
                  "Backtest of an ETS model: fixed (the whole history's fit run over each "
                  "training window) or full (re-estimated at every origin)")
      ->check(CLI::IsMember({"fixed", "full"}))
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
