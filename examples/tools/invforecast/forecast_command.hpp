#pragma once

/// @file
/// `invforecast forecast`: fits a model to every series of a CSV file (fit_and_forecast_batch)
/// and writes the forecasts and, optionally, one row per fitted model. See
/// docs/forecasting.md, "Command line: invforecast forecast".
///
/// Usage: add_forecast_command(app) registers the subcommand on a CLI11 app; the callback
/// stores its exit code in `*exit_code_out`.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/selection/batch.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "series_csv.hpp"

namespace invforecast::tools {

/// Exit codes of every invforecast subcommand.
enum cli_exit_code : int {
  exit_ok = 0,        ///< success
  exit_failure = 1,   ///< runtime failure (an output file cannot be written, ...)
  exit_bad_input = 2  ///< bad input file or bad usage (message names line and column)
};

/// Shortest text that reads back as the same double ("0.1", "431.99579263604642").
inline std::string shortest_text(double value) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, r.ptr);
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
inline std::string quote_csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// "80" for 0.8, "97.5" for 0.975: the level as a percent, for column names.
inline std::string level_percent_text(double level) {
  const double p = std::round(level * 100.0 * 1e9) / 1e9;
  return shortest_text(p);
}

/// The settings of `invforecast forecast`.
struct forecast_settings {
  std::string input;
  int horizon = 14;
  int season_length = 0;
  std::string model = "AUTO";
  std::string levels = "0.8,0.95";  ///< comma-separated, in (0, 1) or percents
  std::optional<double> alpha, beta, gamma, phi;
  int window = 7;
  unsigned threads = 0;
  std::uint64_t seed = 42;
  std::string output;         ///< empty or "-": standard output
  std::string models_output;  ///< empty: not written
  bool verbose = false;
};

/// Translates --model into forecaster options: the library's vocabulary
/// (invforecast::forecaster_options_for: method names in any case, MA(w), ETS forms "AAdN",
/// "ets:AAdN", "ETS(A,Ad,N)").
/// @throws invalid_argument "--model X: must be AUTO, ..." for an unknown name or ETS form.
inline forecaster_options<double> options_for(const forecast_settings& s) {
  forecaster_options<double> o;
  try {
    o = forecaster_options_for<double>(s.model);
  } catch (const invalid_argument&) {
    throw invalid_argument("--model " + s.model +
                           ": must be AUTO, an ETS code (ANN, AAN, AAdN, AAA, MAM, MAdM, ..., "
                           "also ets:AAdN or ETS(A,Ad,N)), MA, MA(w), CROSTON, SBA, SBJ, TSB, "
                           "MEAN or NAIVE (any case)");
  }
  o.season_length = s.season_length;
  if (s.model.find('(') == std::string::npos) o.ma_window = s.window;
  o.alpha = s.alpha;
  o.beta = s.beta;
  o.gamma = s.gamma;
  o.phi = s.phi;
  o.seed = s.seed;
  return o;
}

/// Parses "0.8,0.95" (or "80,95": values in [1, 100) are percents, as R accepts both).
/// @throws invalid_argument naming the bad item.
inline std::vector<double> parse_levels(std::string_view text) {
  std::vector<double> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = csv_table::trim(text.substr(start, comma - start));
    double l = 0;
    const auto r = std::from_chars(item.data(), item.data() + item.size(), l);
    if (item.empty() || r.ec != std::errc() || r.ptr != item.data() + item.size()) {
      throw invalid_argument("--levels " + std::string(text) + ": \"" + std::string(item) +
                             "\" is not a number");
    }
    if (l >= 1.0 && l < 100.0) l /= 100.0;
    if (!(l > 0.0 && l < 1.0)) {
      throw invalid_argument("--levels " + std::string(text) + ": " + std::string(item) +
                             " must be in (0, 1) or a percent in [1, 100)");
    }
    out.push_back(l);
    start = comma + 1;
  }
  return out;
}

/// Writes the forecasts CSV: series_id,h,mean then lower_P,upper_P per level.
inline void write_forecasts(std::ostream& out, const std::vector<named_series>& series,
                            const std::vector<model_fit<double>>& fits,
                            std::span<const double> levels) {
  out << "series_id,h,mean";
  for (const double l : levels)
    out << ",lower_" << level_percent_text(l) << ",upper_" << level_percent_text(l);
  out << '\n';
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto& fc = fits[i].fc;
    const std::string id = quote_csv_field(series[i].id);
    for (std::size_t h = 0; h < fc.horizon(); ++h) {
      out << id << ',' << (h + 1) << ',' << shortest_text(fc.mean[h]);
      for (const auto& pi : fc.intervals) {
        out << ',' << shortest_text(pi.lower[h]) << ',' << shortest_text(pi.upper[h]);
      }
      out << '\n';
    }
  }
}

/// Writes the models CSV: series_id,model,alpha,beta,gamma,phi,sigma2,loglik,aic,aicc,bic,n,
/// status (empty field: not applicable; loglik etc. on R ets's scale, ETS only).
inline void write_models(std::ostream& out, const std::vector<named_series>& series,
                         const std::vector<model_fit<double>>& fits) {
  const auto opt = [](const std::optional<double>& v) {
    return v ? shortest_text(*v) : std::string();
  };
  out << "series_id,model,alpha,beta,gamma,phi,sigma2,loglik,aic,aicc,bic,n,status\n";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto& f = fits[i];
    const std::string status = f.status == fit_status::fitted && !f.converged
                                   ? "NOT_CONVERGED"
                                   : std::string(fit_status_name(f.status));
    out << quote_csv_field(series[i].id) << ',' << quote_csv_field(f.model_name) << ','
        << opt(f.alpha) << ',' << opt(f.beta) << ',' << opt(f.gamma) << ',' << opt(f.phi) << ','
        << shortest_text(f.sigma2) << ',' << opt(f.loglik) << ',' << opt(f.aic) << ','
        << opt(f.aicc) << ',' << opt(f.bic) << ',' << f.n << ',' << status << '\n';
  }
}

/// Runs the command. Errors are written to `err`; returns a cli_exit_code.
inline int run_forecast(const forecast_settings& s, std::ostream& out, std::ostream& err) {
  try {
    if (s.horizon < 1)
      throw invalid_argument("--horizon " + std::to_string(s.horizon) + ": must be >= 1");
    if (s.season_length < 0) {
      throw invalid_argument("--season-length " + std::to_string(s.season_length) +
                             ": must be >= 0 (0 = detect)");
    }
    const std::vector<double> levels = parse_levels(s.levels);
    const auto options = options_for(s);
    const auto series = read_series_csv(s.input);
    std::vector<std::vector<double>> values;
    values.reserve(series.size());
    for (const auto& x : series) values.push_back(x.values);
    const auto fits = fit_and_forecast_batch(std::span<const std::vector<double>>(values), options,
                                             s.horizon, std::span<const double>(levels), s.threads);
    if (s.verbose) {
      for (std::size_t i = 0; i < series.size(); ++i) {
        err << series[i].id << ": " << fits[i].model_name << " (" << fits[i].reason << ")\n";
      }
    }
    if (s.output.empty() || s.output == "-") {
      write_forecasts(out, series, fits, levels);
      out.flush();
      if (!out) throw error("cannot write the forecasts to standard output");
    } else {
      std::ofstream file(s.output, std::ios::binary);
      if (!file) throw error(s.output + ": cannot open for writing");
      write_forecasts(file, series, fits, levels);
      file.close();
      if (!file) throw error(s.output + ": write failed");
    }
    if (!s.models_output.empty()) {
      std::ofstream file(s.models_output, std::ios::binary);
      if (!file) throw error(s.models_output + ": cannot open for writing");
      write_models(file, series, fits);
      file.close();
      if (!file) throw error(s.models_output + ": write failed");
    }
    return exit_ok;
  } catch (const parse_error& e) {
    err << "invforecast forecast: " << e.what() << '\n';
    return exit_bad_input;
  } catch (const invalid_argument& e) {
    err << "invforecast forecast: " << e.what() << '\n';
    return exit_bad_input;
  } catch (const insufficient_data& e) {
    err << "invforecast forecast: " << e.what() << '\n';
    return exit_bad_input;
  } catch (const std::exception& e) {
    err << "invforecast forecast: " << e.what() << '\n';
    return exit_failure;
  }
}

/// Registers `forecast` on `app`. After app.parse(), `*exit_code_out` holds the command's exit
/// code when it ran.
inline CLI::App* add_forecast_command(CLI::App& app, std::shared_ptr<int> exit_code_out) {
  auto settings = std::make_shared<forecast_settings>();
  CLI::App* cmd =
      app.add_subcommand("forecast", "Fit a model to every series of a CSV file and forecast it");
  cmd->add_option("input", settings->input,
                  "CSV with columns series_id,value[,date] (rows of a series in time order; "
                  "with dates, missing days are zero demand)")
      ->required();
  cmd->add_option("--horizon,-H", settings->horizon, "Number of periods to forecast")
      ->capture_default_str();
  cmd->add_option("--season-length,-m", settings->season_length,
                  "Season length m (0 = detect, 1 = none)")
      ->capture_default_str();
  cmd->add_option("--model", settings->model,
                  "AUTO, an ETS code (ANN, AAN, AAdN, AAA, MAM, MAdM, ...), MA, CROSTON, SBA, "
                  "SBJ, TSB, MEAN or NAIVE")
      ->capture_default_str();
  cmd->add_option("--levels", settings->levels, "Interval levels, e.g. 0.8,0.95 (or 80,95)")
      ->capture_default_str();
  cmd->add_option("--alpha", settings->alpha, "Fixed alpha (level smoothing)");
  cmd->add_option("--beta", settings->beta, "Fixed beta (R's state-space trend smoothing)");
  cmd->add_option("--gamma", settings->gamma, "Fixed gamma (seasonal smoothing)");
  cmd->add_option("--phi", settings->phi, "Fixed phi (damping)");
  cmd->add_option("--window", settings->window, "Window of the moving average (--model MA)")
      ->capture_default_str();
  cmd->add_option("--threads", settings->threads, "Threads (0 = all cores)")->capture_default_str();
  cmd->add_option("--seed", settings->seed, "Seed of simulated intervals")->capture_default_str();
  cmd->add_option("--output,-o", settings->output, "Forecasts CSV (default: standard output)");
  cmd->add_option("--models-output", settings->models_output, "Models CSV (one row per series)");
  cmd->add_flag("--verbose,-v", settings->verbose, "Print each series' model and reason");
  cmd->callback([settings, exit_code_out]() {
    *exit_code_out = run_forecast(*settings, std::cout, std::cerr);
  });
  return cmd;
}

}  // namespace invforecast::tools
