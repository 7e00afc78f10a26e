// plan()'s backtest (material_plan::accuracy) under planning_policy::refit: `full` is
// backtest(y, fit.refit_options()) exactly; `fixed` leaves the model, forecast and decision as
// they are and scores the whole history's ETS fit run over each origin's window, checked here
// against an explicit backtest built from ets_spec with every parameter and initial state fixed
// (the same recursion, with R's sigma^2 denominator of use.initial.values applied by hand).

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "planning/series_fixture.hpp"

using namespace std::chrono;
using invforecast::backtest_refit;
using invforecast::daily_series;
using invforecast::inventory_position;
using invforecast::material_plan;
using invforecast::planning_policy;

namespace {

using planning_test::weekly_values;

constexpr year_month_day first{year{2026}, month{1}, day{1}};

inventory_position position_of(std::string material) {
  inventory_position p;
  p.material = std::move(material);
  p.on_hand = 100;
  p.lead_time_days = 5;
  return p;
}

// The backtest plan() runs for the default policy (4 origins x 14 days) on n values.
invforecast::backtest_options<double> default_options(std::size_t n, int season_length) {
  invforecast::backtest_options<double> bo;
  bo.horizon = 14;
  bo.step = 14;
  bo.max_origins = 4;
  bo.initial_window = n - 56;
  bo.levels = {0.80, 0.95};
  bo.season_length = season_length;
  return bo;
}

void require_equal(const invforecast::backtest_summary& a,
                   const invforecast::backtest_result<double>& b) {
  REQUIRE(a.origins == b.origins.size());
  REQUIRE(a.points == b.overall.point.n);
  REQUIRE(a.mae == b.overall.point.mae);
  REQUIRE(a.rmse == b.overall.point.rmse);
  REQUIRE(a.bias == b.overall.point.bias);
  REQUIRE(a.mape == b.overall.point.mape);
  REQUIRE(a.mase == b.overall.mase);
  REQUIRE(a.coverage.size() == 2);
  REQUIRE(a.coverage[0].second == b.overall.intervals[0].coverage);
  REQUIRE(a.coverage[1].second == b.overall.intervals[1].coverage);
  REQUIRE(a.confidence == invforecast::model_confidence_score(b));
}

}  // namespace

TEST_CASE("plan: backtest_refit::full is backtest(y, fit.refit_options()) exactly",
          "[plan][backtest]") {
  const std::vector<double> y = weekly_values(365, 11);
  const auto series = daily_series<double>::from_values(first, y);
  planning_policy policy;
  policy.refit = backtest_refit::full;
  const material_plan p = invforecast::plan(series, position_of("NUT"), policy);
  REQUIRE(p.fit.kind == invforecast::method::ets);
  REQUIRE(p.accuracy.has_value());
  REQUIRE(p.accuracy->refitted);
  const auto bt =
      invforecast::backtest(std::span<const double>(y), p.fit.refit_options(policy.forecaster),
                            default_options(y.size(), p.fit.season_length));
  require_equal(*p.accuracy, bt);
}

TEST_CASE("plan: backtest_refit::fixed changes the accuracy only", "[plan][backtest]") {
  for (const std::uint64_t seed : {11U, 12U, 13U}) {
    INFO("seed " << seed);
    const std::vector<double> y = weekly_values(365, seed);
    const auto series = daily_series<double>::from_values(first, y);
    planning_policy full, fixed;
    full.refit = backtest_refit::full;
    fixed.refit = backtest_refit::fixed;
    const material_plan a = invforecast::plan(series, position_of("NUT"), full);
    const material_plan b = invforecast::plan(series, position_of("NUT"), fixed);
    REQUIRE(b.fit.kind == invforecast::method::ets);
    REQUIRE(b.fit.model_name == a.fit.model_name);
    REQUIRE(b.fit.fc.mean == a.fit.fc.mean);
    for (std::size_t i = 0; i < a.fit.fc.intervals.size(); ++i) {
      REQUIRE(b.fit.fc.intervals[i].lower == a.fit.fc.intervals[i].lower);
      REQUIRE(b.fit.fc.intervals[i].upper == a.fit.fc.intervals[i].upper);
    }
    REQUIRE(b.safety.safety_stock == a.safety.safety_stock);
    REQUIRE(b.reorder_point == a.reorder_point);
    REQUIRE(b.suggestion.has_value() == a.suggestion.has_value());
    if (a.suggestion) {
      REQUIRE(b.suggestion->recommended_order_quantity == a.suggestion->recommended_order_quantity);
    }
    REQUIRE(a.accuracy.has_value());
    REQUIRE(b.accuracy.has_value());
    REQUIRE(a.accuracy->refitted);
    REQUIRE_FALSE(b.accuracy->refitted);
    REQUIRE(b.accuracy->origins == 4);
    REQUIRE(b.accuracy->points == 56);
    // The default is fixed.
    const material_plan d = invforecast::plan(series, position_of("NUT"));
    REQUIRE(d.accuracy.has_value());
    REQUIRE_FALSE(d.accuracy->refitted);
    REQUIRE(d.accuracy->mae == b.accuracy->mae);
  }
}

TEST_CASE("plan: backtest_refit::fixed refits the chosen form to the forecaster's parameters",
          "[plan][backtest]") {
  // AUTO's search (ets_auto) and the single form's (ets_spec) are the same search on the same
  // data, so the parameters are the ones the forecast uses, bit for bit. (The fixed backtest
  // takes model_fit::initial_states and searches nothing; the explicit backtest of the next
  // case rebuilds the model by this search and so relies on it.)
  for (const std::uint64_t seed : {11U, 12U, 13U, 14U}) {
    INFO("seed " << seed);
    const std::vector<double> y = weekly_values(365, seed);
    const material_plan p =
        invforecast::plan(daily_series<double>::from_values(first, y), position_of("NUT"));
    REQUIRE(p.fit.ets.has_value());
    invforecast::ets_options<double> eo;
    eo.model = *p.fit.ets;
    eo.season_length = p.fit.season_length;
    const auto whole = invforecast::ets_spec<double>(eo).fit(std::span<const double>(y));
    const auto params = whole.params();
    REQUIRE(params.alpha == *p.fit.alpha);
    REQUIRE(params.beta == p.fit.beta);
    REQUIRE(params.gamma == p.fit.gamma);
    REQUIRE(params.phi == p.fit.phi);
    REQUIRE(whole.sigma2() == p.fit.sigma2);
  }
}

TEST_CASE("plan: backtest_refit::fixed scores the whole-history fit run over each window",
          "[plan][backtest]") {
  // ETS(A,N,A), m = 7 (class 1: the means do not depend on sigma^2 and the bounds scale with
  // sigma). p = alpha, gamma, l_0 and 6 free seasonals = 9 values: a fixed-everything ets_spec
  // fit divides SSE by n - 9, R's use.initial.values by n - 10.
  const std::vector<double> y = weekly_values(365, 21);
  const auto series = daily_series<double>::from_values(first, y);
  planning_policy policy;
  policy.forecaster = invforecast::forecaster_options_for("ets:ANA");
  policy.forecaster.season_length = 7;
  const material_plan p = invforecast::plan(series, position_of("NUT"), policy);
  REQUIRE(p.fit.model_name == "ETS(A,N,A)");
  REQUIRE(p.accuracy.has_value());
  REQUIRE_FALSE(p.accuracy->refitted);

  invforecast::ets_options<double> eo;
  eo.model = invforecast::ets_model::parse("ANA");
  eo.season_length = 7;
  const auto whole = invforecast::ets_spec<double>(eo).fit(std::span<const double>(y));
  REQUIRE(whole.params().alpha == *p.fit.alpha);
  invforecast::ets_options<double> fixed_all = eo;
  fixed_all.alpha = whole.params().alpha;
  fixed_all.gamma = whole.params().gamma;
  fixed_all.initial_states = whole.initial_states();
  const std::vector<double> levels{0.80, 0.95};
  const auto explicit_model = [&](std::span<const double> train, int h) {
    const auto f = invforecast::ets_spec<double>(fixed_all).fit(train);
    auto fc = f.forecast(h, std::span<const double>(levels), 42, false);
    const double n = static_cast<double>(train.size());
    const double scale = std::sqrt((n - 9) / (n - 10));
    for (auto& pi : fc.intervals) {
      for (std::size_t j = 0; j < fc.mean.size(); ++j) {
        pi.lower[j] = fc.mean[j] - (fc.mean[j] - pi.lower[j]) * scale;
        pi.upper[j] = fc.mean[j] + (pi.upper[j] - fc.mean[j]) * scale;
      }
    }
    fc.truncate_at_zero();
    return fc;
  };
  const auto bt = invforecast::backtest(std::span<const double>(y), explicit_model,
                                        default_options(y.size(), 7));
  const auto& a = *p.accuracy;
  REQUIRE(a.points == bt.overall.point.n);
  // The same recursion: point metrics bit for bit; coverage counts from bounds equal to
  // ~1e-15 relative (the rescaling by hand rounds differently).
  REQUIRE(a.mae == bt.overall.point.mae);
  REQUIRE(a.rmse == bt.overall.point.rmse);
  REQUIRE(a.bias == bt.overall.point.bias);
  REQUIRE(a.mase == bt.overall.mase);
  REQUIRE(a.coverage[0].second == bt.overall.intervals[0].coverage);
  REQUIRE(a.coverage[1].second == bt.overall.intervals[1].coverage);
  // And it differs from the full refit (the parameters were not re-estimated).
  planning_policy full = policy;
  full.refit = backtest_refit::full;
  const material_plan q = invforecast::plan(series, position_of("NUT"), full);
  REQUIRE(q.accuracy.has_value());
  REQUIRE(q.accuracy->mae != a.mae);
}

TEST_CASE("plan: backtest_refit::fixed refits the methods other than ETS", "[plan][backtest]") {
  // Sparse demand (SBA or TSB): cheap to fit, refitted at every origin as with full.
  std::vector<double> y(365, 0.0);
  for (std::size_t i = 0; i < y.size(); i += 5) y[i] = (i / 5) % 2 == 0 ? 3.0 : 5.0;
  const auto series = daily_series<double>::from_values(first, y);
  planning_policy full;
  full.refit = backtest_refit::full;
  const material_plan a = invforecast::plan(series, position_of("SPARE"), full);
  const material_plan b = invforecast::plan(series, position_of("SPARE"));
  REQUIRE(b.fit.kind != invforecast::method::ets);
  REQUIRE(b.accuracy.has_value());
  REQUIRE(b.accuracy->refitted);
  REQUIRE(b.accuracy->mae == a.accuracy->mae);
  REQUIRE(b.accuracy->confidence == a.accuracy->confidence);
}

TEST_CASE("backtest_refit names", "[plan][backtest]") {
  STATIC_REQUIRE(invforecast::to_string(backtest_refit::fixed) == "fixed");
  STATIC_REQUIRE(invforecast::to_string(backtest_refit::full) == "full");
}

TEST_CASE("plan: backtest_refit::fixed scores the model planned, a fixed alpha included",
          "[plan][backtest]") {
  // ETS(A,N,A) with alpha fixed at 0.2 by the policy: the forecaster fits gamma and the initial
  // states with alpha = 0.2, and the fixed backtest must score that model, not a search of the
  // form with alpha free. The means of class 1 do not depend on sigma^2, so the point metrics of
  // an explicit backtest of the fixed-everything ets_spec fit (the same recursion) are equal bit
  // for bit.
  const std::vector<double> y = weekly_values(365, 31);
  const auto series = daily_series<double>::from_values(first, y);
  planning_policy policy;
  policy.forecaster = invforecast::forecaster_options_for("ets:ANA");
  policy.forecaster.season_length = 7;
  policy.forecaster.alpha = 0.2;
  const material_plan p = invforecast::plan(series, position_of("NUT"), policy);
  REQUIRE(p.fit.model_name == "ETS(A,N,A)");
  REQUIRE(*p.fit.alpha == 0.2);
  REQUIRE(p.accuracy.has_value());
  REQUIRE_FALSE(p.accuracy->refitted);

  invforecast::ets_options<double> planned;
  planned.model = invforecast::ets_model::parse("ANA");
  planned.season_length = 7;
  planned.alpha = 0.2;
  planned.gamma = p.fit.gamma;
  planned.initial_states = p.fit.initial_states;
  const std::vector<double> levels{0.80, 0.95};
  const auto model_of = [&levels](const invforecast::ets_options<double>& o) {
    return [o, &levels](std::span<const double> train, int h) {
      return invforecast::ets_spec<double>(o).fit(train).forecast(
          h, std::span<const double>(levels), 42, true);
    };
  };
  const auto bo = default_options(y.size(), 7);
  const auto bt = invforecast::backtest(std::span<const double>(y), model_of(planned), bo);
  REQUIRE(p.accuracy->mae == bt.overall.point.mae);
  REQUIRE(p.accuracy->rmse == bt.overall.point.rmse);
  REQUIRE(p.accuracy->bias == bt.overall.point.bias);

  // The form searched with alpha free (what a refit of the form on the whole history gives) is
  // another model with other scores.
  invforecast::ets_options<double> free_form;
  free_form.model = planned.model;
  free_form.season_length = 7;
  const auto searched = invforecast::ets_spec<double>(free_form).fit(std::span<const double>(y));
  REQUIRE(searched.params().alpha != 0.2);
  invforecast::ets_options<double> searched_fixed = free_form;
  searched_fixed.alpha = searched.params().alpha;
  searched_fixed.gamma = searched.params().gamma;
  searched_fixed.initial_states = searched.initial_states();
  const auto other =
      invforecast::backtest(std::span<const double>(y), model_of(searched_fixed), bo);
  REQUIRE(p.accuracy->mae != other.overall.point.mae);
}
