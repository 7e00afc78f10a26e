#include "invforecast/metrics/tracking_signal.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "invforecast/error.hpp"

using namespace invforecast;
using S = std::span<const double>;

TEST_CASE("cumulative tracking signal and its alert", "[tracking_signal]") {
  const std::vector<double> a{100, 110, 90};
  const std::vector<double> f{95, 105, 95};
  const auto ts = tracking_signal(S(a), S(f));
  REQUIRE(ts);
  CHECK(*ts == Approx(1.0).margin(1e-12));  // sum e = 5, MAD = 5
  CHECK_FALSE(tracking_signal_alert(ts));
  CHECK(tracking_signal_alert(std::optional<double>(4.01)));
  CHECK(tracking_signal_alert(std::optional<double>(-4.01)));
  CHECK_FALSE(tracking_signal_alert(std::optional<double>(4.0)));
  CHECK_FALSE(tracking_signal_alert(std::optional<double>{}));  // undefined: no alert
  CHECK(tracking_signal_alert(std::optional<double>(2.5), 2.0));
  REQUIRE_THROWS_AS(tracking_signal_alert(std::optional<double>(1.0), 0.0), invalid_argument);
  const std::vector<double> same{3, 4};
  CHECK_FALSE(tracking_signal(S(same), S(same)));  // MAD = 0
  REQUIRE_THROWS_AS(tracking_signal(S(), S()), insufficient_data);
  REQUIRE_THROWS_AS(tracking_signal(S(a), S(same)), invalid_argument);
}

TEST_CASE("Trigg's signal, hand-worked", "[tracking_signal]") {
  // errors 2, 2, -1, 4 (actual - forecast), alpha 0.1, M_0 = |e_1| = 2, E_0 = 0
  // t1: E = 0.2,                 M = 0.2 + 1.8 = 2     -> 0.1
  // t2: E = 0.2 + 0.18 = 0.38,   M = 0.2 + 1.8 = 2     -> 0.19
  // t3: E = -0.1 + 0.342 = 0.242, M = 0.1 + 1.8 = 1.9  -> 0.242/1.9
  // t4: E = 0.4 + 0.2178 = 0.6178, M = 0.4 + 1.71 = 2.11 -> 0.6178/2.11
  const std::vector<double> a{12, 12, 9, 14};
  const std::vector<double> f{10, 10, 10, 10};
  const auto r = trigg_tracking_signal(S(a), S(f));
  REQUIRE(r.signal.size() == 4);
  CHECK(r.signal[0] == Approx(0.1).margin(1e-14));
  CHECK(r.signal[1] == Approx(0.19).margin(1e-14));
  CHECK(r.signal[2] == Approx(0.242 / 1.9).margin(1e-14));
  CHECK(r.signal[3] == Approx(0.6178 / 2.11).margin(1e-14));
  CHECK(r.last == r.signal[3]);
  CHECK(r.limit == Approx(0.5635484103372966).margin(1e-12));  // 1.96 sqrt(0.1/1.9)/sqrt(2/pi)
  CHECK_FALSE(r.alert);
}

TEST_CASE("Trigg's signal alerts on a persistent bias", "[tracking_signal]") {
  // constant error 1: E_t = 1 - 0.9^t, M_t = 1 -> T_t = 1 - 0.9^t
  // t = 7: 0.5217 < 0.5635; t = 8: 0.5695 > 0.5635
  const std::vector<double> f(8, 0.0);
  const std::vector<double> a(8, 1.0);
  const auto r7 = trigg_tracking_signal(S(a).first(7), S(f).first(7));
  CHECK(r7.last == Approx(1 - std::pow(0.9, 7)).margin(1e-14));
  CHECK_FALSE(r7.alert);
  const auto r8 = trigg_tracking_signal(S(a), S(f));
  CHECK(r8.last == Approx(1 - std::pow(0.9, 8)).margin(1e-14));
  CHECK(r8.alert);
  // over-forecasting: the mirror image
  const auto neg = trigg_tracking_signal(S(f), S(a));
  CHECK(neg.last == Approx(-(1 - std::pow(0.9, 8))).margin(1e-14));
  CHECK(neg.alert);
}

TEST_CASE("Trigg's signal options and zero errors", "[tracking_signal]") {
  // initial_mad 0 and zero errors: M stays 0, signal 0; then e = 3: E = 0.3, M = 0.3 -> 1
  const std::vector<double> a{5, 5, 8};
  const std::vector<double> f{5, 5, 5};
  const auto r = trigg_tracking_signal(S(a), S(f), {.alpha = 0.1, .initial_mad = 0.0, .limit = {}});
  CHECK(r.signal[0] == 0);
  CHECK(r.signal[1] == 0);
  CHECK(r.signal[2] == Approx(1.0).margin(1e-14));
  CHECK(r.alert);
  // default M_0 = |e_1| = 0 gives the same here
  CHECK(trigg_tracking_signal(S(a), S(f)).signal[2] == Approx(1.0).margin(1e-14));
  // alpha 0.2, initial_mad 4, e = 2: E = 0.4, M = 0.4 + 3.2 = 3.6 -> 1/9; limit 0.1 -> alert
  const std::vector<double> a1{2};
  const std::vector<double> f1{0};
  const auto r2 =
      trigg_tracking_signal(S(a1), S(f1), {.alpha = 0.2, .initial_mad = 4.0, .limit = 0.1});
  CHECK(r2.last == Approx(1.0 / 9).margin(1e-14));
  CHECK(r2.limit == 0.1);
  CHECK(r2.alert);
  CHECK(trigg_control_limit(0.2) == Approx(0.8188168568177562).margin(1e-12));
  CHECK(trigg_control_limit(0.1, 1.0) ==
        Approx(0.5635484103372966 / 1.959963984540054).margin(1e-12));
}

TEST_CASE("Trigg's signal rejects bad input", "[tracking_signal]") {
  const std::vector<double> a{1, 2};
  const std::vector<double> f{1, 3};
  REQUIRE_THROWS_AS(trigg_tracking_signal(S(), S()), insufficient_data);
  REQUIRE_THROWS_AS(trigg_tracking_signal(S(a), S(f).first(1)), invalid_argument);
  REQUIRE_THROWS_WITH(
      trigg_tracking_signal(S(a), S(f), {.alpha = 1.0, .initial_mad = {}, .limit = {}}),
      "trigg_tracking_signal: alpha = 1, must be in (0, 1)");
  REQUIRE_THROWS_AS(
      trigg_tracking_signal(S(a), S(f), {.alpha = 0.0, .initial_mad = {}, .limit = {}}),
      invalid_argument);
  REQUIRE_THROWS_AS(
      trigg_tracking_signal(S(a), S(f), {.alpha = 0.1, .initial_mad = -1.0, .limit = {}}),
      invalid_argument);
  REQUIRE_THROWS_AS(
      trigg_tracking_signal(S(a), S(f), {.alpha = 0.1, .initial_mad = {}, .limit = 1.5}),
      invalid_argument);
  REQUIRE_THROWS_AS(
      trigg_tracking_signal(S(a), S(f), {.alpha = 0.1, .initial_mad = {}, .limit = 0.0}),
      invalid_argument);
  REQUIRE_THROWS_AS(trigg_control_limit(1.5), invalid_argument);
  REQUIRE_THROWS_AS(trigg_control_limit(0.1, -1.0), invalid_argument);
}

TEST_CASE("tracking signals compile in float", "[tracking_signal]") {
  const std::vector<float> a{12, 12, 9, 14};
  const std::vector<float> f{10, 10, 10, 10};
  const auto r = trigg_tracking_signal(std::span<const float>(a), std::span<const float>(f));
  CHECK(r.last == Approx(0.6178 / 2.11).margin(1e-6));
  CHECK(*tracking_signal(std::span<const float>(a), std::span<const float>(f)) ==
        Approx(7.0 / 2.25).margin(1e-6));  // sum e = 7, MAD = 9/4
}
