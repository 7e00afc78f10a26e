#pragma once

// Reads the R reference cases written by tests/reference/generate_accuracy_fixtures.R.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "support/csv.hpp"

namespace invforecast::test {

struct r_accuracy_case {
  std::string name;
  int m = 1;
  double me = 0, rmse = 0, mae = 0, mape = 0, mase = 0;
  std::vector<double> train, actual, forecast;
};

inline std::vector<r_accuracy_case> load_r_accuracy_cases() {
  std::vector<r_accuracy_case> cases;
  std::map<std::string, std::size_t> index;
  // case,m,ME,RMSE,MAE,MAPE,MASE
  for (const auto& f : read_fixture("accuracy/r_accuracy_cases.csv")) {
    r_accuracy_case c;
    c.name = f.at(0);
    c.m = std::stoi(f.at(1));
    c.me = std::stod(f.at(2));
    c.rmse = std::stod(f.at(3));
    c.mae = std::stod(f.at(4));
    c.mape = std::stod(f.at(5));
    c.mase = std::stod(f.at(6));
    index[c.name] = cases.size();
    cases.push_back(c);
  }
  // case,kind,index,value (rows in index order)
  for (const auto& f : read_fixture("accuracy/r_accuracy_values.csv")) {
    auto& c = cases.at(index.at(f.at(0)));
    const double v = std::stod(f.at(3));
    if (f.at(1) == "train") {
      c.train.push_back(v);
    } else if (f.at(1) == "actual") {
      c.actual.push_back(v);
    } else {
      c.forecast.push_back(v);
    }
  }
  return cases;
}

}  // namespace invforecast::test
