#pragma once

// The one reader of the plain CSV files the tests and benchmarks read: the R reference
// fixtures (tests/reference/fixtures, written by the scripts in tests/reference/) and the peer
// comparison's series (bench/peer_driver.cpp). A header line, then comma-separated fields
// without quoting; blank lines are skipped. Fields are kept as text ("NA" included). The
// fixtures are written by our own scripts, so this reader needs no quoting and no error
// positions.
// (The command-line tool reads user files with its own RFC 4180 reader with line and column
// errors, examples/tools/invforecast/csv_table.hpp.)

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace invforecast::test {

/// The fields of one line, split at every comma (a trailing empty field is not kept).
inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  return fields;
}

/// A CSV file: its header line and its data rows, every field as text.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// Index of the column named `name`.
  /// @throws std::runtime_error when there is no such column.
  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::runtime_error("no column " + name);
  }
};

/// The header and data rows of `path`: the first non-blank line is the header; blank lines
/// are skipped and a line's trailing '\r' (a file written on Windows) is dropped.
/// @throws std::runtime_error when the file cannot be opened.
inline csv_table read_csv_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  csv_table table;
  bool header = true;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      table.header = split_csv_line(line);
      header = false;
    } else {
      table.rows.push_back(split_csv_line(line));
    }
  }
  return table;
}

/// The data rows of `path` (read_csv_table without the header).
/// @throws std::runtime_error when the file cannot be opened.
inline std::vector<std::vector<std::string>> read_csv_rows(const std::string& path) {
  return read_csv_table(path).rows;
}

#ifdef INVFORECAST_TEST_REFERENCE_DIR
/// Path of an R reference fixture, e.g. fixture_path("ets/series.csv").
inline std::string fixture_path(const std::string& name) {
  return std::string(INVFORECAST_TEST_REFERENCE_DIR) + "/fixtures/" + name;
}

/// The data rows of an R reference fixture, e.g. read_fixture("normal.csv").
/// @throws std::runtime_error when the file cannot be opened.
inline std::vector<std::vector<std::string>> read_fixture(const std::string& name) {
  return read_csv_rows(fixture_path(name));
}
#endif

}  // namespace invforecast::test
