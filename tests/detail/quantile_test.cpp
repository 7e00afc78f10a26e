// Tests of include/invforecast/detail/quantile.hpp: the library's one set of sample quantiles.
// Expected values worked by hand from Hyndman & Fan (1996) / R's quantile() definitions, on
// x = 1, 2, 4, 8, 16 (n = 5); R: quantile(c(1, 2, 4, 8, 16), p, type = t).

#include "invforecast/detail/quantile.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstddef>
#include <span>
#include <vector>

namespace {

const std::vector<double> x{1, 2, 4, 8, 16};
const std::span<const double> xs(x);

}  // namespace

TEST_CASE("quantile_type1: the smallest x_(j) with j / n >= p", "[quantile]") {
  using invforecast::detail::quantile_type1;
  CHECK(quantile_type1(xs, 0.0) == 1);  // x_(1) for p <= 1/n
  CHECK(quantile_type1(xs, 0.2) == 1);  // n p = 1 exactly: x_(1), not x_(2)
  CHECK(quantile_type1(xs, 0.21) == 2);
  CHECK(quantile_type1(xs, 0.6) == 4);  // n p = 3: x_(3)
  CHECK(quantile_type1(xs, 0.95) == 16);
  CHECK(quantile_type1(xs, 1.0) == 16);
}

TEST_CASE("quantile_type7: linear between x_(floor h + 1) and the next, h = (n - 1) p",
          "[quantile]") {
  using invforecast::detail::quantile_type7;
  CHECK(quantile_type7(xs, 0.0) == 1);
  CHECK(quantile_type7(xs, 0.5) == 4);                            // h = 2
  CHECK(quantile_type7(xs, 0.625) == 6);                          // h = 2.5: 4 + 0.5 (8 - 4)
  CHECK(quantile_type7(xs, 0.9) == Approx(12.8).epsilon(1e-15));  // h = 3.6: 8 + 0.6 * 8
  CHECK(quantile_type7(xs, 1.0) == 16);
}

TEST_CASE("quantile_type8: median-unbiased, np + (p + 1) / 3 = j + g", "[quantile]") {
  using invforecast::detail::quantile_type8;
  CHECK(quantile_type8(xs, 0.5) == Approx(4).epsilon(1e-15));  // 2.5 + 0.5 = 3
  // p = 0.1: 0.5 + 0.36667 = 0.86667: j = 0, clamped to x_(1) on both sides.
  CHECK(quantile_type8(xs, 0.1) == Approx(1).epsilon(1e-15));
  // p = 0.8: 4 + 0.6 = 4.6: 0.4 x_(4) + 0.6 x_(5) = 3.2 + 9.6 = 12.8.
  CHECK(quantile_type8(xs, 0.8) == Approx(12.8).epsilon(1e-15));
  CHECK(quantile_type8(xs, 0.99) == Approx(16).epsilon(1e-15));  // past x_(n): clamped
  CHECK(quantile_type8(std::span<const double>(), 0.5) == 0);
}

TEST_CASE("placed order statistics read the same type-8 quantiles as a full sort", "[quantile]") {
  using invforecast::detail::place_order_statistics;
  using invforecast::detail::quantile_type8;
  using invforecast::detail::type8_order_positions;
  const std::vector<double> probabilities{0.1, 0.5, 0.9};
  std::vector<double> values{9, 3, 7, 1, 8, 2, 6, 4, 5, 0, 10};
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const auto positions =
      type8_order_positions(values.size(), std::span<const double>(probabilities));
  place_order_statistics(std::span<double>(values), std::span<const std::size_t>(positions));
  for (const double p : probabilities) {
    CHECK(quantile_type8(std::span<const double>(values), p) ==
          quantile_type8(std::span<const double>(sorted), p));
  }
}
