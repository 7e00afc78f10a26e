// Issue 18, row 3: finite but huge (or denormal) values into the metrics never give inf/NaN.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/metrics/interval_metrics.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"
#include "invforecast/metrics/tracking_signal.hpp"

using namespace invforecast;
using S = std::span<const double>;

TEST_CASE("metrics: values above 1e15 are an invalid_argument naming the value (row 3)",
          "[hostile][point_metrics]") {
  const std::vector<double> a{1e200};
  const std::vector<double> f{0};
  CHECK_THROWS_WITH(mean_squared_error(S(a), S(f)),
                    "mean_squared_error: actual[0] = 1e+200, must be finite and |x| <= 1e+15");
  CHECK_THROWS_WITH(mean_absolute_error(S(f), S(a)),
                    "mean_absolute_error: forecast[0] = 1e+200, must be finite and |x| <= 1e+15");
  CHECK_THROWS_AS(point_accuracy(S(a), S(f)), invalid_argument);
  CHECK_THROWS_AS(tracking_signal(S(a), S(f)), invalid_argument);
  const std::vector<double> training{0, 1e300, -1e300, 1e300};
  CHECK_THROWS_WITH(mase_scale(S(training)),
                    "mase_scale: training[1] = 1e+300, must be finite and |x| <= 1e+15");
  CHECK_THROWS_AS(rmsse_scale(S(training)), invalid_argument);
  const std::vector<double> lo{0};
  const std::vector<double> hi{1e300};
  CHECK_THROWS_AS(interval_coverage(S(f), S(lo), S(hi)), invalid_argument);
}

TEST_CASE("metrics: at the limit every result is finite (row 3)", "[hostile][point_metrics]") {
  const std::vector<double> a{1e15, -1e15, 1e15, 0};
  const std::vector<double> f{-1e15, 1e15, 0, 1e15};
  CHECK(std::isfinite(mean_squared_error(S(a), S(f))));
  CHECK(std::isfinite(root_mean_squared_error(S(a), S(f))));
  const auto s = point_accuracy(S(a), S(f));
  CHECK(std::isfinite(s.rmse));
  REQUIRE(s.mape);
  CHECK(std::isfinite(*s.mape));
  const auto q = mase_scale(S(a));
  REQUIRE(q);
  CHECK(std::isfinite(*q));
}

TEST_CASE("metrics: a ratio over a denormal actual is undefined, never inf (row 3)",
          "[hostile][point_metrics]") {
  const double tiny = std::numeric_limits<double>::denorm_min();
  const std::vector<double> a{tiny};
  const std::vector<double> f{1e15};
  CHECK(!mean_absolute_percentage_error(S(a), S(f)).value.has_value());
  CHECK(!weighted_absolute_percentage_error(S(a), S(f)).has_value());
  const auto s = point_accuracy(S(a), S(f));
  CHECK(!s.mape.has_value());
  CHECK(!s.wape.has_value());
}
