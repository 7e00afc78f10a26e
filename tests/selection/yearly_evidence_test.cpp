// Evidence for AUTO's yearly check (issue 21): hold-out MASE of AUTO with the check
// (yearly_period = 364, the default) against AUTO without it (yearly_period = 0, AUTO before
// issue 21), per material class, on daily series drawn like examples/data/generate.py's
// smooth_series (level x weekday profile x (1 + annual cos(2 pi (yday - 15) / 365.25)) x (1 +
// cv N(0, 1)), rounded, floored at 0) with detail::seeded_rng. Two training lengths: 730 days
// (the sample data's two years: the strength rule decides) and 1095 days (three years: the
// backtest decides); the next 90 days are held out. MASE is scaled by the in-sample weekly
// seasonal naive (m = 7). The hold-out starts on 1 November, the season of issue 21's FAN-40.
// The tables are printed; docs/forecasting.md quotes them.
//
// The sample data itself (examples/data, 730 days) cannot show a hold-out difference: holding
// out 90 days leaves 640 < 2 x 364 + 1 training days, so the check never runs at that origin.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"
#include "invforecast/selection/forecaster.hpp"

using namespace invforecast;

namespace {

struct material_class {
  const char* name;
  double level;
  double trend;  // per day
  bool retail;   // weekday profile: retail (weekend peak) or b2b (weekdays)
  double cv;
  double annual;
};

// The sample data's classes (examples/data/generate.py's parameters for one material each).
constexpr material_class classes[] = {
    {"STABLE", 40, 0, false, 0.15, 0},         {"TREND_UP", 15, 0.02, true, 0.15, 0},
    {"SEASONAL_WEEKLY", 25, 0, true, 0.15, 0}, {"ANNUAL_MILD (PAINT)", 22, 0, true, 0.18, 0.35},
    {"ANNUAL (SALT)", 30, 0, true, 0.25, 0.9}, {"ANNUAL (FAN)", 9, 0, true, 0.3, -0.85},
};
constexpr int series_per_class = 4;
constexpr int holdout = 90;

std::vector<double> draw(const material_class& c, int days, detail::seeded_rng& rng) {
  const double retail[7] = {0.75, 0.7, 0.75, 0.85, 1.1, 1.6, 1.25};
  const double b2b[7] = {1.25, 1.3, 1.3, 1.25, 1.2, 0.45, 0.25};
  const double* p = c.retail ? retail : b2b;
  double s = 0;
  for (int i = 0; i < 7; ++i) s += p[i];
  std::vector<double> y(static_cast<std::size_t>(days));
  for (int t = 0; t < days; ++t) {
    // Day 0 is a Friday, 1 November (day of year 305), as the sample's 2024-11-01.
    const double week = p[(t + 4) % 7] / (s / 7);
    const double yday = std::fmod(305.0 + t - 1, 365.25) + 1;
    double mean = std::max(0.0, c.level + c.trend * t) * week;
    mean *= 1 + c.annual * std::cos(2 * 3.141592653589793 * (yday - 15) / 365.25);
    y[static_cast<std::size_t>(t)] = std::max(0.0, std::round(mean * (1 + c.cv * rng.normal())));
  }
  return y;
}

}  // namespace

TEST_CASE("AUTO's yearly check: hold-out MASE per class, with and without", "[mstl][evidence]") {
  for (const int train_days : {730, 1095}) {
    std::printf("\nTraining %d days, hold-out %d: mean MASE (m = 7) over %d series\n", train_days,
                holdout, series_per_class);
    std::printf("| class | AUTO without | AUTO with | MSTL chosen |\n|---|---|---|---|\n");
    detail::seeded_rng rng(20261202);
    for (const material_class& c : classes) {
      double old_sum = 0;
      double new_sum = 0;
      int chosen = 0;
      for (int k = 0; k < series_per_class; ++k) {
        const auto y = draw(c, train_days + holdout, rng);
        const std::span<const double> train(y.data(), static_cast<std::size_t>(train_days));
        const std::span<const double> test(y.data() + train_days, holdout);
        forecaster_options<double> with;
        forecaster_options<double> without;
        without.yearly_period = 0;
        const auto a = fit_and_forecast<double>(train, with, holdout);
        const auto b = fit_and_forecast<double>(train, without, holdout);
        const auto ma = mean_absolute_scaled_error<double>(test, a.fc.mean, train, 7);
        const auto mb = mean_absolute_scaled_error<double>(test, b.fc.mean, train, 7);
        REQUIRE(ma);
        REQUIRE(mb);
        new_sum += *ma;
        old_sum += *mb;
        if (a.kind == method::mstl) ++chosen;
        if (a.kind != method::mstl) CHECK(a.fc.mean == b.fc.mean);  // unchanged when kept
      }
      const double old_mase = old_sum / series_per_class;
      const double new_mase = new_sum / series_per_class;
      std::printf("| %s | %.3f | %.3f | %d of %d |\n", c.name, old_mase, new_mase, chosen,
                  series_per_class);
      INFO(c.name << " training " << train_days << ": " << old_mase << " -> " << new_mase);
      // The check is built to leave series without a yearly pattern alone: for them the
      // strength stays below 0.7 and every forecast is the old one (checked series by series
      // above). For the annual classes the table is the evidence, quoted in
      // docs/forecasting.md; it is mixed (see there), so no improvement is asserted.
      if (c.annual == 0) CHECK(chosen == 0);
    }
  }
}
