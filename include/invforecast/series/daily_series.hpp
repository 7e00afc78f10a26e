#pragma once

/// @file
/// A daily demand series over a contiguous range of days, built from the sparse
/// (date, quantity) records an ERP stores (days without demand have no row, so they are filled
/// with zero), with optional masks for days whose demand is unknown and for days before a
/// product's launch. See docs/series.md.

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast {

/// One demand record as the ERP stores it (demand_history.demand_date,
/// demand_history.actual_demand_quantity).
template <std::floating_point T = double>
struct demand_record {
  std::chrono::year_month_day date;  ///< the day of the demand
  T quantity;                        ///< demand quantity, finite and >= 0
};

/// What is known about one day of a daily_series.
enum class day_status : std::uint8_t {
  observed,  ///< demand known: the recorded quantity, or zero when no record exists
  unknown,   ///< demand not known (e.g. data outage); the value is stored as 0 but is not a zero
  before_launch  ///< the product was not yet launched; value 0, not part of observed_values()
};

/// The order the caller promises for the records passed to daily_series::from_records.
enum class input_order {
  unsorted,  ///< any order (the default); records are placed by date, no sort needed
  sorted     ///< non-decreasing dates; a record dated before its predecessor throws
};

/// What to do with two or more records on the same day.
enum class duplicate_policy {
  reject,  ///< throw invalid_argument naming the date (the default)
  sum      ///< add the quantities (the ERP's record-demand adds to an existing day's row)
};

/// Options of daily_series::from_records.
struct daily_series_options {
  /// First day of the series; default: the earliest record date.
  std::optional<std::chrono::year_month_day> first_day = std::nullopt;
  /// Last day of the series; default: the latest record date.
  std::optional<std::chrono::year_month_day> last_day = std::nullopt;
  /// Order promise for the records.
  input_order order = input_order::unsorted;
  /// Policy for several records on one day.
  duplicate_policy duplicates = duplicate_policy::reject;
  /// Launch date: days before it get day_status::before_launch. Records before it must have
  /// quantity 0. May lie before first_day (no effect) or after last_day (no observed day).
  std::optional<std::chrono::year_month_day> launch_date = std::nullopt;
  /// Days whose demand is unknown (day_status::unknown). Any order, repeats allowed; each must
  /// lie within [first_day, last_day]. A record on such a day is validated, then ignored. A day
  /// that is also before launch stays day_status::before_launch.
  std::vector<std::chrono::year_month_day> unknown_days = {};
};

/// Daily demand over the contiguous days [first_day(), last_day()]: value i is the demand of
/// day first_day() + i. Days without a record are zero demand; days flagged unknown or before
/// launch hold value 0 and carry their status. Immutable once built.
///
/// Typical use:
/// @code
/// auto s = invforecast::daily_series<>::from_records(records, {.launch_date = launch});
/// auto y = s.observed_values();          // days from launch on, unknown days as 0
/// auto known = s.observed_known_mask();  // 1 = observed, 0 = unknown; aligned with y
/// @endcode
template <std::floating_point T = double>
class daily_series {
 public:
  using value_type = T;  ///< the floating-point type of the values

  /// Builds the series from sparse records, filling days without a record with zero.
  ///
  /// Complexity: O(records + days + unknown days), no sort (records are placed by date).
  /// @param records sparse (date, quantity) records, in any order unless
  ///        options.order == input_order::sorted
  /// @param options range, order promise, duplicate policy, launch date, unknown days
  /// @return the series
  /// @throws insufficient_data "daily_series::from_records: records is empty" when there are no
  ///         records and options.first_day or options.last_day is unset (with both set, an
  ///         empty record list gives an all-zero series)
  /// @throws invalid_argument, each message starting "daily_series::from_records: " and naming
  ///         the value: an invalid calendar date (records[i].date, first_day, last_day,
  ///         launch_date, unknown_days[i]); records[i].quantity negative or not finite;
  ///         first_day after last_day; a record or unknown day outside [first_day, last_day];
  ///         a record dated before its predecessor when order == input_order::sorted; a second
  ///         record on a day when duplicates == duplicate_policy::reject; a record with
  ///         quantity > 0 before launch_date
  static daily_series from_records(std::span<const demand_record<T>> records,
                                   const daily_series_options& options = {}) {
    constexpr std::string_view fn = "daily_series::from_records";
    using detail::days_between;
    using std::chrono::year_month_day;

    // Validate every record and find the date range.
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto name = [i]() { return "records[" + std::to_string(i) + "]"; };
      if (!records[i].date.ok()) detail::check_valid_date(fn, name() + ".date", records[i].date);
      const T q = records[i].quantity;
      if (!(q >= 0) || !std::isfinite(q)) detail::check_non_negative(fn, name() + ".quantity", q);
      if (options.order == input_order::sorted && i > 0 && records[i].date < records[i - 1].date) {
        detail::throw_invalid(fn, name() + ".date = " + to_iso_string(records[i].date) +
                                      ", must not be before records[" + std::to_string(i - 1) +
                                      "].date = " + to_iso_string(records[i - 1].date) +
                                      " (input_order::sorted)");
      }
    }
    if (options.first_day) detail::check_valid_date(fn, "first_day", *options.first_day);
    if (options.last_day) detail::check_valid_date(fn, "last_day", *options.last_day);
    if (options.launch_date) detail::check_valid_date(fn, "launch_date", *options.launch_date);
    if (records.empty() && !(options.first_day && options.last_day)) {
      detail::throw_insufficient(fn, "records is empty");
    }

    // Valid dates (checked above) compare chronologically.
    year_month_day first{};
    year_month_day last{};
    if (!records.empty()) {
      first = last = records.front().date;
      for (const auto& r : records) {
        if (r.date < first) first = r.date;
        if (r.date > last) last = r.date;
      }
    }
    if (options.first_day) first = *options.first_day;
    if (options.last_day) last = *options.last_day;
    if (first > last) {
      detail::throw_invalid(fn, "first_day = " + to_iso_string(first) +
                                    ", must not be after last_day = " + to_iso_string(last));
    }
    const auto range_text = [&]() {
      return "[" + to_iso_string(first) + ", " + to_iso_string(last) + "]";
    };

    const auto n = static_cast<std::size_t>(days_between(first, last)) + 1;
    daily_series s;
    s.first_ = first;
    s.values_.assign(n, T(0));
    s.status_.assign(n, day_status::observed);
    s.known_.assign(n, std::uint8_t{1});

    // Launch: days before it.
    std::size_t launch_index = 0;
    if (options.launch_date) {
      const year_month_day launch = *options.launch_date;
      if (launch > last) {
        launch_index = n;
      } else if (launch > first) {
        launch_index = static_cast<std::size_t>(days_between(first, launch));
      }
    }
    s.launch_index_ = launch_index;
    for (std::size_t i = 0; i < launch_index; ++i) {
      s.status_[i] = day_status::before_launch;
      s.known_[i] = 0;
    }

    // Place the records; `seen` marks days that already have a record.
    std::vector<std::uint8_t> seen(n, std::uint8_t{0});
    for (std::size_t i = 0; i < records.size(); ++i) {
      const year_month_day d = records[i].date;
      if (d < first || d > last) {
        detail::throw_invalid(fn, "records[" + std::to_string(i) +
                                      "].date = " + to_iso_string(records[i].date) +
                                      ", must be within [first_day, last_day] = " + range_text());
      }
      const auto k = static_cast<std::size_t>(days_between(first, d));
      if (seen[k] != 0 && options.duplicates == duplicate_policy::reject) {
        std::size_t earlier = 0;
        while (records[earlier].date != d) ++earlier;
        detail::throw_invalid(fn, "records[" + std::to_string(i) +
                                      "].date = " + to_iso_string(records[i].date) +
                                      ", must be unique (duplicate of records[" +
                                      std::to_string(earlier) + "], duplicate_policy::reject)");
      }
      if (k < launch_index && records[i].quantity > 0) {
        detail::throw_invalid(
            fn, "records[" + std::to_string(i) + "].date = " + to_iso_string(records[i].date) +
                    " with quantity " + detail::format_value(records[i].quantity) +
                    ", must not be before launch_date = " + to_iso_string(*options.launch_date));
      }
      seen[k] = 1;
      s.values_[k] += records[i].quantity;
    }

    // Unknown days (before-launch days keep their status).
    for (std::size_t i = 0; i < options.unknown_days.size(); ++i) {
      const auto& u = options.unknown_days[i];
      const auto name = [i]() { return "unknown_days[" + std::to_string(i) + "]"; };
      if (!u.ok()) detail::check_valid_date(fn, name(), u);
      if (u < first || u > last) {
        detail::throw_invalid(fn, name() + " = " + to_iso_string(u) +
                                      ", must be within [first_day, last_day] = " + range_text());
      }
      const auto k = static_cast<std::size_t>(days_between(first, u));
      if (s.status_[k] == day_status::before_launch) continue;
      s.status_[k] = day_status::unknown;
      s.known_[k] = 0;
      s.values_[k] = T(0);
    }
    for (const auto st : s.status_) {
      if (st == day_status::unknown) ++s.unknown_count_;
    }
    return s;
  }

  /// Builds a fully observed series from dense daily values (value i is day first_day + i).
  /// @param first_day the day of values[0]
  /// @param values daily demand, each finite and >= 0
  /// @return the series, every day day_status::observed
  /// @throws insufficient_data "daily_series::from_values: values is empty"
  /// @throws invalid_argument for an invalid first_day or a negative / non-finite values[i]
  static daily_series from_values(std::chrono::year_month_day first_day,
                                  std::span<const T> values) {
    constexpr std::string_view fn = "daily_series::from_values";
    detail::check_valid_date(fn, "first_day", first_day);
    detail::check_not_empty(fn, "values", values);
    detail::check_all_non_negative(fn, "values", values);
    daily_series s;
    s.first_ = first_day;
    s.values_.assign(values.begin(), values.end());
    s.status_.assign(values.size(), day_status::observed);
    s.known_.assign(values.size(), std::uint8_t{1});
    return s;
  }

  /// First day of the series.
  std::chrono::year_month_day first_day() const noexcept { return first_; }
  /// Last day of the series.
  std::chrono::year_month_day last_day() const noexcept {
    return detail::add_days(first_, static_cast<long long>(values_.size()) - 1);
  }
  /// Number of days, last_day() - first_day() + 1 (always >= 1).
  std::size_t size() const noexcept { return values_.size(); }

  /// Daily values, one per day from first_day(); 0 on unknown and before-launch days.
  std::span<const T> values() const noexcept { return values_; }
  /// Status of each day, aligned with values().
  std::span<const day_status> status() const noexcept { return status_; }
  /// 1 where the day is day_status::observed, 0 otherwise; aligned with values().
  std::span<const std::uint8_t> known_mask() const noexcept { return known_; }

  /// Index of the first day on or after the launch date: 0 without a launch date or when it is
  /// on or before first_day(); size() when it is after last_day().
  std::size_t launch_index() const noexcept { return launch_index_; }
  /// Values from the launch on (values().subspan(launch_index())). Unknown days inside are
  /// present as 0; use observed_known_mask() to tell them apart. Empty when the launch is
  /// after last_day().
  std::span<const T> observed_values() const noexcept {
    return std::span<const T>(values_).subspan(launch_index_);
  }
  /// known_mask() from the launch on, aligned with observed_values(): 1 observed, 0 unknown.
  std::span<const std::uint8_t> observed_known_mask() const noexcept {
    return std::span<const std::uint8_t>(known_).subspan(launch_index_);
  }
  /// Number of days with day_status::unknown.
  std::size_t unknown_count() const noexcept { return unknown_count_; }
  /// Number of days with day_status::observed.
  std::size_t observed_count() const noexcept {
    return values_.size() - launch_index_ - unknown_count_;
  }

  /// Date of day i.
  /// @throws invalid_argument "daily_series::date_at: i = <i>, must be < size() = <n>"
  std::chrono::year_month_day date_at(std::size_t i) const {
    check_index("daily_series::date_at", i);
    return detail::add_days(first_, static_cast<long long>(i));
  }
  /// Value of day i.
  /// @throws invalid_argument "daily_series::value_at: i = <i>, must be < size() = <n>"
  T value_at(std::size_t i) const {
    check_index("daily_series::value_at", i);
    return values_[i];
  }
  /// Status of day i.
  /// @throws invalid_argument "daily_series::status_at: i = <i>, must be < size() = <n>"
  day_status status_at(std::size_t i) const {
    check_index("daily_series::status_at", i);
    return status_[i];
  }
  /// True when `d` is a valid date within [first_day(), last_day()].
  bool contains(std::chrono::year_month_day d) const noexcept {
    if (!d.ok()) return false;
    const long long k = detail::days_between(first_, d);
    return k >= 0 && static_cast<std::size_t>(k) < values_.size();
  }
  /// Index of date `d`, so that date_at(index_of(d)) == d.
  /// @throws invalid_argument "daily_series::index_of: date = <d>, must be within [first_day,
  ///         last_day] = [<first>, <last>]" (or "..., must be a valid calendar date")
  std::size_t index_of(std::chrono::year_month_day d) const {
    constexpr std::string_view fn = "daily_series::index_of";
    detail::check_valid_date(fn, "date", d);
    if (!contains(d)) {
      detail::throw_invalid(
          fn, "date = " + to_iso_string(d) + ", must be within [first_day, last_day] = [" +
                  to_iso_string(first_day()) + ", " + to_iso_string(last_day()) + "]");
    }
    return static_cast<std::size_t>(detail::days_between(first_, d));
  }
  /// Sum of the values of the observed days (unknown and before-launch days contribute 0).
  T total() const noexcept {
    T sum = 0;
    for (const T v : values_) sum += v;
    return sum;
  }

 private:
  daily_series() = default;

  void check_index(std::string_view fn, std::size_t i) const {
    if (i >= values_.size()) {
      detail::throw_invalid(fn, "i = " + std::to_string(i) +
                                    ", must be < size() = " + std::to_string(values_.size()));
    }
  }

  std::chrono::year_month_day first_{};
  std::vector<T> values_;
  std::vector<day_status> status_;
  std::vector<std::uint8_t> known_;
  std::size_t launch_index_ = 0;
  std::size_t unknown_count_ = 0;
};

}  // namespace invforecast
