#include "invforecast/series/calendar.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "invforecast/error.hpp"
#include "support/csv.hpp"

using namespace invforecast;
using namespace std::chrono;

// Expected ISO week dates below were checked with GNU date (coreutils), e.g.
//   date -u -d 2024-12-30 +"%F %G-W%V-%u %a"   ->  2024-12-30 2025-W01-1 Mon
//   date -u -d 2021-01-03 ...                  ->  2021-01-03 2020-W53-7 Sun
//   date -u -d 2027-01-01 ...                  ->  2027-01-01 2026-W53-5 Fri
//   date -u -d 2026-01-01 ...                  ->  2026-01-01 2026-W01-4 Thu
//   date -u -d 2016-01-03 ...                  ->  2016-01-03 2015-W53-7 Sun
//   date -u -d 2024-02-29 ...                  ->  2024-02-29 2024-W09-4 Thu
//   date -u -d 2000-02-29 ...                  ->  2000-02-29 2000-W09-2 Tue
//   date -u -d 1900-03-01 ...                  ->  1900-03-01 1900-W09-4 Thu
// and against the ISO 8601 rule "week 1 holds the year's first Thursday / January 4".

TEST_CASE("iso_week: ISO year differs from the calendar year around New Year", "[calendar]") {
  CHECK(iso_week(2024y / December / 30) == iso_week_date{2025, 1, 1});
  CHECK(iso_week(2021y / January / 3) == iso_week_date{2020, 53, 7});
  CHECK(iso_week(2020y / December / 31) == iso_week_date{2020, 53, 4});
  CHECK(iso_week(2027y / January / 1) == iso_week_date{2026, 53, 5});
  CHECK(iso_week(2026y / January / 1) == iso_week_date{2026, 1, 4});
  CHECK(iso_week(2016y / January / 3) == iso_week_date{2015, 53, 7});
  CHECK(iso_week(2009y / December / 31) == iso_week_date{2009, 53, 4});
  CHECK(iso_week(2010y / January / 3) == iso_week_date{2009, 53, 7});
  CHECK(iso_week(2026y / November / 28) == iso_week_date{2026, 48, 6});
}

TEST_CASE("iso_week and quarter on leap days and century years", "[calendar]") {
  CHECK(iso_week(2024y / February / 29) == iso_week_date{2024, 9, 4});
  CHECK(iso_week(2000y / February / 29) == iso_week_date{2000, 9, 2});
  // 1900 is not a leap year (divisible by 100, not by 400): Feb 28 is followed by Mar 1.
  CHECK(iso_week(1900y / March / 1) == iso_week_date{1900, 9, 4});
  CHECK_FALSE((1900y / February / 29).ok());
  CHECK(quarter(2024y / February / 29) == 1u);
}

TEST_CASE("iso_week, day_of_week and quarter match R's strftime fixture", "[calendar]") {
  // Fixture written by tests/reference/series_calendar.R (R's %G, %V, %u and quarters()):
  // every day Dec 22 .. Jan 10 around each New Year 1990..2041 and every Feb 29 1896..2104.
  std::size_t rows = 0;
  std::size_t week53 = 0;
  for (const auto& fields : invforecast::test::read_fixture("series_calendar.csv")) {
    REQUIRE(fields.size() == 5);
    const std::string& date_text = fields[0];
    const std::string& y = fields[1];
    const std::string& w = fields[2];
    const std::string& d = fields[3];
    const std::string& q = fields[4];
    const auto date = parse_iso_date(date_text);
    INFO(date_text);
    const iso_week_date expected{std::stoi(y), static_cast<unsigned>(std::stoul(w)),
                                 static_cast<unsigned>(std::stoul(d))};
    CHECK(iso_week(date) == expected);  // exact (integers)
    CHECK(day_of_week(date) == expected.weekday);
    CHECK(quarter(date) == static_cast<unsigned>(std::stoul(q)));
    const calendar_parts parts = calendar_parts_of(date);
    CHECK(parts.year == static_cast<int>(date.year()));
    CHECK(parts.iso_year == expected.year);
    CHECK(parts.week_of_year == expected.week);
    CHECK(parts.day_of_week == expected.weekday);
    CHECK(parts.quarter == quarter(date));
    CHECK(parts.month == static_cast<unsigned>(date.month()));
    if (expected.week == 53) ++week53;
    ++rows;
  }
  CHECK(rows == 1091);  // 52 windows of 20 days + 51 leap days (1900 and 2100 have none)
  CHECK(week53 > 0);    // the fixture does exercise week 53
}

TEST_CASE("iso_week is consistent day by day over 1970..2100", "[calendar]") {
  // Identities of the ISO calendar: the weekday advances by one each day (7 -> 1); the week
  // number advances exactly on Mondays, resetting to 1 with the ISO year + 1; a year has 52
  // or 53 weeks; 1970-01-01 was a Thursday (POSIX epoch, `date -u -d @0 +%u` -> 4).
  sys_days day{1970y / January / 1};
  iso_week_date previous = iso_week(year_month_day{day});
  CHECK(previous == iso_week_date{1970, 1, 4});
  const sys_days stop{2100y / December / 31};
  int years_with_53 = 0;
  int years = 0;
  bool ok = true;
  for (day += days{1}; day <= stop; day += days{1}) {
    const iso_week_date now = iso_week(year_month_day{day});
    const unsigned expected_weekday = previous.weekday == 7 ? 1 : previous.weekday + 1;
    ok = ok && now.weekday == expected_weekday;
    if (now.weekday == 1) {
      if (now.year == previous.year) {
        ok = ok && now.week == previous.week + 1;
      } else {
        ok = ok && now.year == previous.year + 1 && now.week == 1 &&
             (previous.week == 52 || previous.week == 53);
        ++years;
        if (previous.week == 53) ++years_with_53;
      }
    } else {
      ok = ok && now.week == previous.week && now.year == previous.year;
    }
    // The ISO year is the calendar year of the week's Thursday: never more than 1 away.
    const int calendar_year = static_cast<int>(year_month_day{day}.year());
    ok = ok && (now.year - calendar_year >= -1) && (now.year - calendar_year <= 1);
    previous = now;
    if (!ok) {
      FAIL("inconsistent ISO week at " << to_iso_string(year_month_day{day}));
    }
  }
  CHECK(ok);
  // The 400-year Gregorian cycle has 71 long years (ISO 8601 / Wikipedia "ISO week date");
  // over 130 ISO years the share is about 71/400 = 0.1775 -> 23 years, allow 20..26.
  CHECK(years == 130);
  CHECK(years_with_53 >= 20);
  CHECK(years_with_53 <= 26);
}

TEST_CASE("day_of_week is ISO 1=Monday..7=Sunday", "[calendar]") {
  // 2024-01-01 was a Monday, 2024-01-07 a Sunday (`date -d 2024-01-07 +%u` -> 7).
  CHECK(day_of_week(2024y / January / 1) == 1u);
  CHECK(day_of_week(2024y / January / 6) == 6u);
  CHECK(day_of_week(2024y / January / 7) == 7u);
  // 2000-01-01 was a Saturday.
  CHECK(day_of_week(2000y / January / 1) == 6u);
}

TEST_CASE("quarter boundaries", "[calendar]") {
  CHECK(quarter(2025y / January / 1) == 1u);
  CHECK(quarter(2025y / March / 31) == 1u);
  CHECK(quarter(2025y / April / 1) == 2u);
  CHECK(quarter(2025y / June / 30) == 2u);
  CHECK(quarter(2025y / July / 1) == 3u);
  CHECK(quarter(2025y / September / 30) == 3u);
  CHECK(quarter(2025y / October / 1) == 4u);
  CHECK(quarter(2025y / December / 31) == 4u);
}

TEST_CASE("calendar_parts_of gives the ERP columns (calendar year with ISO week)", "[calendar]") {
  // 2024-12-30: calendar year 2024, December, ISO week 1 of ISO year 2025, Monday, Q4.
  // PostgreSQL: EXTRACT(YEAR)=2024, EXTRACT(WEEK)=1, EXTRACT(ISODOW)=1, EXTRACT(ISOYEAR)=2025.
  CHECK(calendar_parts_of(2024y / December / 30) == calendar_parts{2024, 12, 1, 1, 4, 2025});
  CHECK(calendar_parts_of(2021y / January / 3) == calendar_parts{2021, 1, 53, 7, 1, 2020});
  CHECK(calendar_parts_of(2025y / July / 15) == calendar_parts{2025, 7, 29, 2, 3, 2025});
}

TEST_CASE("period_start and period_end", "[calendar]") {
  const year_month_day d = 2024y / February / 29;  // Thursday, ISO week 2024-W09
  CHECK(period_start(d, period::day) == d);
  CHECK(period_end(d, period::day) == d);
  CHECK(period_start(d, period::week) == 2024y / February / 26);  // Monday
  CHECK(period_end(d, period::week) == 2024y / March / 3);        // Sunday
  CHECK(period_start(d, period::month) == 2024y / February / 1);
  CHECK(period_end(d, period::month) == 2024y / February / 29);  // leap year
  CHECK(period_end(2023y / February / 10, period::month) == 2023y / February / 28);
  CHECK(period_end(2100y / February / 10, period::month) == 2100y / February / 28);
  CHECK(period_end(2000y / February / 10, period::month) == 2000y / February / 29);
  CHECK(period_start(d, period::quarter) == 2024y / January / 1);
  CHECK(period_end(d, period::quarter) == 2024y / March / 31);
  CHECK(period_start(2024y / November / 15, period::quarter) == 2024y / October / 1);
  CHECK(period_end(2024y / May / 15, period::quarter) == 2024y / June / 30);
  CHECK(period_end(2024y / August / 15, period::quarter) == 2024y / September / 30);
  CHECK(period_start(d, period::year) == 2024y / January / 1);
  CHECK(period_end(d, period::year) == 2024y / December / 31);
  // An ISO week crossing the year: 2024-12-30 (Mon) .. 2025-01-05 (Sun).
  CHECK(period_start(2025y / January / 1, period::week) == 2024y / December / 30);
  CHECK(period_end(2024y / December / 30, period::week) == 2025y / January / 5);
  // Monday and Sunday are their own week start / end.
  CHECK(period_start(2024y / December / 30, period::week) == 2024y / December / 30);
  CHECK(period_end(2025y / January / 5, period::week) == 2025y / January / 5);
}

TEST_CASE("to_iso_string and parse_iso_date", "[calendar]") {
  CHECK(to_iso_string(2024y / February / 29) == "2024-02-29");
  CHECK(to_iso_string(year{7} / January / 2) == "0007-01-02");
  CHECK(to_iso_string(year{-44} / March / 15) == "-0044-03-15");
  CHECK(to_iso_string(year{12345} / March / 15) == "+12345-03-15");
  CHECK(to_iso_string(2023y / February / 30) == "2023-02-30");  // printed as is
  CHECK(parse_iso_date("2024-02-29") == 2024y / February / 29);
  CHECK(parse_iso_date("0000-01-01") == year{0} / January / 1);
  CHECK(parse_iso_date("9999-12-31") == year{9999} / December / 31);
  CHECK(parse_iso_date("2000-02-29") == 2000y / February / 29);
}

TEST_CASE("parse_iso_date rejects everything but strict yyyy-mm-dd", "[calendar]") {
  const char* bad[] = {
      "",           "2024-2-29",  "2024-02-29 ", " 2024-02-29", "2024/02/29",         "2023-02-29",
      "1900-02-29", "2024-13-01", "2024-00-10",  "2024-01-00",  "2024-04-31",         "24-02-29",
      "2024-02-2x", "+024-02-29", "-024-02-29",  "20240229",    "2024-02-29T00:00:00"};
  for (const char* text : bad) {
    INFO(text);
    CHECK_THROWS_AS(parse_iso_date(text), parse_error);
  }
  CHECK_THROWS_WITH(parse_iso_date("2023-02-29"),
                    "parse_iso_date: text = \"2023-02-29\", must be a valid date yyyy-mm-dd");
  CHECK_THROWS_WITH(parse_iso_date(""),
                    "parse_iso_date: text = \"\", must be a valid date "
                    "yyyy-mm-dd");
  CHECK_THROWS_WITH(
      parse_iso_date("2024-02-29 and a very long tail of text that goes on"),
      "parse_iso_date: text = \"2024-02-29 and a very long tail of text ...\", must be a valid "
      "date yyyy-mm-dd");
  CHECK_THROWS_AS(parse_iso_date("x"), error);  // derives from invforecast::error
}

TEST_CASE("calendar functions reject invalid dates", "[calendar]") {
  const year_month_day bad = 2023y / February / 29;
  CHECK_THROWS_WITH(iso_week(bad), "iso_week: date = 2023-02-29, must be a valid calendar date");
  CHECK_THROWS_WITH(day_of_week(bad),
                    "day_of_week: date = 2023-02-29, must be a valid calendar date");
  CHECK_THROWS_WITH(quarter(bad), "quarter: date = 2023-02-29, must be a valid calendar date");
  CHECK_THROWS_WITH(calendar_parts_of(bad),
                    "calendar_parts_of: date = 2023-02-29, must be a valid calendar date");
  CHECK_THROWS_WITH(period_start(bad, period::week),
                    "period_start: date = 2023-02-29, must be a valid calendar date");
  CHECK_THROWS_WITH(period_end(bad, period::month),
                    "period_end: date = 2023-02-29, must be a valid calendar date");
  CHECK_THROWS_AS(iso_week(2024y / month{13} / 1), invalid_argument);
  CHECK_THROWS_WITH(period_start(2024y / May / 1, static_cast<period>(9)),
                    "period_start: p = 9, must be a valid period");
  CHECK_THROWS_WITH(period_end(2024y / May / 1, static_cast<period>(9)),
                    "period_end: p = 9, must be a valid period");
  CHECK(std::string(to_string(period::quarter)) == "quarter");
  CHECK(std::string(to_string(period::week)) == "week");
}
