#pragma once

/// @file
/// A small RFC 4180 CSV reader for the command-line tool's input files: a header row names the
/// columns (any order, matched case-insensitively), fields may be quoted ("a, b" and "" for a
/// quote), lines end in LF or CRLF. Every error names the file, the line and the column, e.g.
/// "demand.csv:14:3: column 'quantity': \"-2\" must be a number >= 0".

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_input.hpp"
#include "invforecast/detail/check.hpp"
#include "invforecast/detail/format.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast::tools {

/// One parsed data row: its 1-based line number in the file and its fields.
struct csv_row {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

/// A parsed CSV file: the header and the data rows (blank lines skipped).
struct csv_table {
  std::string name;  ///< file name used in error messages
  std::vector<std::string> header;
  std::vector<csv_row> rows;

  /// Index of the column called `column` (case-insensitive), empty when absent.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view column) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i].size() != column.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < column.size() && same; ++k) {
        same = std::tolower(static_cast<unsigned char>(header[i][k])) ==
               std::tolower(static_cast<unsigned char>(column[k]));
      }
      if (same) return i;
    }
    return std::nullopt;
  }

  /// Index of a column that must exist.
  /// @throws parse_error "<file>:1: missing column 'x' (the header has: a, b, c)".
  [[nodiscard]] std::size_t require(std::string_view column) const {
    if (auto i = find(column)) return *i;
    std::string have;
    for (const auto& h : header) have += (have.empty() ? "" : ", ") + h;
    throw parse_error(name + ":1: missing column '" + std::string(column) +
                      "' (the header has: " + have + ")");
  }

  /// "<file>:<line>:<column>: column '<name>': " — the prefix of a field's error message.
  [[nodiscard]] std::string where(const csv_row& row, std::size_t column) const {
    return name + ":" + std::to_string(row.line) + ":" + std::to_string(column + 1) + ": column '" +
           (column < header.size() ? header[column] : std::string("?")) + "': ";
  }

  /// The text of a field (empty when the row is short; parse_csv rejects short rows).
  [[nodiscard]] std::string_view text(const csv_row& row, std::size_t column) const {
    return column < row.fields.size() ? std::string_view(row.fields[column]) : std::string_view();
  }

  /// A finite number (decimal point '.', optional exponent) of magnitude at most 1e15, the
  /// library's value limit (detail::max_magnitude); `non_negative` rejects < 0.
  /// @throws parse_error naming the line and column.
  [[nodiscard]] double number(const csv_row& row, std::size_t column,
                              bool non_negative = true) const {
    const std::string_view t = trim(text(row, column));
    double value = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(value)) {
      throw parse_error(where(row, column) + quoted(t) + " is not a number");
    }
    if (non_negative && value < 0) {
      throw parse_error(where(row, column) + quoted(t) + " must be a number >= 0");
    }
    if (std::fabs(value) > detail::max_magnitude) {
      throw parse_error(where(row, column) + quoted(t) + " is above the value limit " +
                        detail::format_general(detail::max_magnitude) + " (docs/errors.md)");
    }
    return value;
  }

  /// A number, or `fallback` when the field is empty.
  [[nodiscard]] double number_or(const csv_row& row, std::size_t column, double fallback) const {
    return trim(text(row, column)).empty() ? fallback : number(row, column);
  }

  /// A whole number.
  /// @throws parse_error naming the line and column.
  [[nodiscard]] int integer(const csv_row& row, std::size_t column) const {
    const std::string_view t = trim(text(row, column));
    int value = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) {
      throw parse_error(where(row, column) + quoted(t) + " is not a whole number");
    }
    return value;
  }

  /// An ISO date yyyy-mm-dd.
  /// @throws parse_error naming the line and column.
  [[nodiscard]] std::chrono::year_month_day date(const csv_row& row, std::size_t column) const {
    const std::string_view t = trim(text(row, column));
    std::chrono::year_month_day d;
    try {
      d = parse_iso_date(t);
    } catch (const parse_error&) {
      throw parse_error(where(row, column) + quoted(t) + " is not a valid date yyyy-mm-dd");
    }
    if (!in_date_range(d)) {
      throw parse_error(where(row, column) + quoted(t) + " is outside the accepted dates " +
                        to_iso_string(earliest_date) + " .. " + to_iso_string(latest_date) +
                        " (a placeholder date? docs/errors.md)");
    }
    return d;
  }

  /// A key field (material code, series_id): trimmed, not empty, no control character, at
  /// most max_code_bytes.
  /// @throws parse_error "<where>empty <what>", "<where><what> with a control character ...",
  ///         or "<where><what> of N bytes, longer than 256 ...".
  [[nodiscard]] std::string code(const csv_row& row, std::size_t column,
                                 std::string_view what) const {
    const std::string_view t = trim(text(row, column));
    if (t.empty()) throw parse_error(where(row, column) + "empty " + std::string(what));
    for (const char c : t) {
      const auto b = static_cast<unsigned char>(c);
      if (b < 0x20 || b == 0x7F) {
        throw parse_error(where(row, column) + std::string(what) +
                          " with a control character (byte " + std::to_string(b) +
                          "): codes are printable text");
      }
    }
    if (t.size() > max_code_bytes) {
      throw parse_error(where(row, column) + std::string(what) + " of " + std::to_string(t.size()) +
                        " bytes, longer than " + std::to_string(max_code_bytes) +
                        " (the code limit, docs/errors.md)");
    }
    return std::string(t);
  }

  /// A date, or empty when the field is empty.
  [[nodiscard]] std::optional<std::chrono::year_month_day> optional_date(const csv_row& row,
                                                                         std::size_t column) const {
    if (trim(text(row, column)).empty()) return std::nullopt;
    return date(row, column);
  }

  static std::string_view trim(std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    return t;
  }

  static std::string quoted(std::string_view t) {
    std::string s(t.substr(0, 40));
    if (t.size() > 40) s += "...";
    return "\"" + s + "\"";
  }
};

/// Parses CSV text. `name` is used in error messages.
/// @throws parse_error for an empty file, an unterminated quote, text after a closing quote,
///         a field longer than max_field_bytes, a field with a NUL byte or that is not UTF-8,
///         or a row with a
///         different number of fields than the header (line and column named).
inline csv_table parse_csv(std::string_view text, std::string name) {
  csv_table table;
  table.name = std::move(name);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  // "<file>:<line>:<column>: [column '<name>': ]" for the field being read (the header row
  // has no names yet).
  const auto where = [&table](std::size_t line, std::size_t column) {
    std::string w = table.name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    if (column >= 1 && column <= table.header.size()) {
      w += "column '" + valid_utf8(table.header[column - 1]) + "': ";
    }
    return w;
  };
  const auto too_long = [&](std::size_t line, std::size_t column) {
    return parse_error(where(line, column) + "field longer than " +
                       std::to_string(max_field_bytes) +
                       " bytes (the field limit, docs/errors.md)");
  };

  std::size_t line = 1;
  std::size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    csv_row row;
    row.line = line;
    std::string field;
    bool end_of_row = false;
    while (!end_of_row) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        const std::size_t quote_line = line;
        const std::size_t quote_column = row.fields.size() + 1;
        ++i;
        while (true) {
          if (i >= text.size()) {
            throw parse_error(table.name + ":" + std::to_string(quote_line) + ":" +
                              std::to_string(quote_column) + ": unterminated quoted field");
          }
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field.push_back(text[i++]);
          if (field.size() > max_field_bytes) throw too_long(quote_line, quote_column);
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          throw parse_error(table.name + ":" + std::to_string(line) + ":" +
                            std::to_string(quote_column) +
                            ": text after the closing quote of a quoted field");
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          field.push_back(text[i++]);
          if (field.size() > max_field_bytes) throw too_long(line, row.fields.size() + 1);
        }
      }
      // Checked once here, so every later message, output file and report holds valid text.
      if (const auto nul = field.find('\0'); nul != std::string::npos) {
        throw parse_error(where(row.line, row.fields.size() + 1) + "a NUL byte at byte " +
                          std::to_string(nul + 1) + " of the field (not a text file?)");
      }
      if (const auto bad = invalid_utf8_offset(field)) {
        const auto b = static_cast<unsigned>(static_cast<unsigned char>(field[*bad]));
        const char* hex = "0123456789ABCDEF";
        throw parse_error(where(row.line, row.fields.size() + 1) + "not valid UTF-8 (byte 0x" +
                          hex[b >> 4] + hex[b & 15] + " at byte " + std::to_string(*bad + 1) +
                          " of the field)");
      }
      row.fields.push_back(field);
      if (i >= text.size()) {
        end_of_row = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        end_of_row = true;
      }
    }
    const bool blank = row.fields.size() == 1 && csv_table::trim(row.fields[0]).empty();
    if (blank) continue;
    if (first) {
      for (auto& h : row.fields) h = std::string(csv_table::trim(h));
      table.header = std::move(row.fields);
      first = false;
      continue;
    }
    if (row.fields.size() != table.header.size()) {
      throw parse_error(table.name + ":" + std::to_string(row.line) + ":" +
                        std::to_string(std::min(row.fields.size(), table.header.size()) + 1) +
                        ": expected " + std::to_string(table.header.size()) + " fields, found " +
                        std::to_string(row.fields.size()));
    }
    table.rows.push_back(std::move(row));
  }
  if (first) throw parse_error(table.name + ":1: empty file (a header row is required)");
  return table;
}

/// Reads and parses a CSV file.
/// @throws parse_error when the file cannot be opened or does not parse.
inline csv_table read_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path.string() + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_csv(buffer.str(), path.string());
}

}  // namespace invforecast::tools
