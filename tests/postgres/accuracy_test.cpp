// Forecast write-back into demand_history, accuracy calculation (upsert) and the 30/60/90-day
// summary, end to end. Expected values are the method notes' test vector worked by hand.

#include <catch2/catch.hpp>

#include <cmath>

#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/seed.hpp"
#include "pg_fixture.hpp"

using namespace invforecast::pg;
using invforecast::pg::test::day;
using invforecast::pg::test::k_today;
using invforecast::pg::test::pg_fixture;

namespace {

struct prepared {
  scope where;
  std::string material;
  std::vector<forecast_row> forecasts;  // version 1, days 0..13
};

// One material with 60 days of history, a 30-day MOVING_AVERAGE forecast from k_today, manual
// overrides 95, 105, 95, 20 on days 0..3, then actuals 100, 110, 90, 1 recorded on days 0..3.
prepared prepare(const pg_fixture& db, connection& app, write_report* recorded = nullptr) {
  connection owner = db.owner();
  const seed_result sd = seed_demand(
      owner, {.materials = 1, .days = 60, .last_day = day(-1), .intermittent_share = 0});
  prepared p{sd.where, sd.material_ids[0], {}};
  generate_options o;
  o.as_of = k_today;
  o.planning.policy.horizon_days = 30;
  o.planning.policy.forecaster.kind = invforecast::method::moving_average;
  o.planning.policy.backtest_origins = 0;
  o.planning.material_settings = false;
  o.planning.minimum_history_days = 14;
  REQUIRE(generate_forecasts(app, p.where, o).written == 1);
  const double overrides[4] = {95, 105, 95, 20};
  for (int i = 0; i < 4; ++i) {
    owner.exec("t",
               "UPDATE material_forecasts SET is_manually_overridden = TRUE, "
               "manual_override_quantity = $1::numeric WHERE forecast_date = $2::date",
               {param(overrides[i]), param(day(i))});
  }
  std::vector<demand_entry> actuals;
  const double a[4] = {100, 110, 90, 1};
  for (int i = 0; i < 4; ++i) {
    actuals.push_back({.material_id = p.material, .date = day(i), .quantity = a[i], .uom = "EA"});
  }
  const write_report r = record_demand(app, p.where, actuals);
  if (recorded != nullptr) *recorded = r;
  p.forecasts = get_material_forecasts(app, p.where, p.material, day(0), day(13));
  return p;
}

}  // namespace

TEST_CASE("recorded actuals get their forecast, error and percentage error", "[accuracy]") {
  pg_fixture db;
  connection app = db.app();
  write_report recorded;
  const prepared p = prepare(db, app, &recorded);
  CHECK(recorded.forecasts_applied == 4);
  CHECK(recorded.clamped_values == 1);  // day 3: 100 * 19 / 1 = 1900 % > 999.99
  const demand_series h = get_demand_history(app, p.where, p.material, day(0), day(4));
  // error = actual - forecast: 5, 5, -5, -19; APE = 100|e|/actual rounded to 2 decimals:
  // 5.00, 4.55 (4.5454...), 5.56 (5.5555...), 1900 clamped to 999.99.
  const double error[4] = {5, 5, -5, -19};
  const double ape[4] = {5.00, 4.55, 5.56, 999.99};
  const double forecast[4] = {95, 105, 95, 20};
  for (int i = 0; i < 4; ++i) {
    INFO(i);
    const demand_day& d = h.days[static_cast<std::size_t>(i)];
    REQUIRE(d.forecasted_quantity);
    CHECK(*d.forecasted_quantity == forecast[i]);
    CHECK(*d.forecast_error == error[i]);
    CHECK(*d.absolute_percentage_error == ape[i]);
  }
  CHECK_FALSE(h.days[4].recorded);
  // A day with zero actual: APE stays NULL, error = -forecast.
  record_demand(app, p.where,
                std::vector<demand_entry>{
                    {.material_id = p.material, .date = day(5), .quantity = 0, .uom = "EA"}});
  const demand_day d5 = get_demand_history(app, p.where, p.material, day(5), day(5)).days[0];
  CHECK_FALSE(d5.absolute_percentage_error);
  CHECK(*d5.forecast_error == -*d5.forecasted_quantity);
  // apply_forecasts_to_history re-applies over a range (e.g. after manual overrides change).
  connection owner = db.owner();
  owner.exec(
      "t",
      "UPDATE material_forecasts SET manual_override_quantity = 100 WHERE forecast_date = $1::date",
      {param(day(0))});
  const write_report again = apply_forecasts_to_history(app, p.where, day(0), day(5));
  CHECK(again.forecasts_applied == 5);
  CHECK(*get_demand_history(app, p.where, p.material, day(0), day(0)).days[0].forecast_error == 0);
}

TEST_CASE("calculate_forecast_accuracy computes and upserts the period's metrics", "[accuracy]") {
  pg_fixture db;
  connection app = db.app();
  const prepared p = prepare(db, app);
  accuracy_request q{.material_ids = {p.material}, .period_start = day(0), .period_end = day(2)};
  const auto rows = calculate_forecast_accuracy(app, p.where, q);
  REQUIRE(rows.size() == 1);
  const accuracy_metric_row& r = rows[0];
  // Method notes' vector: actual [100, 110, 90], forecast [95, 105, 95] -> MAPE 5.0337,
  // MAE 5, RMSE 5, bias +1.6667, tracking signal +1.0, totals 300 / 295. Stored as
  // DECIMAL(10,4): tolerance 5e-5.
  CHECK(r.mape.value() == Approx(5.0337).margin(5e-5));
  CHECK(r.mae.value() == Approx(5).margin(5e-5));
  CHECK(r.rmse.value() == Approx(5).margin(5e-5));
  CHECK(r.bias.value() == Approx(1.6667).margin(5e-5));
  CHECK(r.tracking_signal.value() == Approx(1.0).margin(5e-5));
  CHECK(r.sample_size == 3);
  CHECK(r.total_actual == 300);
  CHECK(r.total_forecast == 295);
  CHECK(r.aggregation_level == "DAILY");
  CHECK(r.within_tolerance);  // 5.03 <= materials.target_forecast_accuracy_pct default 20
  CHECK(r.target_mape.value() == 20);
  // Upsert: a second calculation updates the same row.
  const auto again = calculate_forecast_accuracy(app, p.where, q);
  CHECK(again[0].metric_id == r.metric_id);
  const auto stored = get_forecast_accuracy_metrics(app, p.where, p.material);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].mape.value() == Approx(5.0337).margin(5e-5));

  // Weekly: 2025-06-02 .. 06-08 is one ISO week; metrics over the weekly totals (n = 1).
  double f_week = 95 + 105 + 95 + 20;
  for (const auto& f : p.forecasts) {
    const auto d = invforecast::detail::days_between(k_today, f.forecast_date);
    if (d >= 4 && d <= 6) f_week += f.forecasted_quantity;
  }
  const double a_week = 100 + 110 + 90 + 1;
  q.period_end = day(6);
  q.level = aggregation_level::weekly;
  q.target_mape = 1.0;
  const auto weekly = calculate_forecast_accuracy(app, p.where, q);
  REQUIRE(weekly.size() == 1);
  CHECK(weekly[0].sample_size == 1);
  CHECK(weekly[0].bias.value() == Approx(a_week - f_week).margin(5e-5));
  CHECK(weekly[0].mape.value() == Approx(100 * std::abs(a_week - f_week) / a_week).margin(5e-5));
  CHECK(weekly[0].within_tolerance == (100 * std::abs(a_week - f_week) / a_week <= 1.0));
  CHECK(get_forecast_accuracy_metrics(app, p.where, p.material).size() == 2);

  // Zero actuals: the days 4..6 without demand are excluded from MAPE, and counted.
  q.level = aggregation_level::daily;
  const auto daily = calculate_forecast_accuracy(app, p.where, q);
  CHECK(daily[0].sample_size == 7);
  CHECK(daily[0].zero_actuals_excluded == 3);
  REQUIRE_THROWS_AS(
      calculate_forecast_accuracy(app, p.where, {.period_start = day(3), .period_end = day(2)}),
      invforecast::invalid_argument);
}

TEST_CASE("accuracy summary gives 30/60/90-day MAPE and bias per material", "[accuracy]") {
  pg_fixture db;
  connection app = db.app();
  const prepared p = prepare(db, app);
  const auto s = get_accuracy_summary(app, p.where, day(4));
  REQUIRE(s.size() == 1);
  CHECK(s[0].material_id == p.material);
  // Days 0..3: |e|/actual = 5/100, 5/110, 5/90, 19/1; bias = (5 + 5 - 5 - 19) / 4 = -3.5.
  const double mape = 100 * (5.0 / 100 + 5.0 / 110 + 5.0 / 90 + 19.0) / 4;
  for (const accuracy_window& w : s[0].windows) {
    CHECK(w.sample_size == 4);
    CHECK(w.mape.value() == Approx(mape).epsilon(1e-9));
    CHECK(w.bias.value() == Approx(-3.5).epsilon(1e-12));
  }
  CHECK(s[0].windows[0].days == 30);
  CHECK(s[0].windows[2].days == 90);
  // Another tenant sees nothing.
  const scope other = db.make_scope();
  CHECK(get_accuracy_summary(app, {other.tenant_id, p.where.facility_id}, day(4)).empty());
  CHECK(get_material_forecasts(app, {other.tenant_id, p.where.facility_id}, p.material, day(0),
                               day(13))
            .empty());
}
