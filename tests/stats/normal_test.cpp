#include "invforecast/stats/normal.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "invforecast/error.hpp"
#include "support/csv.hpp"

namespace {

struct fixture_row {
  std::string function;
  double x;
  double value;
};

// tests/reference/fixtures/normal.csv, written by tests/reference/generate_normal_fixtures.R
// (R's dnorm / pnorm / qnorm, 17 significant digits).
std::vector<fixture_row> read_fixture(const std::string& function) {
  std::vector<fixture_row> rows;
  for (const auto& r : invforecast::test::read_fixture("normal.csv")) {
    if (r.at(0) == function) {
      rows.push_back(
          {r[0], std::strtod(r.at(1).c_str(), nullptr), std::strtod(r.at(2).c_str(), nullptr)});
    }
  }
  REQUIRE(!rows.empty());
  return rows;
}

double relative_error(double got, double want) {
  if (want == 0) return std::fabs(got);
  return std::fabs(got - want) / std::fabs(want);
}

}  // namespace

TEST_CASE("normal_quantile matches R qnorm from 1e-300 to 1 - 1e-16", "[normal]") {
  double worst = 0;
  for (const auto& row : read_fixture("qnorm")) {
    const double z = invforecast::normal_quantile(row.x);
    const double err = relative_error(z, row.value);
    INFO("p = " << row.x << " ours " << z << " R " << row.value);
    CHECK(err <= 1e-15);  // tolerance: 1e-15 relative (absolute 1e-16 at p = 0.5 where z = 0)
    worst = std::max(worst, err);
  }
  WARN("normal_quantile: worst relative error against R qnorm = " << worst);
}

TEST_CASE("normal_quantile: method-notes test vectors", "[normal]") {
  using invforecast::normal_quantile;
  CHECK(normal_quantile(0.5) == 0.0);  // exact by symmetry
  // tolerance 1e-15 relative for each (values from method-notes.md, = R qnorm)
  CHECK(normal_quantile(0.8) == Approx(0.8416212335729143).epsilon(1e-15));
  CHECK(normal_quantile(0.95) == Approx(1.6448536269514722).epsilon(1e-15));
  CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-15));
  CHECK(normal_quantile(0.99) == Approx(2.3263478740408408).epsilon(1e-15));
  CHECK(normal_quantile(0.999) == Approx(3.090232306167813).epsilon(1e-15));
  // Symmetry identity: z(1 - p) = -z(p) for p where 1 - p is exact (tolerance 1e-15 relative).
  for (double p : {0.0625, 0.125, 0.25, 0.375}) {
    CHECK(normal_quantile(1 - p) == Approx(-normal_quantile(p)).epsilon(1e-15));
  }
}

TEST_CASE("z_for_service_level is the exact inverse normal, not a step table", "[normal]") {
  using invforecast::z_for_service_level;
  // The ERP's step table gave 1.65 for 0.95 and 1.65 below 0.80; the inverse normal differs.
  CHECK(z_for_service_level(0.95) == Approx(1.6448536269514722).epsilon(1e-15));
  CHECK(z_for_service_level(0.999) == Approx(3.090232306167813).epsilon(1e-15));
  CHECK(z_for_service_level(0.70) == Approx(0.52440051270804067).epsilon(1e-15));  // R qnorm(0.7)
  CHECK(z_for_service_level(0.3) < 0);                            // below 50 % the z is negative
  CHECK(z_for_service_level(0.951) > z_for_service_level(0.95));  // strictly increasing
}

TEST_CASE("normal_cdf and normal_ccdf match R pnorm, including the far tails", "[normal]") {
  double worst = 0;
  for (const auto& row : read_fixture("pnorm")) {
    const double p = invforecast::normal_cdf(row.x);
    const double err = relative_error(p, row.value);
    INFO("x = " << row.x << " ours " << p << " R " << row.value);
    CHECK(err <= 2e-15);  // tolerance: 2e-15 relative (std::erfc's own error is a few ulp)
    worst = std::max(worst, err);
  }
  for (const auto& row : read_fixture("pnorm_upper")) {
    const double q = invforecast::normal_ccdf(row.x);
    const double err = relative_error(q, row.value);
    INFO("x = " << row.x << " ours " << q << " R " << row.value);
    CHECK(err <= 2e-15);  // tolerance: 2e-15 relative
    worst = std::max(worst, err);
  }
  WARN("normal_cdf/ccdf: worst relative error against R pnorm = " << worst);
  CHECK(invforecast::normal_cdf(-std::numeric_limits<double>::infinity()) == 0.0);
  CHECK(invforecast::normal_cdf(std::numeric_limits<double>::infinity()) == 1.0);
  CHECK(invforecast::normal_cdf(0.0) == 0.5);  // erfc(0) = 1 exactly
}

TEST_CASE("quantile and cdf round-trip", "[normal]") {
  // Identity Phi(Phi^{-1}(p)) = p. One ulp of x moves p by x^2 ulp relative (d log p / d x
  // ~ -x), so the tolerance is 4e-15 * (1 + x^2) relative (5.5e-12 at p = 1e-300).
  for (double p : {1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.7, 0.99, 0.99999}) {
    const double x = invforecast::normal_quantile(p);
    INFO("p = " << p);
    CHECK(relative_error(invforecast::normal_cdf(x), p) <= 4e-15 * (1 + x * x));
  }
}

TEST_CASE("normal_pdf matches R dnorm", "[normal]") {
  double worst = 0;
  for (const auto& row : read_fixture("dnorm")) {
    const double d = invforecast::normal_pdf(row.x);
    const double err = relative_error(d, row.value);
    INFO("x = " << row.x << " ours " << d << " R " << row.value);
    CHECK(err <= 2e-15);  // tolerance: 2e-15 relative, also at x = +-38 (d ~ 1e-314)
    worst = std::max(worst, err);
  }
  WARN("normal_pdf: worst relative error against R dnorm = " << worst);
  CHECK(invforecast::normal_pdf(std::numeric_limits<double>::infinity()) == 0.0);
}

TEST_CASE("normal_loss matches R's dnorm(k) - k * (1 - pnorm(k))", "[normal]") {
  double worst = 0;
  for (const auto& row : read_fixture("loss")) {
    const double g = invforecast::normal_loss(row.x);
    const double err = relative_error(g, row.value);
    INFO("k = " << row.x << " ours " << g << " R " << row.value);
    CHECK(err <= 1e-14);  // tolerance: 1e-14 relative (k <= 3, R's formula cancels a little)
    worst = std::max(worst, err);
  }
  for (const auto& row : read_fixture("loss_integral")) {
    const double g = invforecast::normal_loss(row.x);
    INFO("k = " << row.x << " ours " << g << " R integrate " << row.value);
    const double err = relative_error(g, row.value);
    CHECK(err <= 1e-13);  // tolerance: 1e-13 relative (integrate()'s rel.tol is 1e-14)
    worst = std::max(worst, err);
  }
  WARN("normal_loss: worst relative error against R = " << worst);
  // Identities: G(0) = 1/sqrt(2 pi); G(k) - G(-k) = -k (tolerance 1e-15 relative / 1e-14 abs).
  CHECK(invforecast::normal_loss(0.0) == Approx(0.3989422804014327).epsilon(1e-15));
  for (double k : {0.3, 1.7, 2.9, 3.1, 6.0}) {
    CHECK(invforecast::normal_loss(k) - invforecast::normal_loss(-k) == Approx(-k).epsilon(1e-14));
  }
}

TEST_CASE("normal_loss_inverse round-trips and matches a textbook value", "[normal]") {
  using invforecast::normal_loss;
  using invforecast::normal_loss_inverse;
  for (double k : {-6.0, -2.0, -0.5, 0.0, 0.4, 1.0, 2.5, 4.0, 7.0, 12.0}) {
    const double g = normal_loss(k);
    INFO("k = " << k << " G = " << g);
    CHECK(normal_loss_inverse(g) == Approx(k).margin(1e-12));  // tolerance: 1e-12 absolute
  }
  // Textbook (Silver, Pyke & Peterson table; also R uniroot on G): G(k) = 0.0833 -> k = 1.00;
  // R: uniroot(function(k) dnorm(k) - k*pnorm(k, lower.tail=FALSE) - 0.08331547058768685,
  // c(0, 3), tol = 1e-14)$root = 1 (G(1) = 0.083315470587686..., from the fixture's loss row).
  CHECK(normal_loss_inverse(0.083315470587686) == Approx(1.0).margin(1e-12));
  // G(k) = 0.3989... at k = 0 exactly; large g gives k close to -g.
  CHECK(normal_loss_inverse(0.3989422804014327) == Approx(0.0).margin(1e-12));
  CHECK(normal_loss_inverse(1000.0) == Approx(-1000.0).margin(1e-9));  // G(-1000) = 1000 + ~0
}

TEST_CASE("normal functions reject NaN and levels outside (0, 1)", "[normal]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_AS(invforecast::normal_quantile(0.0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_quantile(1.0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_quantile(nan), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_quantile(-0.1), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::z_for_service_level(1.0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::z_for_service_level(0.0), invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(invforecast::z_for_service_level(1.0),
                      "z_for_service_level: service_level = 1, must be in (0, 1)");
  REQUIRE_THROWS_AS(invforecast::normal_cdf(nan), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_ccdf(nan), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_pdf(nan), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_loss(nan), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_loss_inverse(0.0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_loss_inverse(-1.0), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::normal_loss_inverse(nan), invforecast::invalid_argument);
}

TEST_CASE("normal functions instantiate with float", "[normal]") {
  // float: tolerance 1e-6 relative against the double values above.
  CHECK(invforecast::normal_quantile(0.95f) == Approx(1.6448536269514722).epsilon(1e-6));
  CHECK(invforecast::normal_cdf(1.0f) == Approx(0.84134474606854293).epsilon(1e-6));
  CHECK(invforecast::normal_pdf(1.0f) == Approx(0.24197072451914337).epsilon(1e-6));
  CHECK(invforecast::normal_loss(1.0f) == Approx(0.083315470587686).epsilon(1e-5));
  CHECK(invforecast::normal_loss_inverse(0.083315470587686f) == Approx(1.0).margin(1e-5));
  CHECK(invforecast::normal_ccdf(2.0f) == Approx(0.022750131948179209).epsilon(1e-6));
}
