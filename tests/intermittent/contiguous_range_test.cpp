// The intermittent entry points take any contiguous range of T (issue 16.4): a std::vector, a
// std::array and a std::span give the same fit, bit for bit, as the explicit span call.

#include <array>
#include <catch2/catch.hpp>
#include <span>
#include <vector>

#include "invforecast/intermittent/classification.hpp"
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/tsb.hpp"

namespace {

using invforecast::croston;
using invforecast::croston_variant;
using invforecast::tsb;

constexpr std::array<double, 12> kArray{0, 3, 0, 0, 5, 0, 2, 0, 0, 0, 4, 1};

template <typename Fit>
void check_same(const Fit& a, const Fit& b) {
  CHECK(a.alpha() == b.alpha());
  CHECK(a.mse() == b.mse());
  CHECK(a.fitted() == b.fitted());
  CHECK(a.demand_variance() == b.demand_variance());
  const auto fa = a.forecast(5);
  const auto fb = b.forecast(5);
  CHECK(fa.mean == fb.mean);
  for (std::size_t i = 0; i < fa.intervals.size(); ++i) {
    CHECK(fa.intervals[i].lower == fb.intervals[i].lower);
    CHECK(fa.intervals[i].upper == fb.intervals[i].upper);
  }
}

}  // namespace

TEST_CASE("croston: vector, array and span give the span call's fit", "[croston][ranges]") {
  const std::vector<double> vec(kArray.begin(), kArray.end());
  const auto by_span = croston(std::span<const double>(vec));
  check_same(croston(vec), by_span);
  check_same(croston(kArray), by_span);
  const auto sba_span = croston(std::span<const double>(vec), {.variant = croston_variant::sba});
  check_same(croston(vec, {.variant = croston_variant::sba}), sba_span);
  check_same(croston(kArray, {.variant = croston_variant::sba}), sba_span);
  // The optimised alpha is a real fit, not a default that two wrong calls could share.
  CHECK(by_span.alpha_optimised());
  CHECK(by_span.nonzero() == 5);
}

TEST_CASE("tsb: vector, array and span give the span call's fit", "[tsb][ranges]") {
  const std::vector<double> vec(kArray.begin(), kArray.end());
  const auto by_span = tsb(std::span<const double>(vec), {.alpha = 0.2, .beta = 0.5});
  check_same(tsb(vec, {.alpha = 0.2, .beta = 0.5}), by_span);
  check_same(tsb(kArray, {.alpha = 0.2, .beta = 0.5}), by_span);
  const auto opt_span = tsb(std::span<const double>(vec));
  check_same(tsb(vec), opt_span);
  check_same(tsb(kArray), opt_span);
  CHECK(opt_span.beta() == tsb(vec).beta());
}

TEST_CASE("croston / tsb: T comes from the options (float)", "[croston][tsb][ranges]") {
  const std::vector<float> vec{0, 2, 0, 0, 4, 0, 1, 0, 0, 3};
  const invforecast::croston_options<float> co{.alpha = 0.1f};
  const auto c = croston(vec, co);  // T = float deduced from co
  CHECK(c.forecast(1).mean == croston<float>(std::span<const float>(vec), co).forecast(1).mean);
  const invforecast::tsb_options<float> to{.alpha = 0.2f, .beta = 0.5f};
  CHECK(tsb(vec, to).mse() == tsb<float>(std::span<const float>(vec), to).mse());
}

TEST_CASE("classify_demand: vector, array and span give the span call's class",
          "[classification][ranges]") {
  const std::vector<double> vec(kArray.begin(), kArray.end());
  const auto by_span = invforecast::classify_demand(std::span<const double>(vec));
  for (const auto& c : {invforecast::classify_demand(vec), invforecast::classify_demand(kArray)}) {
    CHECK(c.adi == by_span.adi);
    CHECK(c.cv2 == by_span.cv2);
    CHECK(c.nonzero == by_span.nonzero);
    CHECK(c.pattern == by_span.pattern);
  }
  // Hand-worked: 5 demands, the last at period 12 -> ADI 12 / 5 = 2.4 (> 1.32).
  CHECK(by_span.adi == 2.4);
  const auto custom = invforecast::classify_demand(vec, 3.0, 0.49);
  CHECK(custom.adi == 2.4);
}
