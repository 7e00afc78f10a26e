// Hostile input to the intermittent methods (issue 18 rows 1 and 3): values above the
// library's magnitude limit (detail::max_magnitude = 1e15, docs/errors.md "Limits") are a
// typed invalid_argument naming the index and value; at the limit every result is finite.

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/intermittent/classification.hpp"
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/tsb.hpp"

namespace {

using invforecast::croston;
using invforecast::tsb;

template <typename Fit>
void check_finite_fit(const Fit& fit) {
  CHECK(std::isfinite(fit.mse()));
  CHECK(std::isfinite(fit.demand_variance()));
  CHECK(std::isfinite(fit.lead_time_demand_variance(30)));
  const auto fc = fit.forecast(3);
  for (std::size_t h = 0; h < 3; ++h) {
    CHECK(std::isfinite(fc.mean[h]));
    for (const auto& pi : fc.intervals) {
      CHECK(std::isfinite(pi.lower[h]));
      CHECK(std::isfinite(pi.upper[h]));
      CHECK(pi.lower[h] <= pi.upper[h]);
    }
  }
}

}  // namespace

TEST_CASE("croston: a value above 1e15 is rejected, naming it", "[croston][hostile]") {
  // Before: 1e300 was accepted and sum(x^2) = inf made demand_variance() inf, the
  // intervals' scale NaN-free only by luck.
  const std::vector<double> huge{0, 1e300, 0, 0, 2};
  REQUIRE_THROWS_AS(croston(huge), invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(croston(huge), "croston: y[1] = 1e+300, must be finite, >= 0 and <= 1e+15");
  const std::vector<double> above{3, 0, std::nextafter(1e15, 2e15)};
  // The next double above 1e15 (spacing 0.125), in its shortest round-trip form.
  REQUIRE_THROWS_WITH(croston(above, {.alpha = 0.1}),
                      "croston: y[2] = 1000000000000000.1, must be finite, >= 0 and <= 1e+15");
  const std::vector<double> limit{3, 0, 1e15};
  CHECK_NOTHROW(croston(limit, {.alpha = 0.1}));
}

TEST_CASE("tsb / classify_demand: a value above 1e15 is rejected, naming it",
          "[tsb][classification][hostile]") {
  const std::vector<double> huge{0, 2, 0, 1e200};
  REQUIRE_THROWS_WITH(tsb(huge), "tsb: y[3] = 1e+200, must be finite, >= 0 and <= 1e+15");
  REQUIRE_THROWS_WITH(invforecast::classify_demand(std::span<const double>(huge)),
                      "classify_demand: y[3] = 1e+200, must be finite, >= 0 and <= 1e+15");
  const std::vector<double> max_double{0, 1.7976931348623157e308};
  REQUIRE_THROWS_AS(tsb(max_double, {.alpha = 0.2, .beta = 0.2}), invforecast::invalid_argument);
}

TEST_CASE("croston / tsb: at the limit 1e15 every result is finite", "[croston][tsb][hostile]") {
  std::vector<double> y(200, 0.0);
  for (std::size_t t = 0; t < y.size(); t += 3) y[t] = t % 2 == 0 ? 1e15 : 1.0;
  const auto c = croston(y);
  check_finite_fit(c);
  // The scale of the data survives: the mean of the sizes is about 5e14, one demand in 3.
  CHECK(c.forecast(1).mean[0] > 1e13);
  check_finite_fit(tsb(y));
  check_finite_fit(croston(y, {.variant = invforecast::croston_variant::sbj, .alpha = 1.0}));
}

TEST_CASE("croston / tsb in float: inputs at the limit overflow no result",
          "[croston][tsb][hostile]") {
  // float's range ends at 3.4e38; 1e15^2 = 1e30 and sums over 300 periods stay below it.
  std::vector<float> y(300, 0.0f);
  for (std::size_t t = 0; t < y.size(); t += 2) y[t] = 1e15f;
  // 1e15f rounds to 999999986991104 < 1e15, so the input check accepts it.
  check_finite_fit(croston<float>(y, {.alpha = 0.3f}));
  check_finite_fit(tsb<float>(y, {.alpha = 0.3f, .beta = 0.3f}));
}
