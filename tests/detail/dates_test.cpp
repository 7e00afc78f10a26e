// Tests of include/invforecast/detail/dates.hpp: the library's one date helper.

#include "invforecast/detail/dates.hpp"

#include <catch2/catch.hpp>
#include <chrono>

using namespace std::chrono;
using invforecast::detail::add_days;
using invforecast::detail::days_between;

TEST_CASE("add_days and days_between: calendar arithmetic", "[dates]") {
  CHECK(add_days(2024y / February / 28, 1) == 2024y / February / 29);  // leap year
  CHECK(add_days(2023y / February / 28, 1) == 2023y / March / 1);
  CHECK(add_days(2026y / January / 1, -1) == 2025y / December / 31);
  CHECK(add_days(2026y / March / 7, 0) == 2026y / March / 7);
  CHECK(days_between(2026y / January / 1, 2026y / March / 1) == 59);
  CHECK(days_between(2026y / March / 1, 2026y / January / 1) == -59);
  CHECK(days_between(2000y / January / 1, 2100y / January / 1) == 36525);  // 24 leap years + 2000
  const auto from = 1999y / December / 31;
  for (long long n : {-1000LL, -1LL, 0LL, 1LL, 366LL, 100000LL}) {
    CHECK(days_between(from, add_days(from, n)) == n);
  }
}

TEST_CASE("add_days and days_between: the arithmetic of the date copies they replaced", "[dates]") {
  // daily_series, aggregate and accuracy_by_period index days by days_between(first, d) and
  // date them by add_days(first, i): the two are inverse over a span that crosses leap days,
  // month and year ends (2023-12-30 .. 2025-03-02), and noexcept (daily_series::last_day is).
  static_assert(noexcept(add_days(2024y / January / 1, 1)));
  static_assert(noexcept(days_between(2024y / January / 1, 2024y / January / 2)));
  const auto first = 2023y / December / 30;
  const auto final_day = 2025y / March / 2;
  const long long n = days_between(first, final_day);
  CHECK(n == 2 + 366 + 31 + 28 + 1);  // Dec 30-31, 2024 (leap), Jan + Feb 2025, Mar 1-2
  for (long long i = 0; i <= n; ++i) {
    const auto d = add_days(first, i);
    REQUIRE(d.ok());
    REQUIRE(days_between(first, d) == i);
  }
  CHECK(add_days(first, n) == final_day);
  CHECK(add_days(2024y / February / 28, 1) == 2024y / February / 29);
}

TEST_CASE("iso_weekday: 1 = Monday ... 7 = Sunday", "[dates]") {
  using invforecast::detail::iso_weekday;
  // 1970-01-01 was a Thursday (the Unix epoch; `date -d 1970-01-01 +%u` prints 4), and the
  // weekday advances by one per day, Sunday (7) wrapping to Monday (1).
  static_assert(noexcept(iso_weekday(1970y / January / 1)));
  CHECK(iso_weekday(1970y / January / 1) == 4);
  CHECK(iso_weekday(2024y / December / 30) == 1);  // Monday: 2025-W01-1 (ISO 8601 example)
  CHECK(iso_weekday(2021y / January / 3) == 7);    // Sunday: 2020-W53-7
  unsigned expected = 4;
  for (long long i = 0; i < 800; ++i) {
    REQUIRE(iso_weekday(add_days(1970y / January / 1, i)) == expected);
    expected = expected == 7 ? 1 : expected + 1;
  }
}
