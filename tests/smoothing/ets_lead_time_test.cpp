// Lead-time demand variances of fitted ETS models, Var(y_{n+1} + ... + y_{n+L}):
// fitted_ets::lead_time_demand_variances (detail::ets_lead_time_variances) and the simulator
// behind the models without a closed form (detail::ets_simulate, detail::seeded_rng).
//
// Expectations are computed independently of the library: class 1 from the hand formula
// sigma^2 sum_{i=1}^{L} (1 + sum_{j=1}^{L-i} c_j)^2 with the textbook c_j of each model
// (Hyndman, Koehler, Ord & Snyder 2008, table 6.1), classes 2 and 3 from this file's own
// simulation of the model equations (200000 paths) with tolerances of 4 standard errors of the
// sample variance (SE from the sample's fourth central moment). Its normals come from the one
// seeded generator (detail::seeded_rng, portable), seeded differently from the library
// simulations they are compared with, so that the two estimates are independent.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "invforecast/detail/ets_intervals.hpp"
#include "invforecast/detail/random.hpp"
#include "invforecast/error.hpp"
#include "invforecast/smoothing/ets.hpp"

using invforecast::ets_model;
using invforecast::ets_options;
using invforecast::ets_spec;
using invforecast::fitted_ets;

namespace {

// A positive weekly series (level 50, season +-10, noise sd 3), the same on every platform
// (detail::seeded_rng).
std::vector<double> demand(std::size_t n) {
  invforecast::detail::seeded_rng g(2024);
  const double pi = 3.14159265358979323846;
  std::vector<double> y(n);
  for (std::size_t t = 0; t < n; ++t) {
    y[t] = 50.0 + 10.0 * std::sin(2.0 * pi * static_cast<double>(t) / 7.0) + 3.0 * g.normal();
  }
  return y;
}

// Fit with the smoothing parameters fixed (the initial states are estimated).
fitted_ets<double> fit_fixed(const char* code, int m, double alpha, double beta, double gamma,
                             double phi) {
  ets_options<double> o;
  o.model = ets_model::parse(code);
  o.season_length = m;
  o.alpha = alpha;
  if (o.model.trend != invforecast::ets_trend::none) o.beta = beta;
  if (o.model.season != invforecast::ets_season::none) o.gamma = gamma;
  if (o.model.damped) o.phi = phi;
  const auto y = demand(140);
  return ets_spec<double>(o).fit(std::span<const double>(y));
}

// Class 1 hand formula from c_1..c_{L-1}: sigma^2 sum_{i=1}^{L} C_{L-i}^2, C_k = 1 + c_1 + ...
// + c_k.
double class1_variance(double sigma2, const std::vector<double>& c, std::size_t L) {
  double total = 0;
  for (std::size_t i = 1; i <= L; ++i) {
    double ck = 1;
    for (std::size_t j = 1; j <= L - i; ++j) ck += c[j];
    total += ck * ck;
  }
  return sigma2 * total;
}

// Sample variances of the running sums S_1..S_L over `paths` simulated paths, with the
// standard error of each: SE(s^2) = sqrt((m4 - s^4) / N), m4 the fourth central moment.
struct sum_moments {
  std::vector<double> variance;
  std::vector<double> se;
};

sum_moments moments_of_sums(const std::vector<std::vector<double>>& sums) {
  const std::size_t L = sums.size();
  sum_moments out{std::vector<double>(L), std::vector<double>(L)};
  for (std::size_t l = 0; l < L; ++l) {
    const auto& s = sums[l];
    const auto n = static_cast<double>(s.size());
    double mean = 0;
    for (const double v : s) mean += v;
    mean /= n;
    double m2 = 0;
    double m4 = 0;
    for (const double v : s) {
      const double d = (v - mean) * (v - mean);
      m2 += d;
      m4 += d * d;
    }
    out.variance[l] = m2 / (n - 1);
    const double var_b = m2 / n;
    out.se[l] = std::sqrt(std::max(0.0, m4 / n - var_b * var_b) / n);
  }
  return out;
}

// This file's own simulator of the multiplicative-error models used below, from the model
// equations (Hyndman et al. 2008, table 2.3), starting at x = (l, [b], s_1..s_m) with s_m the
// seasonal used at step 1. Returns the moments of S_1..S_L over `paths` paths.
sum_moments simulate_sums(const std::string& code, int m, const std::vector<double>& x,
                          double alpha, double beta, double gamma, double phi, double sigma2,
                          std::size_t L, std::size_t paths, std::uint64_t seed) {
  invforecast::detail::seeded_rng g(seed);
  const double sigma = std::sqrt(sigma2);
  const bool trend = code[1] == 'A';
  const bool damped = code.size() == 4;
  const char season = code.back();
  const double ph = damped ? phi : 1.0;
  std::vector<std::vector<double>> sums(L, std::vector<double>(paths));
  std::vector<double> s(static_cast<std::size_t>(m));  // s[0] newest .. s[m-1] used next
  for (std::size_t k = 0; k < paths; ++k) {
    std::size_t at = 0;
    double l = x[at++];
    double b = trend ? x[at++] : 0.0;
    if (season != 'N') {
      for (std::size_t j = 0; j < s.size(); ++j) s[j] = x[at++];
    }
    double total = 0;
    for (std::size_t i = 0; i < L; ++i) {
      const double e = sigma * g.normal();
      const double lb = l + ph * b;  // level + damped trend
      double y = 0;
      if (season == 'N') {
        y = lb * (1 + e);
        l = lb * (1 + alpha * e);
        b = ph * b + beta * lb * e;
      } else if (season == 'A') {  // M,N,A
        const double old = s.back();
        y = (lb + old) * (1 + e);
        l = lb + alpha * (lb + old) * e;
        const double fresh = old + gamma * (lb + old) * e;
        std::rotate(s.rbegin(), s.rbegin() + 1, s.rend());
        s[0] = fresh;
      } else {  // M,N,M
        const double old = s.back();
        y = lb * old * (1 + e);
        l = lb * (1 + alpha * e);
        const double fresh = old * (1 + gamma * e);
        std::rotate(s.rbegin(), s.rbegin() + 1, s.rend());
        s[0] = fresh;
      }
      total += y;
      sums[i][k] = total;
    }
  }
  return moments_of_sums(sums);
}

// The running-sum variances of the library's own simulator (detail::ets_simulate), as the
// forecaster computed lead-time variances of class 2 models before the closed form.
sum_moments library_simulation(const fitted_ets<double>& fit, std::size_t L, int paths,
                               std::uint64_t seed) {
  const auto p = fit.params();
  const invforecast::detail::ets_coefficients<double> c{p.alpha, p.beta.value_or(0.0),
                                                        p.gamma.value_or(0.0), p.phi.value_or(1.0)};
  std::vector<double> out;
  const std::size_t kept = invforecast::detail::ets_simulate(
      fit.model(), fit.season_length(), std::span<const double>(fit.final_states()), c,
      fit.sigma2(), static_cast<int>(L), paths, seed, out);
  std::vector<std::vector<double>> sums(L, std::vector<double>(kept));
  for (std::size_t k = 0; k < kept; ++k) {
    double total = 0;
    for (std::size_t i = 0; i < L; ++i) {
      total += out[k * L + i];
      sums[i][k] = total;
    }
  }
  return moments_of_sums(sums);
}

}  // namespace

TEST_CASE("class 1 lead-time variances equal the hand formula", "[ets][lead-time]") {
  constexpr std::size_t L = 12;
  SECTION("ETS(A,N,N): c_j = alpha, Var = sigma^2 sum_{k=0}^{L-1} (1 + k alpha)^2") {
    const auto fit = fit_fixed("ANN", 1, 0.3, 0, 0, 0);
    const auto v = fit.lead_time_demand_variances(static_cast<int>(L));
    REQUIRE(v.size() == L);
    for (std::size_t l = 1; l <= L; ++l) {
      double want = 0;
      for (std::size_t k = 0; k < l; ++k) {
        want += (1 + static_cast<double>(k) * 0.3) * (1 + static_cast<double>(k) * 0.3);
      }
      want *= fit.sigma2();
      INFO("L = " << l);
      CHECK(v[l - 1] == Approx(want).epsilon(1e-12));  // rounding only
    }
    // L = 3 by hand: sigma^2 (1 + 1.3^2 + 1.6^2) = 5.25 sigma^2.
    CHECK(v[2] == Approx(5.25 * fit.sigma2()).epsilon(1e-12));
  }
  SECTION("ETS(A,Ad,N): c_j = alpha + beta (phi + ... + phi^j)") {
    const double alpha = 0.4;
    const double beta = 0.1;
    const double phi = 0.9;
    const auto fit = fit_fixed("AAdN", 1, alpha, beta, 0, phi);
    std::vector<double> c(L + 1, 0.0);
    double phi_j = 0;
    for (std::size_t j = 1; j <= L; ++j) {
      phi_j += std::pow(phi, static_cast<double>(j));
      c[j] = alpha + beta * phi_j;
    }
    const auto v = fit.lead_time_demand_variances(static_cast<int>(L));
    for (std::size_t l = 1; l <= L; ++l) {
      INFO("L = " << l);
      CHECK(v[l - 1] == Approx(class1_variance(fit.sigma2(), c, l)).epsilon(1e-12));
    }
  }
  SECTION("ETS(A,N,A), m = 4: c_j = alpha + gamma [j mod m = 0]") {
    // The seasonal updated at step t is used again at t + m (not at t + m - 1 as R's class1
    // g vector has it for models without trend).
    const double alpha = 0.3;
    const double gamma = 0.2;
    const auto fit = fit_fixed("ANA", 4, alpha, 0, gamma, 0);
    std::vector<double> c(L + 1, 0.0);
    for (std::size_t j = 1; j <= L; ++j) c[j] = alpha + (j % 4 == 0 ? gamma : 0.0);
    const auto v = fit.lead_time_demand_variances(static_cast<int>(L));
    for (std::size_t l = 1; l <= L; ++l) {
      INFO("L = " << l);
      CHECK(v[l - 1] == Approx(class1_variance(fit.sigma2(), c, l)).epsilon(1e-12));
    }
  }
  SECTION("ETS(A,A,A), m = 4: c_j = alpha + beta j + gamma [j mod m = 0]") {
    const double alpha = 0.3;
    const double beta = 0.05;
    const double gamma = 0.2;
    const auto fit = fit_fixed("AAA", 4, alpha, beta, gamma, 0);
    std::vector<double> c(L + 1, 0.0);
    for (std::size_t j = 1; j <= L; ++j) {
      c[j] = alpha + beta * static_cast<double>(j) + (j % 4 == 0 ? gamma : 0.0);
    }
    const auto v = fit.lead_time_demand_variances(static_cast<int>(L));
    for (std::size_t l = 1; l <= L; ++l) {
      INFO("L = " << l);
      CHECK(v[l - 1] == Approx(class1_variance(fit.sigma2(), c, l)).epsilon(1e-12));
    }
  }
}

TEST_CASE("class 2 lead-time variances agree with a 200000-path simulation", "[ets][lead-time]") {
  // The closed form (sigma^2 sum theta_i C_{L-i}^2) against this file's own simulation of
  // the model equations (200000 paths, 4 standard errors), and the library's simulator (the
  // estimate the forecaster used before: 20000 paths here, 4 standard errors).
  constexpr std::size_t L = 8;
  struct spec {
    const char* code;
    int m;
  };
  for (const spec sp : {spec{"MNN", 1}, spec{"MAdN", 1}, spec{"MNA", 7}}) {
    INFO(sp.code);
    const auto fit = fit_fixed(sp.code, sp.m, 0.3, 0.05, 0.1, 0.9);
    REQUIRE(invforecast::detail::ets_class(fit.model()) == 2);
    const auto p = fit.params();
    const auto closed = fit.lead_time_demand_variances(static_cast<int>(L));
    const auto big =
        simulate_sums(sp.code, sp.m, fit.final_states(), p.alpha, p.beta.value_or(0.0),
                      p.gamma.value_or(0.0), p.phi.value_or(1.0), fit.sigma2(), L, 200000, 77);
    const auto lib = library_simulation(fit, L, 20000, 5);
    for (std::size_t l = 0; l < L; ++l) {
      INFO("L = " << l + 1 << ", closed " << closed[l] << ", simulated " << big.variance[l]
                  << " (SE " << big.se[l] << "), library " << lib.variance[l] << " (SE "
                  << lib.se[l] << ")");
      CHECK(std::abs(closed[l] - big.variance[l]) <= 4 * big.se[l]);
      CHECK(std::abs(closed[l] - lib.variance[l]) <= 4 * lib.se[l]);
    }
  }
}

TEST_CASE("class 3 lead-time variances: simulated, seeded, close to a 200000-path estimate",
          "[ets][lead-time]") {
  // ETS(M,N,M) has no closed form for the sum: one simulation of 5000 paths. It must agree
  // with this file's own 200000-path simulation within 4 standard errors of the difference,
  // sqrt(SE_5000^2 + SE_200000^2) (SE_5000 from the 200000-path sample's moments scaled by
  // sqrt(200000 / 5000)).
  constexpr std::size_t L = 10;
  const auto fit = fit_fixed("MNM", 7, 0.3, 0, 0.1, 0);
  REQUIRE(invforecast::detail::ets_class(fit.model()) == 3);
  const auto p = fit.params();
  const auto a = fit.lead_time_demand_variances(static_cast<int>(L), 7);
  const auto b = fit.lead_time_demand_variances(static_cast<int>(L), 7);
  const auto other = fit.lead_time_demand_variances(static_cast<int>(L), 8);
  CHECK(a == b);      // same seed, same paths
  CHECK(a != other);  // another seed, other paths
  const auto big = simulate_sums("MNM", 7, fit.final_states(), p.alpha, 0.0, *p.gamma, 1.0,
                                 fit.sigma2(), L, 200000, 99);
  for (std::size_t l = 0; l < L; ++l) {
    const double se_small = big.se[l] * std::sqrt(200000.0 / 5000.0);
    const double se = std::sqrt(se_small * se_small + big.se[l] * big.se[l]);
    INFO("L = " << l + 1 << ": " << a[l] << " vs " << big.variance[l] << ", SE " << se);
    CHECK(std::abs(a[l] - big.variance[l]) <= 4 * se);
    if (l > 0) CHECK(a[l] > a[l - 1]);  // positively correlated demands add up
  }
}

TEST_CASE("lead_time_demand_variance(L) is element L of lead_time_demand_variances",
          "[ets][lead-time]") {
  // Identity (bitwise) for the closed forms: the recursions for L <= Lmax do not depend on
  // Lmax.
  for (const char* code : {"ANN", "AAdN", "MNN", "MAdN"}) {
    INFO(code);
    const auto fit = fit_fixed(code, 1, 0.3, 0.05, 0, 0.9);
    const auto all = fit.lead_time_demand_variances(15);
    for (int l = 1; l <= 15; ++l) {
      CHECK(fit.lead_time_demand_variance(l) == all[static_cast<std::size_t>(l - 1)]);
    }
  }
  const auto fit = fit_fixed("ANN", 1, 0.3, 0, 0, 0);
  REQUIRE_THROWS_AS(fit.lead_time_demand_variances(0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(fit.lead_time_demand_variances(-3), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(fit.lead_time_demand_variance(0), invforecast::invalid_argument);
}

TEST_CASE("the simulator's normals are standard normal and reproducible", "[ets][lead-time]") {
  // seeded_rng (polar method): 400000 draws; mean 0 (SE 1/sqrt(N) = 0.0016), variance 1 (SE
  // sqrt(2/N) = 0.0022), P(|z| < 1.959964) = 0.95 (SE sqrt(0.95 * 0.05 / N) = 0.00034),
  // lag-1 correlation 0 (SE 0.0016); 4 SE each. Same seed, same stream.
  invforecast::detail::seeded_rng rng(42);
  invforecast::detail::seeded_rng again(42);
  constexpr int n = 400000;
  double sum = 0;
  double sq = 0;
  double cross = 0;
  double previous = 0;
  int inside = 0;
  bool same = true;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    same = same && z == again.normal();
    sum += z;
    sq += z * z;
    cross += z * previous;
    previous = z;
    if (std::abs(z) < 1.959964) ++inside;
  }
  CHECK(same);
  const double mean = sum / n;
  CHECK(std::abs(mean) <= 4 * 0.0016);
  CHECK(std::abs(sq / n - mean * mean - 1.0) <= 4 * 0.0022);
  CHECK(std::abs(static_cast<double>(inside) / n - 0.95) <= 4 * 0.00034);
  CHECK(std::abs(cross / n) <= 4 * 0.0016);
}

TEST_CASE("lead-time variances compile and run with float", "[ets][lead-time]") {
  ets_options<float> o;
  o.model = ets_model::parse("MNM");
  o.season_length = 7;
  const auto y = demand(70);
  const std::vector<float> yf(y.begin(), y.end());
  const auto fit = ets_spec<float>(o).fit(std::span<const float>(yf));
  const auto v = fit.lead_time_demand_variances(5);
  REQUIRE(v.size() == 5);
  CHECK(v[0] > 0.0f);
  o.model = ets_model::parse("ANN");
  o.season_length = 1;
  const auto ann = ets_spec<float>(o).fit(std::span<const float>(yf));
  CHECK(ann.lead_time_demand_variances(3)[0] == Approx(ann.sigma2()).epsilon(1e-5));
}
