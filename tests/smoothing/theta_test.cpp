// The Theta method against R's forecast::thetaf (forecast 8.20) on the corpus of
// tests/reference/generate_theta_fixtures.R, and its edge cases and errors.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <invforecast/smoothing/theta.hpp>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "support/csv.hpp"

using invforecast::theta_options;
using invforecast::theta_spec;

namespace {

double num(const std::string& s) {
  if (s.find("NA") != std::string::npos) return std::numeric_limits<double>::quiet_NaN();
  return std::strtod(s.c_str(), nullptr);
}

struct theta_fixture {
  int m = 1;
  std::vector<double> y;
  int h = 0;
  bool seasonal = false;
  double statistic = 0, alpha = 0, drift = 0, sigma2 = 0;
  std::string note;
  std::vector<double> indices;
  std::vector<std::array<double, 5>> forecasts;  // mean, lo80, hi80, lo95, hi95
  std::vector<double> fitted;
};

struct theta_corpus {
  std::vector<std::string> order;
  std::map<std::string, theta_fixture> by_id;
};

const theta_corpus& corpus() {
  static const theta_corpus c = [] {
    using invforecast::test::read_fixture;
    theta_corpus out;
    for (const auto& r : read_fixture("theta/series.csv")) {
      auto [it, inserted] = out.by_id.try_emplace(r[0]);
      if (inserted) out.order.push_back(r[0]);
      it->second.m = std::atoi(r[1].c_str());
      it->second.y.push_back(num(r[3]));
    }
    for (const auto& r : read_fixture("theta/fits.csv")) {
      auto& f = out.by_id.at(r[0]);
      f.h = std::atoi(r[3].c_str());
      f.seasonal = r[4] == "1";
      f.statistic = num(r[5]);
      f.alpha = num(r[6]);
      f.drift = num(r[7]);
      f.sigma2 = num(r[8]);
      f.note = r.size() > 9 ? r[9] : "";
    }
    for (const auto& r : read_fixture("theta/indices.csv")) {
      out.by_id.at(r[0]).indices.push_back(num(r[2]));
    }
    for (const auto& r : read_fixture("theta/forecasts.csv")) {
      out.by_id.at(r[0]).forecasts.push_back(
          {num(r[2]), num(r[3]), num(r[4]), num(r[5]), num(r[6])});
    }
    for (const auto& r : read_fixture("theta/fitted.csv")) {
      out.by_id.at(r[0]).fitted.push_back(num(r[2]));
    }
    return out;
  }();
  return c;
}

/// |a - b| relative to |b|, with an absolute floor `scale` for values near zero.
double rel_diff(double a, double b, double scale) {
  return std::abs(a - b) / std::max(std::abs(b), scale);
}

}  // namespace

TEST_CASE("theta equals R's thetaf on the reference corpus", "[theta]") {
  const auto& c = corpus();
  double worst_short = 0;
  std::map<int, std::array<double, 2>> worst_by_m;  // season length -> max diff mean, bounds
  for (const auto& id : c.order) {
    const auto& f = c.by_id.at(id);
    INFO(id);
    const auto fit = theta_spec<double>({.season_length = f.m}).fit(f.y);
    // The seasonality decision and its statistic: exactly / 1e-9 relative.
    CHECK(fit.seasonal() == f.seasonal);
    if (!std::isnan(f.statistic)) {
      REQUIRE(fit.seasonality_statistic().has_value());
      CHECK(rel_diff(*fit.seasonality_statistic(), f.statistic, 1e-300) <= 1e-9);
    } else {
      CHECK_FALSE(fit.seasonality_statistic().has_value());
    }
    // Seasonal indices of decompose(): 1e-12 relative.
    REQUIRE(fit.params().seasonal_indices.size() == f.indices.size());
    for (std::size_t k = 0; k < f.indices.size(); ++k) {
      CHECK(rel_diff(fit.params().seasonal_indices[k], f.indices[k], 1e-300) <= 1e-12);
    }
    CHECK(fit.note().empty() == f.note.empty());
    CHECK(fit.params().adjusted == (f.seasonal && f.note != "zero_index"));
    const bool short_series = f.note == "hw";
    const auto fc = fit.forecast(f.h, invforecast::default_levels<double>, false);
    REQUIRE(fc.mean.size() == f.forecasts.size());
    // Values are compared relative to themselves, with the series' scale (its mean absolute
    // value) as the floor for values near zero (a bound crossing zero).
    double scale = 0;
    for (const double v : f.y) scale += std::abs(v);
    scale = std::max(scale / static_cast<double>(f.y.size()), 1e-12);
    double d_mean = 0, d_bounds = 0;
    for (std::size_t h = 0; h < fc.mean.size(); ++h) {
      const auto& r = f.forecasts[h];
      d_mean = std::max(d_mean, rel_diff(fc.mean[h], r[0], scale));
      d_bounds = std::max({d_bounds, rel_diff(fc.intervals[0].lower[h], r[1], scale),
                           rel_diff(fc.intervals[0].upper[h], r[2], scale),
                           rel_diff(fc.intervals[1].lower[h], r[3], scale),
                           rel_diff(fc.intervals[1].upper[h], r[4], scale)});
    }
    if (short_series) {
      // n <= 6: R minimises the SSE with L-BFGS-B (stopping at a relative reduction of
      // 2.2e-9), we with Brent to 1e-10: alpha and so the forecasts agree to 1e-4 relative.
      CHECK(rel_diff(fit.alpha(), f.alpha, 1e-300) <= 1e-4);
      CHECK(d_mean <= 1e-4);
      CHECK(d_bounds <= 1e-4);
      worst_short = std::max({worst_short, d_mean, d_bounds});
      continue;
    }
    // alpha, drift and sigma^2: 1e-6 relative (drift and sigma^2 with the series' scale as
    // floor: a constant series has drift 1e-17 and sigma^2 0 in R).
    CHECK(rel_diff(fit.alpha(), f.alpha, 1e-300) <= 1e-6);
    CHECK(rel_diff(fit.drift(), f.drift, scale) <= 1e-6);
    CHECK(rel_diff(fit.sigma2(), f.sigma2, scale * 1e-12) <= 1e-6);
    // Forecasts and the 80 % / 95 % bounds: 1e-6 relative.
    CHECK(d_mean <= 1e-6);
    CHECK(d_bounds <= 1e-6);
    // Fitted values: 1e-6 relative.
    REQUIRE(fit.fitted().size() == f.fitted.size());
    double d_fitted = 0;
    for (std::size_t t = 0; t < f.fitted.size(); ++t) {
      d_fitted = std::max(d_fitted, rel_diff(fit.fitted()[t], f.fitted[t], scale));
    }
    CHECK(d_fitted <= 1e-6);
    auto& w = worst_by_m[f.m];
    w = {std::max(w[0], d_mean), std::max(w[1], d_bounds)};
  }
  for (const auto& [m, w] : worst_by_m) {
    std::printf("theta parity m = %2d: max rel. diff mean %.3g, bounds %.3g\n", m, w[0], w[1]);
  }
  std::printf("theta parity n <= 6 (HoltWinters fall-back): max rel. diff %.3g\n", worst_short);
}

TEST_CASE("theta edge cases follow R", "[theta]") {
  SECTION("fewer than two seasons: no seasonality test") {
    const auto& f = corpus().by_id.at("edge_monthly_18");
    const auto fit = theta_spec<double>({.season_length = 12}).fit(f.y);
    CHECK_FALSE(fit.seasonal());
    CHECK_FALSE(fit.seasonality_statistic().has_value());
    CHECK(fit.params().seasonal_indices.empty());
    // n = 2m exactly: still no test (thetaf needs n > 2m).
    const auto& g = corpus().by_id.at("edge_quarterly_8");
    CHECK_FALSE(theta_spec<double>({.season_length = 4}).fit(g.y).seasonality_statistic());
  }
  SECTION("constant series: flat forecast, zero-width intervals") {
    const std::vector<double> y(30, 5.0);
    const auto fit = theta_spec<double>({.season_length = 12}).fit(y);
    CHECK_FALSE(fit.seasonal());
    CHECK(fit.sigma2() == 0.0);
    const auto fc = fit.forecast(24);
    for (std::size_t h = 0; h < 24; ++h) {
      CHECK(fc.mean[h] == Approx(5.0).epsilon(1e-12));  // 1e-12 relative
      CHECK(fc.interval(0.95).lower[h] == Approx(5.0).epsilon(1e-12));
      CHECK(fc.interval(0.95).upper[h] == Approx(5.0).epsilon(1e-12));
    }
  }
  SECTION("non-positive values with a seasonal period: decomposed as R does") {
    for (const char* id : {"edge_zeros_q", "edge_negative_m12"}) {
      INFO(id);
      const auto& f = corpus().by_id.at(id);
      const auto fit = theta_spec<double>({.season_length = f.m}).fit(f.y);
      CHECK(fit.seasonal());
      CHECK(fit.note().empty());
      // R's raw forecast goes below zero; the default forecast truncates it at 0.
      const auto raw = fit.forecast(f.h, invforecast::default_levels<double>, false);
      const auto cut = fit.forecast(f.h);
      CHECK(*std::min_element(raw.interval(0.95).lower.begin(), raw.interval(0.95).lower.end()) <
            0);
      CHECK(*std::min_element(cut.interval(0.95).lower.begin(), cut.interval(0.95).lower.end()) ==
            0.0);
      for (std::size_t h = 0; h < raw.mean.size(); ++h) {
        CHECK(cut.mean[h] == std::max(raw.mean[h], 0.0));
      }
    }
  }
  SECTION("a season of zeros: index 0, y smoothed unadjusted, forecasts reseasonalised (R)") {
    const auto& f = corpus().by_id.at("edge_zero_season");
    const auto fit = theta_spec<double>({.season_length = 4}).fit(f.y);
    REQUIRE(fit.seasonality_statistic().has_value());
    CHECK(*fit.seasonality_statistic() > 1.6448536269514722);
    CHECK(fit.seasonal());
    CHECK_FALSE(fit.params().adjusted);
    CHECK_FALSE(fit.note().empty());
    // The zero index makes every third-quarter forecast 0, as in R.
    const auto fc = fit.forecast(8, invforecast::default_levels<double>, false);
    CHECK(fc.mean[2] == 0.0);
    CHECK(fc.mean[6] == 0.0);
  }
  SECTION("short series: R's HoltWinters fall-back, n = 2 keeps R's start alpha") {
    const std::vector<double> y{3, 5};
    const auto fit = theta_spec<double>().fit(y);
    CHECK(fit.alpha() == Approx(0.2).epsilon(1e-9));  // R: 0.2 (flat SSE), 1e-9 relative
    CHECK(fit.drift() == Approx(1.0).epsilon(1e-12));
    CHECK(fit.sigma2() == Approx(2.0).epsilon(1e-12));  // mean(res^2) = (0 + 4) / 2
    const auto fc = fit.forecast(3);
    CHECK(fc.mean[0] == Approx(5.2).epsilon(1e-12));  // R: 5.2, 6.2, 7.2
    CHECK(fc.mean[2] == Approx(7.2).epsilon(1e-12));
    CHECK_FALSE(fit.note().empty());
  }
  SECTION("horizon 1 equals the first step of a longer forecast") {
    const auto& f = corpus().by_id.at("AirPassengers");
    const auto fit = theta_spec<double>({.season_length = 12}).fit(f.y);
    const auto one = fit.forecast(1);
    const auto many = fit.forecast(24);
    REQUIRE(one.horizon() == 1);
    CHECK(one.mean[0] == many.mean[0]);
    CHECK(one.interval(0.8).upper[0] == many.interval(0.8).upper[0]);
    // R: thetaf(AirPassengers, h = 1)$mean = 440.0782 (also the fixture's first step).
    CHECK(one.mean[0] == Approx(f.forecasts[0][0]).epsilon(1e-6));  // 1e-6 relative
  }
  SECTION("float compiles and agrees with double") {
    const auto& f = corpus().by_id.at("USAccDeaths");
    const std::vector<float> yf(f.y.begin(), f.y.end());
    const auto fit = theta_spec<float>({.season_length = 12}).fit(yf);
    const auto fc = fit.forecast(24);
    CHECK(fit.seasonal());
    for (std::size_t h = 0; h < 24; ++h) {
      CHECK(fc.mean[h] == Approx(f.forecasts[h][0]).epsilon(1e-3));  // 1e-3 relative (float)
    }
  }
}

TEST_CASE("theta rejects bad arguments with typed errors", "[theta]") {
  using invforecast::insufficient_data;
  using invforecast::invalid_argument;
  CHECK_THROWS_AS(theta_spec<double>({.season_length = 0}), invalid_argument);
  CHECK_THROWS_WITH(theta_spec<double>({.season_length = 0}),
                    "theta_spec: season_length = 0, must be > 0");
  CHECK_THROWS_AS(theta_spec<double>({.seasonality_level = 1.0}), invalid_argument);
  CHECK_THROWS_AS(theta_spec<double>({.max_evaluations = 0}), invalid_argument);
  const theta_spec<double> spec;
  CHECK_THROWS_AS(spec.fit(std::vector<double>{}), insufficient_data);
  CHECK_THROWS_AS(spec.fit(std::vector<double>{4.0}), insufficient_data);
  const std::vector<double> bad{1, 2, std::numeric_limits<double>::quiet_NaN(), 4};
  CHECK_THROWS_AS(spec.fit(bad), invalid_argument);
  CHECK_THROWS_WITH(spec.fit(bad), "theta_spec::fit: y[2] = nan, must be finite");
  const auto fit = spec.fit(std::vector<double>{3, 5, 4, 6, 7, 5, 8, 9});
  CHECK_THROWS_AS(fit.forecast(0), invalid_argument);
  const std::vector<double> bad_levels{0.8, 1.0};
  CHECK_THROWS_AS(fit.forecast(3, bad_levels), invalid_argument);
  CHECK_THROWS_WITH(fit.forecast(3, bad_levels),
                    "fitted_theta::forecast: level = 1, must be in (0, 1)");
}
