#include "invforecast/smoothing/mstl_forecast.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "invforecast/error.hpp"
#include "support/csv.hpp"

namespace {

using invforecast::mstl_forecast;
using invforecast::mstl_forecast_options;
using invforecast::test::split_numbers;

std::map<std::string, std::vector<double>> read_series(const std::string& name) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& row : invforecast::test::read_fixture(name)) {
    out[row[0]].push_back(std::stod(row[2]));
  }
  return out;
}

// R parity tolerance: 1e-6 relative to max(|R value|, 1).
constexpr double tolerance = 1e-6;

double rel_diff(double actual, double expected) {
  return std::fabs(actual - expected) / std::max(std::fabs(expected), 1.0);
}

}  // namespace

TEST_CASE("mstl_forecast equals R's forecast(mstl(y), method = 'ets')", "[mstl_forecast]") {
  auto series = read_series("mstl/mstl_series.csv");
  for (auto& [name, values] : read_series("mstl_forecast/series.csv")) series[name] = values;
  std::map<std::string, std::vector<std::vector<std::string>>> expected;
  for (const auto& row : invforecast::test::read_fixture("mstl_forecast/forecasts.csv")) {
    expected[row[0]].push_back(row);
  }
  const auto cases = invforecast::test::read_fixture("mstl_forecast/cases.csv");
  REQUIRE(cases.size() == 8);
  for (const auto& c : cases) {
    // case,series,n,periods,h,model (code),sigma2
    INFO("case " << c[0]);
    const auto& all = series.at(c[1]);
    const auto n = std::stoul(c[2]);
    REQUIRE(all.size() >= n);
    const std::vector<double> y(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
    const int h = std::stoi(c[4]);
    mstl_forecast_options<double> o;
    o.decomposition.periods = split_numbers(c[3]);
    o.truncate_at_zero = false;  // R does not truncate
    const auto f = mstl_forecast<double>(y, o, h);
    CHECK(f.adjusted_model.best.model().code() == c[5]);
    CHECK(rel_diff(f.adjusted_model.best.sigma2(), std::stod(c[6])) < tolerance);
    const auto& rows = expected.at(c[0]);
    REQUIRE(rows.size() == static_cast<std::size_t>(h));
    REQUIRE(f.fc.mean.size() == rows.size());
    double worst = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      worst = std::max(worst, rel_diff(f.fc.mean[i], std::stod(rows[i][2])));
      worst = std::max(worst, rel_diff(f.fc.interval(0.8).lower[i], std::stod(rows[i][3])));
      worst = std::max(worst, rel_diff(f.fc.interval(0.8).upper[i], std::stod(rows[i][4])));
      worst = std::max(worst, rel_diff(f.fc.interval(0.95).lower[i], std::stod(rows[i][5])));
      worst = std::max(worst, rel_diff(f.fc.interval(0.95).upper[i], std::stod(rows[i][6])));
    }
    INFO("largest relative difference " << worst);
    CHECK(worst < tolerance);
  }
}

TEST_CASE("mstl_forecast: seasonal naive continuation and the pieces add up", "[mstl_forecast]") {
  // A series whose every value is known: weekly profile, a 364-day wave, a small trend.
  std::vector<double> y(800);
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double d = static_cast<double>(t);
    y[t] = 50 + 0.01 * d + 4.0 * static_cast<double>(t % 7) +
           20 * std::sin(2 * 3.141592653589793 * d / 364) + 3 * std::cos(1.7 * d);
  }
  mstl_forecast_options<double> o;
  o.decomposition.periods = {364, 7};
  const int h = 400;  // beyond one yearly period: the continuation wraps around
  const auto f = mstl_forecast<double>(y, o, h);
  REQUIRE(f.decomposition.seasonal.size() == 2);
  const auto& weekly = f.decomposition.seasonal[0].values;
  const auto& yearly = f.decomposition.seasonal[1].values;
  const std::size_t n = y.size();
  for (std::size_t i = 0; i < static_cast<std::size_t>(h); ++i) {
    const double expected = weekly[n - 7 + i % 7] + yearly[n - 364 + i % 364];
    CHECK(f.seasonal_forecast[i] == Approx(expected).margin(1e-12));
    const double total = f.adjusted_forecast.mean[i] + expected;
    CHECK(f.fc.mean[i] == Approx(std::max(total, 0.0)).margin(1e-9));
    const double half = f.adjusted_forecast.interval(0.95).upper[i] - f.adjusted_forecast.mean[i];
    CHECK(f.fc.interval(0.95).upper[i] == Approx(total + half).margin(1e-9));
  }
  REQUIRE(f.fitted.size() == n);
  for (std::size_t t = 0; t < n; ++t) {
    CHECK(f.fitted[t] ==
          Approx(f.adjusted_model.best.fitted()[t] + weekly[t] + yearly[t]).margin(1e-9));
  }
  // The intervals are the adjusted model's: mean +/- z_{0.975} sqrt(v_h), shifted.
  REQUIRE(f.forecast_variance.size() == static_cast<std::size_t>(h));
  for (std::size_t i = 0; i < static_cast<std::size_t>(h); ++i) {
    const double total = f.adjusted_forecast.mean[i] + f.seasonal_forecast[i];
    CHECK(f.fc.interval(0.95).upper[i] - total ==
          Approx(1.959963984540054 * std::sqrt(f.forecast_variance[i])).epsilon(1e-9));
  }
}

TEST_CASE("mstl_forecast truncates at zero after adding the seasonal parts", "[mstl_forecast]") {
  // Weekly demand of 0 on Sundays: the untruncated lower bounds go below 0, the truncated don't.
  std::vector<double> y(120);
  for (std::size_t t = 0; t < y.size(); ++t) {
    y[t] = t % 7 == 6 ? 0.0 : 10.0 + static_cast<double>((t * 37) % 5);
  }
  mstl_forecast_options<double> o;
  o.decomposition.periods = {7};
  o.truncate_at_zero = false;
  const auto raw = mstl_forecast<double>(y, o, 14);
  o.truncate_at_zero = true;
  const auto cut = mstl_forecast<double>(y, o, 14);
  bool some_negative = false;
  for (std::size_t i = 0; i < 14; ++i) {
    some_negative = some_negative || raw.fc.interval(0.95).lower[i] < 0;
    CHECK(cut.fc.interval(0.95).lower[i] == std::max(raw.fc.interval(0.95).lower[i], 0.0));
    CHECK(cut.fc.mean[i] == std::max(raw.fc.mean[i], 0.0));
  }
  CHECK(some_negative);
}

TEST_CASE("mstl_forecast rejects bad arguments with typed errors", "[mstl_forecast]") {
  std::vector<double> y(60, 1.0);
  for (std::size_t t = 0; t < y.size(); ++t) y[t] += static_cast<double>(t % 7);
  mstl_forecast_options<double> o;
  o.decomposition.periods = {7};
  REQUIRE_THROWS_WITH(mstl_forecast<double>(y, o, 0),
                      Catch::Contains("mstl_forecast: horizon = 0"));
  const std::vector<double> bad_level{1.5};
  REQUIRE_THROWS_AS(mstl_forecast<double>(y, o, 7, bad_level), invforecast::invalid_argument);
  o.decomposition.lambda = 0.5;
  REQUIRE_THROWS_WITH(mstl_forecast<double>(y, o, 7),
                      Catch::Contains("mstl_forecast: decomposition.lambda = 0.5"));
  o.decomposition.lambda.reset();
  o.decomposition.periods = {40};  // 60 values: fewer than two cycles
  REQUIRE_THROWS_AS(mstl_forecast<double>(y, o, 7), invforecast::insufficient_data);
}

TEST_CASE("mstl_forecast works in float", "[mstl_forecast]") {
  std::vector<float> y(400);
  for (std::size_t t = 0; t < y.size(); ++t) {
    y[t] = 30.0f + 5.0f * static_cast<float>(t % 7) + static_cast<float>((t * 13) % 4);
  }
  invforecast::mstl_forecast_options<float> o;
  o.decomposition.periods = {7.0f};
  const auto f = invforecast::mstl_forecast<float>(y, o, 28);
  REQUIRE(f.fc.mean.size() == 28);
  for (std::size_t i = 0; i < 28; ++i) {
    CHECK(std::isfinite(f.fc.mean[i]));
    // Weekly shape carried on: step i and i + 7 differ only by the adjusted model's change.
    if (i + 7 < 28) {
      CHECK(f.seasonal_forecast[i] == f.seasonal_forecast[i + 7]);
    }
  }
}
