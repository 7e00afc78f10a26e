#include "invforecast/series/mstl.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "support/csv.hpp"

namespace {

using invforecast::mstl;
using invforecast::mstl_options;
using invforecast::stl;
using invforecast::stl_options;
using invforecast::test::split_numbers;

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  return invforecast::test::read_fixture("mstl/" + name);
}

std::map<std::string, std::vector<double>> read_series(const std::string& name) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& row : read_csv(name)) out[row[0]].push_back(std::stod(row[2]));
  return out;
}

// Largest absolute difference, and the largest relative one (|a - e| / max(|e|, 1)).
struct diff {
  double abs = 0;
  double rel = 0;
  void add(double actual, double expected) {
    const double d = std::fabs(actual - expected);
    abs = std::max(abs, d);
    rel = std::max(rel, d / std::max(std::fabs(expected), 1.0));
  }
};

// R parity tolerance of this header: 1e-6 relative to max(|R value|, 1).
constexpr double tolerance = 1e-6;

}  // namespace

TEST_CASE("stl matches R's stats::stl on nottem, co2, AirPassengers, UKgas", "[mstl][stl]") {
  const auto series = read_series("stl_series.csv");
  std::map<std::string, std::vector<std::vector<std::string>>> components;
  for (const auto& row : read_csv("stl_components.csv")) components[row[0]].push_back(row);
  const auto cases = read_csv("stl_cases.csv");
  REQUIRE(cases.size() == 10);
  for (const auto& c : cases) {
    // case,series,period,s_window,periodic,s_degree,t_window,t_degree,l_window,jump,robust,
    // t_window_used,l_window_used
    INFO("case " << c[0]);
    const auto& y = series.at(c[1]);
    stl_options<double> o;
    if (c[3] != "NA") o.s_window = std::stoul(c[3]);
    o.periodic = c[4] == "1";
    o.s_degree = std::stoi(c[5]);
    if (c[6] != "NA") o.t_window = std::stoul(c[6]);
    o.t_degree = std::stoi(c[7]);
    if (c[8] != "NA") o.l_window = std::stoul(c[8]);
    if (c[9] != "NA") o.s_jump = o.t_jump = o.l_jump = std::stoul(c[9]);
    o.robust = c[10] == "1";
    const auto d = stl(y, std::stod(c[2]), o);
    CHECK(d.t_window == std::stoul(c[11]));
    CHECK(d.l_window == std::stoul(c[12]));
    const auto& rows = components.at(c[0]);
    REQUIRE(rows.size() == y.size());
    diff seasonal, trend, remainder, weights;
    for (std::size_t t = 0; t < y.size(); ++t) {
      seasonal.add(d.seasonal[t], std::stod(rows[t][2]));
      trend.add(d.trend[t], std::stod(rows[t][3]));
      remainder.add(d.remainder[t], std::stod(rows[t][4]));
      weights.add(d.weights[t], std::stod(rows[t][5]));
    }
    INFO("max abs diff seasonal " << seasonal.abs << " trend " << trend.abs << " remainder "
                                  << remainder.abs << " weights " << weights.abs);
    CHECK(seasonal.rel <= tolerance);
    CHECK(trend.rel <= tolerance);
    CHECK(remainder.rel <= tolerance);
    CHECK(weights.abs <= tolerance);  // weights in [0, 1]
  }
}

TEST_CASE("mstl matches R's forecast::mstl (taylor, synthetic daily 7 + 365.25)", "[mstl]") {
  const auto series = read_series("mstl_series.csv");
  std::map<std::string, std::vector<std::vector<std::string>>> components;
  for (const auto& row : read_csv("mstl_components.csv")) components[row[0]].push_back(row);
  const auto cases = read_csv("mstl_cases.csv");
  REQUIRE(cases.size() == 10);
  for (const auto& c : cases) {
    // case,series,n,periods,s_window,lambda,robust,iterate,kept
    INFO("case " << c[0]);
    const auto& full = series.at(c[1]);
    const std::size_t n = std::stoul(c[2]);
    const std::vector<double> y(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    mstl_options<double> o;
    o.periods = split_numbers(c[3]);
    if (c[4] != "NA") {
      for (const double s : split_numbers(c[4])) o.s_window.push_back(static_cast<std::size_t>(s));
    }
    if (c[5] != "NA") o.lambda = std::stod(c[5]);
    o.robust = c[6] == "1";
    o.iterate = std::stoul(c[7]);
    const auto d = mstl(y, o);
    const auto kept = split_numbers(c[8]);
    REQUIRE(d.seasonal.size() == kept.size());
    for (std::size_t k = 0; k < kept.size(); ++k) CHECK(d.seasonal[k].period == kept[k]);
    CHECK(d.seasonal.size() + d.dropped_periods.size() == o.periods.size());
    const auto& rows = components.at(c[0]);
    REQUIRE(rows.size() == n);
    diff trend, s1, s2, remainder, adjusted;
    for (std::size_t t = 0; t < n; ++t) {
      trend.add(d.trend[t], std::stod(rows[t][2]));
      if (!kept.empty()) s1.add(d.seasonal[0].values[t], std::stod(rows[t][3]));
      if (kept.size() > 1) s2.add(d.seasonal[1].values[t], std::stod(rows[t][4]));
      remainder.add(d.remainder[t], std::stod(rows[t][5]));
      adjusted.add(d.seasonally_adjusted[t], std::stod(rows[t][6]));
    }
    INFO("max abs diff trend " << trend.abs << " seasonal1 " << s1.abs << " seasonal2 " << s2.abs
                               << " remainder " << remainder.abs << " adjusted " << adjusted.abs);
    CHECK(trend.rel <= tolerance);
    CHECK(s1.rel <= tolerance);
    CHECK(s2.rel <= tolerance);
    CHECK(remainder.rel <= tolerance);
    CHECK(adjusted.rel <= tolerance);
  }
}

TEST_CASE("mstl components add up to the series", "[mstl]") {
  std::vector<double> y(400);
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double x = static_cast<double>(t);
    y[t] = 10 + 0.05 * x + 3 * std::sin(x * 2 * std::numbers::pi / 7) +
           2 * std::cos(x * 2 * std::numbers::pi / 30.5);
  }
  const auto d = mstl(y, {.periods = {30.5, 7}});
  REQUIRE(d.seasonal.size() == 2);
  CHECK(d.seasonal[0].period == 7);
  CHECK(d.seasonal[1].period == 30.5);
  CHECK(d.dropped_periods.empty());
  CHECK_FALSE(d.lambda.has_value());
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double sum =
        d.trend[t] + d.seasonal[0].values[t] + d.seasonal[1].values[t] + d.remainder[t];
    CHECK(sum == Approx(y[t]).margin(1e-9));  // exact up to rounding
    CHECK(d.seasonally_adjusted[t] == Approx(d.trend[t] + d.remainder[t]).margin(1e-9));
  }
}

TEST_CASE("stl and mstl of a constant series: flat trend, zero seasonal", "[mstl][stl]") {
  const std::vector<double> y(100, 5.0);
  const auto s = stl(y, 7.0);
  const auto m = mstl(y, {.periods = {7, 12}});
  for (std::size_t t = 0; t < y.size(); ++t) {
    CHECK(s.trend[t] == Approx(5.0).margin(1e-12));
    CHECK(s.seasonal[t] == Approx(0.0).margin(1e-12));
    CHECK(m.trend[t] == Approx(5.0).margin(1e-12));
    CHECK(m.seasonal[0].values[t] == Approx(0.0).margin(1e-12));
    CHECK(m.seasonal[1].values[t] == Approx(0.0).margin(1e-12));
    CHECK(m.remainder[t] == Approx(0.0).margin(1e-12));
  }
  // Robust on a constant series: the residuals are rounding noise around 0, so the biweight
  // weights are arbitrary in [0, 1] (R's are too: mean 0.72 for rep(5, 100)); the fit is not.
  const auto r = stl(y, 7.0, {.robust = true});
  for (std::size_t t = 0; t < y.size(); ++t) {
    CHECK(r.weights[t] >= 0.0);
    CHECK(r.weights[t] <= 1.0);
    CHECK(r.trend[t] == Approx(5.0).margin(1e-12));
  }
}

TEST_CASE("mstl drops periods without two full cycles, as R", "[mstl]") {
  std::vector<double> y(50);
  for (std::size_t t = 0; t < y.size(); ++t) y[t] = static_cast<double>(t % 7) + 1;
  const auto d = mstl(y, {.periods = {7, 25, 30}});
  REQUIRE(d.seasonal.size() == 1);
  CHECK(d.seasonal[0].period == 7);
  CHECK(d.dropped_periods == std::vector<double>{25, 30});  // 25 >= 50 / 2
  // Too short for every period: R's mstl fails ("'end' must be a whole number of cycles").
  REQUIRE_THROWS_AS(mstl(y, {.periods = {25, 30}}), invforecast::insufficient_data);
  REQUIRE_THROWS_WITH(
      mstl(y, {.periods = {30, 25}}),
      "mstl: y has 50 values, too few for every period (needs more than 2 * 25 for the shortest)");
  REQUIRE_THROWS_AS(mstl(std::vector<double>{}, {.periods = {7}}), invforecast::insufficient_data);
  // stl: R's "series is not periodic or has less than two periods".
  REQUIRE_THROWS_WITH(stl(std::vector<double>(24, 1.0), 12.0),
                      "stl: y has 24 values, must have more than 2 * period = 24");
}

TEST_CASE("stl and mstl reject bad arguments with typed errors", "[mstl][stl]") {
  const std::vector<double> y(100, 1.0);
  using invforecast::invalid_argument;
  REQUIRE_THROWS_WITH(mstl(y, {.periods = {7, 0}}),
                      "mstl: periods[1] = 0, must be finite and >= 2");
  REQUIRE_THROWS_AS(mstl(y, {.periods = {1.5}}), invalid_argument);
  REQUIRE_THROWS_AS(mstl(y, {.periods = {-7}}), invalid_argument);
  REQUIRE_THROWS_AS(mstl(y, {.periods = {std::numeric_limits<double>::quiet_NaN()}}),
                    invalid_argument);
  REQUIRE_THROWS_AS(mstl(y, {.periods = {std::numeric_limits<double>::infinity()}}),
                    invalid_argument);
  REQUIRE_THROWS_WITH(mstl(y, {.periods = {}}),
                      "mstl: periods is empty, must hold at least one period");
  REQUIRE_THROWS_WITH(mstl(y, {.periods = {7}, .iterate = 0}), "mstl: iterate = 0, must be >= 1");
  REQUIRE_THROWS_WITH(mstl(y, {.periods = {7, 12}, .s_window = {7, 9, 11}}),
                      "mstl: s_window.size() = 3, must be 0, 1 or periods.size() = 2");
  auto bad = y;
  bad[3] = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_WITH(mstl(bad, {.periods = {7}}), "mstl: y[3] = nan, must be finite");
  REQUIRE_THROWS_WITH(stl(bad, 7.0), "stl: y[3] = nan, must be finite");
  auto negative = y;
  negative[2] = -1;
  REQUIRE_THROWS_WITH(mstl(negative, {.periods = {7}, .lambda = -0.5}),
                      "mstl: y[2] = -1, must be >= 0 when lambda < 0");
  REQUIRE_THROWS_WITH(mstl(negative, {.periods = {7}, .lambda = 0.0}),
                      "mstl: y[2] = -1, must be > 0 when lambda = 0");
  REQUIRE_NOTHROW(mstl(negative, {.periods = {7}}));  // negative values are fine without lambda
  REQUIRE_THROWS_WITH(stl(y, 1.0), "stl: period = 1, must be finite and >= 2");
  REQUIRE_THROWS_WITH(stl(y, 7.0, {.s_degree = 2}), "stl: s_degree = 2, must be 0 or 1");
  REQUIRE_THROWS_WITH(stl(y, 7.0, {.l_degree = -1}), "stl: l_degree = -1, must be 0 or 1");
  REQUIRE_THROWS_WITH(stl(y, 7.0, {.t_jump = 0}), "stl: t_jump = 0, must be >= 1");
  REQUIRE_THROWS_WITH(stl(y, 7.0, {.inner = 0}), "stl: inner = 0, must be >= 1");
}

TEST_CASE("mstl in float agrees with double", "[mstl]") {
  std::vector<double> y(800);
  std::vector<float> yf(y.size());
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double x = static_cast<double>(t);
    y[t] = 50 + 0.02 * x + 6 * std::sin(x * 2 * std::numbers::pi / 7) +
           20 * std::sin(x * 2 * std::numbers::pi / 365.25);
    yf[t] = static_cast<float>(y[t]);
  }
  const auto d = mstl(y, {.periods = {7, 365.25}});
  const auto f = mstl<float>(yf, {.periods = {7, 365.25f}});
  REQUIRE(f.seasonal.size() == 2);
  for (std::size_t t = 0; t < y.size(); ++t) {
    CHECK(f.trend[t] == Approx(d.trend[t]).margin(1e-2));  // float rounding over 800 points
    CHECK(f.seasonal[1].values[t] == Approx(d.seasonal[1].values[t]).margin(1e-2));
  }
}
