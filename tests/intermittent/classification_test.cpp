#include "invforecast/intermittent/classification.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

namespace {
using Catch::Matchers::WithinAbs;
using invforecast::classify_demand;
using invforecast::demand_pattern;
using invforecast::erp_demand_pattern;

auto classify(const std::vector<double>& y) { return classify_demand(std::span<const double>(y)); }
}  // namespace

TEST_CASE("classify_demand: hand-worked intermittent series", "[classification]") {
  // y = 0 2 0 0 4 0 1 0 0 3: demands at 1-based positions 2, 5, 7, 10 -> intervals 2, 3, 2, 3,
  // ADI = 10 / 4 = 2.5. Sizes 2, 4, 1, 3: mean 2.5, sample variance
  // (0.25 + 2.25 + 2.25 + 0.25) / 3 = 5/3, CV^2 = (5/3) / 2.5^2 = 0.266666...
  const auto c = classify({0, 2, 0, 0, 4, 0, 1, 0, 0, 3});
  CHECK_THAT(c.adi, WithinAbs(2.5, 1e-15));
  CHECK_THAT(c.cv2, WithinAbs(5.0 / 3.0 / 6.25, 1e-15));
  CHECK(c.nonzero == 4);
  CHECK(c.cv2_defined);
  CHECK(c.pattern == demand_pattern::intermittent);  // ADI > 1.32, CV^2 <= 0.49
  CHECK(std::string(erp_demand_pattern(c.pattern)) == "INTERMITTENT");
}

TEST_CASE("classify_demand: the four classes", "[classification]") {
  // No zeros, constant: ADI 1, CV^2 0 -> smooth.
  const auto smooth = classify({5, 5, 5, 5});
  CHECK(smooth.adi == 1.0);
  CHECK(smooth.cv2 == 0.0);
  CHECK(smooth.pattern == demand_pattern::smooth);
  // No zeros, 1 10 1 10: mean 5.5, sample var 4 * 20.25 / 3 = 27, CV^2 = 27 / 30.25 = 0.8926.
  const auto erratic = classify({1, 10, 1, 10});
  CHECK(erratic.adi == 1.0);
  CHECK_THAT(erratic.cv2, WithinAbs(27.0 / 30.25, 1e-14));
  CHECK(erratic.pattern == demand_pattern::erratic);
  // 0 0 1 0 0 20 0 0 2 0 0 30: ADI 12 / 4 = 3; sizes 1 20 2 30 mean 13.25,
  // sample var (150.0625 + 45.5625 + 126.5625 + 280.5625) / 3 = 200.9166..., CV^2 = 1.1444.
  const auto lumpy = classify({0, 0, 1, 0, 0, 20, 0, 0, 2, 0, 0, 30});
  CHECK(lumpy.adi == 3.0);
  CHECK_THAT(lumpy.cv2, WithinAbs((602.75 / 3) / (13.25 * 13.25), 1e-13));
  CHECK(lumpy.pattern == demand_pattern::lumpy);
}

TEST_CASE("classify_demand: ADI definition and cut-off strictness", "[classification]") {
  // Trailing zeros are not an observed interval: demands at 1 and 3 -> ADI 3/2 = 1.5.
  CHECK(classify({3, 0, 3, 0, 0, 0, 0}).adi == 1.5);
  // Leading zeros count (first interval from the start): demand at 4 only -> ADI 4.
  CHECK(classify({0, 0, 0, 2}).adi == 4.0);
  // ADI exactly 1.32 (= 33/25: 25 demands, the last at position 33) is "low": cut-offs are
  // strict (ADI > 1.32 is high), as tsintermittent::idclass.
  std::vector<double> y(33, 1.0);
  for (int i : {1, 3, 5, 7, 9, 11, 13, 15}) y[static_cast<std::size_t>(i)] = 0;
  const auto c = classify(y);
  REQUIRE(c.nonzero == 25);
  CHECK(c.adi == 33.0 / 25.0);
  CHECK(c.pattern == demand_pattern::smooth);
  // Custom cut-offs.
  const auto custom = classify_demand(std::span<const double>(y), 1.2, 0.49);
  CHECK(custom.pattern == demand_pattern::intermittent);
}

TEST_CASE("classify_demand: edge cases", "[classification]") {
  // One non-zero value: CV^2 undefined -> 0, flagged, classified on ADI (4 > 1.32).
  const auto one = classify({0, 0, 0, 6, 0});
  CHECK(one.nonzero == 1);
  CHECK_FALSE(one.cv2_defined);
  CHECK(one.cv2 == 0.0);
  CHECK(one.adi == 4.0);
  CHECK(one.pattern == demand_pattern::intermittent);
  // All zeros: ADI = n (lower bound), CV^2 undefined, intermittent.
  const auto zeros = classify({0, 0, 0, 0, 0});
  CHECK(zeros.nonzero == 0);
  CHECK(zeros.adi == 5.0);
  CHECK(zeros.cv2 == 0.0);
  CHECK_FALSE(zeros.cv2_defined);
  CHECK(zeros.pattern == demand_pattern::intermittent);
  CHECK(classify({0}).pattern == demand_pattern::intermittent);
  // Huge values: CV^2 is scale-free (relative 1e-12).
  const auto big = classify({0, 2e12, 0, 0, 4e12, 0, 1e12, 0, 0, 3e12});
  CHECK_THAT(big.cv2, WithinAbs(5.0 / 3.0 / 6.25, 1e-12));
  CHECK(big.pattern == demand_pattern::intermittent);
}

TEST_CASE("erp_demand_pattern strings", "[classification]") {
  // Compared as std::string: Catch2 cannot print a string_view when tests/main.cpp is
  // compiled below C++17 (clang 14 default).
  CHECK(std::string(erp_demand_pattern(demand_pattern::smooth)) == "STABLE");
  CHECK(std::string(erp_demand_pattern(demand_pattern::erratic)) == "ERRATIC");
  CHECK(std::string(erp_demand_pattern(demand_pattern::intermittent)) == "INTERMITTENT");
  CHECK(std::string(erp_demand_pattern(demand_pattern::lumpy)) == "LUMPY");
  CHECK(std::string(erp_demand_pattern(demand_pattern::seasonal)) == "SEASONAL");
}

TEST_CASE("classify_demand: errors", "[classification]") {
  const std::vector<double> empty;
  REQUIRE_THROWS_AS(classify_demand(std::span<const double>(empty)),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_WITH(classify({1, 2, -3}),
                      Catch::Contains("classify_demand") && Catch::Contains("y[2] = -3"));
  REQUIRE_THROWS_WITH(classify({1, std::nan("")}), Catch::Contains("y[1] = nan"));
  const std::vector<double> y{1, 0, 2};
  REQUIRE_THROWS_AS(classify_demand(std::span<const double>(y), 0.0),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(classify_demand(std::span<const double>(y), 1.32, -0.1),
                    invforecast::invalid_argument);
}

TEST_CASE("classify_demand: float instantiation", "[classification]") {
  const std::vector<float> y{0, 2, 0, 0, 4, 0, 1, 0, 0, 3};
  const auto c = classify_demand<float>(y);
  CHECK_THAT(static_cast<double>(c.adi), WithinAbs(2.5, 1e-6));
  CHECK(c.pattern == demand_pattern::intermittent);
}
