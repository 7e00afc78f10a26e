#include "invforecast/metrics/point_metrics.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "invforecast/error.hpp"

using namespace invforecast;
using S = std::span<const double>;

TEST_CASE("point_accuracy: test vector 1 of method-notes", "[point_metrics]") {
  // errors e = actual - forecast = 5, 5, -5
  const std::vector<double> a{100, 110, 90};
  const std::vector<double> f{95, 105, 95};
  const auto s = point_accuracy(S(a), S(f));
  CHECK(s.n == 3);
  CHECK(s.total_actual == Approx(300).margin(1e-12));
  CHECK(s.total_forecast == Approx(295).margin(1e-12));
  CHECK(s.mae == Approx(5).margin(1e-12));         // (5+5+5)/3
  CHECK(s.rmse == Approx(5).margin(1e-12));        // sqrt((25+25+25)/3)
  CHECK(s.bias == Approx(5.0 / 3).margin(1e-12));  // (5+5-5)/3 = +1.6667, under-forecast
  REQUIRE(s.mape);
  // 100/3 * (5/100 + 5/110 + 5/90) = 5.0337 (rounded as in method-notes, tolerance 5e-5)
  CHECK(*s.mape == Approx(5.0337).margin(5e-5));
  CHECK(*s.mape == Approx(100.0 / 3 * (0.05 + 5.0 / 110 + 5.0 / 90)).epsilon(1e-14));
  CHECK(s.mape_excluded_zeros == 0);
  REQUIRE(s.tracking_signal);
  CHECK(*s.tracking_signal == Approx(1.0).margin(1e-12));  // sum e = 5, MAD = 5
  CHECK_FALSE(s.tracking_alert);
  REQUIRE(s.wape);
  CHECK(*s.wape == Approx(15.0 / 300).margin(1e-15));  // sum|e| / sum y
  REQUIRE(s.smape);
  // 200/3 * (5/195 + 5/215 + 5/185)
  CHECK(*s.smape == Approx(200.0 / 3 * (5.0 / 195 + 5.0 / 215 + 5.0 / 185)).epsilon(1e-14));
  CHECK(s.smape_excluded == 0);
}

TEST_CASE("point_accuracy: test vector 2 of method-notes (MAPE 10)", "[point_metrics]") {
  const std::vector<double> a{100, 200, 150};
  const std::vector<double> f{90, 180, 135};
  const auto s = point_accuracy(S(a), S(f));
  REQUIRE(s.mape);
  CHECK(*s.mape == Approx(10).margin(1e-12));  // every error is 10 % of its actual
  const auto m = mean_absolute_percentage_error(S(a), S(f));
  REQUIRE(m.value);
  CHECK(*m.value == Approx(10).margin(1e-12));
  CHECK(m.used == 3);
  CHECK(m.excluded == 0);
}

TEST_CASE("single metrics agree with hand-worked values", "[point_metrics]") {
  // e = 2, -4, 0, 6 ; |e| = 2, 4, 0, 6 ; e^2 = 4, 16, 0, 36
  const std::vector<double> a{10, 20, 30, 40};
  const std::vector<double> f{8, 24, 30, 34};
  CHECK(mean_error(S(a), S(f)) == Approx(1.0).margin(1e-15));           // 4 / 4
  CHECK(mean_absolute_error(S(a), S(f)) == Approx(3.0).margin(1e-15));  // 12 / 4
  CHECK(mean_squared_error(S(a), S(f)) == Approx(14.0).margin(1e-15));  // 56 / 4
  CHECK(root_mean_squared_error(S(a), S(f)) == Approx(std::sqrt(14.0)).epsilon(1e-15));
  const auto m = mean_absolute_percentage_error(S(a), S(f));
  REQUIRE(m.value);
  CHECK(*m.value == Approx(25.0 * (0.2 + 0.2 + 0 + 0.15)).epsilon(1e-14));  // 100/4 * sum
  const auto w = weighted_absolute_percentage_error(S(a), S(f));
  REQUIRE(w);
  CHECK(*w == Approx(12.0 / 100).epsilon(1e-15));
  const auto sm = symmetric_mape(S(a), S(f));
  REQUIRE(sm.value);
  CHECK(*sm.value == Approx(50.0 * (2.0 / 18 + 4.0 / 44 + 0 + 6.0 / 74)).epsilon(1e-14));
  const auto ts = tracking_signal(S(a), S(f));
  REQUIRE(ts);
  CHECK(*ts == Approx(4.0 / 3.0).epsilon(1e-15));  // sum e = 4, MAD = 3
}

TEST_CASE("zero actuals are excluded from MAPE and counted", "[point_metrics]") {
  // e = -5, 10, 0, -10
  const std::vector<double> a{0, 100, 0, 50};
  const std::vector<double> f{5, 90, 0, 60};
  const auto s = point_accuracy(S(a), S(f));
  REQUIRE(s.mape);
  CHECK(*s.mape == Approx(15).margin(1e-12));  // (10/100 + 10/50)/2 * 100
  CHECK(s.mape_excluded_zeros == 2);
  // sMAPE: term 3 (0, 0) is excluded: 200/3 * (5/5 + 10/190 + 10/110)
  REQUIRE(s.smape);
  CHECK(*s.smape == Approx(200.0 / 3 * (1 + 10.0 / 190 + 10.0 / 110)).epsilon(1e-14));
  CHECK(s.smape_excluded == 1);
  REQUIRE(s.wape);
  CHECK(*s.wape == Approx(25.0 / 150).epsilon(1e-15));
  CHECK(s.mae == Approx(25.0 / 4).epsilon(1e-15));
  CHECK(s.bias == Approx(-5.0 / 4).epsilon(1e-15));  // over-forecast: negative
  REQUIRE(s.tracking_signal);
  CHECK(*s.tracking_signal == Approx(-0.8).epsilon(1e-14));  // -5 / 6.25
  const auto m = mean_absolute_percentage_error(S(a), S(f));
  CHECK(m.excluded == 2);
  CHECK(m.used == 2);
}

TEST_CASE("every actual zero: ratio metrics undefined, never 0 or NaN", "[point_metrics]") {
  const std::vector<double> a{0, 0, 0};
  const std::vector<double> f{1, 0, 2};
  const auto s = point_accuracy(S(a), S(f));
  CHECK_FALSE(s.mape.has_value());
  CHECK(s.mape_excluded_zeros == 3);
  CHECK_FALSE(s.wape.has_value());
  REQUIRE(s.smape);
  CHECK(*s.smape == Approx(200).margin(1e-12));  // 200/2 * (1/1 + 2/2); (0, 0) excluded
  CHECK(s.smape_excluded == 1);
  REQUIRE(s.tracking_signal);
  CHECK(*s.tracking_signal == Approx(-3).margin(1e-12));  // sum e = -3, MAD = 1
  CHECK(s.mae == Approx(1).margin(1e-15));
  CHECK_FALSE(mean_absolute_percentage_error(S(a), S(f)).value.has_value());
  CHECK_FALSE(weighted_absolute_percentage_error(S(a), S(f)).has_value());
}

TEST_CASE("perfect forecast of zero demand: only MAE/RMSE/bias defined", "[point_metrics]") {
  const std::vector<double> a{0, 0};
  const std::vector<double> f{0, 0};
  const auto s = point_accuracy(S(a), S(f));
  CHECK(s.mae == 0);
  CHECK(s.rmse == 0);
  CHECK(s.bias == 0);
  CHECK_FALSE(s.mape);
  CHECK_FALSE(s.smape);
  CHECK(s.smape_excluded == 2);
  CHECK_FALSE(s.wape);
  CHECK_FALSE(s.tracking_signal);  // MAD = 0: 0/0
  CHECK_FALSE(s.tracking_alert);
  CHECK_FALSE(symmetric_mape(S(a), S(f)).value);
  CHECK_FALSE(tracking_signal(S(a), S(f)));
}

TEST_CASE("tracking signal alert only when |TS| > 4", "[point_metrics]") {
  // constant under-forecast by 10: TS = n (sum e = 10 n, MAD = 10)
  const std::vector<double> f(5, 0.0);
  const std::vector<double> a5(5, 10.0);
  const auto s5 = point_accuracy(S(a5), S(f));
  CHECK(*s5.tracking_signal == Approx(5).margin(1e-12));
  CHECK(s5.tracking_alert);
  const auto s4 = point_accuracy(S(a5).first(4), S(f).first(4));
  CHECK(*s4.tracking_signal == Approx(4).margin(1e-12));
  CHECK_FALSE(s4.tracking_alert);                                            // 4 is not > 4
  CHECK(point_accuracy(S(a5).first(4), S(f).first(4), 3.5).tracking_alert);  // custom limit
  // over-forecast gives a negative signal and also alerts
  const auto neg = point_accuracy(S(f), S(a5));
  CHECK(*neg.tracking_signal == Approx(-5).margin(1e-12));
  CHECK(neg.tracking_alert);
}

TEST_CASE("point metrics reject bad input", "[point_metrics]") {
  const std::vector<double> empty;
  const std::vector<double> two{1, 2};
  const std::vector<double> three{1, 2, 3};
  const std::vector<double> bad{1, std::numeric_limits<double>::quiet_NaN()};
  const std::vector<double> inf{1, std::numeric_limits<double>::infinity()};
  REQUIRE_THROWS_AS(point_accuracy(S(empty), S(empty)), insufficient_data);
  REQUIRE_THROWS_AS(point_accuracy(S(two), S(three)), invalid_argument);
  REQUIRE_THROWS_WITH(point_accuracy(S(two), S(three)),
                      "point_accuracy: forecast.size() = 3, must be equal to actual.size() = 2");
  REQUIRE_THROWS_AS(point_accuracy(S(bad), S(two)), invalid_argument);
  REQUIRE_THROWS_WITH(point_accuracy(S(two), S(inf)),
                      "point_accuracy: forecast[1] = inf, must be finite and |x| <= 1e+15");
  REQUIRE_THROWS_AS(point_accuracy(S(two), S(two), 0.0), invalid_argument);
  REQUIRE_THROWS_AS(mean_error(S(empty), S(empty)), insufficient_data);
  REQUIRE_THROWS_AS(mean_absolute_error(S(two), S(three)), invalid_argument);
  REQUIRE_THROWS_AS(mean_squared_error(S(bad), S(two)), invalid_argument);
  REQUIRE_THROWS_AS(root_mean_squared_error(S(empty), S(empty)), insufficient_data);
  REQUIRE_THROWS_AS(mean_absolute_percentage_error(S(two), S(bad)), invalid_argument);
  REQUIRE_THROWS_AS(symmetric_mape(S(empty), S(empty)), insufficient_data);
  REQUIRE_THROWS_AS(weighted_absolute_percentage_error(S(two), S(three)), invalid_argument);
}

TEST_CASE("point metrics compile and work in float", "[point_metrics]") {
  const std::vector<float> a{100, 110, 90};
  const std::vector<float> f{95, 105, 95};
  const auto s = point_accuracy(std::span<const float>(a), std::span<const float>(f));
  CHECK(s.mae == Approx(5).margin(1e-5));
  REQUIRE(s.mape);
  CHECK(*s.mape == Approx(5.0337).margin(1e-4));
  CHECK(mean_error(std::span<const float>(a), std::span<const float>(f)) ==
        Approx(5.0 / 3).margin(1e-5));
}
