#include "invforecast/selection/batch.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "invforecast/error.hpp"
#include "selection/test_data.hpp"

using namespace invforecast;
using invforecast::detail::seeded_rng;

namespace {

// A mixed set: smooth, weekly seasonal, intermittent, lumpy, all-zero, short, constant.
std::vector<std::vector<double>> mixed_series() {
  std::vector<std::vector<double>> out;
  const double profile[7] = {60, 55, 52, 50, 58, 30, 20};
  for (std::uint64_t s = 0; s < 24; ++s) {
    seeded_rng g(100 + s);
    std::vector<double> y;
    switch (s % 6) {
      case 0: {  // random-walk level
        double level = 80.0;
        for (int t = 0; t < 70; ++t) {
          level += 2.0 * g.normal();
          y.push_back(std::max(0.0, level + 4.0 * g.normal()));
        }
        break;
      }
      case 1:  // weekly
        for (int t = 0; t < 84; ++t) y.push_back(profile[t % 7] + 3.0 * g.normal());
        break;
      case 2:  // intermittent / lumpy
        for (int t = 0; t < 90; ++t) {
          y.push_back(g.uniform() < 0.25 ? 1.0 + std::floor(40.0 * g.uniform() * g.uniform())
                                         : 0.0);
        }
        break;
      case 3:
        y.assign(30, 0.0);
        break;
      case 4:  // short
        for (int t = 0; t < 5; ++t) y.push_back(10.0 + std::floor(5.0 * g.uniform()));
        break;
      default:
        y.assign(20, 7.0);
        break;
    }
    out.push_back(std::move(y));
  }
  return out;
}

void check_identical(const model_fit<double>& a, const model_fit<double>& b) {
  CHECK(a.model_name == b.model_name);
  CHECK(a.reason == b.reason);
  CHECK(a.status == b.status);
  CHECK(a.alpha == b.alpha);
  CHECK(a.beta == b.beta);
  CHECK(a.gamma == b.gamma);
  CHECK(a.phi == b.phi);
  CHECK(a.sigma2 == b.sigma2);
  CHECK(a.aicc == b.aicc);
  CHECK(a.fitted == b.fitted);
  CHECK(a.fc.mean == b.fc.mean);
  REQUIRE(a.fc.intervals.size() == b.fc.intervals.size());
  for (std::size_t i = 0; i < a.fc.intervals.size(); ++i) {
    CHECK(a.fc.intervals[i].lower == b.fc.intervals[i].lower);
    CHECK(a.fc.intervals[i].upper == b.fc.intervals[i].upper);
  }
  CHECK(a.lead_time_variances == b.lead_time_variances);
  CHECK(a.lead_time_means == b.lead_time_means);
  CHECK(a.candidates_aicc == b.candidates_aicc);
}

}  // namespace

TEST_CASE("batch results equal single calls and do not depend on the thread count", "[batch]") {
  // Exact (bitwise) equality: each series is fitted by one thread with the same inputs.
  const auto series = mixed_series();
  forecaster_options<double> options;  // automatic
  options.max_lead_time = 14;          // lead-time moments stored too
  const std::span<const double> levels(default_levels<double>);
  const auto one =
      fit_and_forecast_batch(std::span<const std::vector<double>>(series), options, 14, levels, 1);
  const auto two =
      fit_and_forecast_batch(std::span<const std::vector<double>>(series), options, 14, levels, 2);
  const auto four =
      fit_and_forecast_batch(std::span<const std::vector<double>>(series), options, 14, levels, 4);
  const auto hw =
      fit_and_forecast_batch(std::span<const std::vector<double>>(series), options, 14, levels, 0);
  REQUIRE(one.size() == series.size());
  REQUIRE(two.size() == series.size());
  REQUIRE(four.size() == series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    INFO("series " << i);
    const auto single = fit_and_forecast(std::span<const double>(series[i]), options, 14, levels);
    check_identical(single, one[i]);
    check_identical(single, two[i]);
    check_identical(single, four[i]);
    check_identical(single, hw[i]);
  }
  // More threads than series, and an empty batch.
  const auto many = fit_and_forecast_batch(std::span<const std::vector<double>>(series.data(), 3),
                                           options, 14, levels, 16);
  for (std::size_t i = 0; i < 3; ++i) check_identical(many[i], one[i]);
  CHECK(fit_and_forecast_batch(std::span<const std::vector<double>>(), options, 14, levels, 4)
            .empty());
}

TEST_CASE("batch errors: the lowest failing index is rethrown, outcomes keep the rest", "[batch]") {
  std::vector<std::vector<double>> series{{1, 2, 3, 4, 5, 6, 7, 8}, {1, -2, 3}, {}, {4, 5, 6}};
  const forecaster_options<double> options;
  const std::span<const double> levels(default_levels<double>);
  const std::span<const std::vector<double>> all(series);
  REQUIRE_THROWS_AS(fit_and_forecast_batch(all, options, 3, levels, 3), invalid_argument);
  CHECK_THROWS_WITH(fit_and_forecast_batch(all, options, 3, levels, 3),
                    "fit_and_forecast: y[1] = -2, must be finite and >= 0");
  const auto outcomes = fit_and_forecast_batch_outcomes(all, options, 3, levels, 2);
  REQUIRE(outcomes.size() == 4);
  CHECK(outcomes[0].fit.has_value());
  CHECK(!outcomes[0].error);
  CHECK(!outcomes[1].fit.has_value());
  CHECK(outcomes[1].message == "fit_and_forecast: y[1] = -2, must be finite and >= 0");
  CHECK(outcomes[2].message == "fit_and_forecast: y is empty");
  REQUIRE_THROWS_AS(std::rethrow_exception(outcomes[2].error), insufficient_data);
  CHECK(outcomes[3].fit.has_value());
  REQUIRE_THROWS_AS(fit_and_forecast_batch(all, options, 0, levels, 2), invalid_argument);
  const std::vector<double> bad_levels{1.5};
  REQUIRE_THROWS_AS(fit_and_forecast_batch(all, options, 3, std::span<const double>(bad_levels), 2),
                    invalid_argument);
}
