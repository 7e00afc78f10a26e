#include "invforecast/selection/season_length.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <span>
#include <vector>

#include "invforecast/error.hpp"
#include "selection/test_data.hpp"

using invforecast::detect_season_length;
using invforecast::detail::seeded_rng;

namespace {

constexpr double two_pi = 2.0 * std::numbers::pi;

int detect(const std::vector<double>& y) {
  return detect_season_length(std::span<const double>(y));
}

int detect(const std::vector<double>& y, const std::vector<int>& candidates) {
  return detect_season_length(std::span<const double>(y), std::span<const int>(candidates));
}

}  // namespace

TEST_CASE("weekly pattern in daily demand is found for every seed", "[season_length]") {
  // Known period 7: a weekday profile plus N(0, 4^2) noise, 20 weeks.
  const double profile[7] = {60, 55, 52, 50, 58, 30, 20};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    seeded_rng g(seed);
    std::vector<double> y(140);
    for (std::size_t t = 0; t < y.size(); ++t) y[t] = profile[t % 7] + 4.0 * g.normal();
    INFO("seed " << seed);
    CHECK(detect(y) == 7);
  }
}

TEST_CASE("monthly seasonality with a trend gives 12", "[season_length]") {
  // Known period 12, a linear trend (removed before the autocorrelation) and noise.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    seeded_rng g(seed);
    std::vector<double> y(72);
    for (std::size_t t = 0; t < y.size(); ++t) {
      y[t] = 100.0 + 1.5 * static_cast<double>(t) +
             20.0 * std::sin(two_pi * static_cast<double>(t) / 12.0) + 5.0 * g.normal();
    }
    INFO("seed " << seed);
    CHECK(detect(y) == 12);
  }
}

TEST_CASE("quarterly seasonality gives 4, not its multiples 12 or 52", "[season_length]") {
  // Period 4 also correlates at lags 12 and 52; the biased ACF is largest at 4.
  const double profile[4] = {80, 120, 100, 60};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    seeded_rng g(seed);
    std::vector<double> y(120);
    for (std::size_t t = 0; t < y.size(); ++t) y[t] = profile[t % 4] + 8.0 * g.normal();
    INFO("seed " << seed);
    CHECK(detect(y) == 4);
  }
}

TEST_CASE("a smooth yearly cycle in weekly data gives 52, not a short lag", "[season_length]") {
  // A period-52 sine has r_4 ~ 0.85 > r_52 ~ 0.65 (biased ACF), but only lag 52 follows a
  // trough (r_26 ~ -1): 4, 7 and 12 fail the trough rule.
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    seeded_rng g(seed);
    std::vector<double> y(156);
    for (std::size_t t = 0; t < y.size(); ++t) {
      y[t] = 500.0 + 100.0 * std::sin(two_pi * static_cast<double>(t) / 52.0) + 10.0 * g.normal();
    }
    INFO("seed " << seed);
    CHECK(detect(y) == 52);
  }
}

TEST_CASE("autocorrelated non-seasonal demand is rarely called seasonal", "[season_length]") {
  // AR(1) with phi = 0.8: r_k = 0.8^k is far above the white-noise bound at lags 4 and 7 but
  // decays with the lag (trough rule). Over 400 series (n = 200) fewer than 10 % may be
  // flagged (the white-noise bound is too narrow for long lags of an AR(1) series, so a few
  // are).
  int detections = 0;
  const int series = 400;
  for (int s = 0; s < series; ++s) {
    seeded_rng g(static_cast<std::uint64_t>(5000 + s));
    std::vector<double> y(200);
    double e = 0.0;
    for (double& v : y) {
      e = 0.8 * e + g.normal();
      v = 100.0 + 10.0 * e;
    }
    if (detect(y) != 1) ++detections;
  }
  const double rate = static_cast<double>(detections) / series;
  INFO("false detection rate " << rate);
  CHECK(rate < 0.10);
}

TEST_CASE("intermittent demand on one weekday only is weekly", "[season_length]") {
  // Demand only on day 0 of each week (sizes 10..19), zero otherwise.
  seeded_rng g(3);
  std::vector<double> y(84, 0.0);
  for (std::size_t t = 0; t < y.size(); t += 7) y[t] = 10.0 + std::floor(10.0 * g.uniform());
  CHECK(detect(y) == 7);
}

TEST_CASE("white noise is rarely called seasonal", "[season_length]") {
  // The Sidak-corrected tests flag at most 5 % of white-noise series (family-wise level), the
  // trough rule fewer still: over 400 independent series (n = 120) the rate must be below 5 %.
  int detections = 0;
  const int series = 400;
  for (int s = 0; s < series; ++s) {
    seeded_rng g(static_cast<std::uint64_t>(1000 + s));
    std::vector<double> y(120);
    for (double& v : y) v = 50.0 + 5.0 * g.normal();
    if (detect(y) != 1) ++detections;
  }
  const double rate = static_cast<double>(detections) / series;
  INFO("false detection rate " << rate);
  CHECK(rate < 0.05);
}

TEST_CASE("fewer than two full seasons means no season", "[season_length]") {
  // A perfect period-7 pattern: 13 values (< 2 * 7) cannot be tested for 7; with {7} only,
  // nothing is testable -> 1. With 4 weeks it is found.
  const double profile[7] = {60, 55, 52, 50, 58, 30, 20};
  std::vector<double> y13(13);
  for (std::size_t t = 0; t < y13.size(); ++t) y13[t] = profile[t % 7];
  CHECK(detect(y13, {7}) == 1);
  std::vector<double> y28(28);
  for (std::size_t t = 0; t < y28.size(); ++t) y28[t] = profile[t % 7];
  CHECK(detect(y28, {7}) == 7);
  CHECK(detect(y28, {12}) == 1);  // lag 12 of a period-7 pattern is not seasonal
}

TEST_CASE("series without variance give 1", "[season_length]") {
  CHECK(detect(std::vector<double>{}) == 1);
  CHECK(detect(std::vector<double>(100, 5.0)) == 1);  // constant
  CHECK(detect(std::vector<double>(100, 0.0)) == 1);  // all zero
  std::vector<double> line(100);
  for (std::size_t t = 0; t < line.size(); ++t) line[t] = 3.0 + 2.0 * static_cast<double>(t);
  CHECK(detect(line) == 1);  // exactly linear: nothing left after detrending
}

TEST_CASE("detect_season_length compiles and runs with float", "[season_length]") {
  const float profile[7] = {60, 55, 52, 50, 58, 30, 20};
  std::vector<float> y(70);
  for (std::size_t t = 0; t < y.size(); ++t) y[t] = profile[t % 7];
  CHECK(detect_season_length(std::span<const float>(y)) == 7);
}

TEST_CASE("detect_season_length rejects bad arguments", "[season_length]") {
  std::vector<double> y(30, 1.0);
  y[4] = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_AS(detect(y), invforecast::invalid_argument);
  CHECK_THROWS_WITH(detect(y), "detect_season_length: y[4] = nan, must be finite");
  y[4] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(detect(y), "detect_season_length: y[4] = inf, must be finite");
  std::vector<double> ok(30, 1.0);
  REQUIRE_THROWS_AS(detect(ok, {7, 1}), invforecast::invalid_argument);
  CHECK_THROWS_WITH(detect(ok, {7, 1}), "detect_season_length: candidates[1] = 1, must be >= 2");
  const std::vector<int> c{7};
  REQUIRE_THROWS_AS(detect_season_length(std::span<const double>(ok), std::span<const int>(c), 0.0),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(detect_season_length(std::span<const double>(ok), std::span<const int>(c), 1.0),
                    invforecast::invalid_argument);
}
