#pragma once

// Reader for the R fixtures written by tests/reference/generate_ets_fixtures.R.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/csv.hpp"

namespace ets_fixtures {

inline std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  return invforecast::test::read_fixture("ets/" + name);
}

/// |a - b| within rel of |b|, or within rel absolutely when b is near 0 (below 1e-8).
inline bool rel_close(double a, double b, double rel) {
  return std::abs(a - b) <= rel * std::max(std::abs(b), 1e-300) ||
         (std::abs(b) < 1e-8 && std::abs(a - b) <= rel);
}

inline double num(const std::string& s) {
  if (s.find("NA") != std::string::npos) return std::numeric_limits<double>::quiet_NaN();
  return std::strtod(s.c_str(), nullptr);
}

struct series {
  int m = 1;
  std::vector<double> y;
};

struct fit_row {
  std::string id, model;
  double alpha, beta, gamma, phi, lik, aic, aicc, bic, sigma2;
  std::size_t n;
};

struct forecast_row {
  double mean, lo80, hi80, lo95, hi95;
};

struct corpus {
  std::map<std::string, series> series_by_id;
  std::vector<std::string> order;  // ids in file order
  std::vector<fit_row> fits;
  std::map<std::pair<std::string, std::string>, std::vector<double>> states;
  std::map<std::pair<std::string, std::string>, std::vector<forecast_row>> forecasts;
  std::map<std::pair<std::string, std::string>, std::vector<double>> fitted;
};

inline const corpus& load() {
  static const corpus c = [] {
    corpus out;
    for (const auto& r : read_csv("series.csv")) {
      auto [it, inserted] = out.series_by_id.try_emplace(r[0]);
      if (inserted) out.order.push_back(r[0]);
      it->second.m = std::atoi(r[1].c_str());
      it->second.y.push_back(num(r[3]));
    }
    for (const auto& r : read_csv("fits.csv")) {
      out.fits.push_back({r[0], r[1], num(r[2]), num(r[3]), num(r[4]), num(r[5]), num(r[6]),
                          num(r[7]), num(r[8]), num(r[9]), num(r[10]),
                          static_cast<std::size_t>(std::atol(r[11].c_str()))});
    }
    for (const auto& r : read_csv("states.csv")) out.states[{r[0], r[1]}].push_back(num(r[3]));
    for (const auto& r : read_csv("forecasts.csv")) {
      out.forecasts[{r[0], r[1]}].push_back(
          {num(r[3]), num(r[4]), num(r[5]), num(r[6]), num(r[7])});
    }
    for (const auto& r : read_csv("fitted.csv")) out.fitted[{r[0], r[1]}].push_back(num(r[3]));
    return out;
  }();
  return c;
}

/// "auto:MAdM" -> "MAdM"; "MAdM" -> "MAdM".
inline std::string code_of(const std::string& label) {
  const auto colon = label.find(':');
  return colon == std::string::npos ? label : label.substr(colon + 1);
}

inline bool is_auto(const std::string& label) { return label.rfind("auto:", 0) == 0; }

}  // namespace ets_fixtures
