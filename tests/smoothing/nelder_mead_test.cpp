// Nelder-Mead against R's optim(method = "Nelder-Mead"), which implements the same algorithm
// (Nash 1990): reference values printed by
//   fr <- function(x) 100*(x[2]-x[1]^2)^2 + (1-x[1])^2
//   optim(c(-1.2, 1), fr)                                     # R 4.2, default control
//   f3 <- function(x) sum((x - c(1, 2, 3, 4))^2) + prod(abs(x))^0.5
//   optim(rep(0.5, 4), f3, control = list(maxit = 5000, reltol = 1e-12))

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "invforecast/detail/nelder_mead.hpp"

namespace {

using invforecast::detail::nelder_mead;
using invforecast::detail::nelder_mead_settings;
using invforecast::detail::nelder_mead_workspace;

double rosenbrock(std::span<const double> x) {
  return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
}

double f3(std::span<const double> x) {
  double sum = 0;
  double prod = 1;
  for (std::size_t i = 0; i < 4; ++i) {
    const double d = x[i] - static_cast<double>(i + 1);
    sum += d * d;
    prod *= std::abs(x[i]);
  }
  return sum + std::sqrt(prod);
}

}  // namespace

TEST_CASE("nelder_mead reproduces R's optim on Rosenbrock's function", "[nelder_mead]") {
  nelder_mead_settings<double> settings;
  settings.max_evaluations = 500;  // R's default maxit
  nelder_mead_workspace<double> ws;
  std::vector<double> x{-1.2, 1.0};
  const auto r = nelder_mead(rosenbrock, std::span<double>(x), settings, ws);
  CHECK(r.status == 0);
  CHECK(r.evaluations == 195);  // R: counts["function"]
  // Same algorithm, same operations: agreement to rounding (1e-12 relative).
  CHECK(x[0] == Approx(1.0002601387256695).epsilon(1e-12));
  CHECK(x[1] == Approx(1.0005059993037650).epsilon(1e-12));
  CHECK(r.value == Approx(8.8252410967227472e-08).epsilon(1e-10));
}

TEST_CASE("nelder_mead reproduces R's optim in 4 dimensions with shrinks", "[nelder_mead]") {
  nelder_mead_settings<double> settings;
  settings.max_evaluations = 5000;
  settings.reltol = 1e-12;
  nelder_mead_workspace<double> ws;
  std::vector<double> x(4, 0.5);
  const auto r = nelder_mead(f3, std::span<double>(x), settings, ws);
  CHECK(r.status == 0);
  CHECK(r.evaluations == 533);
  CHECK(x[0] == Approx(0.0).margin(1e-15));  // R: -1.36e-22
  CHECK(x[1] == Approx(2.5704958192850382).epsilon(1e-10));
  CHECK(x[2] == Approx(2.4407011941267749).epsilon(1e-10));
  CHECK(x[3] == Approx(3.9993023231602871).epsilon(1e-10));
  CHECK(r.value == Approx(1.6382811208843571).epsilon(1e-12));
}

TEST_CASE("nelder_mead stops at the evaluation budget like R", "[nelder_mead]") {
  // R: optim(c(-1.2, 1), fr, control = list(maxit = 50)) stops with convergence = 1 after
  // 51 evaluations (the budget is checked after each iteration).
  nelder_mead_settings<double> settings;
  settings.max_evaluations = 50;
  nelder_mead_workspace<double> ws;
  std::vector<double> x{-1.2, 1.0};
  const auto r = nelder_mead(rosenbrock, std::span<double>(x), settings, ws);
  CHECK(r.status == 1);
  CHECK(r.evaluations == 51);
}
