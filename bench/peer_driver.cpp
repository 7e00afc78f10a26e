// invforecast's side of the peer comparison (scripts/compare-peers.sh), the same protocol as
// scripts/peers/run_r.R and run_statsmodels.py: for each series in <dir>/meta.csv and
// <dir>/values.csv, fit each method on the training part, forecast the held-out horizon with
// a 95 % interval, and time fit + forecast (repeated until min_seconds of wall time, at least
// once; time per series = elapsed / repetitions). Writes <dir>/ours_forecasts.csv and
// <dir>/ours_timings.csv.
//   invforecast_peer_driver <dir> [min_seconds]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/intermittent/croston.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/version.hpp"

// The tests' CSV reader (the peer data are plain CSV like the R fixtures).
#include "../tests/support/csv.hpp"

namespace {

namespace inv = invforecast;

struct series_meta {
  std::string name, kind;
  int m = 1;
  std::size_t n_train = 0;
  int h = 1;
};

struct outcome {
  inv::forecast<double> fc;
  std::string model;
};

using method_fn = std::function<outcome(std::span<const double>, const series_meta&)>;

const std::vector<double> level95{0.95};

outcome fit_ets(const char* code, int m, std::span<const double> y, int h) {
  inv::ets_options<double> options;
  options.model = inv::ets_model::parse(code);
  options.season_length = m;
  const auto fit = inv::ets_spec<double>(options).fit(y);
  return {fit.forecast(h, level95), fit.model().r_name()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: invforecast_peer_driver <dir> [min_seconds]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const double min_seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 0.05;
  try {
    std::vector<series_meta> meta;
    for (const auto& r : invforecast::test::read_csv_rows(dir + "/meta.csv")) {
      meta.push_back(
          {r.at(0), r.at(2), std::stoi(r.at(3)), std::stoul(r.at(4)), std::stoi(r.at(5))});
    }
    std::map<std::string, std::vector<double>> values;
    for (const auto& r : invforecast::test::read_csv_rows(dir + "/values.csv"))
      values[r.at(0)].push_back(std::stod(r.at(2)));

    const std::vector<
        std::pair<std::string, std::pair<std::function<bool(const series_meta&)>, method_fn>>>
        methods = {
            {"ets_auto",
             {[](const series_meta&) { return true; },
              [](std::span<const double> y, const series_meta& s) {
                const auto sel = inv::ets_auto<double>(y, s.m);
                return outcome{sel.best.forecast(s.h, level95), sel.best.model().r_name()};
              }}},
            {"hw_additive",
             {[](const series_meta& s) { return s.m > 1; },
              [](std::span<const double> y, const series_meta& s) {
                return fit_ets("AAA", s.m, y, s.h);
              }}},
            {"ses",
             {[](const series_meta&) { return true; },
              [](std::span<const double> y, const series_meta& s) {
                return fit_ets("ANN", 1, y, s.h);
              }}},
            {"holt",
             {[](const series_meta&) { return true; },
              [](std::span<const double> y, const series_meta& s) {
                return fit_ets("AAN", 1, y, s.h);
              }}},
            {"croston",
             {[](const series_meta& s) { return s.kind == "daily-intermittent"; },
              [](std::span<const double> y, const series_meta& s) {
                inv::croston_options<double> options;
                options.alpha = 0.1;  // R's croston() default
                return outcome{inv::croston<double>(y, options).forecast(s.h, level95),
                               "croston a=0.1"};
              }}},
            {"forecaster_auto",
             {[](const series_meta&) { return true; },
              [](std::span<const double> y, const series_meta& s) {
                inv::forecaster_options<double> options;
                options.season_length = s.m;
                auto fit = inv::fit_and_forecast<double>(y, options, s.h, level95);
                return outcome{std::move(fit.fc), fit.model_name};
              }}},
        };

    std::ofstream fc_out(dir + "/ours_forecasts.csv");
    std::ofstream tm_out(dir + "/ours_timings.csv");
    fc_out << "peer,method,series,step,mean,lo95,hi95\n";
    tm_out << "peer,method,series,seconds,reps,model\n";
    char buf[160];
    for (const auto& s : meta) {
      const auto& all = values.at(s.name);
      const std::span<const double> y(all.data(), s.n_train);
      for (const auto& [name, entry] : methods) {
        if (!entry.first(s)) continue;
        try {
          using clock = std::chrono::steady_clock;
          outcome result;
          int reps = 0;
          const auto t0 = clock::now();
          double elapsed = 0;
          do {
            result = entry.second(y, s);
            ++reps;
            elapsed = std::chrono::duration<double>(clock::now() - t0).count();
          } while (elapsed < min_seconds);
          const auto& iv = result.fc.interval(0.95);
          for (std::size_t i = 0; i < result.fc.mean.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%zu,%.17g,%.17g,%.17g", i + 1, result.fc.mean[i],
                          iv.lower[i], iv.upper[i]);
            fc_out << "invforecast," << name << ',' << s.name << ',' << buf << '\n';
          }
          std::snprintf(buf, sizeof buf, "%.9g,%d", elapsed / reps, reps);
          std::string model = result.model;
          for (char& c : model) c = c == ',' ? ';' : c;
          tm_out << "invforecast," << name << ',' << s.name << ',' << buf << ',' << model << '\n';
        } catch (const std::exception& e) {
          std::string msg = e.what();
          for (char& c : msg) c = c == ',' ? ';' : c;
          tm_out << "invforecast," << name << ',' << s.name << ",,0," << msg.substr(0, 80) << '\n';
        }
      }
    }
    std::ofstream(dir + "/ours_version.txt")
        << "invforecast " << inv::version_string << " (C++, Release build)\n";
  } catch (const std::exception& e) {
    std::cerr << "invforecast_peer_driver: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
