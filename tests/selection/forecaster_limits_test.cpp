// Hostile input to fit_and_forecast (issue 18, the forecaster's rows): magnitudes above the
// documented limit, interval levels whose quantile is not finite, a season length that would
// overflow, and the results' finiteness at the limit.

#include <catch2/catch.hpp>
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/selection/forecaster.hpp"

using namespace invforecast;

namespace {

forecaster_options<double> with(method kind, int m = 0) {
  forecaster_options<double> o;
  o.kind = kind;
  o.season_length = m;
  if (kind == method::ets) o.ets = ets_model::parse("AAN");
  return o;
}

constexpr method every_fitting_method[] = {
    method::automatic,  method::ets, method::moving_average, method::croston, method::sba,
    method::sbj,        method::tsb, method::mean,           method::naive,   method::theta,
    method::combination};

}  // namespace

TEST_CASE("fit_and_forecast rejects values above 1e15, naming the value", "[forecaster][limits]") {
  // Row 3: values from ~1e155 on gave inf / -nan bounds and sigma2 inf.
  std::vector<double> y{5, 7, 6, 8, 1e200, 7, 6, 9, 8, 7};
  for (const method kind : every_fitting_method) {
    INFO(method_name(kind));
    REQUIRE_THROWS_AS(fit_and_forecast<double>(y, with(kind), 5), invalid_argument);
    CHECK_THROWS_WITH(fit_and_forecast<double>(y, with(kind), 5),
                      "fit_and_forecast: y[4] = 1e+200, must be finite, >= 0 and <= 1e+15");
  }
  y[4] = 1.0000000000000002e15;
  CHECK_THROWS_WITH(
      fit_and_forecast<double>(y, with(method::automatic), 5),
      "fit_and_forecast: y[4] = 1000000000000000.2, must be finite, >= 0 and <= 1e+15");
  // The known-day overload checks the known values only.
  y[4] = 1e300;
  std::vector<std::uint8_t> known(y.size(), 1);
  known[0] = 0;
  CHECK_THROWS_WITH(fit_and_forecast<double>(y, known, with(method::automatic), 5),
                    "fit_and_forecast: y[4] = 1e+300, must be finite, >= 0 and <= 1e+15");
  known[4] = 0;
  CHECK_NOTHROW(fit_and_forecast<double>(y, known, with(method::automatic), 5));
  // The messages for NaN and negative values are unchanged.
  y[4] = -1;
  CHECK_THROWS_WITH(fit_and_forecast<double>(y, with(method::mean), 5),
                    "fit_and_forecast: y[4] = -1, must be finite and >= 0");
}

TEST_CASE("values at the limit give finite forecasts, bounds and variances",
          "[forecaster][limits]") {
  std::vector<double> y;
  for (int t = 0; t < 60; ++t) {
    y.push_back(1e15 * (0.5 + 0.3 * std::sin(t * 0.9) + 0.002 * t));
  }
  y[10] = 1e15;
  y[11] = 0;  // a zero among huge values
  for (const method kind : every_fitting_method) {
    INFO(method_name(kind));
    auto o = with(kind, 7);
    o.max_lead_time = 14;
    const auto fit = fit_and_forecast<double>(y, o, 90);
    CHECK(std::isfinite(fit.sigma2));
    for (const double v : fit.fc.mean) REQUIRE(std::isfinite(v));
    for (const auto& pi : fit.fc.intervals) {
      for (std::size_t k = 0; k < pi.lower.size(); ++k) {
        REQUIRE(std::isfinite(pi.lower[k]));
        REQUIRE(std::isfinite(pi.upper[k]));
        REQUIRE(pi.lower[k] <= pi.upper[k]);
      }
    }
    for (const double v : fit.forecast_variance) REQUIRE(std::isfinite(v));
    for (const double v : fit.lead_time_variances) REQUIRE(std::isfinite(v));
    for (const double v : fit.lead_time_means) REQUIRE(std::isfinite(v));
  }
}

TEST_CASE("interval levels must leave a finite quantile", "[forecaster][limits]") {
  // Row 12: 1 - 1e-16 passed the (0, 1) check and threw from normal_quantile: p = 1.
  const std::vector<double> y{5, 7, 6, 8, 9, 7, 6, 9, 8, 7, 6, 8};
  for (const method kind : every_fitting_method) {
    INFO(method_name(kind));
    const std::vector<double> bad{0.8, 1 - 1e-16};
    REQUIRE_THROWS_AS(fit_and_forecast<double>(y, with(kind), 5, bad), invalid_argument);
    CHECK_THROWS_WITH(fit_and_forecast<double>(y, with(kind), 5, bad),
                      "fit_and_forecast: levels[1] = 0.9999999999999999, must be in (0, 0.999999]");
    const std::vector<double> highest{0.999999};
    const auto fit = fit_and_forecast<double>(y, with(kind), 5, highest);
    for (const double v : fit.fc.intervals[0].upper) CHECK(std::isfinite(v));
  }
  for (const double level : {0.0, 1.0, -0.5, 0.9999995, std::nan("")}) {
    INFO(level);
    const std::vector<double> bad{level};
    REQUIRE_THROWS_AS(fit_and_forecast<double>(y, with(method::mean), 5, bad), invalid_argument);
  }
  // float: the largest float below 1 is rejected too (its quantile probability rounds to 1).
  const std::vector<float> yf(y.begin(), y.end());
  const std::vector<float> badf{0.99999994f};
  forecaster_options<float> of;
  of.kind = method::theta;
  CHECK_THROWS_AS(fit_and_forecast<float>(yf, of, 5, badf), invalid_argument);
}

TEST_CASE("season_length is range-checked before any arithmetic", "[forecaster][limits]") {
  // UBSan: 2 * season_length overflowed for INT_MAX in the automatic ETS path.
  const std::vector<double> y{5, 7, 6, 8, 9, 7, 6, 9, 8, 7, 6, 8};
  for (const int m : {INT_MAX, 3651, -1, INT_MIN}) {
    INFO(m);
    REQUIRE_THROWS_AS(fit_and_forecast<double>(y, with(method::automatic, m), 5), invalid_argument);
    CHECK_THROWS_WITH(fit_and_forecast<double>(y, with(method::automatic, m), 5),
                      "fit_and_forecast: options.season_length = " + std::to_string(m) +
                          ", must be in [0, 3650]");
  }
  // The largest accepted season length is simply too long for this series.
  for (const method kind : {method::automatic, method::theta, method::combination}) {
    const auto fit = fit_and_forecast<double>(y, with(kind, 3650), 5);
    CHECK(fit.season_length == 1);
  }
}

TEST_CASE("reason texts print numbers through the checked formatter", "[forecaster][limits]") {
  const std::vector<double> big(12, 1e15);
  const auto fit = fit_and_forecast<double>(big, with(method::automatic), 3);
  CHECK(fit.reason.find("constant series (1e+15)") != std::string::npos);
  const std::vector<double> y{0, 0, 3, 0, 0, 4, 0, 0, 5, 0, 0, 3, 0, 0, 4, 0, 0, 2};
  const auto z = fit_and_forecast<double>(y, with(method::automatic), 3);
  CHECK(z.reason.find("(ADI = 3, CV^2 = ") != std::string::npos);
}
