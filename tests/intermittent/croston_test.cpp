#include "invforecast/intermittent/croston.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "support/csv.hpp"

namespace {

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using invforecast::croston;
using invforecast::croston_options;
using invforecast::croston_variant;
using invforecast::detail::seeded_rng;

// The rows of a fixture written by tests/reference/ (header dropped) as string fields.
std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  return invforecast::test::read_fixture("intermittent/" + name);
}

std::map<std::string, std::vector<double>> read_series() {
  std::map<std::string, std::vector<double>> out;
  for (const auto& row : read_csv("croston_series.csv")) out[row[0]].push_back(std::stod(row[2]));
  return out;
}

// Compare with relative tolerance 1e-9 (absolute 1e-12 near zero): the R parity tolerance.
void check_close(double actual, double expected) {
  CHECK_THAT(actual, WithinAbs(expected, 1e-12) || WithinRel(expected, 1e-9));
}

}  // namespace

TEST_CASE("croston matches R forecast::croston fitted values (alpha 0.1 and 0.3)", "[croston]") {
  const auto series = read_series();
  // (series, alpha) -> R fitted values t = 1..n ("NA" at t = 1).
  std::map<std::pair<std::string, double>, std::vector<std::string>> fitted;
  for (const auto& row : read_csv("croston_fitted.csv")) {
    fitted[{row[0], std::stod(row[1])}].push_back(row[3]);
  }
  REQUIRE(fitted.size() == 12);
  for (const auto& [key, values] : fitted) {
    INFO(key.first << " alpha " << key.second);
    const auto& y = series.at(key.first);
    REQUIRE(values.size() == y.size());
    CHECK(values[0] == "NA");
    const auto fit = croston(std::span<const double>(y), {.alpha = key.second});
    REQUIRE(fit.fitted().size() == y.size() - 1);
    for (std::size_t t = 1; t < y.size(); ++t) {
      check_close(fit.fitted()[t - 1], std::stod(values[t]));
      // residual = y - fitted, R's residuals.
      check_close(fit.residuals()[t - 1], y[t] - std::stod(values[t]));
    }
  }
}

TEST_CASE("croston, SBA and SBJ forecasts match R (SBA/SBJ = R's croston times the factor)",
          "[croston]") {
  const auto series = read_series();
  const auto rows = read_csv("croston_forecast.csv");
  REQUIRE(rows.size() == 12 * 5);
  for (const auto& row : rows) {
    const std::string& name = row[0];
    const double alpha = std::stod(row[1]);
    INFO(name << " alpha " << alpha << " h " << row[2]);
    const auto& y = series.at(name);
    const std::span<const double> ys(y);
    const auto h = std::stoi(row[2]);
    const auto classic = croston(ys, {.alpha = alpha}).forecast(h);
    const auto sba = croston(ys, {.variant = croston_variant::sba, .alpha = alpha}).forecast(h);
    const auto sbj = croston(ys, {.variant = croston_variant::sbj, .alpha = alpha}).forecast(h);
    const auto i = static_cast<std::size_t>(h - 1);
    check_close(classic.mean[i], std::stod(row[3]));
    check_close(sba.mean[i], std::stod(row[4]));
    check_close(sbj.mean[i], std::stod(row[5]));
  }
}

TEST_CASE("croston states: hand-worked example", "[croston]") {
  // y = 0 2 0 0 4 0 1 0 0 3, alpha 0.1. Sizes 2, 4, 1, 3; intervals 2, 3, 2, 3.
  // z: 2 -> 2 + 0.1 (4 - 2) = 2.2 -> 2.2 + 0.1 (1 - 2.2) = 2.08 -> 2.08 + 0.1 (3 - 2.08) = 2.172
  // p: 2 -> 2 + 0.1 (3 - 2) = 2.1 -> 2.1 + 0.1 (2 - 2.1) = 2.09 -> 2.09 + 0.1 (3 - 2.09) = 2.181
  const std::vector<double> y{0, 2, 0, 0, 4, 0, 1, 0, 0, 3};
  const auto fit = croston(std::span<const double>(y), {.alpha = 0.1});
  CHECK_THAT(fit.size_level(), WithinAbs(2.172, 1e-12));
  CHECK_THAT(fit.interval_level(), WithinAbs(2.181, 1e-12));
  CHECK_THAT(fit.demand_probability(), WithinAbs(1 / 2.181, 1e-12));
  CHECK(fit.nonzero() == 4);
  CHECK(fit.nobs() == 10);
  CHECK_FALSE(fit.alpha_optimised());
  CHECK(fit.bias_factor() == 1.0);

  // Interval model: q = 1/2.181, sizes {1, 2, 3, 4} (mean 2.5) scaled by
  // s = mean / (q * 2.5) = (2.172 / 2.181) / (2.5 / 2.181) = 2.172 / 2.5 = 0.8688.
  // P(0) = 1 - q = 0.541494727...
  // 80 %: lower u = 0.1 <= P(0) -> 0; upper u = 0.9: r = (0.9 - P(0)) / q = 0.78190,
  //   4 r = 3.13 -> 4th size 4 -> 4 * 0.8688 = 3.4752.
  // 50 %: upper u = 0.75: r = 0.45475, 4 r = 1.82 -> 2nd size 2 -> 1.7376.
  const std::vector<double> levels{0.5, 0.8, 0.95};
  const auto fc = fit.forecast(3, levels);
  REQUIRE(fc.horizon() == 3);
  for (std::size_t h = 0; h < 3; ++h) {
    CHECK_THAT(fc.mean[h], WithinAbs(2.172 / 2.181, 1e-12));
    CHECK(fc.interval(0.5).lower[h] == 0.0);
    CHECK_THAT(fc.interval(0.5).upper[h], WithinAbs(1.7376, 1e-12));
    CHECK(fc.interval(0.8).lower[h] == 0.0);
    CHECK_THAT(fc.interval(0.8).upper[h], WithinAbs(3.4752, 1e-12));
    CHECK_THAT(fc.interval(0.95).upper[h], WithinAbs(3.4752, 1e-12));
  }
  // Variance of one period: q s^2 mean(x^2) - mean^2, mean(x^2) = (1 + 4 + 9 + 16) / 4 = 7.5.
  const double q = 1 / 2.181;
  const double mean = 2.172 / 2.181;
  const double var = q * 0.8688 * 0.8688 * 7.5 - mean * mean;
  CHECK_THAT(fit.demand_variance(), WithinAbs(var, 1e-12));
  CHECK_THAT(fit.lead_time_demand_variance(7), WithinAbs(7 * var, 1e-11));
}

TEST_CASE("croston: single non-zero value, series starting with zeros", "[croston]") {
  // y = 0 0 0 6 0 0: z = 6, p = 4 (first interval counted from the start), forecast 1.5 (R).
  const std::vector<double> y{0, 0, 0, 6, 0, 0};
  const auto fit = croston(std::span<const double>(y), {.alpha = 0.1});
  CHECK(fit.size_level() == 6.0);
  CHECK(fit.interval_level() == 4.0);
  // q = 0.25, one size 6, scale 1.5 / (0.25 * 6) = 1: P(0) = 0.75, so lower = 0 and the upper
  // bound (u = 0.9 and 0.975 > 0.75) is the only size, 6.
  const auto fc = fit.forecast(2);
  CHECK(fc.mean == std::vector<double>{1.5, 1.5});
  CHECK(fc.interval(0.8).lower == std::vector<double>{0, 0});
  CHECK(fc.interval(0.8).upper == std::vector<double>{6, 6});
  CHECK(fc.interval(0.95).upper == std::vector<double>{6, 6});
  // variance 0.25 * 36 - 1.5^2 = 6.75.
  CHECK_THAT(fit.demand_variance(), WithinAbs(6.75, 1e-12));
  // Fewer than two demands: the MSE does not depend on alpha -> alpha = 0.1 (documented).
  const auto opt = croston(std::span<const double>(y));
  CHECK(opt.alpha_optimised());
  CHECK_THAT(opt.alpha(), WithinAbs(0.1, 1e-15));
}

TEST_CASE("croston: all zeros forecast 0 with zero intervals", "[croston]") {
  const std::vector<double> y(30, 0.0);
  for (const auto variant :
       {croston_variant::classic, croston_variant::sba, croston_variant::sbj}) {
    const auto fit = croston(std::span<const double>(y), {.variant = variant});
    CHECK(fit.nonzero() == 0);
    CHECK(fit.demand_probability() == 0.0);
    CHECK(fit.mse() == 0.0);
    CHECK(fit.demand_variance() == 0.0);
    for (const double f : fit.fitted()) CHECK(f == 0.0);
    const auto fc = fit.forecast(5);
    for (std::size_t h = 0; h < 5; ++h) {
      CHECK(fc.mean[h] == 0.0);
      for (const auto& pi : fc.intervals) {
        CHECK(pi.lower[h] == 0.0);
        CHECK(pi.upper[h] == 0.0);
      }
    }
  }
  // n = 1.
  const std::vector<double> one{4.0};
  const auto fit = croston(std::span<const double>(one));
  CHECK(fit.fitted().empty());
  CHECK(fit.mse() == 0.0);
  CHECK(fit.forecast(1).mean[0] == 4.0);  // z = 4, p = 1
}

TEST_CASE("croston: optimised alpha is in bounds and not worse than a fine grid", "[croston]") {
  const auto series = read_series();
  for (const auto* name : {"bern30", "lumpy180", "smooth40", "small"}) {
    INFO(name);
    const auto& y = series.at(name);
    const std::span<const double> ys(y);
    for (const auto variant :
         {croston_variant::classic, croston_variant::sba, croston_variant::sbj}) {
      const auto fit = croston(ys, {.variant = variant});
      CHECK(fit.alpha_optimised());
      CHECK(fit.alpha() >= 0.01);
      CHECK(fit.alpha() <= 0.99);
      double best = std::numeric_limits<double>::infinity();
      for (int i = 0; i <= 980; ++i) {
        const double a = 0.01 + 0.001 * i;
        best = std::min(best, croston(ys, {.variant = variant, .alpha = a}).mse());
      }
      // Tolerance: within 0.1 % of the best of 981 grid points.
      CHECK(fit.mse() <= best * (1 + 1e-3));
      // The fitted model is the fixed-alpha model at the chosen alpha.
      CHECK(fit.mse() == croston(ys, {.variant = variant, .alpha = fit.alpha()}).mse());
    }
  }
  // Custom bounds are honoured.
  const auto fit = croston(std::span<const double>(series.at("bern30")),
                           {.alpha_lower = 0.2, .alpha_upper = 0.3});
  CHECK(fit.alpha() >= 0.2);
  CHECK(fit.alpha() <= 0.3);
}

TEST_CASE("croston intervals: exact quantiles of the stated model, monotone in level, seed",
          "[croston]") {
  // Stationary intermittent demand: occurrence Bernoulli(0.25), size 1 + Poisson(4).
  seeded_rng rng(12345);
  std::vector<double> train(400);
  for (auto& v : train) v = rng.bernoulli(0.25) ? 1.0 + static_cast<double>(rng.poisson(4.0)) : 0.0;
  const auto fit = croston(std::span<const double>(train), {.alpha = 0.1});
  const std::vector<double> levels{0.5, 0.8, 0.9, 0.95, 0.99};
  const auto fc = fit.forecast(1, levels);
  // Monotone: wider level -> lower bound not higher, upper bound not lower.
  for (std::size_t i = 1; i < levels.size(); ++i) {
    CHECK(fc.intervals[i].lower[0] <= fc.intervals[i - 1].lower[0]);
    CHECK(fc.intervals[i].upper[0] >= fc.intervals[i - 1].upper[0]);
    CHECK(fc.intervals[i].lower[0] >= 0.0);
  }
  // Monte Carlo of the documented model: 0 with probability 1 - q (q = 1/p), else an observed
  // non-zero size (uniformly) times s, s chosen so the model mean equals the point forecast.
  std::vector<double> sizes;
  for (const double v : train) {
    if (v > 0) sizes.push_back(v);
  }
  double size_mean = 0;
  for (const double v : sizes) size_mean += v;
  size_mean /= static_cast<double>(sizes.size());
  const double q = fit.demand_probability();
  const double s = fc.mean[0] / (q * size_mean);
  const int draws = 200000;
  std::vector<double> sample(draws);
  double sample_mean = 0;
  for (auto& v : sample) {
    v = rng.bernoulli(q) ? s * sizes[rng.below(sizes.size())] : 0.0;
    sample_mean += v;
  }
  sample_mean /= draws;
  // The model mean is the point forecast (sd of the sample mean ~ 0.006; tolerance 2 %).
  CHECK_THAT(sample_mean, WithinRel(fc.mean[0], 0.02));
  for (const auto& pi : fc.intervals) {
    INFO("level " << pi.level);
    double above = 0;
    double at_or_above = 0;
    double below = 0;
    for (const double v : sample) {
      above += v > pi.upper[0] * (1 + 1e-12) ? 1 : 0;
      at_or_above += v >= pi.upper[0] * (1 - 1e-12) ? 1 : 0;
      below += v < pi.lower[0] * (1 - 1e-12) ? 1 : 0;
    }
    above /= draws;
    at_or_above /= draws;
    below /= draws;
    const double tail = (1 - pi.level) / 2;
    // Exact quantile U = Q((1 + level)/2): P(Y > U) <= tail <= P(Y >= U); the same for the
    // lower bound. Sampling tolerance 0.003 (sd of a frequency over 2e5 draws <= 0.0012).
    CHECK(above <= tail + 0.003);
    CHECK(at_or_above >= tail - 0.003);
    CHECK(below <= tail + 0.003);
  }
  // Seed: documented as unused (exact quantiles) -> identical for any seed.
  const auto a = fit.forecast(4, levels, 1);
  const auto b = fit.forecast(4, levels, 987654321);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    CHECK(a.intervals[i].lower == b.intervals[i].lower);
    CHECK(a.intervals[i].upper == b.intervals[i].upper);
  }
}

TEST_CASE("croston intervals: coverage of future demand over repeated samples", "[croston]") {
  // 300 training series of 1000 periods from the same process (Bernoulli(0.25) occurrence,
  // size 1 + Poisson(4)), alpha 0.02; each interval is scored on 200 future periods. Pooled
  // frequencies include the estimation error of z and p. Tolerance 0.02 on each tail (pooled
  // sd of a frequency ~0.002 plus the remaining estimation bias).
  seeded_rng rng(99);
  const auto draw = [&] {
    return rng.bernoulli(0.25) ? 1.0 + static_cast<double>(rng.poisson(4.0)) : 0.0;
  };
  const std::vector<double> levels{0.8, 0.95};
  std::vector<double> above(2), below(2);
  double mean_sum = 0;
  std::vector<double> train(1000);
  const int reps = 300;
  const int future = 200;
  for (int r = 0; r < reps; ++r) {
    for (auto& v : train) v = draw();
    const auto fc = croston(std::span<const double>(train), {.alpha = 0.02}).forecast(1, levels);
    mean_sum += fc.mean[0];
    for (int k = 0; k < future; ++k) {
      const double v = draw();
      for (std::size_t i = 0; i < 2; ++i) {
        above[i] += v > fc.intervals[i].upper[0] ? 1 : 0;
        below[i] += v < fc.intervals[i].lower[0] ? 1 : 0;
      }
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    INFO("level " << levels[i]);
    const double n = reps * future;
    CHECK(above[i] / n <= (1 - levels[i]) / 2 + 0.02);
    CHECK(below[i] / n <= (1 - levels[i]) / 2 + 0.02);
    CHECK(1 - (above[i] + below[i]) / n >= levels[i] - 0.02);
  }
  // Mean demand 0.25 * 5 = 1.25; classic Croston's bias is about alpha/2 = 1 % (tol 3 %).
  CHECK_THAT(mean_sum / reps, WithinRel(1.25, 0.03));
}

TEST_CASE("croston: scale equivariance with huge values 1e12", "[croston]") {
  const auto series = read_series();
  const auto& y = series.at("bern30");
  std::vector<double> big(y);
  for (auto& v : big) v *= 1e12;
  const auto small = croston(std::span<const double>(y), {.alpha = 0.1}).forecast(3);
  const auto large = croston(std::span<const double>(big), {.alpha = 0.1}).forecast(3);
  for (std::size_t h = 0; h < 3; ++h) {
    // Scaling y by c scales z, the forecast and the quantiles by c (relative 1e-12).
    CHECK_THAT(large.mean[h], WithinRel(small.mean[h] * 1e12, 1e-12));
    CHECK_THAT(large.interval(0.95).upper[h],
               WithinRel(small.interval(0.95).upper[h] * 1e12, 1e-12));
  }
  // Optimised alpha: the MSE scales by c^2, so the same alpha (up to the search tolerance).
  const auto a_small = croston(std::span<const double>(y)).alpha();
  const auto a_big = croston(std::span<const double>(big)).alpha();
  CHECK_THAT(a_big, WithinAbs(a_small, 1e-5));
}

TEST_CASE("croston: errors", "[croston]") {
  const std::vector<double> empty;
  REQUIRE_THROWS_AS(croston(std::span<const double>(empty)), invforecast::insufficient_data);
  const std::vector<double> negative{0, 1, 0, -1};
  REQUIRE_THROWS_AS(croston(std::span<const double>(negative)), invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(croston(std::span<const double>(negative)),
                      Catch::Contains("y[3] = -1") && Catch::Contains("croston"));
  const std::vector<double> nan{0, std::nan(""), 1};
  REQUIRE_THROWS_WITH(croston(std::span<const double>(nan)), Catch::Contains("y[1] = nan"));
  const std::vector<double> inf{std::numeric_limits<double>::infinity()};
  REQUIRE_THROWS_WITH(croston(std::span<const double>(inf)), Catch::Contains("y[0] = inf"));
  const std::vector<double> y{0, 1, 0, 2};
  const std::span<const double> ys(y);
  REQUIRE_THROWS_AS(croston(ys, {.alpha = 1.5}), invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(croston(ys, {.alpha = -0.1}), Catch::Contains("alpha = -0.1"));
  REQUIRE_THROWS_AS(croston(ys, {.alpha_lower = 0.5, .alpha_upper = 0.4}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(croston(ys, {.alpha_lower = -0.5}), invforecast::invalid_argument);
  const auto fit = croston(ys, {.alpha = 0.1});
  REQUIRE_THROWS_AS(fit.forecast(0), invforecast::invalid_argument);
  const std::vector<double> bad_level{0.8, 1.0};
  REQUIRE_THROWS_WITH(fit.forecast(3, bad_level), Catch::Contains("levels[1] = 1"));
  REQUIRE_THROWS_AS(fit.lead_time_demand_variance(0), invforecast::invalid_argument);
}

TEST_CASE("croston: float instantiation", "[croston]") {
  const std::vector<float> y{0, 2, 0, 0, 4, 0, 1, 0, 0, 3};
  const auto fit = croston<float>(y, {.variant = croston_variant::sba});
  const auto fc = fit.forecast(2);
  // Same hand-worked states as the double case at alpha 0.1 (float precision 1e-5).
  const auto fixed = croston<float>(y, {.alpha = 0.1f});
  CHECK_THAT(static_cast<double>(fixed.forecast(1).mean[0]), WithinAbs(2.172 / 2.181, 1e-5));
  CHECK(fc.horizon() == 2);
  CHECK(fc.mean[0] >= 0.0f);
}

TEST_CASE("croston: the optimiser's O(demands) objective equals the full recursion", "[croston]") {
  // Identity: both compute the sum of squared one-step errors over periods 2..n (rel 1e-12).
  const auto series = read_series();
  for (const auto& [name, y] : series) {
    INFO(name);
    const std::span<const double> ys(y);
    const auto points = invforecast::detail::intermittent::demand_points(ys);
    for (const double a : {0.0, 0.05, 0.3, 1.0}) {
      for (const double factor : {1.0, 1 - a / 2}) {
        double z = 0;
        double p = 0;
        const double full = invforecast::detail::intermittent::croston_recursion<double>(
            ys, a, factor, z, p, nullptr);
        const double sparse = invforecast::detail::intermittent::croston_sse(
            std::span<const invforecast::detail::intermittent::demand_point<double>>(points),
            y.size(), a, factor);
        CHECK_THAT(sparse, WithinAbs(full, 1e-12) || WithinRel(full, 1e-12));
      }
    }
  }
}

TEST_CASE("croston: an interval bound on a step of the cdf is that step (R type 1)",
          "[croston][quantile]") {
  // Sizes 1..5, one demand every 4 periods: p = 4 exactly, q = 1/4. One period's demand is
  // 0 w.p. 3/4, else s * {1, 2, 3, 4, 5} each w.p. 1/20, with s = mean / (q * 3), so
  // F(3 s) = 3/4 + 3/20 = 0.9 exactly: the 80 % upper bound (u = 0.9) is 3 s = 4 mean, the
  // smallest x with F(x) >= 0.9 (the type-1 quantile of detail/quantile.hpp). Computed as
  // ceil(20 r) without type 1's tolerance, r = (0.9 - 0.75) / 0.25 = 0.6000000000000001 gave
  // the next size, 4 s.
  std::vector<double> y;
  for (const double s : {2.0, 5.0, 1.0, 4.0, 3.0}) {
    y.insert(y.end(), {0.0, 0.0, 0.0, s});
  }
  const auto fit = croston(y, {.alpha = 0.2});
  REQUIRE(fit.interval_level() == 4.0);
  const auto fc = fit.forecast(2, std::vector<double>{0.8});
  const double mean = fc.mean[0];
  CHECK_THAT(fc.intervals[0].upper[0], WithinRel(4 * mean, 1e-14));
  CHECK(fc.intervals[0].lower[0] == 0.0);  // (1 - 0.8) / 2 = 0.1 <= P(0) = 0.75
}
