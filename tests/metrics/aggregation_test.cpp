#include "invforecast/metrics/aggregation.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/calendar.hpp"

using namespace invforecast;
using namespace std::chrono;
using S = std::span<const double>;
using D = std::span<const year_month_day>;

namespace {

std::vector<year_month_day> days_from(year_month_day first, int count) {
  std::vector<year_month_day> out;
  for (int i = 0; i < count; ++i) out.push_back(invforecast::detail::add_days(first, i));
  return out;
}

}  // namespace

TEST_CASE("ERP aggregation level names", "[aggregation]") {
  CHECK(std::string(erp_aggregation_level(period::day)) == "DAILY");
  CHECK(std::string(erp_aggregation_level(period::week)) == "WEEKLY");
  CHECK(std::string(erp_aggregation_level(period::month)) == "MONTHLY");
  CHECK(std::string(erp_aggregation_level(period::quarter)) == "QUARTERLY");
  CHECK(std::string(erp_aggregation_level(period::year)) == "YEARLY");
  CHECK(parse_aggregation_level("QUARTERLY") == period::quarter);
  CHECK(parse_aggregation_level("DAILY") == period::day);
  REQUIRE_THROWS_AS(parse_aggregation_level("weekly"), parse_error);
  REQUIRE_THROWS_AS(parse_aggregation_level(""), parse_error);
  REQUIRE_THROWS_AS(erp_aggregation_level(static_cast<period>(9)), invalid_argument);
}

TEST_CASE("two ISO weeks at DAILY and WEEKLY level", "[aggregation]") {
  // Monday 2024-01-01 .. Sunday 2024-01-14. Week 1: actual 10/day, forecast 9/day;
  // week 2: actual 20/day, forecast 22/day.
  const auto dates = days_from(2024y / January / 1, 14);
  std::vector<double> a(14), f(14);
  for (std::size_t i = 0; i < 14; ++i) {
    a[i] = i < 7 ? 10 : 20;
    f[i] = i < 7 ? 9 : 22;
  }
  aggregation_options<double> opt;
  opt.target_mape = 10.0;

  const auto w = accuracy_by_period(D(dates), S(a), S(f), period::week, opt);
  CHECK(std::string(w.aggregation_level) == "WEEKLY");
  CHECK(w.measurement_period_start == 2024y / January / 1);
  CHECK(w.measurement_period_end == 2024y / January / 14);
  REQUIRE(w.buckets.size() == 2);
  CHECK(w.buckets[0].start == 2024y / January / 1);
  CHECK(w.buckets[0].end == 2024y / January / 7);
  CHECK(w.buckets[1].start == 2024y / January / 8);
  CHECK(w.buckets[1].end == 2024y / January / 14);
  CHECK(w.buckets[0].days == 7);
  CHECK(w.buckets[0].complete);
  CHECK(w.buckets[1].complete);
  CHECK(w.buckets[0].actual == Approx(70).margin(1e-12));
  CHECK(w.buckets[1].forecast == Approx(154).margin(1e-12));
  // weekly errors: 70 - 63 = 7, 140 - 154 = -14
  CHECK(w.metrics.n == 2);  // sample_size
  CHECK(w.metrics.total_actual == Approx(210).margin(1e-12));
  CHECK(w.metrics.total_forecast == Approx(217).margin(1e-12));
  CHECK(w.metrics.mae == Approx(10.5).margin(1e-12));
  CHECK(w.metrics.rmse == Approx(std::sqrt(122.5)).epsilon(1e-14));  // (49 + 196)/2
  CHECK(w.metrics.bias == Approx(-3.5).margin(1e-12));
  REQUIRE(w.metrics.mape);
  CHECK(*w.metrics.mape == Approx(10).margin(1e-12));  // (7/70 + 14/140)/2 * 100
  REQUIRE(w.metrics.tracking_signal);
  CHECK(*w.metrics.tracking_signal == Approx(-7 / 10.5).epsilon(1e-14));
  CHECK(w.target_mape_threshold == 10.0);
  CHECK(w.is_within_tolerance);  // 10 <= 10

  const auto d = accuracy_by_period(D(dates), S(a), S(f), period::day, opt);
  CHECK(std::string(d.aggregation_level) == "DAILY");
  CHECK(d.metrics.n == 14);
  CHECK(d.buckets.size() == 14);
  CHECK(d.metrics.mae == Approx(1.5).margin(1e-12));    // 7 x 1 and 7 x 2
  CHECK(d.metrics.bias == Approx(-0.5).margin(1e-12));  // (7 - 14)/14
  CHECK(*d.metrics.mape == Approx(10).margin(1e-12));   // every day 10 %

  opt.target_mape = 9.99;
  CHECK_FALSE(accuracy_by_period(D(dates), S(a), S(f), period::week, opt).is_within_tolerance);
  // no target: never within tolerance
  CHECK_FALSE(accuracy_by_period(D(dates), S(a), S(f), period::week).is_within_tolerance);
}

TEST_CASE("aggregation cancels daily noise", "[aggregation]") {
  // one ISO week, forecast 10 every day, actual alternating 5 and 15 (Sunday 10)
  const auto dates = days_from(2024y / January / 1, 7);
  const std::vector<double> a{5, 15, 5, 15, 5, 15, 10};
  const std::vector<double> f(7, 10.0);
  const auto d = accuracy_by_period(D(dates), S(a), S(f), period::day);
  // daily: |e| = 5 on six days: MAPE = (3 x 100 + 3 x 33.33 + 0)/7
  CHECK(*d.metrics.mape == Approx((300 + 100) / 7.0).epsilon(1e-14));
  const auto w = accuracy_by_period(D(dates), S(a), S(f), period::week);
  CHECK(w.metrics.n == 1);
  CHECK(*w.metrics.mape == Approx(0).margin(1e-12));  // 70 vs 70
  CHECK_FALSE(w.metrics.tracking_signal);             // MAD = 0
}

TEST_CASE("MONTHLY, QUARTERLY and YEARLY across a year end", "[aggregation]") {
  // Monday 2024-12-30 .. Sunday 2025-01-05: one ISO week (2025-W01), two months, two
  // quarters, two years. actual 1..7, forecast 2 every day.
  const auto dates = days_from(2024y / December / 30, 7);
  const std::vector<double> a{1, 2, 3, 4, 5, 6, 7};
  const std::vector<double> f(7, 2.0);
  const auto w = accuracy_by_period(D(dates), S(a), S(f), period::week);
  REQUIRE(w.buckets.size() == 1);
  CHECK(w.buckets[0].start == 2024y / December / 30);
  CHECK(w.buckets[0].complete);
  const auto m = accuracy_by_period(D(dates), S(a), S(f), period::month);
  REQUIRE(m.buckets.size() == 2);
  CHECK(std::string(m.aggregation_level) == "MONTHLY");
  CHECK(m.buckets[0].start == 2024y / December / 1);
  CHECK(m.buckets[0].end == 2024y / December / 31);
  CHECK(m.buckets[0].first_date == 2024y / December / 30);
  CHECK(m.buckets[0].last_date == 2024y / December / 31);
  CHECK(m.buckets[0].days == 2);
  CHECK_FALSE(m.buckets[0].complete);
  CHECK(m.buckets[1].start == 2025y / January / 1);
  CHECK(m.buckets[1].days == 5);
  // December: actual 3, forecast 4 (e = -1); January: actual 25, forecast 10 (e = 15)
  CHECK(m.buckets[0].actual == Approx(3).margin(1e-12));
  CHECK(m.buckets[1].actual == Approx(25).margin(1e-12));
  CHECK(m.metrics.mae == Approx(8).margin(1e-12));
  CHECK(m.metrics.bias == Approx(7).margin(1e-12));
  CHECK(*m.metrics.mape == Approx((100.0 / 3 + 60) / 2).epsilon(1e-14));
  const auto q = accuracy_by_period(D(dates), S(a), S(f), period::quarter);
  REQUIRE(q.buckets.size() == 2);
  CHECK(std::string(q.aggregation_level) == "QUARTERLY");
  CHECK(q.buckets[0].start == 2024y / October / 1);
  CHECK(q.buckets[1].end == 2025y / March / 31);
  CHECK(q.metrics.mae == Approx(8).margin(1e-12));  // same split as the months
  const auto y = accuracy_by_period(D(dates), S(a), S(f), period::year);
  REQUIRE(y.buckets.size() == 2);
  CHECK(std::string(y.aggregation_level) == "YEARLY");
  CHECK(y.buckets[0].start == 2024y / January / 1);
  CHECK(y.buckets[1].end == 2025y / December / 31);

  const auto all = accuracy_at_all_levels(D(dates), S(a), S(f));
  REQUIRE(all.size() == 5);
  CHECK(std::string(all[0].aggregation_level) == "DAILY");
  CHECK(all[0].metrics.n == 7);
  CHECK(all[1].metrics.n == 1);
  CHECK(std::string(all[4].aggregation_level) == "YEARLY");
}

TEST_CASE("partial periods: kept by default, dropped on request", "[aggregation]") {
  // Wednesday 2024-01-03 .. Sunday 2024-01-14: first ISO week partial (5 days), second full
  const auto dates = days_from(2024y / January / 3, 12);
  const std::vector<double> a(12, 10.0);
  std::vector<double> f(12, 10.0);
  f[0] = 20;  // in the partial week: weekly errors -10 (partial), 0 (full)
  const auto kept = accuracy_by_period(D(dates), S(a), S(f), period::week);
  REQUIRE(kept.buckets.size() == 2);
  CHECK_FALSE(kept.buckets[0].complete);
  CHECK(kept.buckets[0].days == 5);
  CHECK(kept.metrics.mae == Approx(5).margin(1e-12));
  aggregation_options<double> opt;
  opt.drop_partial_periods = true;
  const auto dropped = accuracy_by_period(D(dates), S(a), S(f), period::week, opt);
  REQUIRE(dropped.buckets.size() == 1);
  CHECK(dropped.buckets[0].start == 2024y / January / 8);
  CHECK(dropped.metrics.mae == 0);
  CHECK(dropped.metrics.total_actual == Approx(70).margin(1e-12));
  // measurement period still reports the input's dates
  CHECK(dropped.measurement_period_start == 2024y / January / 3);
  REQUIRE_THROWS_AS(accuracy_by_period(D(dates), S(a), S(f), period::month, opt),
                    insufficient_data);
  // a missing day makes its period partial
  std::vector<year_month_day> gap = days_from(2024y / January / 8, 7);
  gap.erase(gap.begin() + 3);
  const std::vector<double> six(6, 1.0);
  const auto g = accuracy_by_period(D(gap), S(six), S(six), period::week);
  CHECK(g.buckets[0].days == 6);
  CHECK_FALSE(g.buckets[0].complete);
}

TEST_CASE("zero actual periods are excluded from MAPE and counted", "[aggregation]") {
  // week 1 no demand at all (forecast 1/day), week 2 actual 10/day, forecast 8/day
  const auto dates = days_from(2024y / January / 1, 14);
  std::vector<double> a(14, 0.0), f(14, 1.0);
  for (std::size_t i = 7; i < 14; ++i) {
    a[i] = 10;
    f[i] = 8;
  }
  aggregation_options<double> opt;
  opt.target_mape = 25.0;
  const auto w = accuracy_by_period(D(dates), S(a), S(f), period::week, opt);
  REQUIRE(w.metrics.mape);
  CHECK(*w.metrics.mape == Approx(20).margin(1e-12));  // 14 / 70 only
  CHECK(w.metrics.mape_excluded_zeros == 1);
  CHECK(w.is_within_tolerance);
  // only the zero week: MAPE undefined -> not within tolerance
  const auto z =
      accuracy_by_period(D(dates).first(7), S(a).first(7), S(f).first(7), period::week, opt);
  CHECK_FALSE(z.metrics.mape);
  CHECK(z.metrics.mape_excluded_zeros == 1);
  CHECK_FALSE(z.is_within_tolerance);
}

TEST_CASE("aggregation rejects bad input", "[aggregation]") {
  const auto dates = days_from(2024y / January / 1, 3);
  const std::vector<double> v{1, 2, 3};
  REQUIRE_THROWS_AS(accuracy_by_period(D(), S(), S(), period::day), insufficient_data);
  REQUIRE_THROWS_AS(accuracy_by_period(D(dates), S(v).first(2), S(v).first(2), period::day),
                    invalid_argument);
  REQUIRE_THROWS_AS(accuracy_by_period(D(dates), S(v), S(v).first(2), period::day),
                    invalid_argument);
  std::vector<year_month_day> unsorted{2024y / January / 2, 2024y / January / 1,
                                       2024y / January / 3};
  REQUIRE_THROWS_WITH(accuracy_by_period(D(unsorted), S(v), S(v), period::week),
                      "accuracy_by_period: dates[1] = 2024-01-01, must be after dates[0] = "
                      "2024-01-02");
  std::vector<year_month_day> dup{2024y / January / 1, 2024y / January / 1, 2024y / January / 3};
  REQUIRE_THROWS_AS(accuracy_by_period(D(dup), S(v), S(v), period::week), invalid_argument);
  std::vector<year_month_day> invalid{2023y / February / 27, 2023y / February / 30,
                                      2023y / March / 1};
  REQUIRE_THROWS_AS(accuracy_by_period(D(invalid), S(v), S(v), period::day), invalid_argument);
  aggregation_options<double> opt;
  opt.target_mape = -1.0;
  REQUIRE_THROWS_AS(accuracy_by_period(D(dates), S(v), S(v), period::day, opt), invalid_argument);
  aggregation_options<double> opt2;
  opt2.tracking_limit = 0;
  REQUIRE_THROWS_AS(accuracy_by_period(D(dates), S(v), S(v), period::day, opt2), invalid_argument);
}

TEST_CASE("aggregation compiles in float", "[aggregation]") {
  const auto dates = days_from(2024y / January / 1, 14);
  const std::vector<float> a(14, 10.0f);
  const std::vector<float> f(14, 9.0f);
  const auto w = accuracy_by_period(D(dates), std::span<const float>(a), std::span<const float>(f),
                                    period::week);
  CHECK(*w.metrics.mape == Approx(10).margin(1e-4));  // 7/70 each week
}
