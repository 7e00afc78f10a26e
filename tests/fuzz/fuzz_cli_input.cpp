// libFuzzer target: the command-line tool's input path (examples/tools/invforecast): the CSV
// reader, the series reader of `forecast`, the readers of `run` (demand, materials, inventory),
// its date checks, and for small inputs the planning of what was read and every output writer.
// Contract: a typed invforecast::error (the tool prints it with file:line:col and exits 2), or
// a valid parse: every field valid UTF-8 and at most max_field_bytes, every row as wide as the
// header, values finite and within the value limit, dates within the accepted range; and every
// output text valid UTF-8 without NUL bytes, dates printed yyyy-mm-dd.
#include <unistd.h>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../../examples/tools/invforecast/cli_input.hpp"
#include "../../examples/tools/invforecast/csv_table.hpp"
#include "../../examples/tools/invforecast/outputs.hpp"
#include "../../examples/tools/invforecast/pipeline.hpp"
#include "../../examples/tools/invforecast/series_csv.hpp"
#include "../../examples/tools/report/html_report.hpp"
#include "fuzz_common.hpp"

namespace {

namespace inv = invforecast;
namespace tools = invforecast::tools;

void require_clean_text(const std::string& text, const char* what) {
  fuzz::require(!tools::invalid_utf8_offset(text), what, "invalid UTF-8");
  fuzz::require(text.find('\0') == std::string::npos, what, "NUL byte");
}

void check_table(const tools::csv_table& t) {
  for (const auto& h : t.header) {
    fuzz::require(h.size() <= tools::max_field_bytes, "header field length");
    fuzz::require(!tools::invalid_utf8_offset(h), "header field UTF-8");
  }
  for (const auto& row : t.rows) {
    fuzz::require(row.fields.size() == t.header.size(), "row width");
    for (const auto& f : row.fields) {
      fuzz::require(f.size() <= tools::max_field_bytes, "field length");
      fuzz::require(f.find('\0') == std::string::npos, "field without NUL");
      fuzz::require(!tools::invalid_utf8_offset(f), "field UTF-8");
    }
  }
}

// A private directory for the files `run` reads (its readers take paths).
const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("invforecast-fuzz-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

void run_path(const std::string& demand, const std::string& materials, const std::string& inventory,
              bool plan_it) {
  const auto dir = work_dir();
  write(dir / "demand.csv", demand);
  write(dir / "materials.csv", materials);
  write(dir / "inventory.csv", inventory);
  tools::pipeline_input input;
  try {
    input = tools::read_csv_inputs(dir / "demand.csv", dir / "materials.csv", dir / "inventory.csv",
                                   std::nullopt);
    tools::check_history_range(input);
  } catch (const inv::error&) {
    return;
  }
  // A valid parse.
  fuzz::require(tools::in_date_range(input.first_day) && tools::in_date_range(input.as_of),
                "first day / as-of in range");
  fuzz::require(std::chrono::sys_days{input.first_day} <= std::chrono::sys_days{input.as_of},
                "first day <= as-of");
  std::size_t records = 0;
  for (const auto& m : input.materials) {
    fuzz::require(
        !m.settings.material.empty() && m.settings.material.size() <= tools::max_code_bytes,
        "material code length");
    for (const char c : m.settings.material) {
      fuzz::require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F, "material code printable");
    }
    for (const auto& r : m.records) {
      fuzz::require(std::isfinite(r.quantity) && r.quantity >= 0 && r.quantity <= 1e15,
                    "quantity within the limit");
      fuzz::require(tools::in_date_range(r.date), "demand date in range");
    }
    records += m.records.size();
  }
  // Plan what was read (small inputs only: the forecaster has its own target) and write every
  // output.
  const long long span = inv::detail::days_between(input.first_day, input.as_of) + 1;
  if (!plan_it || input.materials.size() > 3 || span > 400 || records > 400) return;
  tools::pipeline_options options;
  options.threads = 1;
  options.policy.horizon_days = 30;
  options.policy.backtest_origins = 0;
  options.policy.levels = {0.8, 0.95};
  for (auto& m : input.materials) {
    m.settings.lead_time_days = std::min(m.settings.lead_time_days, 20);
  }
  std::vector<tools::material_result> results;
  try {
    results = tools::run_pipeline(input, options);
  } catch (const inv::error&) {
    return;
  }
  tools::sort_by_urgency(results);
  std::ostringstream out;
  tools::write_forecasts_csv(out, results, options.policy.levels);
  tools::write_recommendations_csv(out, results);
  tools::write_summary_table(out, results);
  out << tools::json_text(tools::results_json(results, input, options, 0.0), 1);
  tools::write_html_report(out, results, input, options);
  const std::string text = out.str();
  require_clean_text(text, "outputs");
  // Every date the outputs print is yyyy-mm-dd: a valid date with a four-digit year. Checked on
  // the values, not by searching the text, which also holds the (arbitrary) material codes.
  const auto printable = [](std::chrono::year_month_day d) {
    return d.ok() && d.year() >= std::chrono::year{1000} && d.year() <= std::chrono::year{9999};
  };
  for (const auto& r : results) {
    if (!r.ok()) continue;
    const auto& p = r.plan();
    fuzz::require(tools::in_date_range(p.history_start) && tools::in_date_range(p.as_of),
                  "history within the date limits");
    fuzz::require(printable(inv::detail::add_days(p.as_of, options.policy.horizon_days)),
                  "forecast dates yyyy-mm-dd");
    if (const auto& s = r.suggestion()) {
      fuzz::require(printable(s->recommended_order_date) &&
                        printable(s->recommended_delivery_date) &&
                        (!s->projected_stockout_date || printable(*s->projected_stockout_date)) &&
                        (!s->below_safety_stock_date || printable(*s->below_safety_stock_date)),
                    "suggestion dates yyyy-mm-dd");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 4;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  // The CSV reader on arbitrary bytes.
  try {
    check_table(tools::parse_csv(text, "fuzz.csv"));
  } catch (const inv::error&) {
  }
  if (mode == 0) {
    // `forecast`'s series reader.
    try {
      const auto series = tools::series_from_table(tools::parse_csv(text, "series.csv"));
      for (const auto& s : series) {
        fuzz::require(!s.id.empty() && s.id.size() <= tools::max_code_bytes, "series_id");
        for (const double v : s.values) {
          fuzz::require(std::isfinite(v) && v >= 0 && v <= 1e15, "series value within limit");
        }
      }
    } catch (const inv::error&) {
    }
    return 0;
  }
  // `run`'s readers: the bytes split at the first two form feeds into demand, materials and
  // inventory; a header is added when a part has none of its own, so the fuzzer reaches the
  // rows quickly.
  std::string parts[3];
  std::size_t k = 0;
  for (const char c : text) {
    if (c == '\f' && k < 2) {
      ++k;
    } else {
      parts[k] += c;
    }
  }
  const bool headers = mode != 3;
  const std::string demand = (headers ? "material,date,quantity\n" : "") + parts[0];
  const std::string materials =
      (headers ? "material,lead_time_days,service_level,unit_cost,holding_rate,status,"
                 "launch_date\n"
               : "") +
      parts[1];
  const std::string inventory =
      (headers ? "material,on_hand,allocated,on_order,on_order_expected_date\n" : "") + parts[2];
  run_path(demand, materials, inventory, mode == 2);
  return 0;
}
