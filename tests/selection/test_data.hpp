#pragma once
// Helpers shared by the tests of tests/selection: a portable deterministic normal generator
// (std::normal_distribution differs between standard libraries) and the R fixtures under
// tests/reference/fixtures/selection, read by the tests' one CSV reader (tests/support/csv.hpp).

#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "support/csv.hpp"

namespace selection_test {

/// Standard normal draws by Box-Muller from std::mt19937_64 (whose output sequence the C++
/// standard fixes), so every platform sees the same numbers for a seed.
class normal_source {
 public:
  explicit normal_source(std::uint64_t seed) : engine_(seed) {}
  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * std::numbers::pi * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * std::numbers::pi * u2);
  }
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

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
