#include "invforecast/smoothing/moving_average.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <vector>

#include "invforecast/detail/random.hpp"

namespace {
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using invforecast::moving_average;
using invforecast::moving_average_options;

// Inverse normal at 0.975 and 0.9 (method-notes.md / R qnorm).
constexpr double z975 = 1.959963984540054;
constexpr double z90 = 1.2815515655446004;
}  // namespace

TEST_CASE("moving_average: hand-worked equal weights", "[moving_average]") {
  // y = 2 4 6 8 10, w = 2. Fitted (from t = 3): (2+4)/2 = 3, (4+6)/2 = 5, (6+8)/2 = 7;
  // errors 3, 3, 3 -> MSE 9. Sum w^2 = 0.5, sigma^2 = 9 / 1.5 = 6, v = 6 * 1.5 = 9.
  // Forecast (8+10)/2 = 9; 95 %: 9 -/+ 1.959964 * 3; 80 %: 9 -/+ 1.281552 * 3.
  const std::vector<double> y{2, 4, 6, 8, 10};
  const auto fit = moving_average(std::span<const double>(y), {.window = 2});
  CHECK(fit.window() == 2);
  CHECK(fit.nobs() == 5);
  CHECK(fit.fitted() == std::vector<double>{3, 5, 7});
  CHECK(fit.residuals() == std::vector<double>{3, 3, 3});
  CHECK_THAT(fit.one_step_mse(), WithinAbs(9.0, 1e-14));
  CHECK_THAT(fit.weight_sum_of_squares(), WithinAbs(0.5, 1e-15));
  CHECK_THAT(fit.sigma2(), WithinAbs(6.0, 1e-14));
  CHECK_THAT(fit.forecast_variance(), WithinAbs(9.0, 1e-14));
  CHECK_THAT(fit.level(), WithinAbs(9.0, 1e-15));
  // Lead time 3: sigma^2 (L + L^2 sum w^2) = 6 (3 + 9 * 0.5) = 45.
  CHECK_THAT(fit.lead_time_demand_variance(3), WithinAbs(45.0, 1e-12));

  const auto fc = fit.forecast(90);
  REQUIRE(fc.horizon() == 90);
  for (std::size_t h = 0; h < 90; ++h) {
    // The same for every step: the ERP's sqrt(h) growth is the defect not repeated.
    CHECK(fc.mean[h] == fit.level());
    CHECK_THAT(fc.interval(0.95).lower[h], WithinAbs(9 - z975 * 3, 1e-12));
    CHECK_THAT(fc.interval(0.95).upper[h], WithinAbs(9 + z975 * 3, 1e-12));
    CHECK_THAT(fc.interval(0.8).lower[h], WithinAbs(9 - z90 * 3, 1e-12));
    CHECK_THAT(fc.interval(0.8).upper[h], WithinAbs(9 + z90 * 3, 1e-12));
  }
}

TEST_CASE("moving_average: hand-worked weighted (newest last)", "[moving_average]") {
  // y = 1..6, w = 3, weights 1 2 3 -> 1/6, 2/6, 3/6 (newest 3/6). Sum w^2 = 14/36.
  // Fitted: (1 + 4 + 9)/6 = 14/6 for y=4; (2 + 6 + 12)/6 = 20/6 for y=5; 26/6 for y=6;
  // errors 10/6 each -> MSE 100/36 = 25/9. sigma^2 = (25/9) / (50/36) = 2.
  // Forecast (4 + 10 + 18)/6 = 32/6.
  const std::vector<double> y{1, 2, 3, 4, 5, 6};
  const auto fit = moving_average(std::span<const double>(y), {.window = 3, .weights = {1, 2, 3}});
  REQUIRE(fit.weights().size() == 3);
  CHECK_THAT(fit.weights()[0], WithinAbs(1.0 / 6, 1e-15));
  CHECK_THAT(fit.weights()[2], WithinAbs(0.5, 1e-15));
  CHECK_THAT(fit.weight_sum_of_squares(), WithinAbs(14.0 / 36, 1e-15));
  CHECK_THAT(fit.fitted()[0], WithinAbs(14.0 / 6, 1e-14));
  CHECK_THAT(fit.fitted()[2], WithinAbs(26.0 / 6, 1e-14));
  CHECK_THAT(fit.one_step_mse(), WithinAbs(25.0 / 9, 1e-13));
  CHECK_THAT(fit.sigma2(), WithinAbs(2.0, 1e-13));
  CHECK_THAT(fit.level(), WithinAbs(32.0 / 6, 1e-14));
  // Equal caller weights give the unweighted average exactly.
  const auto eq = moving_average(std::span<const double>(y), {.window = 3, .weights = {2, 2, 2}});
  const auto plain = moving_average(std::span<const double>(y), {.window = 3});
  CHECK_THAT(eq.level(), WithinAbs(plain.level(), 1e-14));
  CHECK_THAT(eq.sigma2(), WithinAbs(plain.sigma2(), 1e-13));
}

TEST_CASE("moving_average: lower bound truncated at zero", "[moving_average]") {
  // y = 0 4 0 4 0, w = 2: fitted 2, 2, 2 for 0, 4, 0 -> errors -2, 2, -2, MSE 4, v = 4.
  // Forecast 2; 95 %: 2 - 1.96 * 2 < 0 -> 0; upper 2 + 1.959964 * 2.
  const std::vector<double> y{0, 4, 0, 4, 0};
  const auto fc = moving_average(std::span<const double>(y), {.window = 2}).forecast(1);
  CHECK(fc.interval(0.95).lower[0] == 0.0);
  CHECK_THAT(fc.interval(0.95).upper[0], WithinAbs(2 + z975 * 2, 1e-12));
}

TEST_CASE("moving_average: coverage does not depend on the step (simulation)", "[moving_average]") {
  // 4000 independent series y_t = 50 + N(0, 4^2), n = 60, w = 7 (equal) and weights 1..7.
  // For each, draw y_{n+1} and y_{n+30} and the lead-time total over 5 periods. With the
  // variance sigma^2 (1 + sum w^2), 80 % and 95 % coverage hold at h = 1 and h = 30 alike.
  // Tolerance 0.02 (sd of a frequency over 4000 draws <= 0.0063, plus the t-vs-normal effect).
  for (const bool weighted : {false, true}) {
    INFO("weighted " << weighted);
    invforecast::detail::seeded_rng rng(2024);
    const auto noise = [](invforecast::detail::seeded_rng& g) { return 4.0 * g.normal(); };
    moving_average_options<double> options{.window = 7};
    if (weighted) options.weights = {1, 2, 3, 4, 5, 6, 7};
    const int series = 4000;
    double in80_h1 = 0, in95_h1 = 0, in80_h30 = 0, in95_h30 = 0;
    double sigma2_sum = 0, ltd_sq = 0, ltd_var_sum = 0;
    std::vector<double> y(60);
    for (int s = 0; s < series; ++s) {
      for (auto& v : y) v = 50 + noise(rng);
      const auto fit = moving_average(std::span<const double>(y), options);
      const auto fc = fit.forecast(30);
      const double y1 = 50 + noise(rng);
      double total = y1;
      for (int k = 0; k < 4; ++k) total += 50 + noise(rng);
      for (int k = 5; k < 29; ++k) static_cast<void>(noise(rng));
      const double y30 = 50 + noise(rng);
      const auto& p80 = fc.interval(0.8);
      const auto& p95 = fc.interval(0.95);
      in80_h1 += (y1 >= p80.lower[0] && y1 <= p80.upper[0]) ? 1 : 0;
      in95_h1 += (y1 >= p95.lower[0] && y1 <= p95.upper[0]) ? 1 : 0;
      in80_h30 += (y30 >= p80.lower[29] && y30 <= p80.upper[29]) ? 1 : 0;
      in95_h30 += (y30 >= p95.lower[29] && y30 <= p95.upper[29]) ? 1 : 0;
      sigma2_sum += fit.sigma2();
      const double e = total - 5 * fit.level();
      ltd_sq += e * e;
      ltd_var_sum += fit.lead_time_demand_variance(5);
    }
    CHECK_THAT(in80_h1 / series, WithinAbs(0.80, 0.02));
    CHECK_THAT(in95_h1 / series, WithinAbs(0.95, 0.02));
    CHECK_THAT(in80_h30 / series, WithinAbs(0.80, 0.02));
    CHECK_THAT(in95_h30 / series, WithinAbs(0.95, 0.02));
    // sigma^2 estimates the noise variance 16 (mean over series, 3 %).
    CHECK_THAT(sigma2_sum / series, WithinRel(16.0, 0.03));
    // Lead-time total error variance matches sigma^2 (L + L^2 sum w^2) on average (8 %:
    // the squared error of 4000 draws has relative sd about sqrt(2/4000) = 2.2 %).
    CHECK_THAT(ltd_sq / series, WithinRel(ltd_var_sum / series, 0.08));
  }
}

TEST_CASE("moving_average: window vs length, huge values", "[moving_average]") {
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7};
  // Window 7 needs 8 values (documented: no silent shrinking).
  REQUIRE_THROWS_AS(moving_average(std::span<const double>(y)), invforecast::insufficient_data);
  REQUIRE_THROWS_AS(moving_average(std::span<const double>(y), {.window = 10}),
                    invforecast::insufficient_data);
  // n = w + 1 is enough: one error, y = 1..7, w = 6: fitted 3.5 for 7 -> MSE 12.25.
  const auto fit = moving_average(std::span<const double>(y), {.window = 6});
  CHECK_THAT(fit.one_step_mse(), WithinAbs(12.25, 1e-14));
  CHECK_THAT(fit.level(), WithinAbs(4.5, 1e-14));
  // Window 1 = naive: forecast the last value, sigma^2 = MSE / 2.
  const auto naive = moving_average(std::span<const double>(y), {.window = 1});
  CHECK(naive.level() == 7.0);
  CHECK_THAT(naive.sigma2(), WithinAbs(0.5, 1e-15));
  // Huge values: everything scales (relative 1e-12; variances by 1e24).
  std::vector<double> big(y);
  for (auto& v : big) v *= 1e12;
  const auto fb = moving_average(std::span<const double>(big), {.window = 6});
  CHECK_THAT(fb.level(), WithinRel(4.5e12, 1e-12));
  CHECK_THAT(fb.one_step_mse(), WithinRel(12.25e24, 1e-12));
  CHECK_THAT(fb.forecast(1).interval(0.95).upper[0], WithinRel(4.5e12 + z975 * 3.5e12, 1e-12));
}

TEST_CASE("moving_average: all zeros and a single non-zero value", "[moving_average]") {
  // All zeros: every error 0 -> v = 0, forecast 0, intervals [0, 0].
  const std::vector<double> zeros(20, 0.0);
  const auto fz = moving_average(std::span<const double>(zeros)).forecast(5);
  for (std::size_t h = 0; h < 5; ++h) {
    CHECK(fz.mean[h] == 0.0);
    for (const auto& pi : fz.intervals) {
      CHECK(pi.lower[h] == 0.0);
      CHECK(pi.upper[h] == 0.0);
    }
  }
  // One non-zero value 8 at the last position, w = 2: fitted 0, 0 for y = 0, 8 ->
  // errors 0, 8, MSE 32, v = 32; forecast (0 + 8)/2 = 4; 95 % lower 4 - 1.96 sqrt(32) < 0 -> 0.
  const std::vector<double> one{0, 0, 0, 8};
  const auto fit = moving_average(std::span<const double>(one), {.window = 2});
  CHECK_THAT(fit.one_step_mse(), WithinAbs(32.0, 1e-13));
  const auto fc = fit.forecast(2);
  CHECK_THAT(fc.mean[1], WithinAbs(4.0, 1e-15));
  CHECK(fc.interval(0.95).lower[1] == 0.0);
  CHECK_THAT(fc.interval(0.95).upper[1], WithinAbs(4 + z975 * std::sqrt(32.0), 1e-12));
}

TEST_CASE("moving_average: errors", "[moving_average]") {
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::span<const double> ys(y);
  REQUIRE_THROWS_AS(moving_average(ys, {.window = 0}), invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(moving_average(ys, {.window = 3, .weights = {1, 2}}),
                      Catch::Contains("weights.size() = 2"));
  REQUIRE_THROWS_WITH(moving_average(ys, {.window = 2, .weights = {1, -1}}),
                      Catch::Contains("weights[1] = -1"));
  REQUIRE_THROWS_AS(moving_average(ys, {.window = 2, .weights = {0, 0}}),
                    invforecast::invalid_argument);
  const std::vector<double> empty;
  REQUIRE_THROWS_AS(moving_average(std::span<const double>(empty)), invforecast::insufficient_data);
  const std::vector<double> negative{1, 2, 3, -4, 5, 6, 7, 8, 9};
  REQUIRE_THROWS_WITH(moving_average(std::span<const double>(negative)),
                      Catch::Contains("moving_average") && Catch::Contains("y[3] = -4"));
  const std::vector<double> nan{1, 2, 3, 4, 5, 6, 7, std::nan("")};
  REQUIRE_THROWS_WITH(moving_average(std::span<const double>(nan), {.window = 2}),
                      Catch::Contains("y[7] = nan"));
  const auto fit = moving_average(ys, {.window = 3});
  REQUIRE_THROWS_AS(fit.forecast(0), invforecast::invalid_argument);
  const std::vector<double> bad{0.8, 0.0};
  REQUIRE_THROWS_WITH(fit.forecast(1, bad), Catch::Contains("levels[1] = 0"));
  REQUIRE_THROWS_AS(fit.lead_time_demand_variance(0), invforecast::invalid_argument);
}

TEST_CASE("moving_average: float instantiation", "[moving_average]") {
  const std::vector<float> y{2, 4, 6, 8, 10};
  const auto fit = moving_average(std::span<const float>(y), {.window = 2});
  // Hand-worked above: forecast 9, v = 9 (float tolerance 1e-5). intervals[1] is the 95 %
  // level of default_levels (forecast::interval(0.95f) cannot match in float: its 1e-9
  // tolerance is below float resolution).
  CHECK_THAT(static_cast<double>(fit.level()), WithinAbs(9.0, 1e-5));
  CHECK_THAT(static_cast<double>(fit.forecast(1).intervals[1].upper[0]),
             WithinAbs(9 + z975 * 3, 1e-4));
}
