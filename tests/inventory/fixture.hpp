#pragma once
// Reads tests/reference/fixtures/inventory.csv (written by
// tests/reference/generate_inventory_fixtures.R): rows case,x,value.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace inventory_test {

inline std::vector<std::pair<double, double>> read_inventory_fixture(const std::string& name) {
  std::ifstream in(std::string(INVFORECAST_TEST_REFERENCE_DIR) + "/fixtures/inventory.csv");
  std::vector<std::pair<double, double>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string c, x, v;
    std::getline(ss, c, ',');
    std::getline(ss, x, ',');
    std::getline(ss, v, ',');
    if (c == name)
      rows.emplace_back(std::strtod(x.c_str(), nullptr), std::strtod(v.c_str(), nullptr));
  }
  return rows;
}

}  // namespace inventory_test
