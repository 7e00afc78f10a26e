// Nelder-Mead against R's optim(method = "Nelder-Mead"), which implements the same algorithm
// (Nash 1990): reference values printed by
//   fr <- function(x) 100*(x[2]-x[1]^2)^2 + (1-x[1])^2
//   optim(c(-1.2, 1), fr)                                     # R 4.2, default control
//   f3 <- function(x) sum((x - c(1, 2, 3, 4))^2) + prod(abs(x))^0.5
//   optim(rep(0.5, 4), f3, control = list(maxit = 5000, reltol = 1e-12))

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/detail/ets_core.hpp"
#include "invforecast/detail/ets_objective.hpp"
#include "invforecast/detail/nelder_mead.hpp"
#include "invforecast/smoothing/ets_model.hpp"
#include "smoothing/seasonal_series.hpp"

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

// f with with_spare(): the spare value is given unless p[0] < 0 (as an objective that cannot
// pack both points would); counts the spare values handed out.
struct with_spare_of {
  double (*f)(std::span<const double>);
  int spares = 0;
  double operator()(std::span<const double> p) const { return f(p); }
  std::pair<double, std::optional<double>> with_spare(std::span<const double> p,
                                                      std::span<const double> spare) {
    if (p[0] < 0) return {f(p), std::nullopt};
    ++spares;
    return {f(p), f(spare)};
  }
};

}  // namespace

TEST_CASE("nelder_mead with a spare evaluation follows the same path", "[nelder_mead]") {
  struct problem {
    double (*f)(std::span<const double>);
    std::vector<double> start;
    double reltol;
  };
  for (const problem& pr : {problem{rosenbrock, {-1.2, 1.0}, 1.49e-8},
                            problem{f3, std::vector<double>(4, 0.5), 1e-12}}) {
    nelder_mead_settings<double> settings;
    settings.max_evaluations = 5000;
    settings.reltol = pr.reltol;
    nelder_mead_workspace<double> ws;
    std::vector<double> plain_x = pr.start;
    const auto plain = nelder_mead(pr.f, std::span<double>(plain_x), settings, ws);
    with_spare_of objective{pr.f};
    std::vector<double> x = pr.start;
    const auto r = nelder_mead(objective, std::span<double>(x), settings, ws);
    CHECK(objective.spares > 10);  // the spare path is taken
    CHECK(r.evaluations == plain.evaluations);
    CHECK(r.status == plain.status);
    CHECK(r.value == plain.value);
    CHECK(x == plain_x);
  }
}

TEST_CASE("nelder_mead on ets_objective: with_spare changes nothing", "[nelder_mead][ets]") {
  namespace d = invforecast::detail;
  // A weekly-seasonal positive series (level 100, trend 0.2, amplitude 12, noise +-4).
  const auto y = invforecast_test::seasonal_series(180, {100.0, 0.2, 12.0, 4.0, 7, 2024u});
  const std::span<const double> ys(y);
  for (const std::string code : {"ANN", "AAdN", "AAA", "AAdA", "MNN", "MNA", "MAdA", "MAM"}) {
    INFO(code);
    const auto model = invforecast::ets_model::parse(code);
    const int m = model.season == invforecast::ets_season::none ? 1 : 7;
    const bool trend = model.trend != invforecast::ets_trend::none;
    const bool seasonal = model.season != invforecast::ets_season::none;
    const d::ets_free free{true, trend, seasonal, model.damped};
    const d::ets_coefficients<double> start{0.1, 0.01, 0.01, 0.978};
    d::ets_objective<double> objective(model, m, ys, {}, start, free, d::ets_limits<double>{}, true,
                                       true, false, {});
    std::vector<double> par{0.1};
    if (trend) par.push_back(0.01);
    if (seasonal) par.push_back(0.01);
    if (model.damped) par.push_back(0.978);
    const auto states = d::ets_initial_states<double>(model, ys, m);
    par.insert(par.end(), states.begin(), states.end());
    // Both lanes of one packed pass give the single pass's value.
    const auto probe = objective.with_spare(par, par);
    REQUIRE(probe.second.has_value());
    CHECK(*probe.second == probe.first);
    CHECK(probe.first == objective(par));
    nelder_mead_settings<double> settings;
    nelder_mead_workspace<double> ws;
    std::vector<double> plain_par = par;
    const auto plain = nelder_mead([&](std::span<const double> v) { return objective(v); },
                                   std::span<double>(plain_par), settings, ws);
    const auto r = nelder_mead(objective, std::span<double>(par), settings, ws);
    CHECK(plain.evaluations > 50);
    CHECK(r.evaluations == plain.evaluations);
    CHECK(r.status == plain.status);
    CHECK(r.value == plain.value);
    CHECK(par == plain_par);
  }
}

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

TEST_CASE("nelder_mead_search: searches asked point by point, interleaved, end as alone",
          "[nelder_mead]") {
  using invforecast::detail::nelder_mead_search;
  nelder_mead_settings<double> settings;
  settings.max_evaluations = 5000;
  settings.reltol = 1e-12;
  nelder_mead_workspace<double> ws_a;
  nelder_mead_workspace<double> ws_b;
  std::vector<double> xa{-1.2, 1.0};
  std::vector<double> xb(4, 0.5);
  const auto alone_a = nelder_mead(rosenbrock, std::span<double>(xa), settings, ws_a);
  const auto alone_b = nelder_mead(f3, std::span<double>(xb), settings, ws_b);

  // Interleaved, one point per turn; b also gets its lookahead values (as a packed pass would).
  const std::vector<double> start_a{-1.2, 1.0};
  const std::vector<double> start_b(4, 0.5);
  nelder_mead_search<double> a(start_a, settings, ws_a);
  nelder_mead_search<double> b(start_b, settings, ws_b);
  int lookaheads = 0;
  while (!a.done() || !b.done()) {
    if (!a.done()) a.tell(rosenbrock(a.point()));
    if (!b.done()) {
      if (b.lookahead().empty()) {
        b.tell(f3(b.point()));
      } else {
        ++lookaheads;
        b.tell(f3(b.point()), f3(b.lookahead()));
      }
    }
  }
  CHECK(lookaheads > 10);
  CHECK(a.result().evaluations == alone_a.evaluations);
  CHECK(a.result().status == alone_a.status);
  CHECK(a.result().value == alone_a.value);
  CHECK(std::vector<double>(a.best().begin(), a.best().end()) == xa);
  CHECK(b.result().evaluations == alone_b.evaluations);
  CHECK(b.result().value == alone_b.value);
  CHECK(std::vector<double>(b.best().begin(), b.best().end()) == xb);
}

TEST_CASE("nelder_mead_search: an objective undefined at the start ends the search",
          "[nelder_mead]") {
  using invforecast::detail::nelder_mead_search;
  nelder_mead_settings<double> settings;
  nelder_mead_workspace<double> ws;
  const std::vector<double> start{0.3, 0.7};
  nelder_mead_search<double> s(start, settings, ws);
  REQUIRE_FALSE(s.done());
  CHECK(std::vector<double>(s.point().begin(), s.point().end()) == start);
  CHECK(s.lookahead().empty());
  s.tell(std::numeric_limits<double>::quiet_NaN());
  CHECK(s.done());
  CHECK(s.result().status == 2);  // R: "function cannot be evaluated at initial parameters"
  CHECK(s.result().evaluations == 1);
  CHECK(std::vector<double>(s.best().begin(), s.best().end()) == start);
}

TEST_CASE("ets_objective: a damped and an undamped form share one packed pass",
          "[nelder_mead][ets]") {
  namespace d = invforecast::detail;
  std::vector<double> y(120);
  for (std::size_t t = 0; t < y.size(); ++t) {
    y[t] = 50.0 + 0.3 * static_cast<double>(t) + 6.0 * std::cos(0.9 * static_cast<double>(t)) +
           static_cast<double>((t * 7919) % 11);
  }
  const std::span<const double> ys(y);
  std::vector<std::uint8_t> unknown(y.size(), 0);
  unknown[5] = 1;
  const auto objective_of = [&](const std::string& code, std::span<const std::uint8_t> mask) {
    const auto model = invforecast::ets_model::parse(code);
    const int m = model.season == invforecast::ets_season::none ? 1 : 7;
    const bool trend = model.trend != invforecast::ets_trend::none;
    const bool seasonal = model.season != invforecast::ets_season::none;
    const d::ets_free free{true, trend, seasonal, model.damped};
    const d::ets_coefficients<double> start{0.1, 0.01, 0.01, model.damped ? 0.95 : 1.0};
    return d::ets_objective<double>(model, m, ys, mask, start, free, d::ets_limits<double>{}, true,
                                    true, false, {});
  };
  const auto start_of = [&](const std::string& code) {
    const auto model = invforecast::ets_model::parse(code);
    const int m = model.season == invforecast::ets_season::none ? 1 : 7;
    std::vector<double> par{0.12};
    if (model.trend != invforecast::ets_trend::none) par.push_back(0.02);
    if (model.season != invforecast::ets_season::none) par.push_back(0.03);
    if (model.damped) par.push_back(0.93);
    const auto states = d::ets_initial_states<double>(model, ys, m);
    par.insert(par.end(), states.begin(), states.end());
    return par;
  };
  const auto aada = objective_of("AAdA", {});
  CHECK(aada.packs_with(objective_of("AAA", {})));
  CHECK(objective_of("MAdM", {}).packs_with(objective_of("MAM", {})));
  CHECK_FALSE(aada.packs_with(objective_of("ANA", {})));       // another trend
  CHECK_FALSE(aada.packs_with(objective_of("MAdA", {})));      // another error
  CHECK_FALSE(aada.packs_with(objective_of("AAdN", {})));      // another season
  CHECK_FALSE(aada.packs_with(objective_of("AAA", unknown)));  // unknown days: no packed form
  const std::array<std::pair<std::string, std::string>, 2> forms{
      std::pair<std::string, std::string>{"AAdA", "AAA"}, {"MAdM", "MAM"}};
  for (const auto& [damped, undamped] : forms) {
    INFO(damped << " with " << undamped);
    auto a = objective_of(damped, {});
    auto b = objective_of(undamped, {});
    const auto pa = start_of(damped);
    const auto pb = start_of(undamped);
    REQUIRE(a.load(pa, 0));
    REQUIRE(b.load(pb, 0));
    const auto together = d::ets_objective<double>::run_together(a, 0, b, 0);
    CHECK(together[0] == a(pa));
    CHECK(together[1] == b(pb));
  }
}
