#pragma once
// Helpers shared by the tests of tests/selection: the R fixtures under
// tests/reference/fixtures/selection, read by the tests' one CSV reader (tests/support/csv.hpp).
// Seeded random draws come from the library's one generator, detail::seeded_rng
// (invforecast/detail/random.hpp, included here for the tests that use it).

#include <map>
#include <string>
#include <vector>

#include "invforecast/detail/random.hpp"
#include "support/csv.hpp"

namespace selection_test {

/// The tests' one CSV reader (tests/support/csv.hpp), under the names these tests use.
using invforecast::test::csv_table;

inline csv_table read_csv(const std::string& path) {
  return invforecast::test::read_csv_table(path);
}

/// Path of a fixture under tests/reference/fixtures/selection.
inline std::string fixture_path(const std::string& file) {
  return invforecast::test::fixture_path("selection/" + file);
}

/// The series of benchmark_series.csv by name.
inline std::map<std::string, std::vector<double>> benchmark_series() {
  const auto t = read_csv(fixture_path("benchmark_series.csv"));
  const auto cs = t.column("series");
  const auto cy = t.column("y");
  std::map<std::string, std::vector<double>> out;
  for (const auto& r : t.rows) out[r[cs]].push_back(std::stod(r[cy]));
  return out;
}

}  // namespace selection_test
