// Unit tests of smoothing/ets_model.hpp, smoothing/ets.hpp and smoothing/ets_auto.hpp:
// hand-worked recursions, intervals, the unknown-day mask, error paths and hard cases.
// Parity with R on a corpus is in ets_reference_test.cpp.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <invforecast/detail/quantile.hpp>
#include <invforecast/detail/random.hpp>
#include <invforecast/smoothing/ets.hpp>
#include <invforecast/smoothing/ets_auto.hpp>
#include <invforecast/smoothing/ets_model.hpp>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "smoothing/seasonal_series.hpp"

using invforecast::ets_auto;
using invforecast::ets_model;
using invforecast::ets_options;
using invforecast::ets_spec;

namespace {

ets_options<double> fixed(const std::string& code, int m, double alpha, std::vector<double> x0) {
  ets_options<double> o;
  o.model = ets_model::parse(code);
  o.season_length = m;
  o.alpha = alpha;
  o.initial_states = std::move(x0);
  return o;
}

const std::vector<double> air{
    112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149,
    170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
    171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243,
    264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
    242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374,
    413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,
    340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337, 360, 342, 406, 396, 420, 472,
    548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432};

}  // namespace

TEST_CASE("ets_model parses and prints R's codes", "[ets_model]") {
  const auto m = ets_model::parse("MAdM");
  CHECK(m.error == invforecast::ets_error::multiplicative);
  CHECK(m.trend == invforecast::ets_trend::additive);
  CHECK(m.damped);
  CHECK(m.season == invforecast::ets_season::multiplicative);
  CHECK(m.code() == "MAdM");
  CHECK(m.r_name() == "ETS(M,Ad,M)");
  CHECK(ets_model::parse("ANN").r_name() == "ETS(A,N,N)");
  CHECK(ets_model::parse("MMdN").code() == "MMdN");
  CHECK(ets_model::parse("AAA").state_count(12) == 14);
  for (const char* bad : {"", "AN", "XNN", "AXN", "ANX", "ANdN", "AAxN", "AAdNN"}) {
    INFO(bad);
    REQUIRE_THROWS_AS(ets_model::parse(bad), invforecast::invalid_argument);
  }
}

TEST_CASE("ets SES recursion, variances and lead-time variance by hand", "[ets]") {
  // y = 10, 12, 11; alpha = 0.5; l0 = 10.
  // t=1: yhat 10, e 0, l 10. t=2: yhat 10, e 2, l 11. t=3: yhat 11, e 0, l 11.
  const std::vector<double> y{10, 12, 11};
  const auto fit = ets_spec<double>(fixed("ANN", 1, 0.5, {10})).fit(y);
  CHECK(fit.fitted() == std::vector<double>{10, 10, 11});              // exact
  CHECK(fit.residuals() == std::vector<double>{0, 2, 0});              // exact
  CHECK(fit.final_states() == std::vector<double>{11});                // exact
  CHECK(fit.objective() == Approx(3 * std::log(4.0)).epsilon(1e-14));  // n log SSE
  CHECK(fit.loglik() == Approx(-1.5 * std::log(4.0)).epsilon(1e-14));
  // sigma^2 = SSE / (n - 1 parameter - 1 state) = 4 / 1.
  CHECK(fit.sigma2() == Approx(4.0).epsilon(1e-14));
  CHECK(fit.parameter_count() == 1);  // nothing estimated: k = 1
  CHECK(fit.aic() == Approx(3 * std::log(4.0) + 2).epsilon(1e-14));
  CHECK(fit.converged());
  // v_h = sigma^2 (1 + (h - 1) alpha^2) = 4, 5, 6.
  const auto v = fit.forecast_variance(3);
  CHECK(v[0] == Approx(4.0).epsilon(1e-14));
  CHECK(v[1] == Approx(5.0).epsilon(1e-14));
  CHECK(v[2] == Approx(6.0).epsilon(1e-14));
  const auto fc = fit.forecast(3);
  CHECK(fc.mean == std::vector<double>{11, 11, 11});
  // 95 %: 11 -/+ 1.959963984540054 * sqrt(v_h).
  CHECK(fc.interval(0.95).lower[0] == Approx(11 - 1.959963984540054 * 2).epsilon(1e-12));
  CHECK(fc.interval(0.95).upper[2] ==
        Approx(11 + 1.959963984540054 * std::sqrt(6.0)).epsilon(1e-12));
  CHECK(fc.interval(0.80).upper[1] ==
        Approx(11 + 1.2815515655446004 * std::sqrt(5.0)).epsilon(1e-12));
  // Lead time L = 2: sigma^2 [(1 + c1)^2 + 1] = 4 (2.25 + 1) = 13.
  CHECK(fit.lead_time_demand_variance(2) == Approx(13.0).epsilon(1e-14));
  // L = 3: 4 [(1 + 2 * 0.5)^2 + 1.5^2 + 1] = 4 * 7.25 = 29.
  CHECK(fit.lead_time_demand_variance(3) == Approx(29.0).epsilon(1e-14));
  CHECK(fit.lead_time_demand_variance(1) == Approx(v[0]).epsilon(1e-14));
}

TEST_CASE("ets damped trend step and forecasts by hand", "[ets]") {
  // AAdN: l0 = 4, b0 = 1, alpha 0.5, beta 0.1, phi 0.9, y1 = 5.
  // yhat = 4 + 0.9 = 4.9; e = 0.1; l = 4.9 + 0.05 = 4.95;
  // b = 0.9 + (0.1/0.5)(4.95 - 4 - 0.9) = 0.91.
  // h=1: 4.95 + 0.9*0.91 = 5.769; h=2: 4.95 + (0.9 + 0.81)*0.91 = 6.5061.
  auto o = fixed("AAdN", 1, 0.5, {4, 1});
  o.beta = 0.1;
  o.phi = 0.9;
  const std::vector<double> y{5};
  // One observation is too few for the likelihood bookkeeping of R's sigma^2 but the
  // recursion is what is checked here; use two equal observations instead.
  const std::vector<double> y2{5, 5.769};  // second value equals its prediction: e2 = 0
  const auto fit = ets_spec<double>(o).fit(y2);
  CHECK(fit.fitted()[0] == Approx(4.9).epsilon(1e-14));
  CHECK(fit.fitted()[1] == Approx(5.769).epsilon(1e-14));
  CHECK(fit.residuals()[1] == Approx(0).margin(1e-14));
  // After y2 (no error): l = 5.769, b = 0.9 * 0.91 = 0.819.
  CHECK(fit.final_states()[0] == Approx(5.769).epsilon(1e-14));
  CHECK(fit.final_states()[1] == Approx(0.819).epsilon(1e-14));
  const auto fc = fit.forecast(2);
  CHECK(fc.mean[0] == Approx(5.769 + 0.9 * 0.819).epsilon(1e-14));
  CHECK(fc.mean[1] == Approx(5.769 + (0.9 + 0.81) * 0.819).epsilon(1e-14));
  (void)y;
}

TEST_CASE("ets multiplicative season uses s_m first and gamma with the level prediction", "[ets]") {
  // MNM, m = 2, states (l, s1, s2) = (10, 1.2, 0.8); alpha 0.2, gamma 0.1; y = 10, 12.
  // t=1: yhat = 10 * s2 = 8; e = 0.25; l = 10 + 0.2 (10/0.8 - 10) = 10.5;
  //      s_new = 0.8 + 0.1 (10/10 - 0.8) = 0.82 -> states (10.5, 0.82, 1.2).
  // t=2: yhat = 10.5 * 1.2 = 12.6; l = 10.5 + 0.2 (12/1.2 - 10.5) = 10.4;
  //      s_new = 1.2 + 0.1 (12/10.5 - 1.2) -> states (10.4, 1.19428571..., 0.82).
  auto o = fixed("MNM", 2, 0.2, {10, 1.2, 0.8});
  o.gamma = 0.1;
  const std::vector<double> y{10, 12, 11, 9, 10};
  const auto fit = ets_spec<double>(o).fit(y);
  CHECK(fit.fitted()[0] == Approx(8).epsilon(1e-14));
  CHECK(fit.residuals()[0] == Approx(0.25).epsilon(1e-14));
  CHECK(fit.fitted()[1] == Approx(12.6).epsilon(1e-14));
  const auto two = ets_spec<double>(o).fit(std::vector<double>{10, 12});
  CHECK(two.final_states()[0] == Approx(10.4).epsilon(1e-14));
  CHECK(two.final_states()[1] == Approx(1.2 + 0.1 * (12.0 / 10.5 - 1.2)).epsilon(1e-14));
  CHECK(two.final_states()[2] == Approx(0.82).epsilon(1e-14));
}

TEST_CASE("ets unknown days carry the state forward and leave the likelihood", "[ets]") {
  // ANN alpha 0.5, l0 10; y = 10, ?, 14. t=1: e 0, l 10; t=2 unknown: yhat 10, l 10;
  // t=3: yhat 10, e 4, l 12. n = 2, SSE = 16.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> y{10, nan, 14};
  const std::vector<std::uint8_t> known{1, 0, 1};
  const ets_spec<double> spec(fixed("ANN", 1, 0.5, {10}));
  const auto fit = spec.fit(y, known);
  CHECK(fit.nobs() == 2);
  CHECK(fit.fitted() == std::vector<double>{10, 10, 10});
  CHECK(fit.residuals() == std::vector<double>{0, 0, 4});
  CHECK(fit.final_states()[0] == Approx(12).epsilon(1e-14));
  CHECK(fit.objective() == Approx(2 * std::log(16.0)).epsilon(1e-14));
  // The value at an unknown point is ignored, whatever it is.
  const auto other = spec.fit(std::vector<double>{10, 1e9, 14}, known);
  CHECK(other.objective() == fit.objective());
  // Estimated model: masking a day equals R's NA handling of forecast >= 9 (state carried
  // with the one-step prediction); masked and unmasked fits differ, both finite.
  std::vector<std::uint8_t> mask(air.size(), 1);
  mask[30] = mask[31] = mask[100] = 0;
  ets_options<double> o;
  o.model = ets_model::parse("MAM");
  o.season_length = 12;
  const auto masked = ets_spec<double>(o).fit(air, mask);
  CHECK(masked.nobs() == air.size() - 3);
  CHECK(std::isfinite(masked.aicc()));
  CHECK(masked.residuals()[30] == 0);
  CHECK(masked.fitted()[30] > 0);
  const auto sel = ets_auto<double>(air, mask, 12);
  CHECK(sel.best.nobs() == air.size() - 3);
  REQUIRE_THROWS_AS(spec.fit(y, std::vector<std::uint8_t>{0, 1}), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(spec.fit(y, std::vector<std::uint8_t>{0, 0, 0}),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_AS(ets_auto<double>(y, std::vector<std::uint8_t>{0}, 1),
                    invforecast::invalid_argument);
}

TEST_CASE("ets rejects invalid arguments", "[ets]") {
  using invforecast::insufficient_data;
  using invforecast::invalid_argument;
  const auto make = [](const std::string& code, int m) {
    ets_options<double> o;
    o.model = ets_model::parse(code);
    o.season_length = m;
    return o;
  };
  REQUIRE_THROWS_AS(ets_spec<double>(make("ANA", 1)), invalid_argument);
  REQUIRE_THROWS_AS(ets_spec<double>(make("ANA", 25)), invalid_argument);
  REQUIRE_THROWS_AS(ets_spec<double>(make("ANN", 0)), invalid_argument);
  {
    auto o = make("ANN", 1);
    o.phi = 0.9;
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.beta = 0.1;
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("AAN", 1);
    o.gamma = 0.1;
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.alpha = std::numeric_limits<double>::infinity();
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.initial_states = {1, 2};
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.lower[0] = 0.5;
    o.upper[0] = 0.4;
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.max_evaluations = 0;
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.simulation_paths = 5;
    REQUIRE_THROWS_AS(ets_spec<double>(o), invalid_argument);
  }
  {
    auto o = make("ANN", 1);
    o.alpha = 1.5;  // outside R's bounds [1e-4, 0.9999]
    REQUIRE_THROWS_AS(ets_spec<double>(o).fit(air), invalid_argument);
  }
  const ets_spec<double> ann(make("ANN", 1));
  std::vector<double> y{1, 2, 3, std::numeric_limits<double>::quiet_NaN(), 5};
  try {
    (void)ann.fit(y);
    FAIL("no exception");
  } catch (const invalid_argument& e) {
    CHECK(std::string(e.what()) == "ets_spec::fit: y[3] = nan, must be finite");
  }
  y[3] = std::numeric_limits<double>::infinity();
  REQUIRE_THROWS_AS(ann.fit(y), invalid_argument);
  REQUIRE_THROWS_AS(ann.fit(std::vector<double>{}), insufficient_data);
  REQUIRE_THROWS_AS(ann.fit(std::vector<double>{1, 2, 3}), insufficient_data);  // 2 + 1 >= 3
  REQUIRE_THROWS_AS(ets_spec<double>(make("MNN", 1)).fit(std::vector<double>{1, 0, 2, 3, 4}),
                    invalid_argument);
  REQUIRE_THROWS_AS(ets_spec<double>(make("ANA", 4)).fit(std::vector<double>{1, 2, 3}),
                    insufficient_data);
  const auto fit = ann.fit(air);
  REQUIRE_THROWS_AS(fit.forecast(0), invalid_argument);
  const std::vector<double> bad_levels{0.8, 1.0};
  REQUIRE_THROWS_AS(fit.forecast(3, bad_levels), invalid_argument);
  REQUIRE_THROWS_AS(fit.forecast_variance(0), invalid_argument);
  REQUIRE_THROWS_AS(fit.lead_time_demand_variance(0), invalid_argument);
  REQUIRE_THROWS_AS(ets_auto<double>(air, 0), invalid_argument);
  REQUIRE_THROWS_AS(ets_auto<double>(y, 1), invalid_argument);
  REQUIRE_THROWS_AS(ets_auto<double>(std::vector<double>{}, 1), insufficient_data);
  invforecast::ets_auto_options bad;
  bad.max_evaluations = 0;
  REQUIRE_THROWS_AS(ets_auto<double>(air, 12, bad), invalid_argument);
}

TEST_CASE("ets hard cases: constant, zeros, a single spike, huge values, short series", "[ets]") {
  SECTION("constant series: R's SES with alpha 0.99999, zero-width intervals") {
    const std::vector<double> y(20, 5.0);
    const auto sel = ets_auto<double>(y, 7);
    CHECK(sel.best.model().code() == "ANN");
    CHECK(sel.best.params().alpha == 0.99999);
    CHECK(sel.best.sigma2() == 0);
    CHECK(std::isfinite(sel.best.aicc()));
    const auto fc = sel.best.forecast(3);
    CHECK(fc.mean == std::vector<double>{5, 5, 5});
    CHECK(fc.interval(0.95).lower == std::vector<double>{5, 5, 5});
    CHECK(fc.interval(0.95).upper == std::vector<double>{5, 5, 5});
    CHECK(sel.best.lead_time_demand_variance(7) == 0);
  }
  SECTION("all zeros: no multiplicative model, no division by zero") {
    const std::vector<double> y(30, 0.0);
    const auto sel = ets_auto<double>(y, 7);
    const auto fc = sel.best.forecast(7);
    for (double v : fc.mean) CHECK(v == 0);
    for (double v : fc.interval(0.8).upper) CHECK(v == 0);
  }
  SECTION("a single non-zero value: additive models only, bounds truncated at 0") {
    std::vector<double> y(40, 0.0);
    y[20] = 50;
    const auto sel = ets_auto<double>(y, 7);
    CHECK(sel.best.model().error == invforecast::ets_error::additive);
    for (const auto& c : sel.candidates) {
      if (c.model.error == invforecast::ets_error::multiplicative) CHECK(!c.aicc.has_value());
    }
    const auto fc = sel.best.forecast(14);
    for (std::size_t h = 0; h < 14; ++h) {
      CHECK(std::isfinite(fc.mean[h]));
      CHECK(fc.mean[h] >= 0);
      CHECK(fc.interval(0.95).lower[h] >= 0);  // truncated at zero
      CHECK(fc.interval(0.95).upper[h] >= fc.mean[h]);
    }
  }
  SECTION("huge values (1e12): finite fit, forecasts on the data's scale") {
    std::vector<double> y(air);
    for (double& v : y) v *= 1e12;
    const auto sel = ets_auto<double>(y, 12);
    CHECK(std::isfinite(sel.best.aicc()));
    const auto fc = sel.best.forecast(12);
    for (double v : fc.mean) {
      CHECK(v > 3e14);  // AirPassengers forecasts are 400-650 passengers (x 1e12)
      CHECK(v < 8e14);
    }
  }
  SECTION("short series: R's HoltWinters fall-back for n <= 6") {
    // R: ets(ts(c(10, 12, 9, 14, 13))) -> ETS(A,N,N), alpha 0.3672118, l 10,
    // sigma2 4.879362, mean 12.07015; 95 % at h = 3: [7.191745, 16.94856].
    const auto sel = ets_auto<double>(std::vector<double>{10, 12, 9, 14, 13}, 1);
    CHECK(sel.best.model().code() == "ANN");
    CHECK(sel.best.params().alpha == Approx(0.3672118).epsilon(1e-4));  // optimiser tolerance
    CHECK(sel.best.initial_states()[0] == 10);
    CHECK(sel.best.sigma2() == Approx(4.879362).epsilon(1e-6));
    const auto fc = sel.best.forecast(3);
    CHECK(fc.mean[0] == Approx(12.07015).epsilon(1e-5));
    CHECK(fc.interval(0.95).lower[2] == Approx(7.191745).epsilon(1e-5));
    CHECK(fc.interval(0.95).upper[2] == Approx(16.94856).epsilon(1e-5));
    // R: ets(ts(c(5, 7, 9, 11, 14, 15))) -> Holt, alpha 0.8030481, l 5, b 2, sigma2 0.9668735,
    // mean 17.15828.
    const auto holt = ets_auto<double>(std::vector<double>{5, 7, 9, 11, 14, 15}, 1);
    CHECK(holt.best.model().code() == "AAN");
    CHECK(holt.best.params().alpha == Approx(0.8030481).epsilon(1e-4));
    CHECK(holt.best.sigma2() == Approx(0.9668735).epsilon(1e-5));
    CHECK(holt.best.forecast(1).mean[0] == Approx(17.15828).epsilon(1e-5));
    // A single observation is a constant series.
    const auto one = ets_auto<double>(std::vector<double>{7}, 1);
    CHECK(one.best.forecast(2).mean == std::vector<double>{7, 7});
  }
  SECTION("season dropped when m > 24 or n <= m") {
    const auto sel = ets_auto<double>(std::vector<double>(air.begin(), air.begin() + 40), 52);
    CHECK(sel.best.model().season == invforecast::ets_season::none);
    const auto sel2 = ets_auto<double>(std::vector<double>(air.begin(), air.begin() + 12), 12);
    CHECK(sel2.best.model().season == invforecast::ets_season::none);
  }
}

TEST_CASE("ets simulated intervals agree with the analytic ones", "[ets]") {
  // Class 1 and class 2 models have analytic variances; the simulation path (used for the
  // other models) must reproduce them statistically: 20000 paths give the variance to about
  // 2 % (sd of a sample variance ~ sqrt(2/N) = 1 %), so 5 % relative.
  ets_options<double> o;
  o.model = ets_model::parse("MAdN");
  o.simulation_paths = 20000;
  const auto fit = ets_spec<double>(o).fit(air);
  const auto analytic = fit.forecast_variance(6);
  std::vector<double> paths;
  const auto kept = invforecast::detail::ets_simulate(
      fit.model(), 1, std::span<const double>(fit.final_states()),
      invforecast::detail::ets_coefficients<double>{fit.params().alpha, *fit.params().beta, 0,
                                                    *fit.params().phi},
      fit.sigma2(), 6, 20000, 7, paths);
  REQUIRE(kept == 20000);
  for (std::size_t h = 0; h < 6; ++h) {
    double mean = 0;
    for (std::size_t k = 0; k < kept; ++k) mean += paths[k * 6 + h];
    mean /= static_cast<double>(kept);
    double ss = 0;
    for (std::size_t k = 0; k < kept; ++k) ss += std::pow(paths[k * 6 + h] - mean, 2);
    const double var = ss / static_cast<double>(kept - 1);
    INFO("h = " << h + 1);
    CHECK(var == Approx(analytic[h]).epsilon(0.05));
  }
  // Lead-time variance: class 1 closed form vs simulation of the sum (5 %).
  ets_options<double> a;
  a.model = ets_model::parse("AAdN");
  a.simulation_paths = 20000;
  const auto afit = ets_spec<double>(a).fit(air);
  const double closed = afit.lead_time_demand_variance(7);
  std::vector<double> apaths;
  const auto akept = invforecast::detail::ets_simulate(
      afit.model(), 1, std::span<const double>(afit.final_states()),
      invforecast::detail::ets_coefficients<double>{afit.params().alpha, *afit.params().beta, 0,
                                                    *afit.params().phi},
      afit.sigma2(), 7, 20000, 11, apaths);
  double m1 = 0;
  double m2 = 0;
  for (std::size_t k = 0; k < akept; ++k) {
    double s = 0;
    for (std::size_t i = 0; i < 7; ++i) s += apaths[k * 7 + i];
    m1 += s;
    m2 += s * s;
  }
  m1 /= static_cast<double>(akept);
  const double simulated = (m2 / static_cast<double>(akept) - m1 * m1) *
                           static_cast<double>(akept) / static_cast<double>(akept - 1);
  CHECK(simulated == Approx(closed).epsilon(0.05));
  // Lead-time variance exceeds the sum of the step variances (positive covariances).
  const auto steps = afit.forecast_variance(7);
  double sum = 0;
  for (double v : steps) sum += v;
  CHECK(closed > sum);
}

TEST_CASE("ets simulated models: deterministic seed, ordered bounds", "[ets]") {
  ets_options<double> o;
  o.model = ets_model::parse("MMN");
  const auto fit = ets_spec<double>(o).fit(air);
  const auto a = fit.forecast(6, invforecast::default_levels<double>, 123);
  const auto b = fit.forecast(6, invforecast::default_levels<double>, 123);
  const auto c = fit.forecast(6, invforecast::default_levels<double>, 124);
  CHECK(a.interval(0.95).lower == b.interval(0.95).lower);  // same seed, same paths
  CHECK(a.interval(0.95).lower != c.interval(0.95).lower);
  for (std::size_t h = 0; h < 6; ++h) {
    CHECK(a.interval(0.95).lower[h] <= a.interval(0.80).lower[h]);
    CHECK(a.interval(0.80).lower[h] <= a.mean[h]);
    CHECK(a.mean[h] <= a.interval(0.80).upper[h]);
    CHECK(a.interval(0.80).upper[h] <= a.interval(0.95).upper[h]);
  }
  CHECK(fit.lead_time_demand_variance(3, 5) > 0);
  const auto v = fit.forecast_variance(3);
  CHECK(v[0] < v[2]);
}

namespace {

// R's quantile(type = 8) from its definition, on fully sorted data: with m = (p + 1) / 3 and
// np + m = j + g, Q(p) = (1 - g) x_(j) + g x_(j+1), positions clamped to 1..n.
double r_type8(std::vector<double> x, double p) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  const double np = n * p + (p + 1) / 3;
  const double j = std::floor(np);
  const double g = np - j;
  const auto at = [&](double k) { return x[static_cast<std::size_t>(std::clamp(k, 1.0, n)) - 1]; };
  return (1 - g) * at(j) + g * at(j + 1);
}

}  // namespace

TEST_CASE("placed type-8 order statistics give the quantiles of the sorted data", "[ets]") {
  invforecast::detail::seeded_rng rng(12345);
  const auto next = [&] { return rng.uniform(); };  // uniform in (0, 1)
  const std::vector<double> probabilities{0.025, 0.1, 0.5, 0.9, 0.975, 0.0001, 0.9999};
  for (const std::size_t n : {1U, 2U, 3U, 7U, 40U, 1000U}) {
    for (const bool ties : {false, true}) {
      std::vector<double> x(n);
      for (double& v : x) v = ties ? std::floor(next() * 5) : next() * 100 - 50;
      std::vector<double> partial = x;
      invforecast::detail::place_order_statistics(
          std::span<double>(partial),
          std::span<const std::size_t>(invforecast::detail::type8_order_positions(
              n, std::span<const double>(probabilities))));
      for (const double p : probabilities) {
        INFO("n = " << n << ", ties = " << ties << ", p = " << p);
        CHECK(invforecast::detail::quantile_type8(std::span<const double>(partial), p) ==
              Approx(r_type8(x, p)).epsilon(1e-15).margin(1e-13));
      }
    }
  }
}

TEST_CASE("ets simulated intervals are R's type-8 quantiles of the paths", "[ets]") {
  ets_options<double> o;
  o.model = ets_model::parse("MMN");
  o.simulation_paths = 3000;
  const auto fit = ets_spec<double>(o).fit(air);
  constexpr int h = 5;
  const auto [f, variance] =
      fit.forecast_with_variance(h, invforecast::default_levels<double>, 77, false);
  std::vector<double> paths;
  const auto kept = invforecast::detail::ets_simulate(
      fit.model(), 1, std::span<const double>(fit.final_states()),
      invforecast::detail::ets_coefficients<double>{fit.params().alpha, *fit.params().beta, 0, 1},
      fit.sigma2(), h, 3000, 77, paths);
  REQUIRE(kept > 2900);
  for (std::size_t i = 0; i < h; ++i) {
    std::vector<double> column(kept);
    for (std::size_t k = 0; k < kept; ++k) column[k] = paths[k * h + i];
    double mean = 0;
    for (const double v : column) mean += v;
    mean /= static_cast<double>(kept);
    double ss = 0;
    for (const double v : column) ss += (v - mean) * (v - mean);
    INFO("h = " << i + 1);
    CHECK(variance[i] == Approx(ss / static_cast<double>(kept - 1)).epsilon(1e-12));
    for (const double level : {0.80, 0.95}) {
      CHECK(f.interval(level).lower[i] == Approx(r_type8(column, 0.5 - level / 2)).epsilon(1e-14));
      CHECK(f.interval(level).upper[i] == Approx(r_type8(column, 0.5 + level / 2)).epsilon(1e-14));
    }
  }
  // The one-call pair is what the two separate calls return, bit for bit.
  const auto alone = fit.forecast(h, invforecast::default_levels<double>, 77, false);
  CHECK(alone.mean == f.mean);
  CHECK(alone.interval(0.95).lower == f.interval(0.95).lower);
  CHECK(alone.interval(0.80).upper == f.interval(0.80).upper);
  CHECK(fit.forecast_variance(h, 77) == variance);
}

TEST_CASE("ets analytic forecast_with_variance is forecast and forecast_variance", "[ets]") {
  ets_options<double> o;
  o.model = ets_model::parse("MAdN");
  const auto fit = ets_spec<double>(o).fit(air);
  const auto [f, variance] = fit.forecast_with_variance(8);
  const auto alone = fit.forecast(8);
  CHECK(alone.mean == f.mean);
  CHECK(alone.interval(0.80).lower == f.interval(0.80).lower);
  CHECK(alone.interval(0.95).upper == f.interval(0.95).upper);
  CHECK(fit.forecast_variance(8) == variance);
  // The interval is mean +/- z sqrt(v): the variance is the one the bounds came from.
  CHECK(f.interval(0.95).upper[7] - f.mean[7] ==
        Approx(invforecast::normal_quantile(0.975) * std::sqrt(variance[7])).epsilon(1e-12));
}

TEST_CASE("ets compiles and fits in float", "[ets]") {
  std::vector<float> y;
  for (double v : air) y.push_back(static_cast<float>(v));
  invforecast::ets_options<float> o;
  o.model = ets_model::parse("MAM");
  o.season_length = 12;
  const auto fit = invforecast::ets_spec<float>(o).fit(y);
  CHECK(std::isfinite(fit.aicc()));
  // R's MAM AICc on AirPassengers: 1403.664381. In float the optimiser's tolerance is
  // sqrt(float eps) = 3.5e-4 and it stops at a nearby, slightly worse optimum: 1e-2 relative.
  CHECK(fit.aicc() == Approx(1403.664381).epsilon(1e-2));
  const auto fc = fit.forecast(12);
  CHECK(fc.mean.size() == 12);
  const auto sel = invforecast::ets_auto<float>(y, 12);
  CHECK(sel.best.forecast(3).mean[0] > 0);
}

TEST_CASE("ets_auto's side-by-side searches give ets_spec::fit's fits bit for bit", "[ets]") {
  namespace d = invforecast::detail;
  // Weekly-seasonal positive demand (level 60, trend 0.1, amplitude 9, noise +-5), 180 days.
  const auto y = invforecast_test::seasonal_series(180, {60.0, 0.1, 9.0, 5.0, 7, 77u});
  std::vector<std::uint8_t> unknown(y.size(), 0);
  unknown[40] = unknown[41] = 1;                 // no packed form: each search runs alone
  std::vector<std::uint8_t> known(y.size(), 1);  // the public fit's mask: 1 = observed
  known[40] = known[41] = 0;
  const auto same = [](const invforecast::fitted_ets<double>& a,
                       const invforecast::fitted_ets<double>& b) {
    CHECK(a.evaluations() == b.evaluations());
    CHECK(a.converged() == b.converged());
    CHECK(a.params().alpha == b.params().alpha);
    CHECK(a.params().beta == b.params().beta);
    CHECK(a.params().gamma == b.params().gamma);
    CHECK(a.params().phi == b.params().phi);
    CHECK(a.initial_states() == b.initial_states());
    CHECK(a.objective() == b.objective());
    CHECK(a.sigma2() == b.sigma2());
    CHECK(a.fitted() == b.fitted());
  };
  for (const bool masked : {false, true}) {
    for (const std::string form : {"AA?N", "AA?A", "MA?N", "MA?A", "MA?M"}) {
      INFO(form << (masked ? " with unknown days" : ""));
      std::vector<ets_spec<double>> specs;
      for (const std::string trend : {"Ad", "A"}) {
        ets_options<double> o;
        o.model = ets_model::parse(form.substr(0, 1) + trend + form.substr(3));
        o.season_length = o.model.season == invforecast::ets_season::none ? 1 : 7;
        specs.emplace_back(o);
      }
      const auto fits = d::fit_side_by_side<double>(
          specs, y,
          masked ? std::span<const std::uint8_t>(unknown) : std::span<const std::uint8_t>());
      REQUIRE(fits.size() == 2);
      for (std::size_t i = 0; i < 2; ++i) {
        REQUIRE(fits[i].fit.has_value());
        same(*fits[i].fit, masked ? specs[i].fit(y, known) : specs[i].fit(y));
      }
    }
  }
  // 13 values: AAdA estimates 12 and needs 14 observations, AAA (11) fits; the one that cannot
  // be fitted says why and leaves the other alone.
  const std::span<const double> y13(y.data(), 13);
  std::vector<ets_spec<double>> specs;
  for (const std::string code : {"AAdA", "AAA"}) {
    ets_options<double> o;
    o.model = ets_model::parse(code);
    o.season_length = 7;
    specs.emplace_back(o);
  }
  const auto fits = d::fit_side_by_side<double>(specs, y13, {});
  CHECK_FALSE(fits[0].fit.has_value());
  CHECK(fits[0].error.find("estimates 12 values") != std::string::npos);
  REQUIRE(fits[1].fit.has_value());
  same(*fits[1].fit, specs[1].fit(y13));
}
