#include "invforecast/series/aggregate.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/series/daily_series.hpp"

using namespace invforecast;
using namespace std::chrono;

namespace {

// Demand 1, 2, 3, ... on consecutive days from `first` (dense, all observed).
daily_series<double> ramp(year_month_day first, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i + 1);
  return daily_series<double>::from_values(first, v);
}

}  // namespace

TEST_CASE("aggregate by ISO week across New Year", "[aggregate]") {
  // 2024-12-26 (Thu) .. 2025-01-08 (Wed), values 1..14.
  // Week 2024-W52 = Dec 23..29: series covers Dec 26..29 -> 1+2+3+4 = 10, 4 days, partial.
  // Week 2025-W01 = Dec 30..Jan 5: values 5..11 -> 56, 7 days, full.
  // Week 2025-W02 = Jan 6..12: covers Jan 6..8 -> 12+13+14 = 39, 3 days, partial.
  const auto w = aggregate(ramp(2024y / December / 26, 14), period::week);
  REQUIRE(w.size() == 3);
  CHECK(w[0].start == 2024y / December / 23);
  CHECK(w[0].end == 2024y / December / 29);
  CHECK(w[0].total == 10.0);  // exact integer sums
  CHECK(w[0].days == 4);
  CHECK(w[0].known_days == 4);
  CHECK(w[0].partial);
  CHECK(w[1].start == 2024y / December / 30);
  CHECK(w[1].end == 2025y / January / 5);
  CHECK(w[1].total == 56.0);
  CHECK(w[1].days == 7);
  CHECK_FALSE(w[1].partial);
  CHECK(iso_week(w[1].start) == iso_week_date{2025, 1, 1});
  CHECK(w[2].total == 39.0);
  CHECK(w[2].days == 3);
  CHECK(w[2].partial);
  CHECK(totals_of(w) == std::vector<double>{10, 56, 39});
}

TEST_CASE("aggregate by month, quarter and year over a leap year", "[aggregate]") {
  // All of 2024 (366 days), demand 1 per day: months 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
  // 30, 31; quarters 91 (31+29+31), 91, 92, 92; year 366.
  const std::vector<double> ones(366, 1.0);
  const auto s = daily_series<>::from_values(2024y / January / 1, ones);
  const auto m = aggregate(s, period::month);
  REQUIRE(m.size() == 12);
  const std::vector<double> month_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  CHECK(totals_of(m) == month_days);
  for (const auto& t : m) CHECK_FALSE(t.partial);
  CHECK(m[1].end == 2024y / February / 29);
  const auto q = aggregate(s, period::quarter);
  CHECK(totals_of(q) == std::vector<double>{91, 91, 92, 92});
  CHECK(q[3].start == 2024y / October / 1);
  const auto y = aggregate(s, period::year);
  REQUIRE(y.size() == 1);
  CHECK(y[0].total == 366.0);
  CHECK(y[0].days == 366);
  CHECK_FALSE(y[0].partial);
  // The ISO weeks of 2024: Jan 1 is a Monday, Dec 29 a Sunday -> 52 full weeks, then
  // Dec 30..31 open week 2025-W01 (partial, 2 days).
  const auto w = aggregate(s, period::week);
  REQUIRE(w.size() == 53);
  CHECK_FALSE(w[0].partial);
  CHECK(w[52].days == 2);
  CHECK(w[52].partial);
  // Daily aggregation is the identity.
  const auto d = aggregate(s, period::day);
  CHECK(d.size() == 366);
  CHECK_FALSE(d[100].partial);
}

TEST_CASE("aggregate: unknown and before-launch days add 0 and are counted", "[aggregate]") {
  // 2025-03-30 (Sun) .. 2025-04-02 (Wed); launch 03-31, unknown 04-01.
  // Records: 03-30 qty 0 (before launch), 03-31 qty 4, 04-01 qty 9 (unknown: ignored),
  // 04-02 qty 2. Month March: covers 03-30..31, 2 days, 1 known (03-31), total 4, partial.
  // Month April: 04-01..02, 2 days, 1 known, 1 unknown, total 2, partial.
  const std::vector<demand_record<double>> records{{2025y / March / 30, 0.0},
                                                   {2025y / March / 31, 4.0},
                                                   {2025y / April / 1, 9.0},
                                                   {2025y / April / 2, 2.0}};
  const auto s = daily_series<>::from_records(
      records, {.launch_date = 2025y / March / 31, .unknown_days = {2025y / April / 1}});
  const auto m = aggregate(s, period::month);
  REQUIRE(m.size() == 2);
  CHECK(m[0].total == 4.0);
  CHECK(m[0].days == 2);
  CHECK(m[0].known_days == 1);
  CHECK(m[0].unknown_days == 0);
  CHECK(m[0].partial);
  CHECK(m[1].total == 2.0);
  CHECK(m[1].days == 2);
  CHECK(m[1].known_days == 1);
  CHECK(m[1].unknown_days == 1);
  CHECK(m[1].partial);
  // ISO week: 03-30 is in 2025-W13 (Mar 24..30), 03-31..04-02 in 2025-W14 (Mar 31..Apr 6).
  const auto w = aggregate(s, period::week);
  REQUIRE(w.size() == 2);
  CHECK(w[0].start == 2025y / March / 24);
  CHECK(w[0].days == 1);
  CHECK(w[0].known_days == 0);
  CHECK(w[1].total == 6.0);
  CHECK(w[1].days == 3);
  CHECK(w[1].known_days == 2);
}

TEST_CASE("aggregate: one-day series and float", "[aggregate]") {
  const std::vector<float> v{2.5f};
  const auto s = daily_series<float>::from_values(2024y / February / 29, v);
  const auto q = aggregate(s, period::quarter);
  REQUIRE(q.size() == 1);
  CHECK(q[0].total == 2.5f);
  CHECK(q[0].start == 2024y / January / 1);
  CHECK(q[0].end == 2024y / March / 31);
  CHECK(q[0].days == 1);
  CHECK(q[0].partial);
  const auto d = aggregate(s, period::day);
  REQUIRE(d.size() == 1);
  CHECK_FALSE(d[0].partial);
}

TEST_CASE("aggregate rejects an invalid period", "[aggregate]") {
  const auto s = ramp(2024y / January / 1, 3);
  CHECK_THROWS_AS(aggregate(s, static_cast<period>(7)), invalid_argument);
  CHECK_THROWS_WITH(aggregate(s, static_cast<period>(7)),
                    "aggregate: p = 7, must be a valid period");
}
