#include "invforecast/intermittent/tsb.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "invforecast/intermittent/croston.hpp"

namespace {
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using invforecast::tsb;
using invforecast::detail::seeded_rng;
}  // namespace

TEST_CASE("tsb: hand-worked example", "[tsb]") {
  // y = 0 3 0 0 5 0, alpha (probability) 0.2, beta (size) 0.5.
  // t=0: no demand yet -> nothing forecast (0).
  // t=1: first demand: z = 3, p = 1/(1+1) = 0.5                 -> forecast for t=2: 1.5
  // t=2: y = 0: p = 0.5 - 0.2*0.5 = 0.4                        -> forecast for t=3: 1.2
  // t=3: y = 0: p = 0.4 - 0.2*0.4 = 0.32                       -> forecast for t=4: 0.96
  // t=4: y = 5: p = 0.32 + 0.2*(1 - 0.32) = 0.456, z = 3 + 0.5*(5 - 3) = 4 -> 1.824
  // t=5: y = 0: p = 0.456 - 0.2*0.456 = 0.3648                 -> forecast 0.3648*4 = 1.4592
  const std::vector<double> y{0, 3, 0, 0, 5, 0};
  const auto fit = tsb(std::span<const double>(y), {.alpha = 0.2, .beta = 0.5});
  const std::vector<double> expected{0, 1.5, 1.2, 0.96, 1.824};
  REQUIRE(fit.fitted().size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK_THAT(fit.fitted()[i], WithinAbs(expected[i], 1e-12));
    CHECK_THAT(fit.residuals()[i], WithinAbs(y[i + 1] - expected[i], 1e-12));
  }
  CHECK_THAT(fit.demand_probability(), WithinAbs(0.3648, 1e-12));
  CHECK_THAT(fit.size_level(), WithinAbs(4.0, 1e-12));
  // mse over periods 2..6: (3^2 + 1.5^2 + 1.2^2 + (5-0.96)^2 + 1.824^2) / 5
  const double mse = (9 + 2.25 + 1.44 + 4.04 * 4.04 + 1.824 * 1.824) / 5;
  CHECK_THAT(fit.mse(), WithinAbs(mse, 1e-12));
  CHECK(fit.alpha() == 0.2);
  CHECK(fit.beta() == 0.5);
  CHECK_FALSE(fit.alpha_optimised());

  // Intervals: q = 0.3648, sizes {3, 5} (mean 4) scaled by z / 4 = 1. P(0) = 0.6352.
  // 80 %: upper u = 0.9: r = (0.9 - 0.6352) / 0.3648 = 0.7259, 2 r = 1.45 -> 2nd size 5.
  // 50 %: upper u = 0.75: r = 0.3147, 2 r = 0.63 -> 1st size 3. Lower bounds 0 (u < P(0)).
  const std::vector<double> levels{0.5, 0.8};
  const auto fc = fit.forecast(4, levels);
  for (std::size_t h = 0; h < 4; ++h) {
    CHECK_THAT(fc.mean[h], WithinAbs(1.4592, 1e-12));
    CHECK(fc.interval(0.5).lower[h] == 0.0);
    CHECK_THAT(fc.interval(0.5).upper[h], WithinAbs(3.0, 1e-12));
    CHECK(fc.interval(0.8).lower[h] == 0.0);
    CHECK_THAT(fc.interval(0.8).upper[h], WithinAbs(5.0, 1e-12));
  }
  // Variance of one period: q * mean(x^2) - mean^2 = 0.3648 * 17 - 1.4592^2.
  CHECK_THAT(fit.demand_variance(), WithinAbs(0.3648 * 17 - 1.4592 * 1.4592, 1e-12));
  CHECK_THAT(fit.lead_time_demand_variance(3),
             WithinAbs(3 * (0.3648 * 17 - 1.4592 * 1.4592), 1e-12));
}

TEST_CASE("tsb: forecast decays geometrically after demand stops", "[tsb]") {
  // After k zero periods the probability is p (1 - alpha)^k and the size is unchanged.
  std::vector<double> y{4, 4, 4, 4};
  const auto before = tsb(std::span<const double>(y), {.alpha = 0.3, .beta = 0.2});
  for (int k = 0; k < 10; ++k) y.push_back(0);
  const auto after = tsb(std::span<const double>(y), {.alpha = 0.3, .beta = 0.2});
  // Before: p = 1 from the first demand (1/1) and stays 1; z = 4.
  CHECK_THAT(before.demand_probability(), WithinAbs(1.0, 1e-15));
  CHECK_THAT(after.demand_probability(), WithinAbs(std::pow(0.7, 10), 1e-14));
  CHECK_THAT(after.forecast(1).mean[0], WithinAbs(4 * std::pow(0.7, 10), 1e-13));
}

TEST_CASE("tsb agrees with croston right after the first demand", "[tsb]") {
  // Both start from the first size and first interval: forecast y[f] / (f + 1).
  const std::vector<double> y{0, 0, 0, 0, 7, 0, 0, 3};
  const auto t = tsb(std::span<const double>(y), {.alpha = 0.1, .beta = 0.1});
  const auto c = invforecast::croston(std::span<const double>(y), {.alpha = 0.1});
  // fitted()[4] predicts y[5] from y[0..4]: 7 / 5 = 1.4 for both.
  CHECK_THAT(t.fitted()[4], WithinAbs(1.4, 1e-15));
  CHECK_THAT(c.fitted()[4], WithinAbs(1.4, 1e-15));
  for (std::size_t i = 0; i < 4; ++i) CHECK(t.fitted()[i] == 0.0);
}

TEST_CASE("tsb: optimised parameters in bounds and not worse than a fine grid", "[tsb]") {
  seeded_rng rng(7);
  std::vector<double> y(120);
  for (auto& v : y) v = rng.bernoulli(0.3) ? 1.0 + static_cast<double>(rng.poisson(5.0)) : 0.0;
  const std::span<const double> ys(y);
  const auto fit = tsb(ys);
  CHECK(fit.alpha_optimised());
  CHECK(fit.beta_optimised());
  CHECK(fit.alpha() >= 0.01);
  CHECK(fit.alpha() <= 0.99);
  CHECK(fit.beta() >= 0.01);
  CHECK(fit.beta() <= 0.99);
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= 98; ++i) {
    for (int j = 0; j <= 98; ++j) {
      best = std::min(best, tsb(ys, {.alpha = 0.01 + 0.01 * i, .beta = 0.01 + 0.01 * j}).mse());
    }
  }
  // Tolerance: within 0.5 % of the best of a 99 x 99 grid.
  CHECK(fit.mse() <= best * 1.005);
  // One parameter fixed, the other optimised.
  const auto only_beta = tsb(ys, {.alpha = 0.1});
  CHECK_FALSE(only_beta.alpha_optimised());
  CHECK(only_beta.beta_optimised());
  for (int j = 0; j <= 98; ++j) {
    CHECK(only_beta.mse() <= tsb(ys, {.alpha = 0.1, .beta = 0.01 + 0.01 * j}).mse() * (1 + 1e-9));
  }
  const auto only_alpha = tsb(ys, {.beta = 0.1});
  CHECK(only_alpha.alpha_optimised());
  CHECK_FALSE(only_alpha.beta_optimised());
  for (int i = 0; i <= 98; ++i) {
    CHECK(only_alpha.mse() <= tsb(ys, {.alpha = 0.01 + 0.01 * i, .beta = 0.1}).mse() * (1 + 1e-9));
  }
}

TEST_CASE("tsb: all zeros, single value, huge values", "[tsb]") {
  const std::vector<double> zeros(20, 0.0);
  const auto z = tsb(std::span<const double>(zeros));
  const auto fc = z.forecast(3);
  for (std::size_t h = 0; h < 3; ++h) {
    CHECK(fc.mean[h] == 0.0);
    for (const auto& pi : fc.intervals) {
      CHECK(pi.lower[h] == 0.0);
      CHECK(pi.upper[h] == 0.0);
    }
  }
  CHECK(z.demand_variance() == 0.0);
  // Objective independent of the parameters -> 0.1 each (documented).
  CHECK_THAT(z.alpha(), WithinAbs(0.1, 1e-15));
  CHECK_THAT(z.beta(), WithinAbs(0.1, 1e-15));

  const std::vector<double> single{0, 0, 9, 0};
  // First demand at index 2: p = 1/3, z = 9; then one zero: p = (1/3)(1 - 0.5).
  const auto s = tsb(std::span<const double>(single), {.alpha = 0.5, .beta = 0.5});
  CHECK_THAT(s.forecast(1).mean[0], WithinAbs(9.0 / 6.0, 1e-14));

  std::vector<double> y{0, 3, 0, 0, 5, 0};
  for (auto& v : y) v *= 1e12;
  const auto big = tsb(std::span<const double>(y), {.alpha = 0.2, .beta = 0.5});
  // 1.4592 from the hand-worked example, scaled (relative 1e-12).
  CHECK_THAT(big.forecast(1).mean[0], WithinRel(1.4592e12, 1e-12));
  CHECK_THAT(big.forecast(1).interval(0.8).upper[0], WithinRel(5e12, 1e-12));
}

TEST_CASE("tsb: the optimiser's O(demands) objective equals the full recursion", "[tsb]") {
  // Identity: both are the sum of squared one-step errors over periods 2..n (rel 1e-12).
  namespace di = invforecast::detail::intermittent;
  seeded_rng rng(3);
  std::vector<double> y(150);
  for (auto& v : y) v = rng.bernoulli(0.2) ? 3.0 + static_cast<double>(rng.below(7)) : 0.0;
  y[0] = 0;
  y[149] = 0;
  const std::span<const double> ys(y);
  const auto points = di::demand_points(ys);
  std::vector<double> buffers(2 * 151);
  for (const double a : {0.0, 0.01, 0.3, 1.0}) {
    for (const double b : {0.0, 0.2, 1.0}) {
      double p = 0;
      double z = 0;
      const double full = di::tsb_recursion<double>(ys, a, b, p, z, nullptr);
      const double sparse = di::tsb_sse(std::span<const di::demand_point<double>>(points), y.size(),
                                        a, b, std::span<double>(buffers.data(), 151),
                                        std::span<double>(buffers.data() + 151, 151));
      CHECK_THAT(sparse, WithinAbs(full, 1e-12) || WithinRel(full, 1e-12));
    }
  }
}

TEST_CASE("tsb: errors", "[tsb]") {
  const std::vector<double> empty;
  REQUIRE_THROWS_AS(tsb(std::span<const double>(empty)), invforecast::insufficient_data);
  const std::vector<double> negative{0, 1, -2.5};
  REQUIRE_THROWS_WITH(tsb(std::span<const double>(negative)),
                      Catch::Contains("tsb") && Catch::Contains("y[2] = -2.5"));
  const std::vector<double> nan{std::nan("")};
  REQUIRE_THROWS_AS(tsb(std::span<const double>(nan)), invforecast::invalid_argument);
  const std::vector<double> y{0, 1, 0, 2};
  const std::span<const double> ys(y);
  REQUIRE_THROWS_WITH(tsb(ys, {.alpha = 1.2}), Catch::Contains("alpha = 1.2"));
  REQUIRE_THROWS_WITH(tsb(ys, {.beta = -1}), Catch::Contains("beta = -1"));
  REQUIRE_THROWS_AS(tsb(ys, {.lower = 0.6, .upper = 0.5}), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(tsb(ys, {.upper = 2}), invforecast::invalid_argument);
  const auto fit = tsb(ys, {.alpha = 0.1, .beta = 0.1});
  REQUIRE_THROWS_AS(fit.forecast(-1), invforecast::invalid_argument);
  const std::vector<double> bad_level{0.0};
  REQUIRE_THROWS_AS(fit.forecast(2, bad_level), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(fit.lead_time_demand_variance(0), invforecast::invalid_argument);
}

TEST_CASE("tsb: float instantiation", "[tsb]") {
  const std::vector<float> y{0, 3, 0, 0, 5, 0};
  const auto fit = tsb<float>(y, {.alpha = 0.2f, .beta = 0.5f});
  // Hand-worked value 1.4592 (float tolerance 1e-5).
  CHECK_THAT(static_cast<double>(fit.forecast(1).mean[0]), WithinAbs(1.4592, 1e-5));
  const auto opt = tsb<float>(y);
  CHECK(opt.forecast(2).horizon() == 2);
}
