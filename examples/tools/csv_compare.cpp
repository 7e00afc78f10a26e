// invforecast_csv_compare: checks an output CSV against expected values (a test helper of
// examples/CMakeLists.txt). Rows are matched by key columns, then each mapped column is
// compared numerically: |actual - expected| <= tolerance * max(1, |expected|).
//   invforecast_csv_compare EXPECTED ACTUAL --key-expected id,h --key-actual series_id,h
//       --columns mean=mean,lo80=lower_80 [--filter model=MAM ...] [--tolerance 1e-6]
// Every expected row passing the filter must have an actual row; with --all-actual, every
// actual row must also be matched. Exit 0 when everything agrees, 1 otherwise, 2 bad usage.

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstddef>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "invforecast/csv_table.hpp"

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : text) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string key_of(const invforecast::tools::csv_table& t, const invforecast::tools::csv_row& r,
                   const std::vector<std::size_t>& cols) {
  std::string key;
  for (const auto c : cols) {
    key += std::string(invforecast::tools::csv_table::trim(t.text(r, c)));
    key += '\x1f';
  }
  return key;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Compare a CSV with expected values"};
  std::string expected_path, actual_path, key_expected, key_actual, columns;
  std::vector<std::string> filters;
  double tolerance = 1e-6;
  bool all_actual = false;
  app.add_option("expected", expected_path)->required();
  app.add_option("actual", actual_path)->required();
  app.add_option("--key-expected", key_expected)->required();
  app.add_option("--key-actual", key_actual)->required();
  app.add_option("--columns", columns)->required();
  app.add_option("--filter", filters, "Keep expected rows with column=value (repeatable)");
  app.add_option("--tolerance", tolerance);
  app.add_flag("--all-actual", all_actual);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    using invforecast::tools::csv_table;
    const csv_table expected = invforecast::tools::read_csv(expected_path);
    const csv_table actual = invforecast::tools::read_csv(actual_path);
    std::vector<std::size_t> ke, ka;
    for (const auto& k : split(key_expected, ',')) ke.push_back(expected.require(k));
    for (const auto& k : split(key_actual, ',')) ka.push_back(actual.require(k));
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (const auto& m : split(columns, ',')) {
      const auto p = split(m, '=');
      if (p.size() != 2) throw invforecast::parse_error("--columns: '" + m + "' is not e=a");
      pairs.emplace_back(expected.require(p[0]), actual.require(p[1]));
    }
    std::vector<std::pair<std::size_t, std::string>> keep;
    for (const auto& f : filters) {
      const auto p = split(f, '=');
      if (p.size() != 2) throw invforecast::parse_error("--filter: '" + f + "' is not c=v");
      keep.emplace_back(expected.require(p[0]), p[1]);
    }
    std::map<std::string, const invforecast::tools::csv_row*> rows;
    for (const auto& r : actual.rows) rows[key_of(actual, r, ka)] = &r;
    std::size_t compared = 0, failures = 0;
    for (const auto& r : expected.rows) {
      bool kept = true;
      for (const auto& [col, value] : keep)
        kept = kept && csv_table::trim(expected.text(r, col)) == value;
      if (!kept) continue;
      const auto it = rows.find(key_of(expected, r, ke));
      if (it == rows.end()) {
        std::cerr << expected.name << ":" << r.line << ": no matching row in " << actual.name
                  << '\n';
        ++failures;
        continue;
      }
      ++compared;
      for (const auto& [ce, ca] : pairs) {
        const auto te = csv_table::trim(expected.text(r, ce));
        const auto ta = csv_table::trim(actual.text(*it->second, ca));
        if (te == "NA" || te.empty()) {
          if (!ta.empty() && ta != "NA") {
            std::cerr << actual.name << ":" << it->second->line << ": column " << actual.header[ca]
                      << " = " << ta << ", expected empty\n";
            ++failures;
          }
          continue;
        }
        const double e = expected.number(r, ce, false);
        const double a = actual.number(*it->second, ca, false);
        if (!(std::abs(a - e) <= tolerance * std::max(1.0, std::abs(e)))) {
          std::cerr.precision(17);
          std::cerr << actual.name << ":" << it->second->line << ": column " << actual.header[ca]
                    << " = " << a << ", expected " << e << " (" << expected.name << ":" << r.line
                    << ", tolerance " << tolerance << ")\n";
          ++failures;
        }
      }
    }
    if (all_actual && compared != actual.rows.size()) {
      std::cerr << actual.name << ": " << actual.rows.size() << " rows, only " << compared
                << " matched\n";
      ++failures;
    }
    if (compared == 0) {
      std::cerr << "no rows compared\n";
      ++failures;
    }
    std::cout << compared << " rows compared, " << failures << " failures\n";
    return failures == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
}
