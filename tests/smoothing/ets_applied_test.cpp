// fitted_ets::applied_to: a fitted model run over other data with nothing re-estimated, against
// R's ets(train, model = fit, use.initial.values = TRUE) (forecast 8.20) on the ETS corpus
// (tests/reference/generate_ets_applied_fixtures.R), and its identities.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <invforecast/error.hpp>
#include <invforecast/smoothing/ets.hpp>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "smoothing/ets_fixtures.hpp"
#include "support/csv.hpp"

using invforecast::ets_model;
using invforecast::ets_options;
using invforecast::ets_spec;

namespace {

using ets_fixtures::rel_close;

struct applied_row {
  std::string id, model;
  std::size_t n_train = 0;
  int h = 0;
  double alpha, beta, gamma, phi;
  std::size_t np = 0;
  double sigma2, loglik;
};

using key = std::pair<std::string, std::string>;

struct applied_fixtures {
  std::vector<applied_row> fits;
  std::map<key, std::vector<double>> states, final_states, fitted;
  std::map<key, std::vector<ets_fixtures::forecast_row>> forecasts;
};

const applied_fixtures& load() {
  static const applied_fixtures f = [] {
    using ets_fixtures::num;
    applied_fixtures out;
    const auto rows = [](const char* name) {
      return invforecast::test::read_fixture(std::string("ets_applied/") + name);
    };
    for (const auto& r : rows("fits.csv")) {
      out.fits.push_back({r[0], r[1], static_cast<std::size_t>(std::atol(r[2].c_str())),
                          std::atoi(r[3].c_str()), num(r[4]), num(r[5]), num(r[6]), num(r[7]),
                          static_cast<std::size_t>(std::atol(r[8].c_str())), num(r[9]),
                          num(r[10])});
    }
    for (const auto& r : rows("states.csv")) out.states[{r[0], r[1]}].push_back(num(r[3]));
    for (const auto& r : rows("final.csv")) out.final_states[{r[0], r[1]}].push_back(num(r[3]));
    for (const auto& r : rows("fitted.csv")) out.fitted[{r[0], r[1]}].push_back(num(r[3]));
    for (const auto& r : rows("forecasts.csv")) {
      out.forecasts[{r[0], r[1]}].push_back(
          {num(r[3]), num(r[4]), num(r[5]), num(r[6]), num(r[7])});
    }
    return out;
  }();
  return f;
}

// R's full-series fit: its parameters and initial states, fixed (nothing searched).
invforecast::fitted_ets<double> r_full_fit(const applied_row& row) {
  const auto& s = ets_fixtures::load().series_by_id.at(row.id);
  ets_options<double> o;
  o.model = ets_model::parse(ets_fixtures::code_of(row.model));
  o.season_length = o.model.season == invforecast::ets_season::none ? 1 : s.m;
  o.alpha = row.alpha;
  if (!std::isnan(row.beta)) o.beta = row.beta;
  if (!std::isnan(row.gamma)) o.gamma = row.gamma;
  if (!std::isnan(row.phi)) o.phi = row.phi;
  o.initial_states = load().states.at({row.id, row.model});
  return ets_spec<double>(o).fit(s.y);
}

}  // namespace

TEST_CASE("applied_to equals R's ets(train, model = fit, use.initial.values = TRUE)",
          "[ets][applied]") {
  const auto& f = load();
  std::size_t checked = 0, fitted_checked = 0, bounds_checked = 0;
  for (const auto& row : f.fits) {
    INFO(row.id << " " << row.model);
    const auto& s = ets_fixtures::load().series_by_id.at(row.id);
    const auto full = r_full_fit(row);
    const std::span<const double> train(s.y.data(), row.n_train);
    const auto applied = full.applied_to(train);
    // Nothing re-estimated: the parameters and initial states are the full fit's.
    CHECK(applied.params().alpha == full.params().alpha);
    CHECK(applied.initial_states() == full.initial_states());
    CHECK(applied.nobs() == row.n_train);
    // R's sigma2 = SSE / (n - length(par) - 1) and loglik = -0.5 lik of the training window:
    // 1e-9 relative.
    CHECK(rel_close(applied.sigma2(), row.sigma2, 1e-9));
    CHECK(rel_close(applied.loglik(), row.loglik, 1e-9));
    // The states after the last training value (the forecast origin): 1e-9 relative.
    const auto& last = f.final_states.at({row.id, row.model});
    REQUIRE(applied.final_states().size() == last.size());
    for (std::size_t k = 0; k < last.size(); ++k) {
      INFO("state " << k + 1);
      CHECK(rel_close(applied.final_states()[k], last[k], 1e-9));
    }
    const auto fv = f.fitted.find({row.id, row.model});
    if (fv != f.fitted.end()) {
      REQUIRE(fv->second.size() == row.n_train);
      for (std::size_t t = 0; t < row.n_train; ++t) {
        INFO("t = " << t + 1);
        CHECK(rel_close(applied.fitted()[t], fv->second[t], 1e-9));
      }
      ++fitted_checked;
    }
    // forecast(applied, h): means 1e-9 relative (1e-6 for class 3, whose means carry sigma^2
    // terms), analytic bounds 1e-6 relative; R's NaN bounds (negative variance) are skipped.
    const auto& fc = f.forecasts.at({row.id, row.model});
    REQUIRE(fc.size() == static_cast<std::size_t>(row.h));
    const auto ours = applied.forecast(row.h, invforecast::default_levels<double>, 42, false);
    const auto model = applied.model();
    const bool class3 = model.error == invforecast::ets_error::multiplicative &&
                        model.season == invforecast::ets_season::multiplicative &&
                        model.trend != invforecast::ets_trend::multiplicative;
    for (std::size_t h = 0; h < fc.size(); ++h) {
      INFO("h = " << h + 1);
      CHECK(rel_close(ours.mean[h], fc[h].mean, class3 ? 1e-6 : 1e-9));
      if (std::isnan(fc[h].lo80) || std::isnan(fc[h].hi95)) continue;
      CHECK(rel_close(ours.interval(0.80).lower[h], fc[h].lo80, 1e-6));
      CHECK(rel_close(ours.interval(0.80).upper[h], fc[h].hi80, 1e-6));
      CHECK(rel_close(ours.interval(0.95).lower[h], fc[h].lo95, 1e-6));
      CHECK(rel_close(ours.interval(0.95).upper[h], fc[h].hi95, 1e-6));
      ++bounds_checked;
    }
    ++checked;
  }
  CHECK(checked == 181);
  CHECK(fitted_checked == 20);
  CHECK(bounds_checked > 500);
}

TEST_CASE("applied_to over the fit's own data reproduces the fit, sigma^2 one df fewer",
          "[ets][applied]") {
  const auto& s = ets_fixtures::load().series_by_id.at("AirPassengers");
  for (const char* code : {"ANN", "AAdN", "MAM", "MAdM", "ANA"}) {
    INFO(code);
    ets_options<double> o;
    o.model = ets_model::parse(code);
    o.season_length = o.model.season == invforecast::ets_season::none ? 1 : s.m;
    const auto fit = ets_spec<double>(o).fit(s.y);
    const auto again = fit.applied_to(s.y);
    // The same recursion over the same data: identical predictions and final states.
    CHECK(again.fitted() == fit.fitted());
    CHECK(again.final_states() == fit.final_states());
    CHECK(again.objective() == fit.objective());
    CHECK(again.parameter_count() == fit.parameter_count());
    // A fit divides SSE by n - p, applied_to by n - p - 1 (R's np = length(par) + 1), with p =
    // parameter_count() - 1 for a fit that estimated everything.
    const auto n = static_cast<double>(s.y.size());
    const auto p = static_cast<double>(fit.parameter_count() - 1);
    CHECK(again.sigma2() == Approx(fit.sigma2() * (n - p) / (n - p - 1)).epsilon(1e-14));
  }
}

TEST_CASE("applied_to rejects windows too short and non-finite values", "[ets][applied]") {
  const auto& s = ets_fixtures::load().series_by_id.at("AirPassengers");
  ets_options<double> o;
  o.model = ets_model::parse("AAN");
  const auto fit = ets_spec<double>(o).fit(s.y);  // p = alpha, beta, l, b = 4
  const std::span<const double> y(s.y);
  CHECK_THROWS_MATCHES(fit.applied_to(y.first(5)), invforecast::invalid_argument,
                       Catch::Message("fitted_ets::applied_to: y has 5 values, needs more than "
                                      "p + 1 = 5"));
  CHECK(fit.applied_to(y.first(6)).nobs() == 6);
  std::vector<double> bad(s.y.begin(), s.y.begin() + 20);
  bad[3] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(fit.applied_to(bad), invforecast::invalid_argument);
}
