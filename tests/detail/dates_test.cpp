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
