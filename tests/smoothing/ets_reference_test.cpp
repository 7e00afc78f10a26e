// Parity of ETS with R's forecast::ets (forecast 8.20) on the corpus of
// tests/reference/generate_ets_fixtures.R (R datasets, forecast datasets, synthetic demand).

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <invforecast/smoothing/ets.hpp>
#include <invforecast/smoothing/ets_auto.hpp>
#include <string>
#include <vector>

#include "smoothing/ets_fixtures.hpp"

using invforecast::ets_model;
using invforecast::ets_options;
using invforecast::ets_spec;

namespace {

using ets_fixtures::rel_close;

// The model fixed at R's parameters and R's initial states.
ets_options<double> fixed_at_r(const ets_fixtures::fit_row& row, int m) {
  const auto& c = ets_fixtures::load();
  ets_options<double> o;
  o.model = ets_model::parse(ets_fixtures::code_of(row.model));
  o.season_length = o.model.season == invforecast::ets_season::none ? 1 : m;
  o.alpha = row.alpha;
  if (!std::isnan(row.beta)) o.beta = row.beta;
  if (!std::isnan(row.gamma)) o.gamma = row.gamma;
  if (!std::isnan(row.phi)) o.phi = row.phi;
  o.initial_states = c.states.at({row.id, row.model});
  return o;
}

}  // namespace

TEST_CASE("ets recursions with R's parameters and initial states reproduce R", "[ets]") {
  const auto& c = ets_fixtures::load();
  std::size_t checked = 0;
  std::size_t fitted_checked = 0;
  for (const auto& row : c.fits) {
    if (std::isnan(row.aicc)) continue;  // R's HoltWinters fall-back for short series
    const auto& s = c.series_by_id.at(row.id);
    INFO(row.id << " " << row.model);
    const ets_spec<double> spec(fixed_at_r(row, s.m));
    const auto fit = spec.fit(s.y);
    // R's objective at its own solution: lik = n log(SSE) (+ 2 sum log|yhat|), 1e-9 relative.
    CHECK(rel_close(fit.objective(), row.lik, 1e-9));
    // sigma^2 = SSE / (n - #parameters - #free states), 1e-9 relative.
    CHECK(rel_close(fit.sigma2(), row.sigma2, 1e-9));
    // Point forecasts (analytic mean for classes 1-2, recursion for simulated models): 1e-9
    // relative. Class 3 means carry sigma^2 terms and are checked with the intervals below.
    const auto& fc = c.forecasts.at({row.id, row.model});
    const auto ours =
        fit.forecast(static_cast<int>(fc.size()), invforecast::default_levels<double>, 42, false);
    const auto model = ets_model::parse(ets_fixtures::code_of(row.model));
    const double tol_mean = (model.error == invforecast::ets_error::multiplicative &&
                             model.season == invforecast::ets_season::multiplicative &&
                             model.trend != invforecast::ets_trend::multiplicative)
                                ? 1e-6
                                : 1e-9;
    for (std::size_t h = 0; h < fc.size(); ++h) {
      INFO("h = " << h + 1);
      CHECK(rel_close(ours.mean[h], fc[h].mean, tol_mean));
    }
    const auto fv = c.fitted.find({row.id, row.model});
    if (fv != c.fitted.end()) {
      for (std::size_t t = 0; t < fv->second.size(); ++t) {
        INFO("t = " << t + 1);
        CHECK(rel_close(fit.fitted()[t], fv->second[t], 1e-9));  // 1e-9 relative
      }
      ++fitted_checked;
    }
    ++checked;
  }
  CHECK(checked > 200);
  CHECK(fitted_checked == 10);
}

TEST_CASE("ets prediction intervals equal R's for classes 1-3", "[ets]") {
  const auto& c = ets_fixtures::load();
  std::size_t classes[4] = {0, 0, 0, 0};
  for (const auto& row : c.fits) {
    if (std::isnan(row.aicc)) continue;
    const auto& fc = c.forecasts.at({row.id, row.model});
    if (std::isnan(fc[0].lo80)) continue;  // R simulated these
    const auto& s = c.series_by_id.at(row.id);
    INFO(row.id << " " << row.model);
    const auto o = fixed_at_r(row, s.m);
    const auto fit = ets_spec<double>(o).fit(s.y);
    const auto ours =
        fit.forecast(static_cast<int>(fc.size()), invforecast::default_levels<double>, 42, false);
    const auto& i80 = ours.interval(0.80);
    const auto& i95 = ours.interval(0.95);
    for (std::size_t h = 0; h < fc.size(); ++h) {
      INFO("h = " << h + 1);
      // Mean and bounds: 1e-6 relative (R's qnorm and ours agree to ~1e-15).
      CHECK(rel_close(ours.mean[h], fc[h].mean, 1e-6));
      CHECK(rel_close(i80.lower[h], fc[h].lo80, 1e-6));
      CHECK(rel_close(i80.upper[h], fc[h].hi80, 1e-6));
      CHECK(rel_close(i95.lower[h], fc[h].lo95, 1e-6));
      CHECK(rel_close(i95.upper[h], fc[h].hi95, 1e-6));
    }
    const bool merr = o.model.error == invforecast::ets_error::multiplicative;
    const bool mseas = o.model.season == invforecast::ets_season::multiplicative;
    ++classes[!merr ? 1 : (mseas ? 3 : 2)];
  }
  std::printf("[ets] interval parity: class 1 %zu fits, class 2 %zu, class 3 %zu\n", classes[1],
              classes[2], classes[3]);
  CHECK(classes[1] >= 20);
  CHECK(classes[2] >= 20);
  CHECK(classes[3] >= 10);
}

TEST_CASE("ets fitted by our optimiser reaches R's likelihood", "[ets]") {
  const auto& c = ets_fixtures::load();
  std::size_t total = 0;
  std::size_t same_optimum = 0;
  std::size_t better = 0;
  for (const auto& row : c.fits) {
    if (std::isnan(row.aicc) || ets_fixtures::is_auto(row.model)) continue;
    const auto& s = c.series_by_id.at(row.id);
    INFO(row.id << " " << row.model);
    ets_options<double> o;
    o.model = ets_model::parse(row.model);
    o.season_length = o.model.season == invforecast::ets_season::none ? 1 : s.m;
    const auto fit = ets_spec<double>(o).fit(s.y);
    // Our optimum is at least as good: lik <= R's lik + 1e-6 |lik|.
    CHECK(fit.objective() <= row.lik + 1e-6 * std::abs(row.lik));
    if (rel_close(fit.aicc(), row.aicc, 1e-4)) {
      ++same_optimum;  // AICc within 1e-4 relative
    } else if (fit.aicc() < row.aicc) {
      ++better;
    }
    ++total;
  }
  std::printf("[ets] fitted %zu models: same optimum (AICc 1e-4) %zu, better than R %zu\n", total,
              same_optimum, better);
  CHECK(total > 200);
  CHECK(same_optimum >= total * 95 / 100);
}

TEST_CASE("ets_auto picks R's model", "[ets]") {
  const auto& c = ets_fixtures::load();
  std::size_t total = 0;
  std::size_t same = 0;
  for (const auto& row : c.fits) {
    if (!ets_fixtures::is_auto(row.model)) continue;
    const auto& s = c.series_by_id.at(row.id);
    const std::string r_code = ets_fixtures::code_of(row.model);
    INFO(row.id << " R chose " << r_code);
    const auto sel = invforecast::ets_auto<double>(s.y, s.m);
    const std::string ours = sel.best.model().code();
    INFO("we chose " << ours);
    ++total;
    if (ours == r_code) {
      ++same;
      if (!std::isnan(row.aicc)) CHECK(rel_close(sel.best.aicc(), row.aicc, 1e-4));  // 1e-4 rel
    } else {
      // Ours must be better: R's chosen model evaluated by our code has higher AICc.
      const auto it = std::find_if(sel.candidates.begin(), sel.candidates.end(),
                                   [&](const auto& cand) { return cand.model.code() == r_code; });
      REQUIRE(it != sel.candidates.end());
      REQUIRE(it->aicc.has_value());
      CHECK(sel.best.aicc() < *it->aicc);
    }
  }
  std::printf("[ets] ets_auto agrees with R on %zu of %zu series\n", same, total);
  CHECK(same * 10 >= total * 9);  // >= 90 %
}
