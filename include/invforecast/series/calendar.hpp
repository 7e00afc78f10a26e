#pragma once

/// @file
/// Calendar arithmetic on `std::chrono::year_month_day`: ISO 8601 week dates, weekday and
/// quarter numbers, period bounds (ISO week, month, quarter, year) and strict `yyyy-mm-dd`
/// text. Dates are plain civil dates of the proleptic Gregorian calendar: no time zones and no
/// local-time shifts are involved anywhere. See docs/series.md.
///
/// Conventions, used by every part of invforecast:
/// - weekday: ISO 8601, 1 = Monday ... 7 = Sunday (PostgreSQL `EXTRACT(ISODOW ...)`; note that
///   `EXTRACT(DOW ...)` is 0 = Sunday ... 6 = Saturday and does NOT match);
/// - week: ISO 8601 week, Monday to Sunday; week 1 of an ISO year is the week holding that
///   year's first Thursday, so the ISO year can differ from the calendar year near New Year
///   (2024-12-30 is 2025-W01-1, 2021-01-03 is 2020-W53-7); PostgreSQL `EXTRACT(WEEK ...)` and
///   `EXTRACT(ISOYEAR ...)` match;
/// - quarter: 1 = January..March ... 4 = October..December.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"

namespace invforecast {

/// Calendar period lengths used for aggregation.
enum class period {
  day,      ///< one calendar day
  week,     ///< ISO 8601 week, Monday to Sunday
  month,    ///< calendar month
  quarter,  ///< calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec)
  year      ///< calendar year (January 1 to December 31, not the ISO week-numbering year)
};

/// An ISO 8601 week date, e.g. 2025-W01-1 for 2024-12-30.
struct iso_week_date {
  int year;          ///< ISO week-numbering year (may differ from the calendar year)
  unsigned week;     ///< 1..52 or 1..53
  unsigned weekday;  ///< 1 = Monday ... 7 = Sunday

  friend bool operator==(const iso_week_date&, const iso_week_date&) = default;
};

/// Calendar parts of a date, as stored in the ERP's demand_history columns
/// (year, month, week_of_year, day_of_week, quarter).
struct calendar_parts {
  int year;               ///< calendar year (PostgreSQL `EXTRACT(YEAR ...)`)
  unsigned month;         ///< 1..12
  unsigned week_of_year;  ///< ISO week number 1..53 (`EXTRACT(WEEK ...)`); belongs to iso_year
  unsigned day_of_week;   ///< ISO 1 = Monday ... 7 = Sunday (`EXTRACT(ISODOW ...)`)
  unsigned quarter;       ///< 1..4
  int iso_year;           ///< ISO week-numbering year of week_of_year (`EXTRACT(ISOYEAR ...)`)

  friend bool operator==(const calendar_parts&, const calendar_parts&) = default;
};

/// Formats a date as `yyyy-mm-dd` (years 0..9999 with four digits; other years with a sign and
/// at least four digits, e.g. "-0044-03-15"). The fields are printed as they are, so an invalid
/// date such as 2023-02-30 is printed as "2023-02-30" (used in error messages).
/// @param d the date
/// @return the text, e.g. "2024-02-29"
inline std::string to_iso_string(std::chrono::year_month_day d) {
  const int y = static_cast<int>(d.year());
  const unsigned m = static_cast<unsigned>(d.month());
  const unsigned day = static_cast<unsigned>(d.day());
  std::string out;
  out.reserve(12);
  unsigned magnitude = static_cast<unsigned>(y < 0 ? -y : y);
  if (y < 0) out.push_back('-');
  if (y > 9999) out.push_back('+');
  std::string digits = std::to_string(magnitude);
  if (digits.size() < 4) out.append(4 - digits.size(), '0');
  out += digits;
  out.push_back('-');
  out.push_back(static_cast<char>('0' + (m / 10) % 10));
  out.push_back(static_cast<char>('0' + m % 10));
  out.push_back('-');
  out.push_back(static_cast<char>('0' + (day / 10) % 10));
  out.push_back(static_cast<char>('0' + day % 10));
  return out;
}

/// Parses a strict ISO 8601 calendar date `yyyy-mm-dd`: exactly ten characters, four-digit year
/// 0000..9999, two-digit month and day, '-' separators, and a day that exists in that month
/// (2023-02-29 is rejected, 2024-02-29 accepted). No surrounding spaces, no time part, no
/// time zone.
/// @param text the text to parse
/// @return the date
/// @throws parse_error "parse_iso_date: text = \"<text>\", must be a valid date yyyy-mm-dd"
///         (the quoted text is cut to 40 characters)
inline std::chrono::year_month_day parse_iso_date(std::string_view text) {
  const auto fail = [text]() {
    std::string shown(text.substr(0, 40));
    if (text.size() > 40) shown += "...";
    throw parse_error("parse_iso_date: text = \"" + shown + "\", must be a valid date yyyy-mm-dd");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') fail();
  const auto number = [&](std::size_t from, std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') fail();
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value;
  };
  const unsigned y = number(0, 4);
  const unsigned m = number(5, 2);
  const unsigned d = number(8, 2);
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(y)},
                                         std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) fail();
  return date;
}

namespace detail {

/// Throws invalid_argument "<function>: <name> = <date>, must be a valid calendar date" unless
/// `d.ok()`.
inline void check_valid_date(std::string_view function, std::string_view name,
                             std::chrono::year_month_day d) {
  if (!d.ok()) {
    throw invalid_argument(std::string(function) + ": " + std::string(name) + " = " +
                           to_iso_string(d) + ", must be a valid calendar date");
  }
}

}  // namespace detail

/// ISO 8601 weekday of a date.
/// @param d a valid date
/// @return 1 = Monday ... 7 = Sunday (PostgreSQL `EXTRACT(ISODOW ...)`, `date +%u`)
/// @throws invalid_argument "day_of_week: date = <d>, must be a valid calendar date"
inline unsigned day_of_week(std::chrono::year_month_day d) {
  detail::check_valid_date("day_of_week", "date", d);
  return detail::iso_weekday(d);
}

/// Calendar quarter of a date.
/// @param d a valid date
/// @return 1 (Jan-Mar), 2 (Apr-Jun), 3 (Jul-Sep) or 4 (Oct-Dec)
/// @throws invalid_argument "quarter: date = <d>, must be a valid calendar date"
inline unsigned quarter(std::chrono::year_month_day d) {
  detail::check_valid_date("quarter", "date", d);
  return (static_cast<unsigned>(d.month()) - 1) / 3 + 1;
}

/// ISO 8601 week date of a calendar date. The week holding a date's Thursday decides the ISO
/// year: ISO year = calendar year of that Thursday, week = (day of year of that Thursday - 1)
/// / 7 + 1 (ISO 8601-1:2019, 5.2.4; same as `date +%G-W%V-%u` and PostgreSQL `EXTRACT(ISOYEAR
/// / WEEK / ISODOW ...)`).
/// @param d a valid date
/// @return {ISO year, week 1..53, weekday 1..7}; e.g. 2024-12-30 -> {2025, 1, 1},
///         2021-01-03 -> {2020, 53, 7}
/// @throws invalid_argument "iso_week: date = <d>, must be a valid calendar date"
inline iso_week_date iso_week(std::chrono::year_month_day d) {
  detail::check_valid_date("iso_week", "date", d);
  const unsigned wd = detail::iso_weekday(d);
  const std::chrono::year_month_day thursday = detail::add_days(d, 4 - static_cast<int>(wd));
  const long long week =
      detail::days_between(thursday.year() / std::chrono::January / 1, thursday) / 7 + 1;
  return {static_cast<int>(thursday.year()), static_cast<unsigned>(week), wd};
}

/// The ERP demand_history calendar columns of a date.
/// @param d a valid date
/// @return {calendar year, month, ISO week, ISO weekday, quarter, ISO year}
/// @throws invalid_argument "calendar_parts_of: date = <d>, must be a valid calendar date"
inline calendar_parts calendar_parts_of(std::chrono::year_month_day d) {
  detail::check_valid_date("calendar_parts_of", "date", d);
  const iso_week_date w = iso_week(d);
  const unsigned m = static_cast<unsigned>(d.month());
  return {static_cast<int>(d.year()), m, w.week, w.weekday, (m - 1) / 3 + 1, w.year};
}

/// First day of the period holding `d`: the day itself, the Monday of its ISO week, the first of
/// its month, of its quarter, or January 1 of its year.
/// @param d a valid date
/// @param p the period
/// @return the first day of the period
/// @throws invalid_argument "period_start: date = <d>, must be a valid calendar date", or
///         "period_start: p = <n>, must be a valid period" for a value outside the enumeration
inline std::chrono::year_month_day period_start(std::chrono::year_month_day d, period p) {
  using namespace std::chrono;
  detail::check_valid_date("period_start", "date", d);
  switch (p) {
    case period::day:
      return d;
    case period::week:  // back to Monday (ISO weekday 1)
      return detail::add_days(d, 1 - static_cast<int>(detail::iso_weekday(d)));
    case period::month:
      return d.year() / d.month() / 1;
    case period::quarter: {
      const unsigned first_month = (static_cast<unsigned>(d.month()) - 1) / 3 * 3 + 1;
      return d.year() / month{first_month} / 1;
    }
    case period::year:
      return d.year() / January / 1;
  }
  throw invalid_argument("period_start: p = " + std::to_string(static_cast<int>(p)) +
                         ", must be a valid period");
}

/// Last day of the period holding `d`: the day itself, the Sunday of its ISO week, the last day
/// of its month (February 29 in leap years), of its quarter, or December 31 of its year.
/// @param d a valid date
/// @param p the period
/// @return the last day of the period
/// @throws invalid_argument "period_end: date = <d>, must be a valid calendar date", or
///         "period_end: p = <n>, must be a valid period" for a value outside the enumeration
inline std::chrono::year_month_day period_end(std::chrono::year_month_day d, period p) {
  using namespace std::chrono;
  detail::check_valid_date("period_end", "date", d);
  switch (p) {
    case period::day:
      return d;
    case period::week:  // on to Sunday (ISO weekday 7)
      return detail::add_days(d, 7 - static_cast<int>(detail::iso_weekday(d)));
    case period::month:
      return year_month_day{d.year() / d.month() / last};
    case period::quarter: {
      const unsigned last_month = (static_cast<unsigned>(d.month()) - 1) / 3 * 3 + 3;
      return year_month_day{d.year() / month{last_month} / last};
    }
    case period::year:
      return d.year() / December / 31;
  }
  throw invalid_argument("period_end: p = " + std::to_string(static_cast<int>(p)) +
                         ", must be a valid period");
}

/// Name of a period for messages and documents: "day", "week", "month", "quarter", "year".
inline std::string_view to_string(period p) {
  switch (p) {
    case period::day:
      return "day";
    case period::week:
      return "week";
    case period::month:
      return "month";
    case period::quarter:
      return "quarter";
    case period::year:
      return "year";
  }
  return "unknown";
}

}  // namespace invforecast
