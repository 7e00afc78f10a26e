#pragma once
// Helpers shared by the tests of tests/selection: a portable deterministic normal generator
// (std::normal_distribution differs between standard libraries) and a reader for the R
// fixtures under tests/reference/fixtures/selection.

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <numbers>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

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

/// A CSV file with a header, all cells as strings.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::runtime_error("no column " + name);
  }
};

inline csv_table read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  csv_table table;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (first) {
      table.header = std::move(cells);
      first = false;
    } else {
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

inline std::string fixture_path(const std::string& file) {
  return std::string(INVFORECAST_TEST_REFERENCE_DIR) + "/fixtures/selection/" + file;
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
