// docs/errors.md quotes only messages the code produces (issue 19 item 6).
//
//   invforecast_errors_doc_check docs/errors.md path/to/invforecast WORKDIR [--print]
//
// Every line of a fenced block opened with ```message in docs/errors.md is one quoted message.
// This program produces messages by running the code: the library calls below (the errors
// they throw) and the `invforecast` tool on small files it writes into WORKDIR (its stderr).
// Each quoted message must occur, character for character, in one of the produced texts;
// a CLI message is quoted from the file name on ("demand.csv:3:3: ..."), as the directory
// differs between machines. --print lists the produced texts (to write the docs from).
// Prints "docs/errors.md: N quoted messages, all produced" and exits 0, or lists the
// messages not produced and exits 1.

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/intermittent/croston.hpp"
#include "invforecast/inventory/reorder.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/selection/method.hpp"
#include "invforecast/smoothing/ets.hpp"

namespace {

std::vector<std::string> produced;

void library(const std::function<void()>& call) {
  try {
    call();
    produced.emplace_back("(no error)");
  } catch (const std::exception& e) {
    produced.emplace_back(e.what());
  }
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const std::filesystem::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Runs `cli args` in `dir` and keeps its standard error.
void cli(const std::string& exe, const std::filesystem::path& dir, const std::string& args) {
  const auto err = dir / "stderr.txt";
  const std::string command = "cd '" + dir.string() + "' && '" + exe + "' " + args +
                              " > /dev/null 2> '" + err.string() + "'";
  (void)std::system(command.c_str());
  produced.push_back(read(err));
}

std::string flat_demand(const std::string& extra_before = "", const std::string& extra_after = "") {
  std::string rows = "material,date,quantity\n" + extra_before;
  for (int d = 1; d <= 31; ++d) {
    rows += "A,2026-01-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + ",5\n";
  }
  for (int d = 1; d <= 28; ++d) {
    rows += "A,2026-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + ",5\n";
  }
  return rows + "A,2026-03-01,5\n" + extra_after;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: invforecast_errors_doc_check docs/errors.md invforecast WORKDIR "
                 "[--print]\n";
    return 2;
  }
  const std::filesystem::path doc = argv[1];
  const std::string exe = std::filesystem::absolute(argv[2]).string();
  const std::filesystem::path dir = std::filesystem::absolute(argv[3]);
  std::filesystem::create_directories(dir);

  // ---- The library ----------------------------------------------------------------------
  library([] { (void)invforecast::safety_stock({.service_level = 1.3}); });
  library([] {
    const std::vector<double> y{1, 2, 3, std::numeric_limits<double>::quiet_NaN(), 5};
    invforecast::ets_options<double> o;
    o.model = invforecast::ets_model::parse("ANN");
    (void)invforecast::ets_spec<double>(o).fit(y);
  });
  library([] {
    const std::vector<double> a{1e200}, f{0};
    (void)invforecast::mean_squared_error(std::span<const double>(a), std::span<const double>(f));
  });
  library([] { (void)invforecast::safety_stock({.average_daily_demand = 1e200}); });
  library([] {
    (void)invforecast::economic_order_quantity<double>(
        {.annual_demand = 1e20, .ordering_cost = 1e15, .holding_cost_per_unit_year = 1e-20});
  });
  library([] {
    (void)invforecast::safety_stock_forecast_model<double>(
        {.service_level = 0.95, .lead_time_demand_variance = 1e40});
  });
  library([] {
    const std::vector<double> flat(30, 1.0);
    (void)invforecast::suggest_replenishment(
        {.today = std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{1},
                                              std::chrono::day{1}},
         .daily_forecast = flat,
         .vendor_lead_time_days = INT_MAX,
         .review_period_days = 7});
  });
  library([] {
    const std::vector<double> history(30, 1.0);
    (void)invforecast::safety_stock_simulated(history, {.lead_time_days = 5, .simulations = 50});
  });
  library([] {
    const std::vector<double> y{1, 2, 3, 4, 1e200, 5, 6, 7};
    (void)invforecast::fit_and_forecast<double>(y, {}, 5);
  });
  library([] {
    const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<double> levels{0.8, 1 - 1e-16};
    (void)invforecast::fit_and_forecast<double>(y, {}, 5, levels);
  });
  library([] {
    const std::vector<double> y{0, 1e300, 0, 2};
    (void)invforecast::croston(y);
  });
  library([] { (void)invforecast::parse_method("ETS-X"); });
  library([] { (void)invforecast::forecaster_options_for<double>("XYZ"); });

  // ---- The command line -------------------------------------------------------------------
  write(dir / "demand.csv", flat_demand());
  write(dir / "inventory.csv", "material,on_hand\nA,10\n");
  write(dir / "bad_quantity.csv", "material,date,quantity\nA,2024-01-01,3\nA,2024-01-02,x7\n");
  write(dir / "costs.csv", "material,unit_cost\nA,1e70\n");
  write(dir / "long_field.csv",
        "material,date,quantity\nA,2026-01-01," + std::string(5000, '7') + "\n");
  write(dir / "long_code.csv",
        "material,date,quantity\n" + std::string(300, 'M') + ",2026-01-01,3\n");
  write(dir / "tab_code.csv", "material,date,quantity\nA\tB,2026-01-01,3\n");
  write(dir / "latin1.csv", "material,date,quantity\nA,2026-01-01,3\nK\xE4se,2026-01-02,1\n");
  write(dir / "stray_late.csv", flat_demand("", "A,9999-12-31,5\n"));
  write(dir / "stray_early.csv", flat_demand("B,1900-01-01,5\n"));
  write(dir / "stray_2010.csv", flat_demand("B,2010-01-01,5\n"));
  write(dir / "materials.csv", "material,holding_rate,status\nA,0,ACTIVE\n");
  write(dir / "status.csv", "material,status\nA,PAUSED\n");
  const std::string run = "run -q --out out --no-report --format csv ";
  cli(exe, dir, run + "--demand bad_quantity.csv");
  cli(exe, dir, run + "--demand demand.csv --materials costs.csv");
  cli(exe, dir, run + "--demand long_field.csv");
  cli(exe, dir, run + "--demand long_code.csv");
  cli(exe, dir, run + "--demand latin1.csv");
  cli(exe, dir, run + "--demand tab_code.csv");
  cli(exe, dir, run + "--demand stray_late.csv");
  cli(exe, dir, run + "--demand stray_early.csv");
  cli(exe, dir, run + "--demand stray_2010.csv --backtest-origins 0");
  cli(exe, dir, run + "--demand demand.csv --as-of 2036-06-01");
  cli(exe, dir, run + "--demand demand.csv --inventory inventory.csv --as-of 2026-06-01");
  cli(exe, dir, run + "--demand demand.csv --as-of 9999-12-31");
  cli(exe, dir, run + "--demand demand.csv -H 10");
  cli(exe, dir, run + "--demand demand.csv --review-period 365");
  cli(exe, dir, run + "--demand demand.csv --horizon 100000");
  cli(exe, dir, run + "--demand demand.csv --levels 1");
  cli(exe, dir, run + "--demand demand.csv --materials materials.csv");
  cli(exe, dir, run + "--demand demand.csv --materials status.csv");
  cli(exe, dir, run + "--demand demand.csv --method ETS");
  cli(exe, dir,
      run +
          "--postgres 'host=127.0.0.1 port=1' --tenant not-a-uuid --facility "
          "00000000-0000-4000-8000-000000000002");
  cli(exe, dir, "forecast demand.csv --horizon 1000000000");
  cli(exe, dir, "forecast demand.csv --alpha 2");

  if (argc > 4 && std::string_view(argv[4]) == "--print") {
    for (const auto& p : produced) std::cout << p << "\n----\n";
  }

  // ---- The quoted messages ----------------------------------------------------------------
  std::ifstream in(doc);
  if (!in) {
    std::cerr << doc.string() << ": cannot open\n";
    return 2;
  }
  std::vector<std::string> quoted;
  std::string line;
  bool in_block = false;
  while (std::getline(in, line)) {
    if (!in_block && line == "```message") {
      in_block = true;
    } else if (in_block && line.rfind("```", 0) == 0) {
      in_block = false;
    } else if (in_block && !line.empty()) {
      quoted.push_back(line);
    }
  }
  int missing = 0;
  for (const auto& q : quoted) {
    bool found = false;
    for (const auto& p : produced) found = found || p.find(q) != std::string::npos;
    if (!found) {
      ++missing;
      std::cerr << "not produced by the code: " << q << "\n";
    }
  }
  if (quoted.empty()) {
    std::cerr << "docs/errors.md: no ```message block found\n";
    return 1;
  }
  if (missing > 0) {
    std::cerr << "docs/errors.md: " << missing << " of " << quoted.size()
              << " quoted messages are not produced\n";
    return 1;
  }
  std::cout << "docs/errors.md: " << quoted.size() << " quoted messages, all produced\n";
  return 0;
}
