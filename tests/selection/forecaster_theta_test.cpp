// method::theta and method::combination in fit_and_forecast (selection/forecaster.hpp): Theta
// against R's thetaf fixtures (tests/reference/generate_theta_fixtures.R) through the
// forecaster, its lead-time variance against the closed form and a simulation of its state-space
// form, and COMBO against its members computed on their own (ets_auto, optimised_theta_spec;
// theta_spec for n < 4).

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/optimised_theta.hpp"
#include "invforecast/smoothing/theta.hpp"
#include "invforecast/stats/normal.hpp"
#include "support/csv.hpp"

using namespace invforecast;

namespace {

struct r_theta {
  int m = 1;
  std::vector<double> y;
  double alpha = 0, drift = 0, sigma2 = 0;
  bool seasonal = false;
  std::vector<std::array<double, 5>> fc;  // mean, lo80, hi80, lo95, hi95
};

/// The R thetaf fixture of one series.
r_theta theta_fixture(const std::string& id) {
  using invforecast::test::read_fixture;
  r_theta out;
  for (const auto& r : read_fixture("theta/series.csv")) {
    if (r[0] != id) continue;
    out.m = std::atoi(r[1].c_str());
    out.y.push_back(std::strtod(r[3].c_str(), nullptr));
  }
  for (const auto& r : read_fixture("theta/fits.csv")) {
    if (r[0] != id) continue;
    out.seasonal = r[4] == "1";
    out.alpha = std::strtod(r[6].c_str(), nullptr);
    out.drift = std::strtod(r[7].c_str(), nullptr);
    out.sigma2 = std::strtod(r[8].c_str(), nullptr);
  }
  for (const auto& r : read_fixture("theta/forecasts.csv")) {
    if (r[0] != id) continue;
    std::array<double, 5> v{};
    for (std::size_t k = 0; k < 5; ++k) v[k] = std::strtod(r[2 + k].c_str(), nullptr);
    out.fc.push_back(v);
  }
  REQUIRE_FALSE(out.y.empty());
  return out;
}

forecaster_options<double> with(method kind, int m, int max_lead_time = 0) {
  forecaster_options<double> o;
  o.kind = kind;
  o.season_length = m;
  o.max_lead_time = max_lead_time;
  return o;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-12); }

const std::vector<double> levels{0.8, 0.95};

}  // namespace

TEST_CASE("THETA through fit_and_forecast equals R's thetaf", "[forecaster][theta]") {
  // A seasonal monthly, a non-seasonal yearly and a seasonal weekly demand series.
  for (const std::string id : {"AirPassengers", "Nile", "syn_weekly_mult", "WWWusage"}) {
    INFO(id);
    const r_theta r = theta_fixture(id);
    const int h = static_cast<int>(r.fc.size());
    const auto fit = fit_and_forecast<double>(r.y, with(method::theta, r.m), h, levels);
    CHECK(fit.kind == method::theta);
    CHECK(fit.requested == method::theta);
    CHECK(fit.model_name == "THETA");
    CHECK(fit.status == fit_status::fitted);
    CHECK(fit.reason.rfind("requested THETA", 0) == 0);
    CHECK_FALSE(fit.ets.has_value());
    CHECK(fit.members.empty());
    REQUIRE(fit.theta.has_value());
    CHECK(fit.theta->seasonal == r.seasonal);
    CHECK(fit.season_length == (r.seasonal ? r.m : 1));
    // Parameters as R's (the relative tolerance of theta_test.cpp: 1e-6).
    CHECK(rel(*fit.alpha, r.alpha) <= 1e-6);
    CHECK(rel(fit.theta->alpha, r.alpha) <= 1e-6);
    CHECK(std::abs(fit.theta->drift - r.drift) <= 1e-6 * std::max(1.0, std::abs(r.drift)));
    CHECK(rel(fit.sigma2, r.sigma2) <= 1e-6);
    CHECK(fit.fitted.size() == r.y.size());
    REQUIRE(fit.fc.mean.size() == r.fc.size());
    const double z95 = normal_quantile(0.975);
    for (std::size_t k = 0; k < r.fc.size(); ++k) {
      const auto& v = r.fc[k];
      CHECK(rel(fit.fc.mean[k], v[0]) <= 1e-6);
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
    CHECK(again.kind == method::theta);
    CHECK(again.fc.mean == fit.fc.mean);
    CHECK(again.fc.intervals[1].upper == fit.fc.intervals[1].upper);
    // The command line's spelling.
    CHECK(forecaster_options_for("THETA").kind == method::theta);
  }
}

TEST_CASE("THETA lead-time variance: closed form of SES with drift", "[forecaster][theta]") {
  const r_theta r = theta_fixture("Nile");  // not seasonal
  const int max_l = 30;
  const auto fit = fit_and_forecast<double>(r.y, with(method::theta, 1, max_l), 10, levels);
  REQUIRE(fit.lead_time_variances.size() == static_cast<std::size_t>(max_l));
  const double a = fit.theta->alpha;
  for (int l = 1; l <= max_l; ++l) {
    INFO("L = " << l);
    // Var(sum of L errors) = sigma^2 sum_{k=0}^{L-1} (1 + alpha k)^2 (each error e_{n+j} enters
    // step j with weight 1 and every later step with alpha).
    double s = 0;
    for (int k = 0; k < l; ++k) s += (1 + a * k) * (1 + a * k);
    CHECK(fit.lead_time_demand_variance(l) == Approx(r.sigma2 * s).epsilon(1e-6));
  }
  CHECK(fit.lead_time_demand_variance(1) == Approx(fit.forecast_variance[0]).epsilon(1e-12));
  // Means: the point forecasts summed, beyond the horizon (10) the model's further forecasts.
  const auto longer = fit_and_forecast<double>(r.y, with(method::theta, 1), max_l, levels);
  double sum = 0;
  for (int l = 1; l <= max_l; ++l) {
    sum += longer.fc.mean[static_cast<std::size_t>(l - 1)];
    CHECK(fit.lead_time_demand_mean(l) == Approx(sum).epsilon(1e-12));
  }
}

TEST_CASE("THETA lead-time variance, seasonal: equals a simulation of the state-space form",
          "[forecaster][theta]") {
  const r_theta r = theta_fixture("syn_weekly_mult");  // m = 7, seasonal
  REQUIRE(r.seasonal);
  const int max_l = 14;
  const auto fit = fit_and_forecast<double>(r.y, with(method::theta, 7, max_l), 14, levels);
  REQUIRE(fit.theta->adjusted);
  const auto& s = fit.theta->seasonal_indices;
  const double a = fit.theta->alpha;
  const double sigma = std::sqrt(fit.sigma2);
  // y_{n+h} = s_{n+h} (l_{n+h-1} + b + e_{n+h}), l_t = l_{t-1} + b + alpha e_t: the sums of the
  // simulated lead-time demands minus their expectation.
  invforecast::detail::seeded_rng rng(20261202);  // the library's one generator (portable)
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
  // Step 1: sigma^2 times the square of the index of the first forecast day.
  const double s1 = s[r.y.size() % s.size()];
  CHECK(fit.lead_time_demand_variance(1) == Approx(fit.sigma2 * s1 * s1).epsilon(1e-12));
}

namespace {

/// COMBO's numbers from its members computed on their own: ets_auto's best model and
/// optimised_theta_spec (OTM), untruncated, averaged with weights 1/2, then truncated at 0.
void check_combination(const std::vector<double>& y, int m, int h) {
  const auto fit = fit_and_forecast<double>(y, with(method::combination, m), h, levels);
  const auto ets = ets_auto<double>(y, m).best;
  const auto fe = ets.forecast(h, levels, 42, false);
  const auto theta = optimised_theta_spec<double>({.season_length = m}).fit(y);
  const auto ft = theta.forecast(h, levels, false);
  CHECK(fit.kind == method::combination);
  CHECK(fit.requested == method::combination);
  CHECK(fit.status == fit_status::fitted);
  CHECK(fit.model_name == "COMBO(" + ets.model().r_name() + ",OTM)");
  REQUIRE(fit.members.size() == 2);
  CHECK(fit.members[0].model_name == ets.model().r_name());
  CHECK(fit.members[0].kind == method::ets);
  CHECK(fit.members[0].ets == ets.model());
  CHECK(fit.members[0].weight == 0.5);
  CHECK(fit.members[1].model_name == "OTM");
  CHECK(fit.members[1].kind == method::optimised_theta);
  CHECK(fit.members[1].weight == 0.5);
  CHECK_FALSE(fit.theta.has_value());
  REQUIRE(fit.optimised_theta.has_value());
  CHECK(fit.optimised_theta->alpha == theta.alpha());
  CHECK(fit.optimised_theta->theta == theta.theta());
  CHECK_FALSE(fit.ets.has_value());
  CHECK_FALSE(fit.alpha.has_value());
  const bool seasonal = ets.model().season != ets_season::none || theta.seasonal();
  CHECK(fit.season_length == (seasonal ? m : 1));
  for (std::size_t k = 0; k < static_cast<std::size_t>(h); ++k) {
    CHECK(fit.fc.mean[k] == Approx(std::max(0.0, (fe.mean[k] + ft.mean[k]) / 2)).epsilon(1e-12));
    for (std::size_t i = 0; i < levels.size(); ++i) {
      const auto& a = fe.intervals[i];
      const auto& b = ft.intervals[i];
      CHECK(fit.fc.intervals[i].lower[k] ==
            Approx(std::max(0.0, (a.lower[k] + b.lower[k]) / 2)).epsilon(1e-12));
      CHECK(fit.fc.intervals[i].upper[k] ==
            Approx(std::max(0.0, (a.upper[k] + b.upper[k]) / 2)).epsilon(1e-12));
    }
  }
  // Fitted values: the mean of the members' one-step predictions; sigma2 their MSE.
  REQUIRE(fit.fitted.size() == y.size());
  double sse = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double f = (ets.fitted()[t] + theta.fitted()[t]) / 2;
    CHECK(fit.fitted[t] == Approx(f).epsilon(1e-12));
    sse += (y[t] - f) * (y[t] - f);
  }
  CHECK(fit.sigma2 == Approx(sse / static_cast<double>(y.size())).epsilon(1e-10));
  // refit_options round-trips.
  const auto again = fit_and_forecast<double>(y, fit.refit_options(), h, levels);
  CHECK(again.model_name == fit.model_name);
  CHECK(again.fc.mean == fit.fc.mean);
  CHECK(again.fc.intervals[0].lower == fit.fc.intervals[0].lower);
}

}  // namespace

TEST_CASE("COMBO is the equal-weight mean of AUTO's ETS and OTM, quantiles averaged",
          "[forecaster][combination]") {
  SECTION("non-seasonal (Nile)") {
    const r_theta r = theta_fixture("Nile");
    check_combination(r.y, 1, 10);
  }
  SECTION("seasonal monthly (AirPassengers)") {
    const r_theta r = theta_fixture("AirPassengers");
    check_combination(r.y, 12, 24);
    const auto fit = fit_and_forecast<double>(r.y, with(method::combination, 12), 24, levels);
    CHECK(fit.pattern.pattern == demand_pattern::seasonal);
    CHECK(fit.season_length == 12);
    CHECK(fit.optimised_theta->seasonal);
  }
  SECTION("seasonal weekly demand (syn_weekly_add)") {
    const r_theta r = theta_fixture("syn_weekly_add");
    check_combination(r.y, 7, 28);
  }
  SECTION("detected season length: both members see the same m") {
    const r_theta r = theta_fixture("syn_weekly_mult");
    const auto fit = fit_and_forecast<double>(r.y, with(method::combination, 0), 14, levels);
    const auto seven = fit_and_forecast<double>(r.y, with(method::combination, 7), 14, levels);
    CHECK(fit.model_name == seven.model_name);
    CHECK(fit.fc.mean == seven.fc.mean);
    CHECK(fit.season_length == 7);
  }
  SECTION("the command line's spelling") {
    CHECK(forecaster_options_for("COMBO").kind == method::combination);
    CHECK(forecaster_options_for("combo").kind == method::combination);
  }
}

TEST_CASE("COMBO of class-1 members: the averaged bounds are normal with the mixed sd",
          "[forecaster][combination]") {
  // Nile: AUTO's ETS(M,N,N) (class 2) and OTM both have normal intervals mean +- z sd_h, so
  // the averaged bound is the mean +- z (sd_ets + sd_otm) / 2, and forecast_variance is its
  // square.
  const r_theta r = theta_fixture("Nile");
  const auto fit = fit_and_forecast<double>(r.y, with(method::combination, 1), 10, levels);
  REQUIRE(fit.members[0].model_name == "ETS(M,N,N)");
  const double z = normal_quantile(0.975);
  for (std::size_t k = 0; k < 10; ++k) {
    const double sd = (fit.fc.intervals[1].upper[k] - fit.fc.mean[k]) / z;
    CHECK(fit.forecast_variance[k] == Approx(sd * sd).epsilon(1e-9));
    CHECK(fit.fc.mean[k] - fit.fc.intervals[1].lower[k] == Approx(sd * z).epsilon(1e-9));
  }
}

TEST_CASE("COMBO lead times: mixed standard deviations, mean of the members' means",
          "[forecaster][combination]") {
  const r_theta r = theta_fixture("AirPassengers");
  const int max_l = 30;
  const auto combo =
      fit_and_forecast<double>(r.y, with(method::combination, 12, max_l), 24, levels);
  // AUTO is the ETS member for this smooth series; OTM the other.
  const auto ets = fit_and_forecast<double>(r.y, with(method::automatic, 12, max_l), 24, levels);
  const auto theta =
      fit_and_forecast<double>(r.y, with(method::optimised_theta, 12, max_l), 24, levels);
  REQUIRE(ets.kind == method::ets);
  for (int l = 1; l <= max_l; ++l) {
    INFO("L = " << l);
    const double sd = (std::sqrt(ets.lead_time_demand_variance(l)) +
                       std::sqrt(theta.lead_time_demand_variance(l))) /
                      2;
    CHECK(combo.lead_time_demand_variance(l) == Approx(sd * sd).epsilon(1e-10));
    // Every forecast is positive here, so truncation changes nothing.
    CHECK(
        combo.lead_time_demand_mean(l) ==
        Approx((ets.lead_time_demand_mean(l) + theta.lead_time_demand_mean(l)) / 2).epsilon(1e-10));
  }
}

TEST_CASE("COMBO on short, intermittent, constant and masked series", "[forecaster][combination]") {
  SECTION("n = 5: AUTO's MEAN and OTM") {
    const std::vector<double> y{30, 34, 31, 36, 38};
    const auto fit = fit_and_forecast<double>(y, with(method::combination, 0), 4, levels);
    const auto mean = fit_and_forecast<double>(y, with(method::mean, 1), 4, levels);
    const auto theta = optimised_theta_spec<double>().fit(y).forecast(4, levels, false);
    CHECK(fit.kind == method::combination);
    CHECK(fit.status == fit_status::fallback);
    CHECK(fit.model_name == "COMBO(MEAN,OTM)");
    CHECK(fit.members[0].kind == method::mean);
    for (std::size_t k = 0; k < 4; ++k) {
      CHECK(fit.fc.mean[k] == Approx((mean.fc.mean[k] + theta.mean[k]) / 2).epsilon(1e-12));
      // meanf's lower 95 % bound is above 0 here, so the truncated MEAN fit shows it as is.
      REQUIRE(mean.fc.intervals[1].lower[k] > 0);
      CHECK(
          fit.fc.intervals[1].lower[k] ==
          Approx((mean.fc.intervals[1].lower[k] + theta.intervals[1].lower[k]) / 2).epsilon(1e-12));
    }
  }
  SECTION("n = 2 still works (OTM needs 4 values: Theta, its smallest series is 2)") {
    const std::vector<double> y{3, 5};
    const auto fit = fit_and_forecast<double>(y, with(method::combination, 0), 3, levels);
    CHECK(fit.model_name == "COMBO(MEAN,THETA)");
    CHECK(fit.members[1].kind == method::theta);
    CHECK(fit.theta.has_value());
    CHECK_FALSE(fit.optimised_theta.has_value());
    CHECK(fit.reason.find("THETA (n = 2 < 4: no OTM)") != std::string::npos);
    for (const double v : fit.fc.mean) CHECK(std::isfinite(v));
  }
  SECTION("intermittent demand keeps AUTO's method") {
    std::vector<double> y(120, 0.0);
    for (std::size_t t = 3; t < y.size(); t += 4) y[t] = static_cast<double>(2 + t % 3);
    const auto fit = fit_and_forecast<double>(y, with(method::combination, 0), 14, levels);
    const auto autofit = fit_and_forecast<double>(y, with(method::automatic, 0), 14, levels);
    CHECK(fit.kind == autofit.kind);
    CHECK((fit.kind == method::sba || fit.kind == method::tsb));
    CHECK(fit.requested == method::combination);
    CHECK(fit.members.empty());
    CHECK(fit.fc.mean == autofit.fc.mean);
    CHECK(fit.reason.find("COMBO combines ETS and OTM for smooth and erratic demand only") !=
          std::string::npos);
  }
  SECTION("a constant series is AUTO's degenerate ETS(A,N,N)") {
    const std::vector<double> y(20, 4.0);
    const auto fit = fit_and_forecast<double>(y, with(method::combination, 0), 5, levels);
    CHECK(fit.status == fit_status::degenerate);
    CHECK(fit.model_name == "ETS(A,N,N)");
    CHECK(fit.fc.mean == std::vector<double>(5, 4.0));
  }
  SECTION("unknown days: ETS sees the mask, OTM the observed values") {
    const r_theta r = theta_fixture("syn_weekly_add");
    std::vector<std::uint8_t> known(r.y.size(), 1);
    for (std::size_t t = 40; t < 47; ++t) known[t] = 0;
    const auto fit = fit_and_forecast<double>(r.y, known, with(method::combination, 7), 14, levels);
    CHECK(fit.kind == method::combination);
    CHECK(fit.n == r.y.size() - 7);
    CHECK(fit.fitted.size() == r.y.size() - 7);
    for (const double v : fit.fc.mean) CHECK(std::isfinite(v));
  }
  SECTION("float") {
    const r_theta r = theta_fixture("AirPassengers");
    const std::vector<float> y(r.y.begin(), r.y.end());
    forecaster_options<float> o;
    o.kind = method::combination;
    o.season_length = 12;
    const auto f = fit_and_forecast<float>(y, o, 12);
    const auto d = fit_and_forecast<double>(r.y, with(method::combination, 12), 12);
    CHECK(f.model_name == d.model_name);
    // float's Nelder-Mead tolerance (3.5e-4 on the MSE) leaves OTM's float parameters short of
    // double's (tests/smoothing/theta_optimised_test.cpp): 1e-2 relative.
    CHECK(f.fc.mean[0] == Approx(d.fc.mean[0]).epsilon(1e-2));
  }
}
