#pragma once
// Reads tests/reference/fixtures/inventory.csv (written by
// tests/reference/generate_inventory_fixtures.R): rows case,x,value.

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "support/csv.hpp"

namespace inventory_test {

inline std::vector<std::pair<double, double>> read_inventory_fixture(const std::string& name) {
  std::vector<std::pair<double, double>> rows;
  for (const auto& r : invforecast::test::read_fixture("inventory.csv")) {
    if (r.at(0) == name) {
      rows.emplace_back(std::strtod(r.at(1).c_str(), nullptr),
                        std::strtod(r.at(2).c_str(), nullptr));
    }
  }
  return rows;
}

}  // namespace inventory_test
