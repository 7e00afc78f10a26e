// method::mstl and AUTO's yearly check in fit_and_forecast (selection/forecaster.hpp): MSTL
// through the forecaster equals mstl_forecast on its own (whose R parity is tested in
// tests/smoothing/mstl_forecast_test.cpp), AUTO on the sample data's FAN-40 follows the
// generator's known yearly shape, and series shorter than two years or without a yearly
// pattern keep AUTO's ETS bit for bit.

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/mstl_forecast.hpp"
#include "support/csv.hpp"

using namespace invforecast;

namespace {

std::map<std::string, std::vector<double>> read_series(const std::string& name) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& row : test::read_fixture(name)) out[row[0]].push_back(std::stod(row[2]));
  return out;
}

std::vector<double> fan40() { return read_series("mstl_forecast/series.csv").at("fan40"); }

// examples/data/generate.py's mean demand of FAN-40 on `day`: level 9 x the retail weekday
// profile (Monday..Sunday, normalised to mean 1) x (1 - 0.85 cos(2 pi (yday - 15) / 365.25)).
double fan40_expected(std::chrono::sys_days day) {
  using namespace std::chrono;
  const double profile[7] = {0.75, 0.7, 0.75, 0.85, 1.1, 1.6, 1.25};
  double sum = 0;
  for (const double p : profile) sum += p;
  const unsigned monday_based = (weekday(day).c_encoding() + 6) % 7;
  const year_month_day ymd(day);
  const double yday = static_cast<double>(
      (day - sys_days(year_month_day(ymd.year(), January, std::chrono::day(1)))).count() + 1);
  return 9.0 * profile[monday_based] / (sum / 7.0) *
         (1.0 - 0.85 * std::cos(2 * std::numbers::pi * (yday - 15) / 365.25));
}

forecaster_options<double> automatic(int yearly_period = 364) {
  forecaster_options<double> o;
  o.yearly_period = yearly_period;
  return o;
}

void require_same_forecast(const model_fit<double>& a, const model_fit<double>& b) {
  REQUIRE(a.model_name == b.model_name);
  REQUIRE(a.fc.mean.size() == b.fc.mean.size());
  for (std::size_t i = 0; i < a.fc.mean.size(); ++i) {
    CHECK(a.fc.mean[i] == b.fc.mean[i]);
    CHECK(a.fc.interval(0.95).upper[i] == b.fc.interval(0.95).upper[i]);
  }
}

}  // namespace

TEST_CASE("method::mstl equals mstl_forecast with periods {7, 364}", "[forecaster][mstl]") {
  const auto y = fan40();
  forecaster_options<double> o;
  o.kind = method::mstl;
  o.max_lead_time = 120;
  const auto fit = fit_and_forecast<double>(y, o, 90);
  mstl_forecast_options<double> mo;
  mo.decomposition.periods = {7, 364};
  const auto direct = mstl_forecast<double>(y, mo, 120);
  CHECK(fit.kind == method::mstl);
  CHECK(fit.model_name == "MSTL");
  CHECK(fit.status == fit_status::fitted);
  CHECK(fit.mstl_periods == std::vector<double>{7, 364});
  CHECK(fit.mstl_adjusted_ets == direct.adjusted_model.best.model());
  CHECK(fit.pattern.pattern == demand_pattern::seasonal);
  CHECK(fit.reason.find("requested MSTL (periods 7, 364") == 0);
  REQUIRE(fit.fc.mean.size() == 90);
  for (std::size_t i = 0; i < 90; ++i) {
    CHECK(fit.fc.mean[i] == direct.fc.mean[i]);
    CHECK(fit.fc.interval(0.8).lower[i] == direct.fc.interval(0.8).lower[i]);
    CHECK(fit.fc.interval(0.95).upper[i] == direct.fc.interval(0.95).upper[i]);
    CHECK(fit.forecast_variance[i] == direct.forecast_variance[i]);
  }
  // Lead times beyond the horizon: the point forecasts summed, the adjusted model's variance.
  const auto var = direct.adjusted_model.best.lead_time_demand_variances(120);
  double sum = 0;
  for (int l = 1; l <= 120; ++l) {
    sum += direct.fc.mean[static_cast<std::size_t>(l - 1)];
    CHECK(fit.lead_time_demand_mean(l) == Approx(sum).epsilon(1e-12));
    CHECK(fit.lead_time_demand_variance(l) == var[static_cast<std::size_t>(l - 1)]);
  }
  CHECK(forecaster_options_for("mstl").kind == method::mstl);
  CHECK(fit_and_forecast<double>(y, fit.refit_options(), 90).fc.mean == fit.fc.mean);
}

TEST_CASE("method::mstl on a series shorter than two years drops the yearly period",
          "[forecaster][mstl]") {
  const auto all = fan40();
  const std::vector<double> y(all.begin(), all.begin() + 400);
  forecaster_options<double> o;
  o.kind = method::mstl;
  const auto fit = fit_and_forecast<double>(y, o, 28);
  CHECK(fit.kind == method::mstl);
  CHECK(fit.mstl_periods == std::vector<double>{7});
  CHECK(fit.reason.find("period 364 dropped") != std::string::npos);
  // Too short for any period: AUTO's ETS, status fallback.
  const std::vector<double> tiny(all.begin(), all.begin() + 12);
  const auto fallback = fit_and_forecast<double>(tiny, o, 7);
  CHECK(fallback.kind == method::ets);
  CHECK(fallback.status == fit_status::fallback);
  CHECK(fallback.reason.find("no period has two full cycles in 12 values") != std::string::npos);
}

TEST_CASE("AUTO on FAN-40 picks MSTL and follows last year's shape", "[forecaster][mstl]") {
  using namespace std::chrono;
  const auto y = fan40();
  REQUIRE(y.size() == 730);
  const auto fit = fit_and_forecast<double>(y, automatic(), 90);
  INFO(fit.reason);
  REQUIRE(fit.kind == method::mstl);
  CHECK(fit.reason.find("yearly strength (period 364) ") != std::string::npos);
  CHECK(fit.reason.find("chosen on the strength") != std::string::npos);
  // The history ends 2026-10-31; compare monthly totals of the forecast with the generator's
  // mean demand: November, December and January 1-29 (the 90 days).
  const sys_days first = sys_days(2026y / November / 1);
  double totals[3] = {0, 0, 0};
  double expected[3] = {0, 0, 0};
  for (int i = 0; i < 90; ++i) {
    const sys_days day = first + days(i);
    const int month = i < 30 ? 0 : (i < 61 ? 1 : 2);
    totals[month] += fit.fc.mean[static_cast<std::size_t>(i)];
    expected[month] += fan40_expected(day);
  }
  // Today's AUTO without the yearly check (issue 21: Nov 73, Dec 5, Jan 0).
  const auto old = fit_and_forecast<double>(y, automatic(0), 90);
  double old_jan = 0;
  for (std::size_t i = 61; i < 90; ++i) old_jan += old.fc.mean[i];
  // Tolerances (stated before the comparison, measured values in docs/forecasting.md): the
  // 90-day total within 10 % of the generator's, each month within 45 % (measured: November
  // -4 %, December -1.5 %, January +40 %: the yearly component of January is the mean of two
  // noisy Januaries of a multiplicative pattern fitted additively).
  double total = 0;
  double expected_total = 0;
  for (int k = 0; k < 3; ++k) {
    INFO("month " << k << ": forecast " << totals[k] << ", generator " << expected[k]);
    CHECK(std::fabs(totals[k] - expected[k]) <= 0.45 * expected[k]);
    total += totals[k];
    expected_total += expected[k];
  }
  CHECK(std::fabs(total - expected_total) <= 0.10 * expected_total);
  INFO("old AUTO " << old.model_name << ", January total " << old_jan);
  CHECK(old_jan < 0.5 * expected[2]);
}

TEST_CASE("AUTO keeps ETS bit for bit on short or aseasonal series", "[forecaster][mstl]") {
  const auto all = fan40();
  // 365 days (the nightly job's length): the yearly check does not run.
  const std::vector<double> year(all.begin(), all.begin() + 365);
  const auto a = fit_and_forecast<double>(year, automatic(), 90);
  const auto b = fit_and_forecast<double>(year, automatic(0), 90);
  require_same_forecast(a, b);
  CHECK(a.reason == b.reason);
  // 800 days without a yearly pattern: weekly profile and noise only.
  std::vector<double> flat(800);
  std::uint64_t state = 12345;
  for (std::size_t t = 0; t < flat.size(); ++t) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
    flat[t] = std::round(20 + 3.0 * static_cast<double>(t % 7) + 8 * (u - 0.5));
  }
  const auto c = fit_and_forecast<double>(flat, automatic(), 60);
  const auto d = fit_and_forecast<double>(flat, automatic(0), 60);
  require_same_forecast(c, d);
  INFO(c.reason);
  CHECK(c.reason.find("no yearly pattern, MSTL not considered") != std::string::npos);
}

TEST_CASE("AUTO's yearly backtest on three years of daily demand", "[forecaster][mstl]") {
  const auto daily = read_series("mstl/mstl_series.csv").at("daily");
  REQUIRE(daily.size() == 1000);  // >= 2 * 364 + 1 + 84: the backtest decides
  const auto fit = fit_and_forecast<double>(daily, automatic(), 90);
  INFO(fit.reason);
  CHECK(fit.reason.find("backtest MAE over 3 origins x 28 days: MSTL ") != std::string::npos);
  CHECK(fit.kind == method::mstl);
}

TEST_CASE("yearly_period outside 0 or [2, 3650] is rejected", "[forecaster][mstl]") {
  const std::vector<double> y(30, 5.0);
  for (const int bad : {1, -1, 3651}) {
    REQUIRE_THROWS_WITH(fit_and_forecast<double>(y, automatic(bad), 7),
                        Catch::Contains("fit_and_forecast: options.yearly_period = " +
                                        std::to_string(bad) + ", must be 0 or in [2, 3650]"));
  }
}
