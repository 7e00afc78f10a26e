#pragma once

// The one reader of the plain CSV files the tests and benchmarks read: the R reference
// fixtures (tests/reference/fixtures, written by the scripts in tests/reference/) and the peer
// comparison's series (bench/peer_driver.cpp). A header line, then comma-separated fields
// without quoting; blank lines are skipped. Fields are kept as text ("NA" included).
// (The command-line tool reads user files with its own RFC 4180 reader with line and column
// errors, examples/tools/invforecast/csv_table.hpp.)

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace invforecast::test {

/// The fields of one line, split at every comma.
inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  return fields;
}

/// The data rows of `path`: the first line (the header) is dropped, blank lines skipped.
/// @throws std::runtime_error when the file cannot be opened.
inline std::vector<std::vector<std::string>> read_csv_rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(split_csv_line(line));
  }
  return rows;
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
