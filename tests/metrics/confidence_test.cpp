#include "invforecast/metrics/confidence.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <span>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/metrics/backtest.hpp"

using namespace invforecast;
using opt_d = std::optional<double>;

TEST_CASE("confidence: 1 for a perfect forecast, 1/(1+MASE) otherwise", "[confidence]") {
  const auto perfect = confidence_from_errors(opt_d(0.0), opt_d(0.0), 0.0);
  CHECK(perfect.score == 1.0);
  CHECK(perfect.basis == confidence_basis::mase);
  CHECK(confidence_from_errors(opt_d(1.0), opt_d(0.3), 2.0).score == Approx(0.5).margin(1e-15));
  CHECK(confidence_from_errors(opt_d(0.25), opt_d(0.3), 2.0).score == Approx(0.8).margin(1e-15));
  CHECK(confidence_from_errors(opt_d(4.0), opt_d(0.3), 2.0).score == Approx(0.2).margin(1e-15));
}

TEST_CASE("confidence is strictly decreasing in the error and stays in [0, 1]", "[confidence]") {
  double previous = 2.0;
  for (double mase = 0; mase < 1000; mase = mase * 1.7 + 0.01) {
    const double s = confidence_from_errors(opt_d(mase), opt_d{}, 1.0).score;
    CHECK(s > 0.0);
    CHECK(s <= 1.0);
    CHECK(s < previous);
    previous = s;
  }
}

TEST_CASE("confidence: calibration of the intervals", "[confidence]") {
  // 80 % covering 60 % (gap 0.2), 95 % covering 95 % (gap 0): calibration 1 - 0.1 = 0.9
  std::vector<interval_accuracy<double>> iv(2);
  iv[0].level = 0.8;
  iv[0].coverage = 0.6;
  iv[1].level = 0.95;
  iv[1].coverage = 0.95;
  const auto c = confidence_from_errors(opt_d(1.0), opt_d{}, 1.0,
                                        std::span<const interval_accuracy<double>>(iv));
  CHECK(c.accuracy == Approx(0.5).margin(1e-15));
  CHECK(c.calibration == Approx(0.9).margin(1e-15));
  CHECK(c.score == Approx(0.45).margin(1e-15));
  // over-coverage is penalised like under-coverage
  iv[0].coverage = 1.0;
  const auto over = confidence_from_errors(opt_d(1.0), opt_d{}, 1.0,
                                           std::span<const interval_accuracy<double>>(iv));
  CHECK(over.calibration == Approx(0.9).margin(1e-15));
}

TEST_CASE("confidence fallbacks when MASE is undefined", "[confidence]") {
  const auto w = confidence_from_errors(opt_d{}, opt_d(0.25), 3.0);
  CHECK(w.basis == confidence_basis::wape);
  CHECK(w.score == Approx(0.8).margin(1e-15));  // 1 / 1.25
  const auto exact = confidence_from_errors(opt_d{}, opt_d{}, 0.0);
  CHECK(exact.basis == confidence_basis::mae);
  CHECK(exact.score == 1.0);
  const auto wrong = confidence_from_errors(opt_d{}, opt_d{}, 2.0);
  CHECK(wrong.score == 0.0);
}

TEST_CASE("confidence from a backtest", "[confidence]") {
  // naive forecast on a ramp (see backtest_test): MASE 1.5, 80 % coverage 0.5
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  auto naive = [](std::span<const double> train, int h) {
    forecast<double> fc;
    const auto steps = static_cast<std::size_t>(h);
    fc.mean.assign(steps, train.back());
    fc.intervals.push_back({0.8, std::vector<double>(steps, train.back() - 1.5),
                            std::vector<double>(steps, train.back() + 1.5)});
    return fc;
  };
  backtest_options<double> opt;
  opt.initial_window = 5;
  opt.horizon = 2;
  opt.levels = {0.8};
  const auto r = backtest(std::span<const double>(y), naive, opt);
  const auto c = confidence_from_backtest(r);
  CHECK(c.accuracy == Approx(1 / 2.5).epsilon(1e-14));
  CHECK(c.calibration == Approx(1 - 0.3).epsilon(1e-14));  // |0.5 - 0.8|
  CHECK(model_confidence_score(r) == Approx(0.4 * 0.7).epsilon(1e-14));
}

TEST_CASE("confidence rejects bad input", "[confidence]") {
  REQUIRE_THROWS_AS(confidence_from_errors(opt_d(-1.0), opt_d{}, 1.0), invalid_argument);
  REQUIRE_THROWS_AS(confidence_from_errors(opt_d{}, opt_d(-0.1), 1.0), invalid_argument);
  REQUIRE_THROWS_AS(confidence_from_errors(opt_d(1.0), opt_d{}, -1.0), invalid_argument);
  std::vector<interval_accuracy<double>> iv(1);
  iv[0].level = 0.8;
  iv[0].coverage = 1.2;
  REQUIRE_THROWS_AS(confidence_from_errors(opt_d(1.0), opt_d{}, 1.0,
                                           std::span<const interval_accuracy<double>>(iv)),
                    invalid_argument);
  iv[0].coverage = 0.5;
  iv[0].level = 0.0;
  REQUIRE_THROWS_AS(confidence_from_errors(opt_d(1.0), opt_d{}, 1.0,
                                           std::span<const interval_accuracy<double>>(iv)),
                    invalid_argument);
}

TEST_CASE("confidence compiles in float", "[confidence]") {
  CHECK(confidence_from_errors(std::optional<float>(1.0f), std::optional<float>{}, 1.0f).score ==
        Approx(0.5).margin(1e-6));
}
