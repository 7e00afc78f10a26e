#pragma once

/// @file
/// The input rules every subcommand of the command-line tools shares, in one place: the
/// documented limits (docs/errors.md, "Command line"), UTF-8 validation, the one parser of
/// interval levels, and the UUID check of --tenant / --facility.
///
/// The limits are far above anything a real ERP extract holds; they exist so that a typo or a
/// hostile file ends in a clear error (file:line:col, exit 2) instead of gigabytes of output
/// or an hour of work.

#include <charconv>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "invforecast/detail/uuid.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast::tools {

/// Longest CSV field (bytes). A description or a reason is a few hundred bytes at most.
inline constexpr std::size_t max_field_bytes = 4096;
/// Longest material code / series_id (bytes). ERP material numbers are 18 to 40 characters.
inline constexpr std::size_t max_code_bytes = 256;
/// Longest forecast horizon of every subcommand (days or periods): ten years and a bit.
inline constexpr int max_horizon = 3660;
/// Dates accepted in input files and on the command line: 1900-01-01 .. 2199-12-31 (every
/// output date, up to max_horizon days later, still prints as yyyy-mm-dd).
inline constexpr std::chrono::year_month_day earliest_date{
    std::chrono::year{1900}, std::chrono::month{1}, std::chrono::day{1}};
inline constexpr std::chrono::year_month_day latest_date{
    std::chrono::year{2199}, std::chrono::month{12}, std::chrono::day{31}};
/// Longest history of a run, first demand day to as-of day (days): 100 years.
inline constexpr long long max_history_span_days = 36600;
/// A history longer than this (days, ten years) is legal but reported on stderr: it is most
/// often one stray date (a 1950-01-01 placeholder).
inline constexpr long long warn_history_span_days = 3660;
/// Largest distance from the last demand date to --as-of (days); every day in between is zero
/// demand.
inline constexpr long long max_as_of_gap_days = 3660;
/// An --as-of more than this many days after the last demand date is legal but reported on
/// stderr (a month-old extract, or a typo in the year).
inline constexpr long long warn_as_of_gap_days = 31;

/// Offset of the first byte of `text` that is not part of well-formed UTF-8 (no overlong
/// forms, no surrogates, nothing above U+10FFFF), or empty when all of it is.
[[nodiscard]] inline std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < n) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

/// `text` with every byte that is not well-formed UTF-8 replaced by U+FFFD: for text from a
/// source the tool did not validate (a database) on its way into HTML or JSON.
[[nodiscard]] inline std::string valid_utf8(std::string_view text) {
  if (!invalid_utf8_offset(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  while (!text.empty()) {
    const auto bad = invalid_utf8_offset(text);
    if (!bad) {
      out += text;
      break;
    }
    out += text.substr(0, *bad);
    out += "\xEF\xBF\xBD";
    text.remove_prefix(*bad + 1);
  }
  return out;
}

/// True when `d` is in [earliest_date, latest_date].
[[nodiscard]] inline bool in_date_range(std::chrono::year_month_day d) {
  const auto s = std::chrono::sys_days{d};
  return s >= std::chrono::sys_days{earliest_date} && s <= std::chrono::sys_days{latest_date};
}

/// Checks a forecast horizon given on the command line.
/// @throws invalid_argument "<option> 1000000000: must be in [1, 3660] (the horizon limit, ...)".
inline void check_horizon(std::string_view option, long long horizon) {
  if (horizon < 1 || horizon > max_horizon) {
    throw invalid_argument(std::string(option) + " " + std::to_string(horizon) +
                           ": must be in [1, " + std::to_string(max_horizon) +
                           "] (the horizon limit, docs/errors.md)");
  }
}

/// Parses --levels, the same rules for every subcommand: a comma list of probabilities in
/// [0.5, 0.999] ("0.8,0.95") or of percents in [50, 99.9] ("80,95"); every item in the same
/// form. A bare "1" is neither (1 % or 100 %?) and is rejected.
/// @throws invalid_argument "--levels 1: 1 must be a probability in [0.5, 0.999] or a percent
///         in [50, 99.9]" naming the bad item.
[[nodiscard]] inline std::vector<double> parse_levels(std::string_view text) {
  const auto trim = [](std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    return t;
  };
  std::vector<double> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = trim(text.substr(start, comma - start));
    double l = 0;
    const auto r = std::from_chars(item.data(), item.data() + item.size(), l);
    if (item.empty() || r.ec != std::errc() || r.ptr != item.data() + item.size()) {
      throw invalid_argument("--levels " + std::string(text) + ": \"" + std::string(item) +
                             "\" is not a number");
    }
    const bool probability = l >= 0.5 && l <= 0.999;
    const bool percent = l >= 50.0 && l <= 99.9;
    if (!probability && !percent) {
      throw invalid_argument("--levels " + std::string(text) + ": " + std::string(item) +
                             " must be a probability in [0.5, 0.999] or a percent in [50, 99.9]");
    }
    out.push_back(percent ? l / 100.0 : l);
    start = comma + 1;
  }
  return out;
}

/// The library's one UUID syntax check (8-4-4-4-12 hex digits, invforecast/detail/uuid.hpp).
using invforecast::detail::is_uuid;

/// Checks a UUID option.
/// @throws invalid_argument "--tenant not-a-uuid: must be a UUID (8-4-4-4-12 hex digits)".
inline void check_uuid(std::string_view option, std::string_view value) {
  if (!is_uuid(value)) {
    std::string shown(value.substr(0, 40));
    if (value.size() > 40) shown += "...";
    throw invalid_argument(std::string(option) + " " + shown +
                           ": must be a UUID (8-4-4-4-12 hex digits)");
  }
}

}  // namespace invforecast::tools
