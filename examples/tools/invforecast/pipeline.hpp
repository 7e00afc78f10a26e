#pragma once

/// @file
/// The whole planning pipeline of `invforecast run`, one material at a time, built only from the
/// public library API:
///   1. daily series (missing days are zero demand) from the launch date or the start of the
///      extract to the as-of day, optionally cut to the last `history_days`;
///   2. fit_and_forecast (automatic model choice by demand class and AICc) with 80/95 % bands;
///   3. rolling-origin backtest of the chosen model (re-fitted at every origin);
///   4. safety stock: the model's lead-time demand variance (plus d^2 sigma_L^2 for a variable
///      lead time), or a bootstrap of the history for intermittent demand;
///   5. suggest_replenishment: reorder point, projected stockout, order quantity and urgency.
/// Inputs come from CSV files (read_csv_inputs) or from PostgreSQL (the run command).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "csv_table.hpp"
#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"
#include "invforecast/inventory/urgency.hpp"
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"
#include "invforecast/smoothing/ets_model.hpp"

namespace invforecast::tools {

using date = std::chrono::year_month_day;

/// Planning parameters of one material (materials.csv; defaults for materials not listed).
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
  std::string status = "ACTIVE";  ///< ACTIVE or DISCONTINUED (no order is suggested)
  std::string uuid;               ///< material_id in the ERP database (PostgreSQL demo)
};

/// Inventory position on the as-of day (inventory.csv).
struct inventory_snapshot {
  double on_hand = 0;
  double allocated = 0;
  double on_order = 0;
  std::optional<date> expected_date;  ///< of the open order; empty = after the lead time
};

/// Everything known about one material.
struct material_input {
  material_settings settings;
  std::vector<demand_record<double>> records;  ///< one per day with demand (summed per day)
  std::optional<inventory_snapshot> inventory;
};

/// The inputs of a run.
struct pipeline_input {
  std::vector<material_input> materials;  ///< sorted by material code
  date first_day{};                       ///< first day of the extract
  date as_of{};                           ///< last day of history; forecasts start the day after
  std::size_t demand_rows = 0;
  std::vector<std::string> warnings;
};

/// How safety stock is computed.
enum class safety_stock_choice {
  automatic,       ///< forecast_model for smooth demand, simulated for intermittent / lumpy
  forecast_model,  ///< z sqrt(Var(lead-time demand) of the fitted model + d^2 sigma_L^2)
  simulated,       ///< bootstrap of the last year of daily demand
  empirical        ///< quantile of the observed rolling lead-time demands
};

inline std::string_view to_string(safety_stock_choice c) {
  switch (c) {
    case safety_stock_choice::forecast_model:
      return "forecast-model";
    case safety_stock_choice::simulated:
      return "simulated";
    case safety_stock_choice::empirical:
      return "empirical";
    case safety_stock_choice::automatic:
      break;
  }
  return "auto";
}

/// Options of a run (the command line's defaults).
struct pipeline_options {
  int horizon = 90;                         ///< forecast days
  std::vector<double> levels{0.80, 0.95};   ///< interval levels
  forecaster_options<double> forecaster{};  ///< model choice (automatic by default)
  int history_days = 0;                     ///< 0 = all history
  int backtest_horizon = 14;                ///< days ahead scored at every origin
  int backtest_origins = 4;                 ///< origins, step = backtest_horizon
  safety_stock_choice safety = safety_stock_choice::automatic;
  int review_period_days = 7;
  calculation_method replenishment_method = calculation_method::forecast_based;
  unsigned threads = 0;  ///< 0 = hardware threads
};

/// Backtest accuracy of the chosen model (pooled over origins and steps).
struct accuracy_result {
  std::size_t origins = 0;
  int horizon = 0;
  std::size_t points = 0;
  std::optional<double> mape;  ///< percent, zero actuals excluded
  std::size_t mape_excluded_zeros = 0;
  std::optional<double> wape;  ///< fraction
  std::optional<double> mase;
  double mae = 0;
  double rmse = 0;
  double bias = 0;  ///< mean(actual - forecast): positive = under-forecasting
  std::vector<std::pair<double, double>> coverage;  ///< (level, empirical coverage)
  double confidence = 0;                            ///< model_confidence_score in [0, 1]
};

/// Everything computed for one material.
struct material_result {
  material_settings settings;
  std::optional<inventory_snapshot> inventory;
  date history_start{};
  date as_of{};
  std::vector<double> history;  ///< history_start .. as_of, zero-filled
  std::size_t demand_days = 0;  ///< days with demand > 0
  bool ok = false;
  std::string error;  ///< why the material failed (ok == false)
  model_fit<double> fit;
  std::optional<accuracy_result> accuracy;
  std::string accuracy_note;  ///< why there is no backtest
  safety_stock_result<double> safety;
  std::optional<replenishment_suggestion<double>> replenishment;
  std::string note;  ///< e.g. discontinued: no order
  double seconds = 0;

  /// Urgency rank for sorting: CRITICAL 0 .. LOW 3, no replenishment 4, failed 5.
  [[nodiscard]] int urgency_rank() const {
    if (!ok) return 5;
    if (!replenishment) return 4;
    switch (replenishment->urgency_level) {
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
  [[nodiscard]] std::string urgency_text() const {
    if (!ok) return "FAILED";
    if (!replenishment) return "-";
    return std::string(to_string(replenishment->urgency_level));
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
                       return r.replenishment && r.replenishment->days_until_stockout
                                  ? *r.replenishment->days_until_stockout
                                  : 1 << 30;
                     };
                     if (days(a) != days(b)) return days(a) < days(b);
                     return a.settings.material < b.settings.material;
                   });
}

inline date add_days(date d, int days) {
  return date{std::chrono::sys_days{d} + std::chrono::days{days}};
}

inline int days_between(date from, date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

// ---------------------------------------------------------------------------------------------
// CSV inputs

/// Reads demand.csv (material, date, quantity; more columns are ignored), and optionally
/// materials.csv and inventory.csv (without a demand file: only those two, for the PostgreSQL
/// source). Several rows for the same material and day are added (like
/// the ERP's record-demand). Days without a row are zero demand.
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
      s.material = std::string(csv_table::trim(t.text(row, c_material)));
      if (s.material.empty()) throw parse_error(t.where(row, c_material) + "empty material code");
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
      if (c_hold) s.holding_rate = t.number_or(row, *c_hold, s.holding_rate);
      if (c_moq) s.minimum_order_quantity = t.number_or(row, *c_moq, 0);
      if (c_mult) s.order_multiple = t.number_or(row, *c_mult, 0);
      if (c_launch) s.launch_date = t.optional_date(row, *c_launch);
      if (c_status && !t.text(row, *c_status).empty()) s.status = t.text(row, *c_status);
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
    std::map<std::string, std::map<std::int64_t, double>> days;
    for (const auto& row : t.rows) {
      const std::string code(csv_table::trim(t.text(row, c_material)));
      if (code.empty()) throw parse_error(t.where(row, c_material) + "empty material code");
      const date d = t.date(row, c_date);
      const double q = t.number(row, c_qty);
      if (as_of && std::chrono::sys_days{d} > std::chrono::sys_days{*as_of}) {
        throw invalid_argument(t.where(row, c_date) + to_iso_string(d) +
                               " is after the as-of day " + to_iso_string(*as_of));
      }
      if (!first || std::chrono::sys_days{d} < std::chrono::sys_days{*first}) first = d;
      if (!last || std::chrono::sys_days{d} > std::chrono::sys_days{*last}) last = d;
      days[code][std::chrono::sys_days{d}.time_since_epoch().count()] += q;
    }
    in.demand_rows = t.rows.size();
    in.first_day = *first;
    in.as_of = as_of ? *as_of : *last;
    for (auto& [code, by_day] : days) {
      auto& m = by_code[code];
      if (m.settings.material.empty()) {
        m.settings = defaults;
        m.settings.material = code;
      }
      m.records.reserve(by_day.size());
      for (const auto& [day, q] : by_day) {
        m.records.push_back({date{std::chrono::sys_days{std::chrono::days{day}}}, q});
      }
    }
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
// The pipeline

namespace detail_pipeline {

/// The options that re-fit the model chosen by `fit` (same method, same ETS form).
inline forecaster_options<double> refit_options(const model_fit<double>& fit,
                                                const forecaster_options<double>& base) {
  forecaster_options<double> o = base;
  o.kind = fit.kind;
  o.max_lead_time = 0;
  if (fit.kind == method::ets) {
    // "ETS(A,Ad,N)" -> "AAdN"
    std::string code;
    for (const char c : fit.model_name.substr(4)) {
      if (c != ',' && c != ')') code.push_back(c);
    }
    o.ets = ets_model::parse(code);
    o.season_length = fit.season_length;
  } else if (fit.kind == method::moving_average) {
    const auto open = fit.model_name.find('(');
    if (open != std::string::npos) o.ma_window = std::stoi(fit.model_name.substr(open + 1));
  }
  return o;
}

inline bool is_intermittent_method(method kind) {
  return kind == method::croston || kind == method::sba || kind == method::sbj ||
         kind == method::tsb;
}

inline void compute_accuracy(material_result& r, const pipeline_options& options) {
  const std::size_t n = r.history.size();
  const int bh = options.backtest_horizon;
  const int origins = options.backtest_origins;
  if (bh <= 0 || origins <= 0) {
    r.accuracy_note = "backtest disabled";
    return;
  }
  const std::size_t minimum_train = 28;
  const std::size_t span = static_cast<std::size_t>(bh) * static_cast<std::size_t>(origins);
  if (n < minimum_train + static_cast<std::size_t>(bh)) {
    r.accuracy_note = "history of " + std::to_string(n) + " days is too short for a backtest (" +
                      std::to_string(minimum_train + static_cast<std::size_t>(bh)) + " needed)";
    return;
  }
  backtest_options<double> bo;
  bo.horizon = bh;
  bo.step = static_cast<std::size_t>(bh);
  bo.max_origins = static_cast<std::size_t>(origins);
  bo.initial_window = n >= span + minimum_train ? n - span : minimum_train;
  bo.levels = options.levels;
  bo.season_length = std::max(1, r.fit.season_length);
  bo.threads = 1;
  const auto spec = refit_options(r.fit, options.forecaster);
  const auto result = backtest(std::span<const double>(r.history), spec, bo);
  accuracy_result a;
  a.origins = result.origins.size();
  a.horizon = bh;
  a.points = result.overall.point.n;
  a.mape = result.overall.point.mape;
  a.mape_excluded_zeros = result.overall.point.mape_excluded_zeros;
  a.wape = result.overall.point.wape;
  a.mase = result.overall.mase;
  a.mae = result.overall.point.mae;
  a.rmse = result.overall.point.rmse;
  a.bias = result.overall.point.bias;
  for (const auto& i : result.overall.intervals) a.coverage.emplace_back(i.level, i.coverage);
  a.confidence = model_confidence_score(result);
  r.accuracy = a;
}

inline void compute_safety_stock(material_result& r, const pipeline_options& options) {
  const auto& s = r.settings;
  const int L = s.lead_time_days;
  if (L <= 0) {
    r.safety.method = safety_stock_method::basic;
    r.safety.safety_stock = 0;
    r.safety.reason = "lead time 0 days: no safety stock";
    return;
  }
  safety_stock_choice choice = options.safety;
  if (choice == safety_stock_choice::automatic) {
    choice = is_intermittent_method(r.fit.kind) ? safety_stock_choice::simulated
                                                : safety_stock_choice::forecast_model;
  }
  // Last year of history for the distribution-free methods.
  const std::size_t keep = std::min<std::size_t>(r.history.size(), 365);
  const std::span<const double> recent(r.history.data() + (r.history.size() - keep), keep);
  if (choice == safety_stock_choice::simulated) {
    if (recent.size() >= 2) {
      r.safety = safety_stock_simulated<double>(
          recent, {.service_level = s.service_level, .lead_time_days = L, .seed = 42});
      r.safety.safety_stock = std::max(0.0, r.safety.safety_stock);
      return;
    }
    choice = safety_stock_choice::forecast_model;
  }
  if (choice == safety_stock_choice::empirical) {
    if (recent.size() >= static_cast<std::size_t>(L) + 1) {
      std::vector<double> sums;
      double window = 0;
      for (std::size_t i = 0; i < recent.size(); ++i) {
        window += recent[i];
        if (i >= static_cast<std::size_t>(L)) window -= recent[i - static_cast<std::size_t>(L)];
        if (i + 1 >= static_cast<std::size_t>(L)) sums.push_back(window);
      }
      r.safety = safety_stock_empirical<double>(
          sums, {.service_level = s.service_level, .lead_time_days = static_cast<double>(L)});
      r.safety.safety_stock = std::max(0.0, r.safety.safety_stock);
      return;
    }
    choice = safety_stock_choice::forecast_model;
  }
  // Forecast model: Var(LTD) from the model, plus d^2 sigma_L^2 for a variable lead time.
  const double mean = r.fit.lead_time_demand_mean(L);
  double variance = r.fit.lead_time_demand_variance(L);
  const double daily = mean / static_cast<double>(L);
  variance += daily * daily * s.lead_time_sd_days * s.lead_time_sd_days;
  r.safety = safety_stock_forecast_model<double>({.service_level = s.service_level,
                                                  .lead_time_demand_mean = mean,
                                                  .lead_time_demand_variance = variance,
                                                  .lead_time_days = static_cast<double>(L)});
  if (s.lead_time_sd_days > 0) {
    r.safety.reason += " + d^2 sigma_L^2 (lead-time sd " +
                       std::to_string(s.lead_time_sd_days).substr(0, 4) + " days)";
  }
}

inline void compute_replenishment(material_result& r, const pipeline_options& options) {
  if (!r.inventory) return;
  const auto& s = r.settings;
  const auto& inv = *r.inventory;
  std::vector<scheduled_receipt<double>> receipts;
  if (inv.on_order > 0 && inv.expected_date) receipts.push_back({inv.on_order, inv.expected_date});
  replenishment_input<double> in;
  in.today = r.as_of;
  in.on_hand = inv.on_hand;
  in.allocated = inv.allocated;
  in.on_order = inv.on_order;
  in.receipts = receipts;
  in.daily_forecast = r.fit.fc.mean;
  in.safety_stock = r.safety.safety_stock;
  in.vendor_lead_time_days = s.lead_time_days;
  in.review_period_days = options.review_period_days;
  in.unit_cost = s.unit_cost;
  in.ordering_cost = s.ordering_cost;
  in.holding_rate = s.holding_rate;
  in.minimum_order_quantity = s.minimum_order_quantity;
  in.order_multiple = s.order_multiple;
  in.method = options.replenishment_method;
  if (in.method != calculation_method::forecast_based && s.unit_cost <= 0) {
    in.method = calculation_method::forecast_based;
    r.note = "no unit cost: FORECAST_BASED instead of " +
             std::string(to_string(options.replenishment_method));
  }
  r.replenishment = suggest_replenishment<double>(in);
  if (s.status == "DISCONTINUED" && r.replenishment->recommended_order_quantity > 0) {
    r.replenishment->recommended_order_quantity = 0;
    r.replenishment->estimated_total_cost.reset();
    if (r.replenishment->estimated_unit_cost) r.replenishment->estimated_total_cost = 0.0;
    r.note =
        "discontinued: no order placed (the forecast would order " +
        std::to_string(static_cast<long long>(std::llround(r.replenishment->required_quantity))) +
        ")";
  }
}

}  // namespace detail_pipeline

/// Runs the pipeline for one material. Never throws for data problems: a material that fails
/// has ok == false and `error` set (the message of the library's exception).
inline material_result run_material(const material_input& m, date first_day, date as_of,
                                    const pipeline_options& options) {
  const auto started = std::chrono::steady_clock::now();
  material_result r;
  r.settings = m.settings;
  r.inventory = m.inventory;
  r.as_of = as_of;
  try {
    date start = first_day;
    if (m.settings.launch_date &&
        std::chrono::sys_days{*m.settings.launch_date} > std::chrono::sys_days{start}) {
      start = *m.settings.launch_date;
    }
    if (options.history_days > 0) {
      const date cut = add_days(as_of, -(options.history_days - 1));
      if (std::chrono::sys_days{cut} > std::chrono::sys_days{start}) start = cut;
    }
    if (std::chrono::sys_days{start} > std::chrono::sys_days{as_of}) {
      throw insufficient_data("launch date " + to_iso_string(start) + " is after the as-of day " +
                              to_iso_string(as_of) + ": no history yet");
    }
    std::vector<demand_record<double>> records;
    records.reserve(m.records.size());
    for (const auto& rec : m.records) {
      if (std::chrono::sys_days{rec.date} >= std::chrono::sys_days{start}) records.push_back(rec);
    }
    daily_series_options so;
    so.first_day = start;
    so.last_day = as_of;
    const auto series =
        daily_series<double>::from_records(std::span<const demand_record<double>>(records), so);
    r.history_start = start;
    r.history.assign(series.values().begin(), series.values().end());
    for (const double v : r.history) r.demand_days += v > 0 ? 1U : 0U;

    const int needed = std::max(30, m.settings.lead_time_days + options.review_period_days);
    if (options.horizon < needed) {
      throw invalid_argument("horizon = " + std::to_string(options.horizon) +
                             " days, must be >= max(30, lead time + review period) = " +
                             std::to_string(needed) + " for the replenishment");
    }
    auto fo = options.forecaster;
    fo.max_lead_time = std::max(fo.max_lead_time, m.settings.lead_time_days);
    r.fit = fit_and_forecast(std::span<const double>(r.history), fo, options.horizon,
                             std::span<const double>(options.levels));
    try {
      detail_pipeline::compute_accuracy(r, options);
    } catch (const error& e) {
      r.accuracy_note = std::string("backtest failed: ") + e.what();
    }
    detail_pipeline::compute_safety_stock(r, options);
    detail_pipeline::compute_replenishment(r, options);
    r.ok = true;
  } catch (const std::exception& e) {
    r.ok = false;
    r.error = e.what();
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

/// Progress callback: (materials done, total, the material just finished). Called under a lock.
using progress_callback = std::function<void(std::size_t, std::size_t, const material_result&)>;

/// Runs the pipeline for every material, `options.threads` at a time (0 = all hardware
/// threads). Results come back in input order.
inline std::vector<material_result> run_pipeline(const pipeline_input& input,
                                                 const pipeline_options& options,
                                                 const progress_callback& progress = {}) {
  const std::size_t count = input.materials.size();
  std::vector<material_result> results(count);
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex lock;
  const auto worker = [&]() {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      results[i] = run_material(input.materials[i], input.first_day, input.as_of, options);
      std::lock_guard<std::mutex> guard(lock);
      ++done;
      if (progress) progress(done, count, results[i]);
    }
  };
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return results;
}

}  // namespace invforecast::tools
