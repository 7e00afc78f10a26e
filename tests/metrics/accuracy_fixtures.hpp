#pragma once

// Reads the R reference cases written by tests/reference/generate_accuracy_fixtures.R.

#include <cstddef>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace invforecast::test {

struct r_accuracy_case {
  std::string name;
  int m = 1;
  double me = 0, rmse = 0, mae = 0, mape = 0, mase = 0;
  std::vector<double> train, actual, forecast;
};

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  return fields;
}

inline std::vector<r_accuracy_case> load_r_accuracy_cases() {
  const std::string dir = std::string(INVFORECAST_TEST_REFERENCE_DIR) + "/fixtures/accuracy/";
  std::ifstream cases_file(dir + "r_accuracy_cases.csv");
  std::ifstream values_file(dir + "r_accuracy_values.csv");
  if (!cases_file || !values_file) throw std::runtime_error("missing accuracy fixtures in " + dir);
  std::vector<r_accuracy_case> cases;
  std::map<std::string, std::size_t> index;
  std::string line;
  std::getline(cases_file, line);  // header: case,m,ME,RMSE,MAE,MAPE,MASE
  while (std::getline(cases_file, line)) {
    if (line.empty()) continue;
    const auto f = split_csv_line(line);
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
  std::getline(values_file, line);  // header: case,kind,index,value (rows in index order)
  while (std::getline(values_file, line)) {
    if (line.empty()) continue;
    const auto f = split_csv_line(line);
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
