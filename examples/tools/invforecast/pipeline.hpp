#pragma once

/// @file
/// The inputs of `invforecast run` and their mapping to the library's planning types:
/// read_csv_inputs reads demand.csv, materials.csv and inventory.csv; run_pipeline maps them to
/// invforecast::demand_row, invforecast::inventory_position and a planning_policy and calls the
/// batch invforecast::plan (include/invforecast/planning/plan.hpp, docs/planning.md), which
/// holds every planning rule. This file only maps rows and keeps the CLI's own metadata
/// (description, pattern hint, unit of measure, status text, material UUID).

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli_input.hpp"
#include "csv_table.hpp"
#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/planning/material_plan.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/planning/planning_policy.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"

namespace invforecast::tools {

using date = std::chrono::year_month_day;

/// One material's row of materials.csv (defaults for materials not listed): the CLI's metadata
/// and the purchasing parameters that become its invforecast::inventory_position.
struct material_settings {
  std::string material;      ///< material code (the key of every input file)
  std::string description;   ///< free text
  std::string pattern_hint;  ///< the pattern the data was generated with (sample data only)
  std::string uom = "EA";
  double unit_cost = 0;  ///< 0 = unknown: no EOQ, no cost
  int lead_time_days = 7;
  double lead_time_sd_days = 0;
  double service_level = 0.95;
  double ordering_cost = 50;
  double holding_rate = 0.25;
  double minimum_order_quantity = 0;
  double order_multiple = 0;
  std::optional<date> launch_date;
  /// ACTIVE or DISCONTINUED (mapped to inventory_position::discontinue_date = the as-of day:
  /// no order is suggested).
  std::string status = "ACTIVE";
  std::string uuid;  ///< material_id in the ERP database (PostgreSQL demo)
};

/// Inventory position on the as-of day (inventory.csv).
struct inventory_snapshot {
  double on_hand = 0;
  double allocated = 0;
  double on_order = 0;
  std::optional<date> expected_date;  ///< of the open order; empty = after the lead time
};

/// Everything read about one material.
struct material_input {
  material_settings settings;
  /// Its demand rows as read (file order; several rows of one day are added by plan()).
  std::vector<demand_record<double>> records;
  std::optional<inventory_snapshot> inventory;  ///< empty: no inventory row
};

/// The inputs of a run.
struct pipeline_input {
  std::vector<material_input> materials;  ///< sorted by material code
  date first_day{};                       ///< first day of the extract
  date as_of{};                           ///< last day of history; forecasts start the day after
  std::size_t demand_rows = 0;
  std::vector<std::string> warnings;
  /// Where the earliest and the latest demand date were read ("demand.csv:14:2: "), for
  /// check_history_range's messages; empty for a source without lines.
  std::string first_day_where, last_day_where;
};

/// The --safety-stock spelling of a rule: "auto", "forecast-model", "simulated", "empirical".
[[nodiscard]] constexpr std::string_view safety_stock_option_name(safety_stock_rule rule) noexcept {
  switch (rule) {
    case safety_stock_rule::forecast_model:
      return "forecast-model";
    case safety_stock_rule::simulated:
      return "simulated";
    case safety_stock_rule::empirical:
      return "empirical";
    case safety_stock_rule::automatic:
      break;
  }
  return "auto";
}

/// The rule of a --safety-stock spelling (safety_stock_option_name's; "auto" otherwise).
[[nodiscard]] constexpr safety_stock_rule parse_safety_stock_option(
    std::string_view name) noexcept {
  for (const auto rule : {safety_stock_rule::forecast_model, safety_stock_rule::simulated,
                          safety_stock_rule::empirical}) {
    if (name == safety_stock_option_name(rule)) return rule;
  }
  return safety_stock_rule::automatic;
}

/// Options of a run: the library's planning policy and the number of threads.
struct pipeline_options {
  planning_policy policy{};
  unsigned threads = 0;  ///< 0 = hardware threads (results do not depend on it)
};

/// One material's outcome with the CLI's metadata: a thin record around plan()'s result.
struct material_result {
  material_settings settings;
  std::optional<inventory_snapshot> inventory;
  plan_outcome outcome;  ///< the plan, or the typed error naming the material

  [[nodiscard]] bool ok() const noexcept { return outcome.ok(); }
  /// The plan (only when ok()).
  [[nodiscard]] const material_plan& plan() const { return *outcome.plan; }
  /// The purchase suggestion: empty when failed or without an inventory row.
  [[nodiscard]] const std::optional<replenishment_suggestion<double>>& suggestion() const {
    static const std::optional<replenishment_suggestion<double>> none;
    return ok() ? plan().suggestion : none;
  }
  /// Why the material failed (when !ok()).
  [[nodiscard]] const std::string& error() const noexcept { return outcome.error; }

  /// Urgency rank for sorting: CRITICAL 0 .. LOW 3, no suggestion 4, failed 5.
  [[nodiscard]] int urgency_rank() const {
    if (!ok()) return 5;
    const auto& s = suggestion();
    if (!s) return 4;
    switch (s->urgency_level) {
      case urgency::critical:
        return 0;
      case urgency::high:
        return 1;
      case urgency::medium:
        return 2;
      case urgency::low:
        break;
    }
    return 3;
  }

  /// "CRITICAL".."LOW", "-" without an inventory position, "FAILED".
  [[nodiscard]] std::string urgency_text() const { return outcome_urgency_text(outcome); }

  /// urgency_text() of a plan_outcome.
  [[nodiscard]] static std::string outcome_urgency_text(const plan_outcome& o) {
    if (!o.ok()) return "FAILED";
    if (!o.plan->suggestion) return "-";
    return std::string(to_string(o.plan->suggestion->urgency_level));
  }
};

/// Sorts by urgency (CRITICAL first), then days until stockout (soonest first, none last),
/// then material code.
inline void sort_by_urgency(std::vector<material_result>& results) {
  std::stable_sort(results.begin(), results.end(),
                   [](const material_result& a, const material_result& b) {
                     if (a.urgency_rank() != b.urgency_rank()) {
                       return a.urgency_rank() < b.urgency_rank();
                     }
                     const auto days = [](const material_result& r) {
                       const auto& s = r.suggestion();
                       return s && s->days_until_stockout ? *s->days_until_stockout : 1 << 30;
                     };
                     if (days(a) != days(b)) return days(a) < days(b);
                     return a.settings.material < b.settings.material;
                   });
}

// ---------------------------------------------------------------------------------------------
// CSV inputs

/// Reads demand.csv (material, date, quantity; more columns are ignored), and optionally
/// materials.csv and inventory.csv (without a demand file: only those two, for the PostgreSQL
/// source). The demand rows are kept as read (plan() adds the rows of one day and makes days
/// without a row zero demand).
/// @param as_of last day of history; empty = the latest date in demand.csv.
/// @throws parse_error naming file, line and column for any malformed field; invalid_argument
///         when a file has no data or a demand row is dated after as_of.
inline pipeline_input read_csv_inputs(const std::optional<std::filesystem::path>& demand_path,
                                      const std::optional<std::filesystem::path>& materials_path,
                                      const std::optional<std::filesystem::path>& inventory_path,
                                      std::optional<date> as_of,
                                      const material_settings& defaults = {}) {
  pipeline_input in;
  std::map<std::string, material_input> by_code;

  if (materials_path) {
    const csv_table t = read_csv(*materials_path);
    const std::size_t c_material = t.require("material");
    const auto col = [&t](std::string_view name) { return t.find(name); };
    const auto c_desc = col("description"), c_pattern = col("pattern"), c_uom = col("uom"),
               c_cost = col("unit_cost"), c_lead = col("lead_time_days"),
               c_lead_sd = col("lead_time_sd_days"), c_sl = col("service_level"),
               c_order = col("ordering_cost"), c_hold = col("holding_rate"),
               c_moq = col("minimum_order_quantity"), c_mult = col("order_multiple"),
               c_launch = col("launch_date"), c_status = col("status"),
               c_uuid = col("material_uuid");
    for (const auto& row : t.rows) {
      material_settings s = defaults;
      s.material = t.code(row, c_material, "material code");
      if (by_code.count(s.material) != 0) {
        throw parse_error(t.where(row, c_material) + "material \"" + s.material +
                          "\" is listed twice");
      }
      if (c_desc) s.description = t.text(row, *c_desc);
      if (c_pattern) s.pattern_hint = t.text(row, *c_pattern);
      if (c_uom && !t.text(row, *c_uom).empty()) s.uom = t.text(row, *c_uom);
      if (c_cost) s.unit_cost = t.number_or(row, *c_cost, s.unit_cost);
      if (c_lead && !csv_table::trim(t.text(row, *c_lead)).empty()) {
        s.lead_time_days = t.integer(row, *c_lead);
        if (s.lead_time_days < 0 || s.lead_time_days > 365) {
          throw parse_error(t.where(row, *c_lead) + std::to_string(s.lead_time_days) +
                            " must be in [0, 365] days");
        }
      }
      if (c_lead_sd) s.lead_time_sd_days = t.number_or(row, *c_lead_sd, s.lead_time_sd_days);
      if (c_sl) {
        s.service_level = t.number_or(row, *c_sl, s.service_level);
        if (!(s.service_level > 0 && s.service_level < 1)) {
          throw parse_error(t.where(row, *c_sl) + csv_table::quoted(t.text(row, *c_sl)) +
                            " must be a probability in (0, 1), e.g. 0.95");
        }
      }
      if (c_order) s.ordering_cost = t.number_or(row, *c_order, s.ordering_cost);
      if (c_hold) {
        s.holding_rate = t.number_or(row, *c_hold, s.holding_rate);
        if (!(s.holding_rate > 0)) {
          throw parse_error(t.where(row, *c_hold) + csv_table::quoted(t.text(row, *c_hold)) +
                            " must be > 0 (the yearly holding cost as a fraction of the unit "
                            "cost, e.g. 0.25)");
        }
      }
      if (c_moq) s.minimum_order_quantity = t.number_or(row, *c_moq, 0);
      if (c_mult) s.order_multiple = t.number_or(row, *c_mult, 0);
      if (c_launch) s.launch_date = t.optional_date(row, *c_launch);
      if (c_status && !csv_table::trim(t.text(row, *c_status)).empty()) {
        std::string status(csv_table::trim(t.text(row, *c_status)));
        for (char& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (status != "ACTIVE" && status != "DISCONTINUED") {
          throw parse_error(t.where(row, *c_status) + csv_table::quoted(t.text(row, *c_status)) +
                            " must be ACTIVE or DISCONTINUED (any case)");
        }
        s.status = status;
      }
      if (c_uuid) s.uuid = t.text(row, *c_uuid);
      by_code[s.material].settings = std::move(s);
    }
  }

  if (demand_path) {
    const csv_table t = read_csv(*demand_path);
    const std::size_t c_material = t.require("material");
    const std::size_t c_date = t.require("date");
    const std::size_t c_qty = t.require("quantity");
    if (t.rows.empty()) {
      throw invalid_argument(t.name + ": no demand rows (only a header)");
    }
    std::optional<date> first, last;
    for (const auto& row : t.rows) {
      const std::string code = t.code(row, c_material, "material code");
      const date d = t.date(row, c_date);
      const double q = t.number(row, c_qty);
      if (as_of && detail::days_between(*as_of, d) > 0) {
        throw invalid_argument(t.where(row, c_date) + to_iso_string(d) +
                               " is after the as-of day " + to_iso_string(*as_of));
      }
      if (!first || detail::days_between(d, *first) > 0) {
        first = d;
        in.first_day_where = t.where(row, c_date);
      }
      if (!last || detail::days_between(*last, d) > 0) {
        last = d;
        in.last_day_where = t.where(row, c_date);
      }
      auto& m = by_code[code];
      if (m.settings.material.empty()) {
        m.settings = defaults;
        m.settings.material = code;
      }
      m.records.push_back({d, q});
    }
    in.demand_rows = t.rows.size();
    in.first_day = *first;
    in.as_of = as_of ? *as_of : *last;
  }

  if (inventory_path) {
    const csv_table t = read_csv(*inventory_path);
    const std::size_t c_material = t.require("material");
    const std::size_t c_on_hand = t.require("on_hand");
    const auto c_alloc = t.find("allocated"), c_on_order = t.find("on_order"),
               c_expected = t.find("on_order_expected_date");
    for (const auto& row : t.rows) {
      const std::string code(csv_table::trim(t.text(row, c_material)));
      auto it = by_code.find(code);
      if (it == by_code.end()) {
        in.warnings.push_back(t.where(row, c_material) + "material \"" + code +
                              "\" has no demand and no material row: ignored");
        continue;
      }
      inventory_snapshot s;
      s.on_hand = t.number(row, c_on_hand, false);
      if (c_alloc) s.allocated = t.number_or(row, *c_alloc, 0);
      if (c_on_order) s.on_order = t.number_or(row, *c_on_order, 0);
      if (c_expected) s.expected_date = t.optional_date(row, *c_expected);
      if (it->second.inventory) {
        throw parse_error(t.where(row, c_material) + "material \"" + code + "\" is listed twice");
      }
      it->second.inventory = s;
    }
  }

  for (auto& [code, m] : by_code) {
    if (m.records.empty() && demand_path) {
      in.warnings.push_back("material \"" + code + "\" has no demand rows: zero demand assumed");
    }
    in.materials.push_back(std::move(m));
  }
  return in;
}

// ---------------------------------------------------------------------------------------------
// Mapping to the planning types

/// The inventory position of one material on `as_of`: its materials.csv parameters, its
/// inventory row (on_hand empty without one: no order is suggested), DISCONTINUED as
/// discontinue_date = as_of.
[[nodiscard]] inline inventory_position to_inventory_position(const material_input& m, date as_of) {
  const material_settings& s = m.settings;
  inventory_position p;
  p.material = s.material;
  if (m.inventory) {
    p.on_hand = m.inventory->on_hand;
    p.allocated = m.inventory->allocated;
    if (m.inventory->on_order > 0) {
      p.on_order.push_back({m.inventory->on_order, m.inventory->expected_date});
    }
  } else {
    p.on_hand.reset();
  }
  p.lead_time_days = s.lead_time_days;
  p.lead_time_sd_days = s.lead_time_sd_days;
  p.minimum_order_quantity = s.minimum_order_quantity;
  p.order_multiple = s.order_multiple;
  p.unit_cost = s.unit_cost;
  p.ordering_cost = s.ordering_cost;
  p.holding_rate = s.holding_rate;
  p.service_level = s.service_level;
  p.launch_date = s.launch_date;
  if (s.status == "DISCONTINUED") p.discontinue_date = as_of;
  p.uom = s.uom;
  return p;
}

/// The demand rows of materials [begin, end) of the run.
[[nodiscard]] inline std::vector<demand_row> to_demand_rows(const pipeline_input& input,
                                                            std::size_t begin, std::size_t end) {
  std::vector<demand_row> rows;
  for (std::size_t i = begin; i < end; ++i) {
    const auto& m = input.materials[i];
    for (const auto& r : m.records) rows.push_back({m.settings.material, r.date, r.quantity});
  }
  return rows;
}

/// One inventory position per material of [begin, end) (to_inventory_position).
[[nodiscard]] inline std::vector<inventory_position> to_inventory_positions(
    const pipeline_input& input, std::size_t begin, std::size_t end) {
  std::vector<inventory_position> positions;
  positions.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    positions.push_back(to_inventory_position(input.materials[i], input.as_of));
  }
  return positions;
}

/// Checks the run's dates against the documented limits (docs/errors.md, cli_input.hpp):
/// the history (first demand day .. as-of) at most max_history_span_days, the as-of day at
/// most max_as_of_gap_days after the last demand date; warns (input.warnings) when the history
/// is longer than warn_history_span_days or the as-of day more than warn_as_of_gap_days after
/// the last demand date.
/// @throws invalid_argument naming the limit and where the date was read.
inline void check_history_range(pipeline_input& input) {
  std::optional<date> last;
  for (const auto& m : input.materials) {
    for (const auto& r : m.records) {
      if (!last || detail::days_between(*last, r.date) > 0) last = r.date;
    }
  }
  if (!last) return;
  const long long span = detail::days_between(input.first_day, input.as_of) + 1;
  const long long gap = detail::days_between(*last, input.as_of);
  const std::string range = to_iso_string(input.first_day) + " .. " + to_iso_string(input.as_of);
  if (gap > max_as_of_gap_days) {
    throw invalid_argument("--as-of " + to_iso_string(input.as_of) + " is " + std::to_string(gap) +
                           " days after the last demand date " + to_iso_string(*last) +
                           ", more than the limit of " + std::to_string(max_as_of_gap_days) +
                           " days (docs/errors.md)");
  }
  if (span > max_history_span_days) {
    throw invalid_argument(input.first_day_where + "the history " + range + " spans " +
                           std::to_string(span) + " days, more than the limit of " +
                           std::to_string(max_history_span_days) +
                           " days (a stray date? docs/errors.md)");
  }
  if (gap > warn_as_of_gap_days) {
    input.warnings.push_back("--as-of " + to_iso_string(input.as_of) + " is " +
                             std::to_string(gap) + " days after the last demand date " +
                             to_iso_string(*last) + ": those days are zero demand");
  }
  if (span > warn_history_span_days) {
    input.warnings.push_back(input.first_day_where + "the history " + range + " spans " +
                             std::to_string(span) +
                             " days (over ten years): a stray date? --history-days N plans on "
                             "the last N days only");
  }
}

/// Progress callback: (materials done, total, the outcome just finished), one call at a time.
using progress_callback = std::function<void(std::size_t, std::size_t, const plan_outcome&)>;

/// Plans materials [begin, end) of the run (a batch) with the batch invforecast::plan on
/// `options.threads` threads (the results do not depend on the thread count, nor on the
/// batches: every batch has the run's first day and as-of day). Never throws for a material:
/// a failed one has ok() == false and error() naming it. Results come back in input
/// (material) order. `progress` gets the count within the batch.
/// @throws invalid_argument for a policy value outside its domain.
[[nodiscard]] inline std::vector<material_result> run_pipeline(
    const pipeline_input& input, const pipeline_options& options, std::size_t begin,
    std::size_t end, const progress_callback& progress = {}) {
  const std::vector<demand_row> rows = to_demand_rows(input, begin, end);
  const std::vector<inventory_position> positions = to_inventory_positions(input, begin, end);
  batch_plan_options batch;
  batch.first_day = input.first_day;
  batch.as_of = input.as_of;
  batch.threads = options.threads;
  batch.progress = progress;
  std::vector<plan_outcome> outcomes = invforecast::plan(rows, positions, options.policy, batch);

  std::map<std::string_view, plan_outcome*> by_material;
  for (auto& o : outcomes) by_material[o.material] = &o;
  std::vector<material_result> results;
  results.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    const material_input& m = input.materials[i];
    material_result r;
    r.settings = m.settings;
    r.inventory = m.inventory;
    if (const auto it = by_material.find(m.settings.material); it != by_material.end()) {
      r.outcome = std::move(*it->second);
    } else {
      r.outcome.material = m.settings.material;
      r.outcome.error = "plan: material '" + m.settings.material + "': not planned";
    }
    results.push_back(std::move(r));
  }
  return results;
}

/// Plans every material of the run (run_pipeline over all of them at once).
[[nodiscard]] inline std::vector<material_result> run_pipeline(
    const pipeline_input& input, const pipeline_options& options,
    const progress_callback& progress = {}) {
  return run_pipeline(input, options, 0, input.materials.size(), progress);
}

}  // namespace invforecast::tools
