#include "invforecast/inventory/stockout.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <limits>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"

using namespace std::chrono;
using invforecast::project_stockout;
using invforecast::scheduled_receipt;

namespace {
constexpr year_month_day today{year{2026}, month{11}, day{28}};
year_month_day plus(int days) { return invforecast::detail::add_days(today, days); }
}  // namespace

TEST_CASE("project_stockout: no receipts, hand-worked", "[stockout]") {
  // 100 available, 15/day from tomorrow: end of day d = 100 - 15 d.
  // Below safety stock 40 when 100 - 15 d < 40 -> d = 5 (25); below zero when d = 7 (-5).
  const std::vector<double> fc(20, 15.0);
  const auto p = project_stockout({.today = today,
                                   .available = 100,
                                   .safety_stock = 40,
                                   .lead_time_days = 3,
                                   .daily_forecast = fc});
  REQUIRE(p.days_until_stockout.has_value());
  CHECK(*p.days_until_stockout == 7);
  CHECK(*p.stockout_date == year_month_day{year{2026}, month{12}, day{5}});
  CHECK(*p.days_until_below_safety_stock == 5);
  CHECK(*p.below_safety_stock_date == year_month_day{year{2026}, month{12}, day{3}});
  REQUIRE(p.projected_stock.size() == 21);
  CHECK(p.projected_stock[0] == 100.0);
  CHECK(p.projected_stock[7] == -5.0);
}

TEST_CASE("project_stockout: scheduled receipts, dated and undated", "[stockout]") {
  // 50 available, 10/day. Receipt 40 on day 3, undated 30 arrives after lead time 6 (day 6).
  // Day: 1:40 2:30 3:60 4:50 5:40 6:60 7:50 8:40 9:30 10:20 11:10 12:0 13:-10 -> stockout day 13.
  // Ignoring stock on order (the ERP's defect) would give day 6.
  const std::vector<double> fc(30, 10.0);
  const std::vector<scheduled_receipt<double>> rc{{40, plus(3)}, {30, std::nullopt}};
  const auto p = project_stockout({.today = today,
                                   .available = 50,
                                   .safety_stock = 25,
                                   .lead_time_days = 6,
                                   .daily_forecast = fc,
                                   .receipts = rc});
  CHECK(*p.days_until_stockout == 13);
  CHECK(*p.stockout_date == plus(13));
  CHECK(*p.days_until_below_safety_stock == 10);  // 20 < 25 on day 10 (day 2 is 30, not < 25)
  CHECK(p.projected_stock[3] == 60.0);
  CHECK(p.received_in_horizon == 70.0);
  // Overdue receipt (dated yesterday) counts today; receipt beyond the horizon is ignored.
  const std::vector<scheduled_receipt<double>> late{{20, plus(-1)}, {500, plus(45)}};
  const auto q = project_stockout({.today = today,
                                   .available = 5,
                                   .safety_stock = 0,
                                   .lead_time_days = 6,
                                   .daily_forecast = fc,
                                   .receipts = late});
  CHECK(q.projected_stock[0] == 25.0);
  CHECK(*q.days_until_stockout == 3);  // 25 - 30 < 0
  CHECK(q.received_in_horizon == 20.0);
}

TEST_CASE("project_stockout: zero days is a value; none in horizon is empty", "[stockout]") {
  const std::vector<double> fc(10, 1.0);
  // Already negative today: stockout today, 0 days.
  const auto neg =
      project_stockout({.today = today, .available = -2, .safety_stock = 5, .daily_forecast = fc});
  REQUIRE(neg.days_until_stockout.has_value());
  CHECK(*neg.days_until_stockout == 0);
  CHECK(*neg.stockout_date == today);
  CHECK(*neg.days_until_below_safety_stock == 0);
  // Exactly zero stock is not below zero (no stockout until demand takes it negative: day 1).
  const auto zero =
      project_stockout({.today = today, .available = 0, .safety_stock = 0, .daily_forecast = fc});
  CHECK(*zero.days_until_stockout == 1);
  // Plenty of stock: nothing within 10 days.
  const auto ok =
      project_stockout({.today = today, .available = 100, .safety_stock = 5, .daily_forecast = fc});
  CHECK(!ok.days_until_stockout.has_value());
  CHECK(!ok.stockout_date.has_value());
  CHECK(!ok.days_until_below_safety_stock.has_value());
}

TEST_CASE("project_stockout: forecast start date", "[stockout]") {
  // A forecast made yesterday starts today: its first value (today) is skipped.
  const std::vector<double> fc{100, 10, 10, 10};
  const auto p = project_stockout({.today = today,
                                   .available = 15,
                                   .safety_stock = 0,
                                   .daily_forecast = fc,
                                   .forecast_start = today});
  REQUIRE(p.projected_stock.size() == 4);  // days 0..3
  CHECK(p.projected_stock[1] == 5.0);
  CHECK(*p.days_until_stockout == 2);
  REQUIRE_THROWS_AS(
      project_stockout({.today = today, .daily_forecast = fc, .forecast_start = plus(2)}),
      invforecast::invalid_argument);
}

TEST_CASE("project_stockout rejects bad input", "[stockout]") {
  const std::vector<double> bad{1, -1};
  const std::vector<double> fc{1, 1};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_AS(project_stockout({.today = today, .daily_forecast = bad}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(project_stockout({.today = today, .available = nan, .daily_forecast = fc}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(project_stockout({.today = today, .lead_time_days = -1, .daily_forecast = fc}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(project_stockout({.today = year_month_day{year{2026}, month{2}, day{30}},
                                      .daily_forecast = fc}),
                    invforecast::invalid_argument);
  const std::vector<scheduled_receipt<double>> neg{{-5, std::nullopt}};
  REQUIRE_THROWS_AS(project_stockout({.today = today, .daily_forecast = fc, .receipts = neg}),
                    invforecast::invalid_argument);
  const std::vector<float> f{1.f, 2.f};
  CHECK(
      *invforecast::project_stockout<float>({.today = today, .available = 2.f, .daily_forecast = f})
           .days_until_stockout == 2);
}
