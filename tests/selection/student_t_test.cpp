#include "invforecast/detail/student_t.hpp"
#include "invforecast/stats/normal.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "selection/test_data.hpp"

TEST_CASE("t and normal quantiles match R's qt and qnorm", "[student_t]") {
  // R 4.x qt(p, df), qnorm(p) from tests/reference/generate_selection_fixtures.R.
  // Tolerance: relative 1e-12 up to 1000 degrees of freedom; above, 5e-11 (the finite series
  // sums ~df/2 terms, and a tail quantile amplifies the rounding of P(|T| < t) by 1/density).
  const auto t = selection_test::read_csv(selection_test::fixture_path("quantiles.csv"));
  const auto cp = t.column("p");
  const auto cdf = t.column("df");
  const auto cqt = t.column("qt");
  const auto cqn = t.column("qnorm");
  REQUIRE(t.rows.size() == 65);
  for (const auto& r : t.rows) {
    const double p = std::stod(r[cp]);
    const long df = std::stol(r[cdf]);
    INFO("p = " << p << ", df = " << df);
    const double tol = df <= 1000 ? 1e-12 : 5e-11;
    CHECK(invforecast::detail::student_t_quantile(p, df) == Approx(std::stod(r[cqt])).epsilon(tol));
    CHECK(invforecast::detail::student_t_quantile(1.0 - p, df) ==
          Approx(-std::stod(r[cqt])).epsilon(tol));
    CHECK(invforecast::normal_quantile(p) == Approx(std::stod(r[cqn])).epsilon(1e-14));
  }
  CHECK(invforecast::detail::student_t_quantile(0.5, 7) == 0.0);
}
