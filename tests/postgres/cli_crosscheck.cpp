// Issue 16's cross-check: the same sample data through the CLI with CSV input and through the
// PostgreSQL adapters gives the same forecasts, safety stock, reorder point, urgency and order
// quantity for every material (to the columns' precision: DECIMAL(15,4)).
//
//   invforecast_postgres_crosscheck <conninfo> <tenant> <facility> <data dir> <csv out dir>
//
// Before it runs (cli_crosscheck.cmake): `invforecast run --demand ... --format csv` wrote
// <csv out dir>/{forecasts,recommendations}.csv, and `invforecast run --postgres ... --migrate
// --load-demand ... --write-back` loaded the same demand into the database and wrote its plans.
// This program checks
//   1. the write-back (the ACTIVE forecasts and PENDING suggestions the CLI stored) and
//   2. pg::generate_forecasts / pg::generate_replenishment_recommendations run here on the
//      loaded data with the CLI's default policy and the positions of materials.csv /
//      inventory.csv (the adapters planning on their own)
// against the CSV run, and prints one line per mismatch. Exit 0 when everything agrees.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "tools/invforecast/csv_table.hpp"
#include "tools/invforecast/pipeline.hpp"

namespace {

using namespace invforecast;
using std::chrono::year_month_day;

struct csv_forecast {
  double mean = 0, lo80 = 0, hi80 = 0, lo95 = 0, hi95 = 0;
};

struct csv_recommendation {
  std::string urgency;
  double safety_stock = 0, reorder_point = 0;
  std::optional<double> quantity;
};

struct checker {
  std::size_t mismatches = 0;
  std::size_t values = 0;
  void fail(const std::string& what) {
    if (++mismatches <= 50) std::cout << "MISMATCH " << what << "\n";
  }
  // A DECIMAL(15,4) column against the CLI's 4-decimal text: both are rounded to 4 decimals
  // (half cases may round either way), so they agree within one unit of the last place.
  void same(const std::string& what, double db, double csv) {
    ++values;
    if (!(std::abs(db - csv) <= 1e-4 + 1e-9)) {
      fail(what + ": database " + std::to_string(db) + ", CSV " + std::to_string(csv));
    }
  }
  void same_text(const std::string& what, const std::string& db, const std::string& csv) {
    ++values;
    if (db != csv) fail(what + ": database '" + db + "', CSV '" + csv + "'");
  }
};

// The stored forecasts of one version against the CSV's.
void check_forecasts(checker& c, const std::string& label, const std::string& code,
                     const std::vector<pg::forecast_row>& rows,
                     const std::map<year_month_day, csv_forecast>& csv) {
  if (rows.size() != csv.size()) {
    c.fail(label + " " + code + ": " + std::to_string(rows.size()) + " forecast days stored, " +
           std::to_string(csv.size()) + " in the CSV");
    return;
  }
  for (const auto& f : rows) {
    const auto it = csv.find(f.forecast_date);
    if (it == csv.end()) {
      c.fail(label + " " + code + ": no CSV forecast for " + to_iso_string(f.forecast_date));
      continue;
    }
    const std::string at = label + " " + code + " " + to_iso_string(f.forecast_date);
    // The database truncates at 0 (a demand forecast); the CSV prints the model's value.
    const auto pos = [](double x) { return std::max(0.0, x); };
    c.same(at + " forecast", f.forecasted_quantity, pos(it->second.mean));
    c.same(at + " lower_80", f.lower_80.value_or(-1), pos(it->second.lo80));
    c.same(at + " upper_80", f.upper_80.value_or(-1), pos(it->second.hi80));
    c.same(at + " lower_95", f.lower_95.value_or(-1), pos(it->second.lo95));
    c.same(at + " upper_95", f.upper_95.value_or(-1), pos(it->second.hi95));
  }
}

void check_suggestion(checker& c, const std::string& label, const std::string& code,
                      const pg::replenishment_row& row, const csv_recommendation& csv) {
  const std::string at = label + " " + code;
  c.same(at + " safety_stock", row.safety_stock, csv.safety_stock);
  c.same(at + " reorder_point", row.reorder_point, csv.reorder_point);
  c.same_text(at + " urgency", row.urgency.value_or("-"), csv.urgency);
  if (!csv.quantity) {
    c.fail(at + ": stored a suggestion, the CSV has no order quantity");
  } else {
    c.same(at + " recommended_order_quantity", row.recommended_quantity, *csv.quantity);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s <conninfo> <tenant> <facility> <data dir> <csv out dir>\n",
                 argv[0]);
    return 2;
  }
  try {
    const pg::scope where{argv[2], argv[3]};
    const std::filesystem::path data(argv[4]), out(argv[5]);
    const tools::pipeline_input input = tools::read_csv_inputs(
        data / "demand.csv", data / "materials.csv", data / "inventory.csv", std::nullopt);

    // The CSV run's numbers.
    std::map<std::string, std::map<year_month_day, csv_forecast>> forecasts;
    {
      const tools::csv_table t = tools::read_csv(out / "forecasts.csv");
      const auto m = t.require("material"), d = t.require("date"), f = t.require("forecast"),
                 l8 = t.require("lower_80"), u8 = t.require("upper_80"), l9 = t.require("lower_95"),
                 u9 = t.require("upper_95");
      for (const auto& row : t.rows) {
        forecasts[std::string(t.text(row, m))][t.date(row, d)] = {
            t.number(row, f, false), t.number(row, l8, false), t.number(row, u8, false),
            t.number(row, l9, false), t.number(row, u9, false)};
      }
    }
    std::map<std::string, csv_recommendation> recommendations;
    {
      const tools::csv_table t = tools::read_csv(out / "recommendations.csv");
      const auto m = t.require("material"), u = t.require("urgency"),
                 ss = t.require("safety_stock"), rop = t.require("reorder_point"),
                 q = t.require("recommended_order_quantity");
      for (const auto& row : t.rows) {
        csv_recommendation r;
        r.urgency = std::string(t.text(row, u));
        r.safety_stock = t.number_or(row, ss, -1);
        r.reorder_point = t.number_or(row, rop, -1);
        if (!tools::csv_table::trim(t.text(row, q)).empty()) r.quantity = t.number(row, q);
        recommendations[std::string(t.text(row, m))] = r;
      }
    }

    checker c;
    pg::connection conn(argv[1]);
    const year_month_day first_forecast_day = detail::add_days(input.as_of, 1);
    const year_month_day last_forecast_day = detail::add_days(input.as_of, 3660);
    std::vector<inventory_position> positions;
    std::map<std::string, std::string> code_of;
    for (const auto& m : input.materials) {
      inventory_position p = tools::to_inventory_position(m, input.as_of);
      p.material = m.settings.uuid;
      positions.push_back(p);
      code_of[m.settings.uuid] = m.settings.material;
    }

    // 1. What the CLI's write-back stored.
    for (const auto& m : input.materials) {
      const std::string& code = m.settings.material;
      check_forecasts(c, "write-back", code,
                      pg::get_material_forecasts(conn, where, m.settings.uuid, first_forecast_day,
                                                 last_forecast_day, "ACTIVE"),
                      forecasts[code]);
      const auto rows = pg::get_replenishment_recommendations(
          conn, where, {.status = "PENDING", .material_id = m.settings.uuid});
      if (rows.size() != 1) {
        c.fail("write-back " + code + ": " + std::to_string(rows.size()) + " PENDING suggestions");
      } else {
        check_suggestion(c, "write-back", code, rows[0], recommendations[code]);
      }
    }

    // 2. The adapters planning on their own: the CLI's default policy, the CLI's history rule
    //    (the extract from the first demand row; every material planned).
    pg::planning_options planning;
    planning.material_settings = false;
    planning.minimum_history_days = 1;
    const auto g = pg::generate_forecasts(
        conn, where, {.planning = planning, .positions = positions, .as_of = first_forecast_day});
    for (const auto& m : g.materials) {
      if (m.status != pg::generation_status::written) {
        c.fail("generate_forecasts " + code_of[m.material_id] + ": skipped: " + m.reason);
      }
    }
    for (const auto& m : input.materials) {
      const std::string& code = m.settings.material;
      check_forecasts(c, "generate_forecasts", code,
                      pg::get_material_forecasts(conn, where, m.settings.uuid, first_forecast_day,
                                                 last_forecast_day, "ACTIVE"),
                      forecasts[code]);
    }
    const auto r = pg::generate_replenishment_recommendations(
        conn, where, positions,
        {.planning = planning,
         .today = input.as_of,
         .write = {.skip_zero_quantity = false, .expire_pending = false}});
    for (const auto& [material, reason] : r.skipped) {
      c.fail("generate_replenishment_recommendations " + code_of[material] +
             ": skipped: " + reason);
    }
    for (const auto& row : r.written) {
      const std::string& code = code_of[row.material_id];
      check_suggestion(c, "generate_replenishment_recommendations", code, row,
                       recommendations[code]);
    }
    std::cout << "checked " << input.materials.size() << " materials, " << c.values
              << " values: " << (c.mismatches == 0 ? "all equal" : "MISMATCHES") << " ("
              << c.mismatches << ")\n";
    return c.mismatches == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "invforecast_postgres_crosscheck: %s\n", e.what());
    return 2;
  }
}
