#include "invforecast/metrics/backtest.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/selection/forecaster.hpp"

using namespace invforecast;
using S = std::span<const double>;

namespace {

// Naive forecast (last value) with an 80 % interval of half-width 1.5.
forecast<double> naive_model(std::span<const double> train, int h) {
  forecast<double> fc;
  const auto steps = static_cast<std::size_t>(h);
  fc.mean.assign(steps, train.back());
  prediction_interval<double> pi{0.8, std::vector<double>(steps, train.back() - 1.5),
                                 std::vector<double>(steps, train.back() + 1.5)};
  fc.intervals.push_back(pi);
  return fc;
}

const std::vector<double> ramp{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

}  // namespace

TEST_CASE("expanding-window backtest of the naive forecast on a ramp", "[backtest]") {
  backtest_options<double> opt;
  opt.initial_window = 5;
  opt.horizon = 2;
  opt.levels = {0.8};
  const auto r = backtest(S(ramp), naive_model, opt);
  // origins (training ends) 5, 6, 7, 8: forecast = y[end-1] = end; actual y[end + j] = end+1+j
  REQUIRE(r.origins.size() == 4);
  CHECK(r.origins[0].train_begin == 0);
  CHECK(r.origins[0].train_end == 5);
  CHECK(r.origins[3].train_end == 8);
  CHECK(r.origins[2].fc.mean[0] == 7);
  // every step-1 error is 1, every step-2 error is 2
  REQUIRE(r.by_horizon.size() == 2);
  CHECK(r.by_horizon[0].h == 1);
  CHECK(r.by_horizon[0].point.n == 4);
  CHECK(r.by_horizon[0].point.mae == Approx(1).margin(1e-14));
  CHECK(r.by_horizon[1].point.mae == Approx(2).margin(1e-14));
  CHECK(r.by_horizon[1].point.bias == Approx(2).margin(1e-14));  // under-forecast: positive
  CHECK(r.overall.h == 0);
  CHECK(r.overall.point.n == 8);
  CHECK(r.overall.point.mae == Approx(1.5).margin(1e-14));
  CHECK(r.overall.point.rmse == Approx(std::sqrt(2.5)).epsilon(1e-14));  // (4 x 1 + 4 x 4)/8
  // MAPE: 100/8 * (1/6 + 1/7 + 1/8 + 1/9 + 2/7 + 2/8 + 2/9 + 2/10)
  REQUIRE(r.overall.point.mape);
  CHECK(*r.overall.point.mape == Approx(12.5 * (1.0 / 6 + 1.0 / 7 + 1.0 / 8 + 1.0 / 9 + 2.0 / 7 +
                                                2.0 / 8 + 2.0 / 9 + 2.0 / 10))
                                     .epsilon(1e-14));
  // MASE: every training window has first differences 1 -> scale 1 -> MASE = MAE
  REQUIRE(r.overall.mase);
  CHECK(*r.overall.mase == Approx(1.5).epsilon(1e-14));
  CHECK(*r.by_horizon[1].mase == Approx(2).epsilon(1e-14));
  REQUIRE(r.overall.rmsse);
  CHECK(*r.overall.rmsse == Approx(std::sqrt(2.5)).epsilon(1e-14));
  CHECK(r.origins_without_scale == 0);
  // R^2: pooled actuals 6,7,8,9 and 7,8,9,10, mean 8, SST = 6 + 6 = 12; SSE = 4 + 16 = 20
  REQUIRE(r.overall.r_squared);
  CHECK(*r.overall.r_squared == Approx(1 - 20.0 / 12).epsilon(1e-14));
  // step-1 actuals 6..9 (mean 7.5, SST 5), SSE 4
  CHECK(*r.by_horizon[0].r_squared == Approx(1 - 4.0 / 5).epsilon(1e-14));
  // 80 % interval of half-width 1.5 covers every step-1 actual (error 1), no step-2 one
  REQUIRE(r.overall.intervals.size() == 1);
  CHECK(r.overall.intervals[0].coverage == Approx(0.5).margin(1e-15));
  CHECK(r.by_horizon[0].intervals[0].coverage == 1.0);
  CHECK(r.by_horizon[1].intervals[0].coverage == 0.0);
  // Winkler at 80 %: width 3; step-2 misses by 0.5 -> + 10 * 0.5 = 5 -> mean (4*3 + 4*8)/8
  CHECK(r.overall.intervals[0].winkler == Approx(5.5).epsilon(1e-14));

  const auto t = to_model_test_metrics(r);
  CHECK(t.test_mae == r.overall.point.mae);
  CHECK(t.test_rmse == r.overall.point.rmse);
  CHECK(t.test_bias == r.overall.point.bias);
  CHECK(t.test_mape == r.overall.point.mape);
  CHECK(t.test_r_squared == r.overall.r_squared);
}

TEST_CASE("sliding window, step and max_origins", "[backtest]") {
  // A model that forecasts the FIRST value of its training window reveals the window.
  auto first_value = [](std::span<const double> train, int h) {
    forecast<double> fc;
    fc.mean.assign(static_cast<std::size_t>(h), train.front());
    return fc;
  };
  backtest_options<double> opt;
  opt.initial_window = 5;
  opt.horizon = 1;
  opt.window = backtest_window::sliding;
  const auto s = backtest(S(ramp), first_value, opt);
  REQUIRE(s.origins.size() == 5);  // ends 5, 6, 7, 8, 9
  for (const auto& o : s.origins) {
    CHECK(o.train_end - o.train_begin == 5);
    CHECK(o.fc.mean[0] == ramp[o.train_end - 5]);
  }
  // sliding window of 5 on a ramp: forecast end-4, actual end+1 -> error 5 every time
  CHECK(s.overall.point.mae == Approx(5).margin(1e-14));
  opt.window = backtest_window::expanding;
  const auto e = backtest(S(ramp), first_value, opt);
  for (const auto& o : e.origins) CHECK(o.fc.mean[0] == 1.0);

  opt.step = 2;  // ends 9, 7, 5
  const auto stepped = backtest(S(ramp), first_value, opt);
  REQUIRE(stepped.origins.size() == 3);
  CHECK(stepped.origins[0].train_end == 5);
  CHECK(stepped.origins[2].train_end == 9);
  opt.step = 3;  // ends 9, 6 (3 < 5 stops)
  CHECK(backtest(S(ramp), first_value, opt).origins.size() == 2);
  opt.step = 1;
  opt.max_origins = 2;  // the latest two: ends 8, 9
  const auto latest = backtest(S(ramp), first_value, opt);
  REQUIRE(latest.origins.size() == 2);
  CHECK(latest.origins[0].train_end == 8);
  CHECK(latest.origins[1].train_end == 9);
  opt.initial_window = 9;  // exactly one origin
  CHECK(backtest(S(ramp), first_value, opt).origins.size() == 1);
}

TEST_CASE("backtest is identical for 1 and N threads", "[backtest]") {
  // pseudo-random demand (detail::seeded_rng) and a moving-average model with an interval
  std::vector<double> y(300);
  invforecast::detail::seeded_rng rng(12345);
  for (auto& v : y) v = 20.0 + rng.uniform() * 10.0;
  auto ma = [](std::span<const double> train, int h) {
    const std::size_t w = std::min<std::size_t>(7, train.size());
    double sum = 0;
    for (std::size_t i = train.size() - w; i < train.size(); ++i) sum += train[i];
    forecast<double> fc;
    const auto steps = static_cast<std::size_t>(h);
    fc.mean.assign(steps, sum / static_cast<double>(w));
    fc.intervals.push_back({0.95, std::vector<double>(steps, fc.mean[0] * 0.8),
                            std::vector<double>(steps, fc.mean[0] * 1.2)});
    return fc;
  };
  backtest_options<double> opt;
  opt.initial_window = 60;
  opt.horizon = 14;
  opt.step = 3;
  opt.levels = {0.95};
  opt.season_length = 7;
  opt.threads = 1;
  const auto one = backtest(S(y), ma, opt);
  opt.threads = 4;
  const auto four = backtest(S(y), ma, opt);
  opt.threads = 0;  // hardware concurrency
  const auto hw = backtest(S(y), ma, opt);
  REQUIRE(one.origins.size() == four.origins.size());
  for (std::size_t k = 0; k < one.origins.size(); ++k) {
    CHECK(one.origins[k].train_end == four.origins[k].train_end);
    CHECK(one.origins[k].fc.mean == four.origins[k].fc.mean);
  }
  // bit-identical, not approximately equal
  CHECK(one.overall.point.mae == four.overall.point.mae);
  CHECK(one.overall.point.rmse == four.overall.point.rmse);
  CHECK(one.overall.point.mape == four.overall.point.mape);
  CHECK(one.overall.mase == four.overall.mase);
  CHECK(one.overall.r_squared == four.overall.r_squared);
  CHECK(one.overall.intervals[0].winkler == four.overall.intervals[0].winkler);
  CHECK(one.overall.point.mae == hw.overall.point.mae);
  for (std::size_t h = 0; h < one.by_horizon.size(); ++h) {
    CHECK(one.by_horizon[h].point.rmse == four.by_horizon[h].point.rmse);
  }
}

TEST_CASE("undefined scale and R^2 on constant data", "[backtest]") {
  const std::vector<double> flat(12, 4.0);
  auto constant = [](std::span<const double>, int h) {
    forecast<double> fc;
    fc.mean.assign(static_cast<std::size_t>(h), 4.0);
    return fc;
  };
  backtest_options<double> opt;
  opt.initial_window = 6;
  opt.horizon = 3;
  const auto r = backtest(S(flat), constant, opt);
  CHECK(r.origins.size() == 4);
  CHECK(r.origins_without_scale == 4);
  CHECK_FALSE(r.overall.mase);
  CHECK_FALSE(r.overall.rmsse);
  CHECK_FALSE(r.overall.r_squared);  // constant actuals: SST = 0
  CHECK(r.overall.point.mae == 0);
  CHECK_FALSE(to_model_test_metrics(r).test_r_squared);
}

TEST_CASE("backtest rejects bad input and forwards model errors", "[backtest]") {
  backtest_options<double> opt;
  opt.initial_window = 5;
  opt.horizon = 2;
  backtest_options<double> bad = opt;
  bad.initial_window = 0;
  REQUIRE_THROWS_AS(backtest(S(ramp), naive_model, bad), invalid_argument);
  bad = opt;
  bad.horizon = 0;
  REQUIRE_THROWS_AS(backtest(S(ramp), naive_model, bad), invalid_argument);
  bad = opt;
  bad.step = 0;
  REQUIRE_THROWS_AS(backtest(S(ramp), naive_model, bad), invalid_argument);
  bad = opt;
  bad.season_length = 0;
  REQUIRE_THROWS_AS(backtest(S(ramp), naive_model, bad), invalid_argument);
  bad = opt;
  bad.levels = {1.0};
  REQUIRE_THROWS_AS(backtest(S(ramp), naive_model, bad), invalid_argument);
  bad = opt;
  bad.levels = {0.95};  // the model only computes 0.8
  REQUIRE_THROWS_AS(backtest(S(ramp), naive_model, bad), invalid_argument);
  bad = opt;
  bad.initial_window = 9;  // 9 + 2 > 10
  REQUIRE_THROWS_WITH(backtest(S(ramp), naive_model, bad),
                      "backtest: y has 10 values, needs initial_window + horizon = 11");
  const std::vector<double> nan{1, 2, 3, std::numeric_limits<double>::quiet_NaN(), 5, 6, 7, 8};
  REQUIRE_THROWS_AS(backtest(S(nan), naive_model, opt), invalid_argument);
  auto too_short = [](std::span<const double>, int) {
    forecast<double> fc;
    fc.mean = {1.0};
    return fc;
  };
  REQUIRE_THROWS_AS(backtest(S(ramp), too_short, opt), invalid_argument);
  auto nan_model = [](std::span<const double>, int h) {
    forecast<double> fc;
    fc.mean.assign(static_cast<std::size_t>(h), std::numeric_limits<double>::quiet_NaN());
    return fc;
  };
  REQUIRE_THROWS_AS(backtest(S(ramp), nan_model, opt), invalid_argument);
  // the model's own exception, from the earliest failing origin, whatever the thread count
  auto picky = [](std::span<const double> train, int h) {
    if (train.size() <= 6) {
      throw insufficient_data("picky: n = " + std::to_string(train.size()));
    }
    return naive_model(train, h);
  };
  opt.threads = 4;
  REQUIRE_THROWS_WITH(backtest(S(ramp), picky, opt), "picky: n = 5");
  opt.threads = 1;
  REQUIRE_THROWS_AS(backtest(S(ramp), picky, opt), insufficient_data);
}

TEST_CASE("backtest of forecaster_options: NAIVE and MEAN, hand-worked", "[backtest]") {
  backtest_options<double> opt;
  opt.initial_window = 5;
  opt.horizon = 2;
  forecaster_options<double> naive;
  naive.kind = method::naive;
  naive.season_length = 1;
  const auto n = backtest(S(ramp), naive, opt);
  // as naive_model above: step-1 errors 1, step-2 errors 2
  REQUIRE(n.origins.size() == 4);
  CHECK(n.overall.point.mae == Approx(1.5).margin(1e-12));
  CHECK(n.by_horizon[1].point.bias == Approx(2).margin(1e-12));
  forecaster_options<double> mean;
  mean.kind = method::mean;
  mean.season_length = 1;
  opt.horizon = 1;
  opt.levels = {0.8, 0.95};
  const auto m = backtest(S(ramp), mean, opt);
  // ends 5..9: forecast mean(1..e) = (e+1)/2, actual e+1 -> errors 3, 3.5, 4, 4.5, 5
  REQUIRE(m.origins.size() == 5);
  CHECK(m.overall.point.mae == Approx(4).margin(1e-12));
  CHECK(m.overall.point.bias == Approx(4).margin(1e-12));
  REQUIRE(m.overall.intervals.size() == 2);
  CHECK(m.overall.intervals[1].level == 0.95);
}

TEST_CASE("backtest of AUTO is deterministic across threads", "[backtest]") {
  std::vector<double> y(120);
  invforecast::detail::seeded_rng rng(99);
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double noise = rng.uniform();
    y[t] = 50 + 10 * std::sin(2 * 3.141592653589793 * static_cast<double>(t) / 7) + 8 * noise;
  }
  forecaster_options<double> automatic;  // method::automatic, season length detected
  backtest_options<double> opt;
  opt.initial_window = 84;
  opt.horizon = 7;
  opt.step = 7;
  opt.season_length = 7;
  opt.levels = {0.8, 0.95};
  opt.threads = 1;
  const auto one = backtest(S(y), automatic, opt);
  opt.threads = 2;
  const auto two = backtest(S(y), automatic, opt);
  REQUIRE(one.origins.size() == 5);  // ends 85, 92, 99, 106, 113
  CHECK(one.origins[0].train_end == 85);
  CHECK(one.overall.point.mae == two.overall.point.mae);
  CHECK(one.overall.point.mape == two.overall.point.mape);
  CHECK(one.overall.mase == two.overall.mase);
  CHECK(one.overall.intervals[1].coverage == two.overall.intervals[1].coverage);
  const double score = model_confidence_score(one);
  CHECK(score >= 0.0);
  CHECK(score <= 1.0);
  CHECK(score == model_confidence_score(two));
  // a sensible model of this series beats the in-sample seasonal naive scale only modestly,
  // but must do far better than MASE 3 (noise is uniform on [0, 8])
  REQUIRE(one.overall.mase);
  CHECK(*one.overall.mase < 3.0);
}

TEST_CASE("backtest compiles in float", "[backtest]") {
  const std::vector<float> y{1, 2, 3, 4, 5, 6, 7, 8};
  auto naive = [](std::span<const float> train, int h) {
    forecast<float> fc;
    fc.mean.assign(static_cast<std::size_t>(h), train.back());
    return fc;
  };
  backtest_options<float> opt;
  opt.initial_window = 4;
  opt.horizon = 1;
  opt.threads = 2;
  const auto r = backtest(std::span<const float>(y), naive, opt);
  CHECK(r.origins.size() == 4);
  CHECK(r.overall.point.mae == Approx(1).margin(1e-6));
}
