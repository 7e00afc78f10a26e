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

#include "cli_input.hpp"
#include "invforecast/detail/format.hpp"
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

/// Shortest text that reads back as the same double ("0.1", "431.99579263604642"), by the
/// library's one checked formatter (invforecast::detail::format_general).
inline std::string shortest_text(double value) {
  return invforecast::detail::format_general(value);
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
  std::string levels = "0.8,0.95";  ///< comma list (parse_levels: [0.5, 0.999] or percents)
  std::optional<double> alpha, beta, gamma, phi;
  int window = 7;
  unsigned threads = 0;
  std::uint64_t seed = 42;
  std::string output;         ///< empty or "-": standard output
  std::string models_output;  ///< empty: not written
  bool verbose = false;
};

/// Rejects a fixed --alpha / --beta / --gamma / --phi the model would ignore (AUTO chooses
/// its own parameters): alpha applies to ETS, CROSTON, SBA, SBJ and TSB; beta to ETS forms
/// with a trend and to TSB; gamma to seasonal ETS forms; phi to damped ETS forms.
/// @throws invalid_argument "--alpha 2: --model AUTO does not use it (...)".
inline void check_fixed_parameters(const forecast_settings& s,
                                   const forecaster_options<double>& o) {
  const bool ets = o.kind == method::ets && o.ets.has_value();
  const bool croston = o.kind == method::croston || o.kind == method::sba || o.kind == method::sbj;
  const bool tsb = o.kind == method::tsb;
  struct parameter {
    const char* option;
    const std::optional<double>& value;
    bool applies;
    const char* used_by;
  };
  const parameter parameters[] = {
      {"--alpha", s.alpha, ets || croston || tsb, "an ETS form, CROSTON, SBA, SBJ or TSB"},
      {"--beta", s.beta, (ets && o.ets->trend != ets_trend::none) || tsb,
       "an ETS form with a trend (AAN, AAdN, ...) or TSB"},
      {"--gamma", s.gamma, ets && o.ets->season != ets_season::none,
       "a seasonal ETS form (AAA, MAM, ...)"},
      {"--phi", s.phi, ets && o.ets->damped, "a damped ETS form (AAdN, MAdM, ...)"}};
  for (const auto& p : parameters) {
    if (!p.value || p.applies) continue;
    throw invalid_argument(std::string(p.option) + " " + shortest_text(*p.value) + ": --model " +
                           s.model + " does not use it (only " + p.used_by +
                           " does; AUTO chooses its own parameters)");
  }
}

/// Translates --model into forecaster options: the library's vocabulary
/// (invforecast::forecaster_options_for: method names in any case, MA(w), ETS forms "AAdN",
/// "ets:AAdN", "ETS(A,Ad,N)").
/// @throws invalid_argument "--model X: forecaster_options_for: model = 'X', must be ..." for an
///         unknown name or ETS form.
inline forecaster_options<double> options_for(const forecast_settings& s) {
  forecaster_options<double> o;
  try {
    o = forecaster_options_for<double>(s.model);
  } catch (const invalid_argument& e) {
    // The library's message lists its whole vocabulary (method names and ETS forms).
    throw invalid_argument("--model " + s.model + ": " + e.what());
  }
  check_fixed_parameters(s, o);
  o.season_length = s.season_length;
  if (s.model.find('(') == std::string::npos) o.ma_window = s.window;
  o.alpha = s.alpha;
  o.beta = s.beta;
  o.gamma = s.gamma;
  o.phi = s.phi;
  o.seed = s.seed;
  return o;
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
    check_horizon("--horizon", s.horizon);
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
  cmd->add_option("--horizon,-H", settings->horizon,
                  "Number of periods to forecast, 1 .. 3660 (the horizon limit)")
      ->capture_default_str();
  cmd->add_option("--season-length,-m", settings->season_length,
                  "Season length m (0 = detect, 1 = none)")
      ->capture_default_str();
  cmd->add_option("--model", settings->model,
                  "AUTO, an ETS code (ANN, AAN, AAdN, AAA, MAM, MAdM, ...), MA, CROSTON, SBA, "
                  "SBJ, TSB, MEAN, NAIVE, THETA, COMBO, OTM or MSTL")
      ->capture_default_str();
  cmd->add_option("--levels", settings->levels,
                  "Interval levels in [0.5, 0.999], e.g. 0.8,0.95 (or percents 80,95); the "
                  "same rules as run")
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
