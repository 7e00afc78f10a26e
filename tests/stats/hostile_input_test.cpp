// Issue 18, row 3: finite but huge arguments of the normal functions give finite results.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "invforecast/stats/normal.hpp"

TEST_CASE("normal functions: huge finite arguments stay finite (row 3)", "[hostile][normal]") {
  const double big = std::numeric_limits<double>::max();
  for (const double x : {-big, -1e308, -1e155, -65.0, 65.0, 1e155, 1e308, big}) {
    CAPTURE(x);
    CHECK(invforecast::normal_pdf(x) == 0.0);
    CHECK(std::isfinite(invforecast::normal_loss(x)));
  }
  CHECK(invforecast::normal_loss(1e308) == 0.0);
  CHECK(invforecast::normal_loss(-1e308) == 1e308);
  CHECK(invforecast::normal_loss_inverse(1.7e308) == -1.7e308);
  CHECK(std::isfinite(invforecast::normal_loss_inverse(big)));
  CHECK(invforecast::normal_pdf(1e20f) == 0.0f);
}
