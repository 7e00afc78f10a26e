#pragma once

// The tests' and benchmarks' view of the project's one CSV reader: the command-line tool's
// RFC 4180 reader (examples/tools/invforecast/csv_table.hpp: header row, optional quoting,
// LF or CRLF, blank lines skipped, UTF-8 and NUL checks, field limits, every row as wide as
// the header, errors naming file:line:column). Used for the R reference fixtures
// (tests/reference/fixtures, written by the scripts in tests/reference/) and the peer
// comparison's series (bench/peer_driver.cpp). This header only reshapes the reader's table
// into plain rows of text fields ("NA" included) and names the fixture directory; it parses
// nothing itself.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// By relative path, so every target that includes this header (the test areas, the peer
// driver) finds it without another include directory.
#include "../../examples/tools/invforecast/csv_table.hpp"

namespace invforecast::test {

/// A CSV file: its header line and its data rows, every field as text.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// Index of the column named `name` (exact match).
  /// @throws std::runtime_error when there is no such column.
  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::runtime_error("no column " + name);
  }
};

/// The header and data rows of `path`, read by invforecast::tools::read_csv.
/// @throws invforecast::parse_error (a std::runtime_error) when the file cannot be opened or
///         does not parse (message "<path>:<line>:<column>: ...").
inline csv_table read_csv_table(const std::string& path) {
  tools::csv_table parsed = tools::read_csv(path);
  csv_table table;
  table.header = std::move(parsed.header);
  table.rows.reserve(parsed.rows.size());
  for (auto& row : parsed.rows) table.rows.push_back(std::move(row.fields));
  return table;
}

/// The data rows of `path` (read_csv_table without the header).
/// @throws invforecast::parse_error as read_csv_table.
inline std::vector<std::vector<std::string>> read_csv_rows(const std::string& path) {
  return read_csv_table(path).rows;
}

/// The numbers of a fixture field that holds a list, e.g. "7;365.25" -> {7, 365.25}.
inline std::vector<double> split_numbers(const std::string& text, char separator = ';') {
  std::vector<double> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    out.push_back(std::stod(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

#ifdef INVFORECAST_TEST_REFERENCE_DIR
/// Path of an R reference fixture, e.g. fixture_path("ets/series.csv").
inline std::string fixture_path(const std::string& name) {
  return std::string(INVFORECAST_TEST_REFERENCE_DIR) + "/fixtures/" + name;
}

/// The data rows of an R reference fixture, e.g. read_fixture("normal.csv").
/// @throws invforecast::parse_error as read_csv_table.
inline std::vector<std::vector<std::string>> read_fixture(const std::string& name) {
  return read_csv_rows(fixture_path(name));
}
#endif

}  // namespace invforecast::test
