#include "invforecast/metrics/scaled_metrics.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "metrics/accuracy_fixtures.hpp"

using namespace invforecast;
using S = std::span<const double>;

TEST_CASE("MASE with a first-difference scale", "[scaled_metrics]") {
  // training diffs |3-1|, |2-3|, |5-2|, |4-5| = 2, 1, 3, 1 -> scale 7/4
  const std::vector<double> train{1, 3, 2, 5, 4};
  const std::vector<double> a{6, 5};
  const std::vector<double> f{5, 7};  // MAE = (1 + 2)/2 = 1.5
  REQUIRE(mase_scale(S(train)));
  CHECK(*mase_scale(S(train)) == Approx(1.75).epsilon(1e-15));
  const auto m = mean_absolute_scaled_error(S(a), S(f), S(train));
  REQUIRE(m);
  CHECK(*m == Approx(1.5 / 1.75).epsilon(1e-15));
}

TEST_CASE("MASE with a seasonal scale", "[scaled_metrics]") {
  // lag-2 diffs: 2-1, 5-3, 4-2, 6-5 = 1, 2, 2, 1 -> scale 1.5
  const std::vector<double> train{1, 3, 2, 5, 4, 6};
  CHECK(*mase_scale(S(train), 2) == Approx(1.5).epsilon(1e-15));
  const std::vector<double> a{7, 8};
  const std::vector<double> f{4, 8};  // MAE 1.5
  CHECK(*mean_absolute_scaled_error(S(a), S(f), S(train), 2) == Approx(1.0).epsilon(1e-15));
}

TEST_CASE("RMSSE uses squared one-step differences from the first non-zero value",
          "[scaled_metrics]") {
  // leading zeros dropped: 2, 4, 3 -> diffs 2, -1 -> mean square (4 + 1)/2 = 2.5
  const std::vector<double> train{0, 0, 2, 4, 3};
  CHECK(*rmsse_scale(S(train)) == Approx(2.5).epsilon(1e-15));
  const std::vector<double> a{5, 1};
  const std::vector<double> f{4, 2};  // MSE = (1 + 1)/2 = 1
  const auto r = root_mean_squared_scaled_error(S(a), S(f), S(train));
  REQUIRE(r);
  CHECK(*r == Approx(std::sqrt(1.0 / 2.5)).epsilon(1e-15));
  // MASE keeps the zeros (R's convention): diffs 0, 2, 2, 1 -> 5/4
  CHECK(*mase_scale(S(train)) == Approx(1.25).epsilon(1e-15));
}

TEST_CASE("scaled metrics are undefined when the scale is zero", "[scaled_metrics]") {
  const std::vector<double> flat{3, 3, 3, 3};
  const std::vector<double> a{4};
  const std::vector<double> f{3};
  CHECK_FALSE(mase_scale(S(flat)));
  CHECK_FALSE(mean_absolute_scaled_error(S(a), S(f), S(flat)));
  CHECK_FALSE(rmsse_scale(S(flat)));
  CHECK_FALSE(root_mean_squared_scaled_error(S(a), S(f), S(flat)));
  // seasonal pattern repeating exactly: lag-2 differences all 0
  const std::vector<double> seasonal{1, 5, 1, 5, 1, 5};
  CHECK_FALSE(mase_scale(S(seasonal), 2));
  CHECK(*mase_scale(S(seasonal), 1) == Approx(4).epsilon(1e-15));
  // all zeros, or a single non-zero value at the end: no RMSSE difference left
  const std::vector<double> zeros{0, 0, 0};
  CHECK_FALSE(rmsse_scale(S(zeros)));
  const std::vector<double> late{0, 0, 0, 5};
  CHECK_FALSE(rmsse_scale(S(late)));
  CHECK(*mase_scale(S(late)) == Approx(5.0 / 3).epsilon(1e-15));
}

TEST_CASE("scaled metrics reject bad input", "[scaled_metrics]") {
  const std::vector<double> train{1, 2};
  const std::vector<double> a{1};
  const std::vector<double> f{1};
  const std::vector<double> nan{1, std::numeric_limits<double>::quiet_NaN(), 3};
  REQUIRE_THROWS_AS(mase_scale(S(train), 2), insufficient_data);  // needs n > m
  REQUIRE_THROWS_WITH(mase_scale(S(train), 2),
                      "mase_scale: training has 2 values, needs more than season_length = 2");
  REQUIRE_THROWS_AS(mase_scale(S(train), 0), invalid_argument);
  REQUIRE_THROWS_AS(rmsse_scale(S(nan)), invalid_argument);
  REQUIRE_THROWS_AS(rmsse_scale(S(train), -1), invalid_argument);
  REQUIRE_THROWS_AS(mean_absolute_scaled_error(S(a), S(f), S(train), 3), insufficient_data);
  REQUIRE_THROWS_AS(mean_absolute_scaled_error(S(a), S(train), S(train)), invalid_argument);
  REQUIRE_THROWS_AS(root_mean_squared_scaled_error(S(), S(), S(train)), insufficient_data);
}

TEST_CASE("ME, RMSE, MAE, MAPE and MASE match R's accuracy() on the fixtures", "[scaled_metrics]") {
  const auto cases = test::load_r_accuracy_cases();
  REQUIRE(cases.size() == 6);
  for (const auto& c : cases) {
    INFO("case " << c.name);
    REQUIRE(c.actual.size() == c.forecast.size());
    const auto s = point_accuracy(S(c.actual), S(c.forecast));
    // R: ME = mean(actual - forecast), the same sign as our bias. Relative tolerance 1e-9.
    CHECK(s.bias == Approx(c.me).epsilon(1e-9));
    CHECK(s.rmse == Approx(c.rmse).epsilon(1e-9));
    CHECK(s.mae == Approx(c.mae).epsilon(1e-9));
    REQUIRE(s.mape);  // no zero actuals in these fixtures
    CHECK(s.mape_excluded_zeros == 0);
    CHECK(*s.mape == Approx(c.mape).epsilon(1e-9));
    const auto mase = mean_absolute_scaled_error(S(c.actual), S(c.forecast), S(c.train), c.m);
    REQUIRE(mase);
    CHECK(*mase == Approx(c.mase).epsilon(1e-9));
  }
}

TEST_CASE("scaled metrics compile in float", "[scaled_metrics]") {
  const std::vector<float> train{1, 3, 2, 5, 4};
  const std::vector<float> a{6, 5};
  const std::vector<float> f{5, 7};
  using F = std::span<const float>;
  CHECK(*mean_absolute_scaled_error(F(a), F(f), F(train)) == Approx(1.5 / 1.75).epsilon(1e-6));
  CHECK(*root_mean_squared_scaled_error(F(a), F(f), F(train)) ==
        Approx(std::sqrt(2.5 / 3.75)).epsilon(1e-6));  // MSE (1+4)/2, diffs^2 (4+1+9+1)/4
}
