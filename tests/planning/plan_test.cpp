// plan(): one material's decision and the batch form. Expected values are hand-worked
// (constant demand: the model's lead-time variance is 0, so the safety stock is the
// lead-time-variability term alone), or identities against the library's own steps called one
// by one (fit_and_forecast, safety_stock_*, suggest_replenishment) on the same inputs.

#include "invforecast/planning/plan.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"
#include "planning/series_fixture.hpp"

using namespace std::chrono;
using invforecast::daily_series;
using invforecast::demand_row;
using invforecast::inventory_position;
using invforecast::material_plan;
using invforecast::plan_outcome;
using invforecast::planning_policy;

namespace {

using planning_test::weekly_values;

constexpr year_month_day first{year{2026}, month{1}, day{1}};
constexpr double z95 = 1.6448536269514722;  // Phi^-1(0.95), docs/method-notes

// The one date helper (detail/dates.hpp).
year_month_day plus(year_month_day d, int days) { return invforecast::detail::add_days(d, days); }

daily_series<double> constant_series(int days, double value) {
  const std::vector<double> y(static_cast<std::size_t>(days), value);
  return daily_series<double>::from_values(first, y);
}

// Sparse demand: a 3 or 5 unit order every few days (intermittent: SBA or TSB).
std::vector<double> sparse_values(std::size_t n) {
  std::vector<double> y(n, 0.0);
  for (std::size_t i = 0; i < n; i += 5) y[i] = (i / 5) % 2 == 0 ? 3.0 : 5.0;
  return y;
}

inventory_position position_of(std::string material) {
  inventory_position p;
  p.material = std::move(material);
  p.on_hand = 100;
  p.lead_time_days = 5;
  p.lead_time_sd_days = 2;
  return p;
}

void require_same(const material_plan& a, const material_plan& b) {
  REQUIRE(a.material == b.material);
  REQUIRE(a.fit.model_name == b.fit.model_name);
  REQUIRE(a.fit.fc.mean == b.fit.fc.mean);
  for (std::size_t i = 0; i < a.fit.fc.intervals.size(); ++i) {
    REQUIRE(a.fit.fc.intervals[i].lower == b.fit.fc.intervals[i].lower);
    REQUIRE(a.fit.fc.intervals[i].upper == b.fit.fc.intervals[i].upper);
  }
  REQUIRE(a.accuracy.has_value() == b.accuracy.has_value());
  if (a.accuracy) {
    REQUIRE(a.accuracy->mae == b.accuracy->mae);
    REQUIRE(a.accuracy->confidence == b.accuracy->confidence);
  }
  REQUIRE(a.safety.safety_stock == b.safety.safety_stock);
  REQUIRE(a.reorder_point == b.reorder_point);
  REQUIRE(a.suggestion.has_value() == b.suggestion.has_value());
  if (a.suggestion) {
    REQUIRE(a.suggestion->recommended_order_quantity == b.suggestion->recommended_order_quantity);
    REQUIRE(a.suggestion->recommended_order_date == b.suggestion->recommended_order_date);
    REQUIRE(a.suggestion->urgency_level == b.suggestion->urgency_level);
  }
}

}  // namespace

TEST_CASE("plan: constant demand, hand-worked safety stock, reorder point and order", "[plan]") {
  // 10 units a day for 120 days: the model is the degenerate ETS(A,N,N), Var(lead-time demand)
  // = 0, so SS = z sqrt(0 + d^2 sigma_L^2) = 1.6449 x 10 x 2 = 32.897.
  const auto series = constant_series(120, 10);
  const material_plan p = invforecast::plan(series, position_of("BOLT"));
  REQUIRE(p.material == "BOLT");
  REQUIRE(p.as_of == plus(first, 119));
  REQUIRE(p.history_start == first);
  REQUIRE(p.history.size() == 120);
  REQUIRE(p.demand_days == 120);
  REQUIRE(p.lead_time_days == 5);
  REQUIRE(p.service_level == 0.95);
  REQUIRE(p.fit.fc.mean.size() == 90);
  REQUIRE(p.fit.fc.mean[0] == Approx(10).epsilon(1e-12));
  REQUIRE(p.safety.method == invforecast::safety_stock_method::forecast_model);
  REQUIRE(p.safety.safety_stock == Approx(z95 * 10 * 2).epsilon(1e-12));
  REQUIRE(p.safety.reason.find("lead-time sd 2.00 days") != std::string::npos);
  // ROP = 5 days x 10 + SS.
  REQUIRE(p.reorder_point == Approx(50 + z95 * 20).epsilon(1e-12));
  REQUIRE(p.suggestion.has_value());
  const auto& s = *p.suggestion;
  REQUIRE(s.reorder_point_quantity == Approx(p.reorder_point).epsilon(1e-12));
  // Order up to (5 + 7 review days) x 10 + SS against a position of 100.
  REQUIRE(s.required_quantity == Approx(120 + z95 * 20 - 100).epsilon(1e-12));
  // 100 - 10 d: 0 at the end of day 10, below zero on day 11; order by day 11 - 5 = 6.
  REQUIRE(s.days_until_stockout == 11);
  REQUIRE(s.recommended_order_date == plus(p.as_of, 6));
  // A constant series has a perfect backtest.
  REQUIRE(p.accuracy.has_value());
  REQUIRE(p.accuracy->origins == 4);
  REQUIRE(p.accuracy->horizon == 14);
  REQUIRE(p.accuracy->mae == Approx(0).margin(1e-9));
}

TEST_CASE("plan: equals the library's steps called one by one", "[plan]") {
  const std::vector<double> y = weekly_values(150, 7);
  const auto series = daily_series<double>::from_values(first, y);
  auto position = position_of("NUT");
  position.on_hand = 300;
  position.allocated = 20;
  position.on_order = {{50, plus(first, 152)}, {30, std::nullopt}};
  position.unit_cost = 3.1;
  position.order_multiple = 10;
  planning_policy policy;
  policy.order_rule = invforecast::calculation_method::eoq;
  const material_plan p = invforecast::plan(series, position, policy);

  invforecast::forecaster_options<double> fo;
  fo.max_lead_time = 5;
  const std::vector<double> levels{0.80, 0.95};
  const auto fit = invforecast::fit_and_forecast<double>(std::span<const double>(y), fo, 90,
                                                         std::span<const double>(levels));
  REQUIRE(p.fit.model_name == fit.model_name);
  REQUIRE(p.fit.fc.mean == fit.fc.mean);
  REQUIRE(p.fit.kind == invforecast::method::ets);

  const double mean = fit.lead_time_demand_mean(5);
  const double variance = fit.lead_time_demand_variance(5) + (mean / 5) * (mean / 5) * 4;
  const auto ss =
      invforecast::safety_stock_forecast_model<double>({.service_level = 0.95,
                                                        .lead_time_demand_mean = mean,
                                                        .lead_time_demand_variance = variance,
                                                        .lead_time_days = 5});
  REQUIRE(p.safety.safety_stock == ss.safety_stock);

  const std::vector<invforecast::scheduled_receipt<double>> receipts{{50, plus(first, 152)}};
  const auto s = invforecast::suggest_replenishment<double>({.today = plus(first, 149),
                                                             .on_hand = 300,
                                                             .allocated = 20,
                                                             .on_order = 80,
                                                             .receipts = receipts,
                                                             .daily_forecast = fit.fc.mean,
                                                             .safety_stock = ss.safety_stock,
                                                             .vendor_lead_time_days = 5,
                                                             .review_period_days = 7,
                                                             .unit_cost = 3.1,
                                                             .order_multiple = 10,
                                                             .method = policy.order_rule});
  REQUIRE(p.suggestion.has_value());
  REQUIRE(p.suggestion->recommended_order_quantity == s.recommended_order_quantity);
  REQUIRE(p.suggestion->economic_order_quantity == s.economic_order_quantity);
  REQUIRE(p.suggestion->projected_stockout_date == s.projected_stockout_date);
  REQUIRE(p.suggestion->urgency_level == s.urgency_level);
  REQUIRE(p.suggestion->suggestion_reason == s.suggestion_reason);
  REQUIRE(p.reorder_point == Approx(s.reorder_point_quantity).epsilon(1e-12));

  // The backtest refits the chosen form: its origins and horizon as the policy says.
  REQUIRE(p.accuracy.has_value());
  REQUIRE(p.accuracy->origins == 4);
  REQUIRE(p.accuracy->points == 4 * 14);
}

TEST_CASE("plan: intermittent demand gets the bootstrap safety stock", "[plan]") {
  const std::vector<double> y = sparse_values(200);
  const auto series = daily_series<double>::from_values(first, y);
  const material_plan p = invforecast::plan(series, position_of("SPARE"));
  REQUIRE((p.fit.kind == invforecast::method::sba || p.fit.kind == invforecast::method::tsb));
  REQUIRE(p.safety.method == invforecast::safety_stock_method::simulated);
  const auto expected = invforecast::safety_stock_simulated<double>(
      std::span<const double>(y).last(200),
      {.service_level = 0.95, .lead_time_days = 5, .seed = 42});
  REQUIRE(p.safety.safety_stock == std::max(0.0, expected.safety_stock));

  planning_policy forced;
  forced.safety_stock = invforecast::safety_stock_rule::forecast_model;
  const material_plan q = invforecast::plan(series, position_of("SPARE"), forced);
  REQUIRE(q.safety.method == invforecast::safety_stock_method::forecast_model);
}

TEST_CASE("plan: a fill-rate target uses the normal loss function", "[plan]") {
  // sigma_LTD = d sigma_L = 20, Q = 7 days x 10 = 70, beta = 0.99: G(k) = 70 x 0.01 / 20 =
  // 0.035, k = 1.421063685226579 (bisection on G(k) = phi(k) - k (1 - Phi(k)), by hand).
  planning_policy policy;
  policy.fill_rate = 0.99;
  const material_plan p = invforecast::plan(constant_series(120, 10), position_of("BOLT"), policy);
  REQUIRE(p.safety.method == invforecast::safety_stock_method::fill_rate);
  REQUIRE(p.safety.safety_stock == Approx(1.421063685226579 * 20).epsilon(1e-9));
}

TEST_CASE("plan: launch date, history window, discontinued materials", "[plan]") {
  const auto series = constant_series(120, 10);
  SECTION("launch date cuts the history") {
    auto position = position_of("NEW");
    position.launch_date = plus(first, 40);
    const material_plan p = invforecast::plan(series, position);
    REQUIRE(p.history_start == plus(first, 40));
    REQUIRE(p.history.size() == 80);
  }
  SECTION("history_days keeps the last N days") {
    planning_policy policy;
    policy.history_days = 60;
    const material_plan p = invforecast::plan(series, position_of("A"), policy);
    REQUIRE(p.history.size() == 60);
    REQUIRE(p.history_start == plus(first, 60));
  }
  SECTION("discontinued on the planning day: no order") {
    auto position = position_of("OLD");
    position.discontinue_date = plus(first, 119);
    const material_plan p = invforecast::plan(series, position);
    REQUIRE(p.suggestion.has_value());
    REQUIRE(p.suggestion->required_quantity > 0);
    REQUIRE(p.suggestion->recommended_order_quantity == 0);
    REQUIRE(p.note.find("discontinued") != std::string::npos);
  }
  SECTION("discontinued in 3 days: the planned demand stops then") {
    auto position = position_of("ENDING");
    position.discontinue_date = plus(first, 122);  // the last day of sale, 3 days ahead
    position.lead_time_sd_days = 0;
    const material_plan p = invforecast::plan(series, position);
    REQUIRE(p.suggestion.has_value());
    REQUIRE(p.suggestion->protection_demand == Approx(30).epsilon(1e-12));
    REQUIRE(p.suggestion->recommended_order_quantity == 0);   // 100 on hand covers 30
    REQUIRE(p.fit.fc.mean[10] == Approx(10).epsilon(1e-12));  // the forecast is unchanged
  }
  SECTION("stock unknown: forecast and safety stock, no suggestion") {
    auto position = position_of("X");
    position.on_hand.reset();
    const material_plan p = invforecast::plan(series, position);
    REQUIRE_FALSE(p.suggestion.has_value());
    REQUIRE(p.reorder_point == Approx(50 + z95 * 20).epsilon(1e-12));
  }
  SECTION("lead time 0: no safety stock") {
    auto position = position_of("NOW");
    position.lead_time_days = 0;
    const material_plan p = invforecast::plan(series, position);
    REQUIRE(p.safety.safety_stock == 0);
  }
}

TEST_CASE("plan: bad input names the material and the value", "[plan]") {
  const auto series = constant_series(120, 10);
  SECTION("horizon shorter than lead time + review period") {
    auto position = position_of("LONG");
    position.lead_time_days = 90;
    REQUIRE_THROWS_AS(invforecast::plan(series, position), invforecast::invalid_argument);
    REQUIRE_THROWS_WITH(
        invforecast::plan(series, position),
        Catch::Matchers::Contains("plan: material 'LONG': horizon_days = 90, must be >= "
                                  "max(30, lead time + review period) = 97"));
  }
  SECTION("service level") {
    auto position = position_of("SL");
    position.service_level = 1.5;
    REQUIRE_THROWS_AS(invforecast::plan(series, position), invforecast::invalid_argument);
    REQUIRE_THROWS_WITH(invforecast::plan(series, position),
                        Catch::Matchers::StartsWith("plan: material 'SL': service_level"));
  }
  SECTION("launched after the planning day") {
    auto position = position_of("SOON");
    position.launch_date = plus(first, 200);
    REQUIRE_THROWS_AS(invforecast::plan(series, position), invforecast::insufficient_data);
    REQUIRE_THROWS_WITH(invforecast::plan(series, position),
                        Catch::Matchers::Contains("plan: material 'SOON'"));
  }
  SECTION("policy") {
    planning_policy policy;
    policy.levels = {0.8, 1.0};
    REQUIRE_THROWS_AS(invforecast::plan(series, position_of("P"), policy),
                      invforecast::invalid_argument);
    REQUIRE_THROWS_WITH(invforecast::plan(series, position_of("P"), policy),
                        Catch::Matchers::Contains("policy.levels[1] = 1"));
  }
}

TEST_CASE("plan (batch): records, duplicates, unknown days, per-material errors", "[plan]") {
  std::vector<demand_row> rows;
  const std::vector<double> w = weekly_values(150, 11);
  for (int d = 0; d < 150; ++d) {
    rows.push_back({"A", plus(first, d), w[static_cast<std::size_t>(d)]});
    if (d % 3 == 0) rows.push_back({"B", plus(first, d), 4.0});
  }
  // B's day 30 comes in two rows (3 + 1 = the 4 of the other days).
  for (auto& r : rows) {
    if (r.material == "B" && r.date == plus(first, 30)) r.quantity = 3.0;
  }
  rows.push_back({"B", plus(first, 30), 1.0});
  rows.push_back({"BAD", plus(first, 10), -1.0});
  rows.push_back({"U", plus(first, 0), 5.0});
  rows.push_back({"U", plus(first, 149), 5.0});
  rows.push_back({"U", plus(first, 20), std::nullopt});  // unknown day

  std::vector<inventory_position> positions{position_of("A"), position_of("B"),
                                            position_of("STOCK_ONLY"), position_of("TWICE"),
                                            position_of("TWICE")};
  const auto outcomes = invforecast::plan(rows, positions, {}, {.threads = 2});
  REQUIRE(outcomes.size() == 6);
  std::vector<std::string> names;
  for (const auto& o : outcomes) names.push_back(o.material);
  REQUIRE(names == std::vector<std::string>{"A", "B", "BAD", "STOCK_ONLY", "TWICE", "U"});

  const plan_outcome& a = outcomes[0];
  REQUIRE(a.ok());
  REQUIRE(a.value().history.size() == 150);
  REQUIRE(a.value().suggestion.has_value());
  // The same history as a daily_series gives the same plan.
  const auto a_series = daily_series<double>::from_values(first, w);
  require_same(a.value(), invforecast::plan(a_series, position_of("A")));

  // B: every third day 4 (day 30 from 3 + 1), zeros between.
  const plan_outcome& b = outcomes[1];
  REQUIRE(b.ok());
  REQUIRE(b.value().history[30] == 4.0);
  REQUIRE(b.value().history[31] == 0.0);
  REQUIRE(b.value().demand_days == 50);

  const plan_outcome& bad = outcomes[2];
  REQUIRE_FALSE(bad.ok());
  REQUIRE(bad.error_kind == invforecast::plan_error_kind::invalid_argument);
  REQUIRE(bad.error.find("plan: material 'BAD'") == 0);
  REQUIRE(bad.error.find("-1") != std::string::npos);
  REQUIRE_THROWS_AS(bad.value(), invforecast::invalid_argument);

  // A position without demand rows: all-zero history over the extract, a plan all the same.
  const plan_outcome& stock_only = outcomes[3];
  REQUIRE(stock_only.ok());
  REQUIRE(stock_only.value().demand_days == 0);
  REQUIRE(stock_only.value().fit.fc.mean[0] == 0);

  const plan_outcome& twice = outcomes[4];
  REQUIRE_FALSE(twice.ok());
  REQUIRE(twice.error.find("plan: material 'TWICE': listed 2 times") == 0);

  // U has no position: default parameters, stock unknown -> no suggestion; one unknown day.
  const plan_outcome& u = outcomes[5];
  REQUIRE(u.ok());
  REQUIRE(u.value().unknown_days == 1);
  REQUIRE_FALSE(u.value().suggestion.has_value());
}

TEST_CASE("plan (batch): identical results for 1, 2 and 8 threads", "[plan]") {
  std::vector<demand_row> rows;
  std::vector<inventory_position> positions;
  for (int m = 0; m < 12; ++m) {
    const std::string name = "M" + std::to_string(m);
    const std::vector<double> y =
        m % 3 == 2 ? sparse_values(120) : weekly_values(120, static_cast<std::uint64_t>(m));
    for (int d = 0; d < 120; ++d) {
      if (y[static_cast<std::size_t>(d)] > 0) {
        rows.push_back({name, plus(first, d), y[static_cast<std::size_t>(d)]});
      }
    }
    positions.push_back(position_of(name));
  }
  std::size_t calls = 0;
  const auto one = invforecast::plan(
      rows, positions, {},
      {.threads = 1, .progress = [&](std::size_t done, std::size_t total, const plan_outcome&) {
         ++calls;
         REQUIRE(done == calls);
         REQUIRE(total == 12);
       }});
  REQUIRE(calls == 12);
  for (const unsigned threads : {2U, 8U}) {
    const auto many = invforecast::plan(rows, positions, {}, {.threads = threads});
    REQUIRE(many.size() == one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
      REQUIRE(one[i].ok());
      REQUIRE(many[i].ok());
      require_same(one[i].value(), many[i].value());
    }
  }
}

TEST_CASE("plan (batch): the call itself is checked once", "[plan]") {
  planning_policy policy;
  policy.horizon_days = 0;
  const std::vector<demand_row> rows{{"A", first, 1.0}};
  REQUIRE_THROWS_AS(invforecast::plan(rows, {}, policy), invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(invforecast::plan(rows, {}, policy),
                      Catch::Matchers::Contains("policy.horizon_days = 0"));
  REQUIRE_THROWS_AS(invforecast::plan(std::vector<demand_row>{}, {}, {}),
                    invforecast::invalid_argument);
}
