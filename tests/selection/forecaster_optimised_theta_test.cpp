// method::optimised_theta ("OTM") in fit_and_forecast (selection/forecaster.hpp): the forecasts,
// intervals and parameters of the R reference (tests/reference/optimised_theta.R, fixtures of
// generate_optimised_theta_fixtures.R) through the forecaster, its forecast and lead-time
// variances against the closed form and a simulation of the state-space form, the name in the
// one vocabulary and the short-series fallback.

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/optimised_theta.hpp"
#include "invforecast/stats/normal.hpp"
#include "support/csv.hpp"

using namespace invforecast;

namespace {

struct r_otm {
  int m = 1;
  std::vector<double> y;
  bool seasonal = false;
  double alpha = 0, theta = 0, l0 = 0, intercept = 0, slope = 0, sigma2 = 0;
  std::vector<std::array<double, 5>> fc;  // mean, lo80, hi80, lo95, hi95
};

r_otm otm_fixture(const std::string& id) {
  using invforecast::test::read_fixture;
  r_otm out;
  for (const auto& r : read_fixture("theta/series.csv")) {
    if (r[0] != id) continue;
    out.m = std::atoi(r[1].c_str());
    out.y.push_back(std::strtod(r[3].c_str(), nullptr));
  }
  for (const auto& r : read_fixture("optimised_theta/fits.csv")) {
    if (r[0] != id) continue;
    out.seasonal = r[4] == "1";
    out.alpha = std::strtod(r[6].c_str(), nullptr);
    out.theta = std::strtod(r[7].c_str(), nullptr);
    out.l0 = std::strtod(r[8].c_str(), nullptr);
    out.intercept = std::strtod(r[9].c_str(), nullptr);
    out.slope = std::strtod(r[10].c_str(), nullptr);
    out.sigma2 = std::strtod(r[13].c_str(), nullptr);
  }
  for (const auto& r : read_fixture("optimised_theta/forecasts.csv")) {
    if (r[0] != id) continue;
    std::array<double, 5> v{};
    for (std::size_t k = 0; k < 5; ++k) v[k] = std::strtod(r[2 + k].c_str(), nullptr);
    out.fc.push_back(v);
  }
  REQUIRE_FALSE(out.y.empty());
  REQUIRE_FALSE(out.fc.empty());
  return out;
}

forecaster_options<double> otm(int m, int max_lead_time = 0) {
  forecaster_options<double> o;
  o.kind = method::optimised_theta;
  o.season_length = m;
  o.max_lead_time = max_lead_time;
  return o;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-12); }

const std::vector<double> levels{0.8, 0.95};

}  // namespace

TEST_CASE("OTM through fit_and_forecast equals the R reference", "[forecaster][otm]") {
  for (const std::string id : {"AirPassengers", "Nile", "syn_weekly_mult", "WWWusage"}) {
    INFO(id);
    const r_otm r = otm_fixture(id);
    const int h = static_cast<int>(r.fc.size());
    const auto fit = fit_and_forecast<double>(r.y, otm(r.m), h, levels);
    CHECK(fit.kind == method::optimised_theta);
    CHECK(fit.requested == method::optimised_theta);
    CHECK(fit.model_name == "OTM");
    CHECK(fit.status == fit_status::fitted);
    CHECK(fit.reason.rfind("requested OTM", 0) == 0);
    CHECK_FALSE(fit.theta.has_value());
    CHECK(fit.members.empty());
    REQUIRE(fit.optimised_theta.has_value());
    const auto& p = *fit.optimised_theta;
    CHECK(p.seasonal == r.seasonal);
    CHECK(fit.season_length == (r.seasonal ? r.m : 1));
    // Parameters: 1e-6 relative (theta_optimised_test.cpp's tolerance).
    CHECK(rel(*fit.alpha, r.alpha) <= 1e-6);
    CHECK(rel(p.alpha, r.alpha) <= 1e-6);
    CHECK(rel(p.theta, r.theta) <= 1e-6);
    CHECK(rel(p.initial_level, r.l0) <= 1e-6);
    CHECK(rel(p.intercept, r.intercept) <= 1e-6);
    CHECK(std::abs(p.slope - r.slope) <= 1e-6 * std::max(1.0, std::abs(r.slope)));
    CHECK(rel(fit.sigma2, r.sigma2) <= 1e-6);
    CHECK(fit.fitted.size() == r.y.size());
    REQUIRE(fit.fc.mean.size() == r.fc.size());
    const double z95 = normal_quantile(0.975);
    for (std::size_t k = 0; k < r.fc.size(); ++k) {
      const auto& v = r.fc[k];
      CHECK(rel(fit.fc.mean[k], std::max(0.0, v[0])) <= 1e-6);
      CHECK(rel(fit.fc.intervals[0].lower[k], std::max(0.0, v[1])) <= 1e-6);
      CHECK(rel(fit.fc.intervals[0].upper[k], v[2]) <= 1e-6);
      CHECK(rel(fit.fc.intervals[1].lower[k], std::max(0.0, v[3])) <= 1e-6);
      CHECK(rel(fit.fc.intervals[1].upper[k], v[4]) <= 1e-6);
      // The variance of step k is the one R's 95 % bound implies.
      const double sd = (v[4] - v[0]) / z95;
      CHECK(rel(fit.forecast_variance[k], sd * sd) <= 1e-6);
    }
    // refit_options round-trips: the same model, the same numbers.
    const auto again = fit_and_forecast<double>(r.y, fit.refit_options(), h, levels);
    CHECK(again.kind == method::optimised_theta);
    CHECK(again.fc.mean == fit.fc.mean);
    CHECK(again.fc.intervals[1].upper == fit.fc.intervals[1].upper);
  }
}

TEST_CASE("OTM's name in the one vocabulary", "[forecaster][otm]") {
  CHECK(method_name(method::optimised_theta) == "OTM");
  CHECK(parse_method("OTM") == method::optimised_theta);
  CHECK(parse_method("otm") == method::optimised_theta);
  CHECK(forecaster_options_for("OTM").kind == method::optimised_theta);
  CHECK(forecaster_options_for("Otm").kind == method::optimised_theta);
}

TEST_CASE("OTM lead-time variance: closed form, non-seasonal", "[forecaster][otm]") {
  const r_otm r = otm_fixture("Nile");
  const int max_l = 30;
  const auto fit = fit_and_forecast<double>(r.y, otm(1, max_l), 10, levels);
  const double a = fit.optimised_theta->alpha;
  for (int l = 1; l <= max_l; ++l) {
    INFO("L = " << l);
    // Var(sum of L errors) = sigma^2 sum_{k=0}^{L-1} (1 + alpha k)^2.
    double s = 0;
    for (int k = 0; k < l; ++k) s += (1 + a * k) * (1 + a * k);
    CHECK(fit.lead_time_demand_variance(l) == Approx(r.sigma2 * s).epsilon(1e-6));
  }
  CHECK(fit.lead_time_demand_variance(1) == Approx(fit.forecast_variance[0]).epsilon(1e-12));
  const auto longer = fit_and_forecast<double>(r.y, otm(1), max_l, levels);
  double sum = 0;
  for (int l = 1; l <= max_l; ++l) {
    sum += longer.fc.mean[static_cast<std::size_t>(l - 1)];
    CHECK(fit.lead_time_demand_mean(l) == Approx(sum).epsilon(1e-12));
  }
}

TEST_CASE("OTM lead-time variance, seasonal: equals a simulation of the state-space form",
          "[forecaster][otm]") {
  const r_otm r = otm_fixture("syn_weekly_mult");  // m = 7, seasonal
  REQUIRE(r.seasonal);
  const int max_l = 14;
  const auto fit = fit_and_forecast<double>(r.y, otm(7, max_l), 14, levels);
  REQUIRE(fit.optimised_theta->seasonal);
  const auto& s = fit.optimised_theta->seasonal_indices;
  const double a = fit.optimised_theta->alpha;
  const double sigma = std::sqrt(fit.sigma2);
  // y_{n+h} = s_{n+h} (mu_{n+h} + e_{n+h}), mu_{n+h} = l_{n+h-1} + d_{n+h}, l_t = l_{t-1} +
  // alpha (d_t + e_t): the deviations of the lead-time demands from their expectation.
  invforecast::detail::seeded_rng rng(20261202);
  const int paths = 200000;
  const auto steps = static_cast<std::size_t>(max_l);
  std::vector<double> sum(steps, 0.0), sum2(steps, 0.0);
  for (int p = 0; p < paths; ++p) {
    double level = 0;  // deviation of the level from its expectation
    double total = 0;
    for (std::size_t h = 0; h < steps; ++h) {
      const double eps = sigma * rng.normal();
      const double index = s[(r.y.size() + h) % s.size()];
      total += index * (level + eps);
      level += a * eps;
      sum[h] += total;
      sum2[h] += total * total;
    }
  }
  for (int l = 1; l <= max_l; ++l) {
    INFO("L = " << l);
    const auto k = static_cast<std::size_t>(l - 1);
    const double mean = sum[k] / paths;
    const double var = sum2[k] / paths - mean * mean;
    // 200,000 paths: the sample variance's relative standard error is sqrt(2 / N) = 0.3 %.
    CHECK(fit.lead_time_demand_variance(l) == Approx(var).epsilon(0.015));
  }
  // Step 1: the forecast variance sigma^2 s_{n+1}^2, which the intervals use.
  const double s1 = s[r.y.size() % s.size()];
  CHECK(fit.lead_time_demand_variance(1) == Approx(fit.sigma2 * s1 * s1).epsilon(1e-12));
  CHECK(fit.forecast_variance[0] == Approx(fit.sigma2 * s1 * s1).epsilon(1e-12));
}

TEST_CASE("OTM on short and constant series", "[forecaster][otm]") {
  SECTION("n = 3: THETA, status fallback") {
    const std::vector<double> y{10, 12, 11};
    const auto fit = fit_and_forecast<double>(y, otm(1), 4, levels);
    CHECK(fit.kind == method::theta);
    CHECK(fit.requested == method::optimised_theta);
    CHECK(fit.status == fit_status::fallback);
    CHECK(fit.reason.find("n = 3 < 4") != std::string::npos);
    const auto theta = theta_spec<double>().fit(y).forecast(4, levels);
    CHECK(fit.fc.mean == theta.mean);
  }
  SECTION("n = 4 fits") {
    const std::vector<double> y{10, 12, 11, 13};
    const auto fit = fit_and_forecast<double>(y, otm(1), 4, levels);
    CHECK(fit.kind == method::optimised_theta);
    for (const double v : fit.fc.mean) CHECK(std::isfinite(v));
  }
  SECTION("a constant series: flat forecast") {
    const std::vector<double> y(20, 4.0);
    const auto fit = fit_and_forecast<double>(y, otm(0), 5, levels);
    CHECK(fit.kind == method::optimised_theta);
    for (const double v : fit.fc.mean) CHECK(v == Approx(4.0).epsilon(1e-9));
  }
}
