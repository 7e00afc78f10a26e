#pragma once

/// @file
/// Reads demand series from a CSV file with the columns `series_id` and `value` (and
/// optionally `date`, ISO yyyy-mm-dd), one row per period, the rows of a series in time order.
/// With dates, missing days are zero demand (invforecast::daily_series); without, rows are
/// consecutive periods. Series keep the order of their first row.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "csv_table.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"

namespace invforecast::tools {

/// One demand series read from a CSV file.
struct named_series {
  std::string id;
  std::vector<double> values;  ///< one value per period (day when dated), oldest first
  std::optional<std::chrono::year_month_day> first_day;  ///< set when the file has dates
  std::optional<std::chrono::year_month_day> last_day;
};

/// Turns a parsed table into series. Values must be finite numbers >= 0; with a `date`
/// column, dates must be valid and strictly increasing within each series.
/// @throws parse_error naming the file, line and column of the first bad field, or a missing
///         column; or "<file>: no data rows" for a file with a header only.
inline std::vector<named_series> series_from_table(const csv_table& table) {
  const std::size_t id_col = table.require("series_id");
  const std::size_t value_col = table.require("value");
  const auto date_col = table.find("date");
  if (table.rows.empty()) throw parse_error(table.name + ": no data rows after the header");

  struct builder {
    named_series series;
    std::vector<demand_record<double>> records;
  };
  std::vector<builder> builders;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto& row : table.rows) {
    const std::string id = table.code(row, id_col, "series_id");
    const double value = table.number(row, value_col);
    auto [it, inserted] = index.try_emplace(id, builders.size());
    if (inserted) builders.push_back(builder{named_series{id, {}, {}, {}}, {}});
    builder& b = builders[it->second];
    if (date_col) {
      const auto day = table.date(row, *date_col);
      if (!b.records.empty() && detail::days_between(b.records.back().date, day) <= 0) {
        throw parse_error(table.where(row, *date_col) + "\"" + to_iso_string(day) +
                          "\" must be after the previous date of series '" + id + "' (" +
                          to_iso_string(b.records.back().date) + "): rows in time order");
      }
      b.records.push_back({day, value});
    } else {
      b.series.values.push_back(value);
    }
  }
  std::vector<named_series> out;
  out.reserve(builders.size());
  for (auto& b : builders) {
    if (date_col) {
      daily_series_options options;
      options.order = input_order::sorted;
      const auto s = daily_series<double>::from_records(
          std::span<const demand_record<double>>(b.records), options);
      const auto v = s.values();
      b.series.values.assign(v.begin(), v.end());
      b.series.first_day = s.first_day();
      b.series.last_day = s.last_day();
    }
    out.push_back(std::move(b.series));
  }
  return out;
}

/// Reads a series file (see series_from_table).
/// @throws parse_error when the file cannot be read or has a bad field (line and column named).
inline std::vector<named_series> read_series_csv(const std::filesystem::path& path) {
  return series_from_table(read_csv(path));
}

}  // namespace invforecast::tools
