#include "invforecast/metrics/interval_metrics.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <span>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"

using namespace invforecast;
using S = std::span<const double>;

namespace {
// actual 10 inside [8, 12]; 20 below [21, 25]; 30 above [25, 29]; 40 inside [30, 50]
const std::vector<double> actual{10, 20, 30, 40};
const std::vector<double> lower{8, 21, 25, 30};
const std::vector<double> upper{12, 25, 29, 50};
}  // namespace

TEST_CASE("coverage, Winkler score and MSIS, hand-worked", "[interval_metrics]") {
  CHECK(interval_coverage(S(actual), S(lower), S(upper)) == Approx(0.5).margin(1e-15));
  // level 0.8: penalty 2/0.2 = 10; widths 4 + 4 + 4 + 20 = 32; misses 10*1 + 10*1 = 20
  CHECK(winkler_score(S(actual), S(lower), S(upper), 0.8) == Approx(52.0 / 4).margin(1e-12));
  // level 0.95: penalty 40; (32 + 40 + 40)/4 = 28
  CHECK(winkler_score(S(actual), S(lower), S(upper), 0.95) == Approx(28).margin(1e-12));
  // MSIS: scale of {1, 3, 2, 5, 4} is 7/4
  const std::vector<double> train{1, 3, 2, 5, 4};
  const auto msis = mean_scaled_interval_score(S(actual), S(lower), S(upper), 0.8, S(train));
  REQUIRE(msis);
  CHECK(*msis == Approx(13 / 1.75).epsilon(1e-14));
  const std::vector<double> flat{2, 2, 2};
  CHECK_FALSE(mean_scaled_interval_score(S(actual), S(lower), S(upper), 0.8, S(flat)));
  // a closed interval: actuals on the bounds are covered
  CHECK(interval_coverage(S(actual), S(actual), S(actual)) == 1.0);
}

TEST_CASE("pinball loss, hand-worked and the MAE identity", "[interval_metrics]") {
  // tau 0.9, q = 12, 18, 30, 45: y - q = -2, 2, 0, -5
  // losses 0.1*2 = 0.2, 0.9*2 = 1.8, 0, 0.1*5 = 0.5 -> 2.5 / 4
  const std::vector<double> q{12, 18, 30, 45};
  CHECK(pinball_loss(S(actual), S(q), 0.9) == Approx(0.625).margin(1e-15));
  // at tau 0.5 the loss is MAE / 2; MAE = (2 + 2 + 0 + 5)/4 = 2.25
  CHECK(pinball_loss(S(actual), S(q), 0.5) == Approx(1.125).margin(1e-15));
}

TEST_CASE("score_interval on a prediction_interval", "[interval_metrics]") {
  const prediction_interval<double> pi{0.8, lower, upper};
  const auto s = score_interval(S(actual), pi);
  CHECK(s.level == 0.8);
  CHECK(s.coverage == Approx(0.5).margin(1e-15));
  CHECK(s.mean_width == Approx(8).margin(1e-15));  // 32 / 4
  CHECK(s.winkler == Approx(13).margin(1e-12));
  // lower at tau 0.1: y - l = 2, -1, 5, 10 -> 0.2 + 0.9 + 0.5 + 1.0 = 2.6
  CHECK(s.pinball_lower == Approx(0.65).margin(1e-14));
  // upper at tau 0.9: y - u = -2, -5, 1, -10 -> 0.2 + 0.5 + 0.9 + 1.0 = 2.6
  CHECK(s.pinball_upper == Approx(0.65).margin(1e-14));
  // the span overload gives the same scores
  const auto sp = score_interval(S(actual), S(lower), S(upper), 0.8);
  CHECK(sp.winkler == Approx(13).margin(1e-12));
  CHECK(sp.pinball_upper == Approx(0.65).margin(1e-14));
  REQUIRE_THROWS_AS(score_interval(S(actual), S(lower), S(upper), 0.0), invalid_argument);
  // an interval longer than the actuals: only the first steps are scored
  const prediction_interval<double> longer{0.8, {8, 21, 25, 30, 0}, {12, 25, 29, 50, 1}};
  CHECK(score_interval(S(actual), longer).winkler == Approx(13).margin(1e-12));
}

TEST_CASE("interval metrics reject bad input", "[interval_metrics]") {
  const std::vector<double> up2{12, 25, 29, 9};
  REQUIRE_THROWS_WITH(interval_coverage(S(actual), S(lower), S(up2)),
                      "interval_coverage: lower[3] = 30, must be <= upper[3] = 9");
  REQUIRE_THROWS_AS(interval_coverage(S(actual), S(upper), S(lower)), invalid_argument);
  REQUIRE_THROWS_AS(interval_coverage(S(), S(), S()), insufficient_data);
  REQUIRE_THROWS_AS(interval_coverage(S(actual), S(lower), S(upper).first(3)), invalid_argument);
  REQUIRE_THROWS_AS(winkler_score(S(actual), S(lower), S(upper), 1.0), invalid_argument);
  REQUIRE_THROWS_AS(winkler_score(S(actual), S(lower).first(2), S(upper), 0.8), invalid_argument);
  REQUIRE_THROWS_AS(pinball_loss(S(actual), S(lower), 0.0), invalid_argument);
  REQUIRE_THROWS_AS(pinball_loss(S(actual), S(lower).first(1), 0.5), invalid_argument);
  const std::vector<double> nan{1, 2, std::numeric_limits<double>::quiet_NaN(), 4};
  REQUIRE_THROWS_AS(interval_coverage(S(actual), S(lower), S(nan)), invalid_argument);
  const std::vector<double> train{1};
  REQUIRE_THROWS_AS(mean_scaled_interval_score(S(actual), S(lower), S(upper), 0.8, S(train)),
                    insufficient_data);
  const prediction_interval<double> short_pi{0.8, {1, 2}, {3, 4}};
  REQUIRE_THROWS_AS(score_interval(S(actual), short_pi), invalid_argument);
  const prediction_interval<double> bad_level{1.5, lower, upper};
  REQUIRE_THROWS_AS(score_interval(S(actual), bad_level), invalid_argument);
  REQUIRE_THROWS_AS(score_interval(S(), bad_level), insufficient_data);
}

TEST_CASE("interval metrics compile in float", "[interval_metrics]") {
  const std::vector<float> a{10, 20, 30, 40};
  const std::vector<float> l{8, 21, 25, 30};
  const std::vector<float> u{12, 25, 29, 50};
  using F = std::span<const float>;
  CHECK(winkler_score(F(a), F(l), F(u), 0.8f) == Approx(13).margin(1e-4));
  CHECK(interval_coverage(F(a), F(l), F(u)) == Approx(0.5).margin(1e-6));
  const prediction_interval<float> pi{0.8f, l, u};
  CHECK(score_interval(F(a), pi).mean_width == Approx(8).margin(1e-5));
}
