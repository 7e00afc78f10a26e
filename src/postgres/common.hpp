#pragma once

// Internal helpers of the PostgreSQL adapters (not installed).

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg::detail {

/// Largest magnitudes the ERP's DECIMAL columns hold after rounding.
inline constexpr double k_max_quantity = 99999999999.9999;  // DECIMAL(15,4)
inline constexpr double k_max_pct_5_2 = 999.99;             // DECIMAL(5,2)
inline constexpr double k_max_10_4 = 999999.9999;           // DECIMAL(10,4)
inline constexpr double k_max_15_2 = 9999999999999.99;      // DECIMAL(15,2)

inline void check_scope(std::string_view function, const scope& where) {
  check_uuid(function, "tenant_id", where.tenant_id);
  check_uuid(function, "facility_id", where.facility_id);
}

// The library's one date helper (invforecast/detail/dates.hpp).
using invforecast::detail::add_days;
using invforecast::detail::days_between;

inline void check_date(std::string_view function, std::string_view name,
                       std::chrono::year_month_day d) {
  if (!d.ok()) {
    throw invalid_argument(std::string(function) + ": " + std::string(name) + " = " + *param(d) +
                           ", must be a valid date");
  }
}

inline void check_range(std::string_view function, std::chrono::year_month_day from,
                        std::chrono::year_month_day to, long long max_days) {
  check_date(function, "from", from);
  check_date(function, "to", to);
  const long long n = days_between(from, to);
  if (n < 0) {
    throw invalid_argument(std::string(function) + ": from = " + *param(from) +
                           ", to = " + *param(to) + ", must have from <= to");
  }
  if (n >= max_days) {
    throw invalid_argument(std::string(function) + ": range = " + std::to_string(n + 1) +
                           " days, must be at most " + std::to_string(max_days));
  }
}

/// A quantity for a DECIMAL(15,4) column: finite, >= 0 and in range, else invalid_argument.
inline void check_quantity(std::string_view function, std::string_view name, double v) {
  invforecast::detail::check_non_negative(function, name, v);
  if (v > k_max_quantity) {
    invforecast::detail::throw_invalid_value(function, name, v,
                                             "<= 99999999999.9999 (DECIMAL(15,4))");
  }
}

/// Clamps v into [-limit, limit], counting and noting a clamp.
inline double clamp_value(double v, double limit, std::string_view what, write_report& report) {
  if (v > limit || v < -limit) {
    ++report.clamped_values;
    if (report.notes.size() < 100) {
      report.notes.push_back(std::string(what) + " = " + invforecast::detail::format_value(v) +
                             " clamped to " +
                             invforecast::detail::format_value(v > 0 ? limit : -limit));
    }
    return v > 0 ? limit : -limit;
  }
  return v;
}

/// PostgreSQL array literal of text-format elements ({"a","b",NULL}); every element is
/// double-quoted with backslash escapes, so any text (quotes, commas, braces, SQL) survives.
/// Sent as a statement parameter, never spliced into SQL.
class array_builder {
 public:
  void reserve(std::size_t n) { text_.reserve(n * 16 + 2); }
  void add(std::string_view v) {
    sep();
    text_ += '"';
    for (const char c : v) {
      if (c == '"' || c == '\\') text_ += '\\';
      text_ += c;
    }
    text_ += '"';
  }
  void add(double v) { add_raw(*param(v)); }
  void add(long long v) { add_raw(std::to_string(v)); }
  void add(int v) { add_raw(std::to_string(v)); }
  void add(bool v) { add_raw(v ? "t" : "f"); }
  void add(std::chrono::year_month_day d) { add_raw(*param(d)); }
  void add_null() { add_raw("NULL"); }
  template <typename T>
  void add(const std::optional<T>& v) {
    if (v) {
      add(*v);
    } else {
      add_null();
    }
  }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] param_value value() const { return "{" + text_ + "}"; }
  void clear() {
    text_.clear();
    count_ = 0;
  }

 private:
  void sep() {
    if (count_++ != 0) text_ += ',';
  }
  void add_raw(std::string_view v) {
    sep();
    text_ += v;
  }
  std::string text_;
  std::size_t count_ = 0;
};

/// Minimal JSON object writer (keys are identifiers; strings escaped per RFC 8259).
class json_object {
 public:
  json_object& number(std::string_view key, double v) {
    key_(key);
    if (std::isfinite(v)) {
      text_ += *param(v);
    } else {
      text_ += "null";
    }
    return *this;
  }
  json_object& optional_number(std::string_view key, const std::optional<double>& v) {
    if (v) return number(key, *v);
    key_(key);
    text_ += "null";
    return *this;
  }
  json_object& integer(std::string_view key, long long v) {
    key_(key);
    text_ += std::to_string(v);
    return *this;
  }
  json_object& boolean(std::string_view key, bool v) {
    key_(key);
    text_ += v ? "true" : "false";
    return *this;
  }
  json_object& string(std::string_view key, std::string_view v) {
    key_(key);
    quote(v);
    return *this;
  }
  json_object& raw(std::string_view key, std::string_view json) {
    key_(key);
    text_ += json;
    return *this;
  }
  [[nodiscard]] std::string str() const { return "{" + text_ + "}"; }

  void quote(std::string_view v) {
    text_ += '"';
    for (const char c : v) {
      switch (c) {
        case '"':
          text_ += "\\\"";
          break;
        case '\\':
          text_ += "\\\\";
          break;
        case '\n':
          text_ += "\\n";
          break;
        case '\r':
          text_ += "\\r";
          break;
        case '\t':
          text_ += "\\t";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            text_ += "\\u00";
            text_ += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            text_ += hex[static_cast<unsigned char>(c) & 0xF];
          } else {
            text_ += c;
          }
      }
    }
    text_ += '"';
  }

 private:
  void key_(std::string_view key) {
    if (!text_.empty()) text_ += ',';
    text_ += '"';
    text_ += key;
    text_ += "\":";
  }
  std::string text_;
};

/// Columns of `table` that exist among `wanted` (one catalog query).
std::vector<std::string> existing_columns(transaction& tx, std::string_view table,
                                          const std::vector<std::string>& wanted);

/// Lower-case copy of a UUID text.
std::string lower(std::string_view s);

}  // namespace invforecast::pg::detail
