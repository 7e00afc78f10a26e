#pragma once

/// @file
/// Writers for the results of `invforecast run`: forecasts.csv (one row per material and future
/// day), recommendations.csv (one row per material, sorted by urgency), results.json (all of
/// it, with the history) and the summary table printed on stdout.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "invforecast/detail/dates.hpp"
#include "invforecast/detail/format.hpp"
#include "invforecast/error.hpp"
#include "invforecast/version.hpp"
#include "pipeline.hpp"

namespace invforecast::tools {

/// `value` with `decimals` digits after the point, by the library's one checked formatter
/// (invforecast::detail::fixed: the scientific form from 1e21 on, "inf" / "nan" spelled out);
/// the outputs print a value that rounds to zero without its sign ("0.00", not "-0.00").
inline std::string fixed(double value, int decimals) {
  std::string s = invforecast::detail::fixed(value, decimals);
  if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

/// An optional value, or `empty` when unset.
inline std::string fixed(const std::optional<double>& value, int decimals,
                         std::string_view empty = "") {
  return value ? fixed(*value, decimals) : std::string(empty);
}

/// A CSV field, quoted when it contains a comma, quote or line break.
inline std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// Column suffix of an interval level: 0.8 -> "80", 0.975 -> "97.5".
inline std::string level_suffix(double level) {
  std::string s = fixed(level * 100, 1);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  return s;
}

/// Coverage of the backtest at `level`, when scored.
inline std::optional<double> coverage_at(const material_result& r, double level) {
  if (!r.ok() || !r.plan().accuracy) return std::nullopt;
  for (const auto& [l, c] : r.plan().accuracy->coverage) {
    if (std::abs(l - level) < 1e-9) return c;
  }
  return std::nullopt;
}

/// forecasts.csv: material, date, day, forecast, lower_<L>, upper_<L> for every level; without
/// the header row when `header` is false (the rows of one more batch).
inline void write_forecasts_csv(std::ostream& out, const std::vector<material_result>& results,
                                const std::vector<double>& levels, bool header = true) {
  if (header) {
    out << "material,date,day,forecast";
    for (const double l : levels) {
      out << ",lower_" << level_suffix(l) << ",upper_" << level_suffix(l);
    }
    out << "\n";
  }
  for (const auto& r : results) {
    if (!r.ok()) continue;
    const auto& fc = r.plan().fit.fc;
    for (std::size_t h = 0; h < fc.mean.size(); ++h) {
      out << csv_field(r.settings.material) << ","
          << to_iso_string(detail::add_days(r.plan().as_of, static_cast<long long>(h) + 1)) << ","
          << h + 1 << "," << fixed(fc.mean[h], 4);
      for (const double l : levels) {
        const auto& pi = fc.interval(l);
        out << "," << fixed(pi.lower[h], 4) << "," << fixed(pi.upper[h], 4);
      }
      out << "\n";
    }
  }
}

/// The header row of recommendations.csv.
inline void write_recommendations_header(std::ostream& out) {
  out << "material,description,status,urgency,model,demand_pattern,history_days,demand_days,"
         "backtest_mape_pct,backtest_wape_pct,backtest_mase,backtest_bias,coverage_80,"
         "coverage_95,confidence,service_level,lead_time_days,safety_stock_method,safety_stock,"
         "reorder_point,on_hand,allocated,available,on_order,inventory_position,"
         "forecast_30_days,days_until_stockout,projected_stockout_date,"
         "recommended_order_quantity,uom,recommended_order_date,recommended_delivery_date,"
         "estimated_total_cost,reason,error\n";
}

/// One material's row of recommendations.csv (with its line break).
inline void write_recommendation_row(std::ostream& out, const material_result& r) {
  const auto& s = r.settings;
  out << csv_field(s.material) << "," << csv_field(s.description) << "," << csv_field(s.status)
      << "," << r.urgency_text() << ",";
  if (!r.ok()) {
    out << ",,,,,,,,,,," << fixed(s.service_level, 3) << "," << s.lead_time_days << ",,,,,,,,,,,,,"
        << csv_field(s.uom) << ",,,,," << csv_field(r.error()) << "\n";
    return;
  }
  const material_plan& m = r.plan();
  const auto& a = m.accuracy;
  out << csv_field(m.fit.model_name) << "," << erp_demand_pattern(m.fit.pattern.pattern) << ","
      << m.history.size() << "," << m.demand_days << "," << (a ? fixed(a->mape, 2) : "") << ","
      << (a && a->wape ? fixed(*a->wape * 100, 2) : "") << "," << (a ? fixed(a->mase, 3) : "")
      << "," << (a ? fixed(a->bias, 3) : "") << "," << fixed(coverage_at(r, 0.80), 3) << ","
      << fixed(coverage_at(r, 0.95), 3) << "," << (a ? fixed(a->confidence, 4) : "") << ","
      << fixed(m.service_level, 3) << "," << m.lead_time_days << "," << to_string(m.safety.method)
      << "," << fixed(m.safety.safety_stock, 4) << ",";
  if (const auto& p = m.suggestion) {
    out << fixed(p->reorder_point_quantity, 4) << "," << fixed(p->current_on_hand_quantity, 4)
        << "," << fixed(p->current_allocated_quantity, 4) << ","
        << fixed(p->current_available_quantity, 4) << "," << fixed(p->current_on_order_quantity, 4)
        << "," << fixed(p->inventory_position, 4) << "," << fixed(p->forecasted_demand_30_days, 4)
        << "," << (p->days_until_stockout ? std::to_string(*p->days_until_stockout) : "") << ","
        << (p->projected_stockout_date ? to_iso_string(*p->projected_stockout_date) : "") << ","
        << fixed(p->recommended_order_quantity, 4) << "," << csv_field(s.uom) << ","
        << to_iso_string(p->recommended_order_date) << ","
        << to_iso_string(p->recommended_delivery_date) << "," << fixed(p->estimated_total_cost, 2)
        << "," << csv_field(p->suggestion_reason + (m.note.empty() ? "" : " " + m.note)) << ",\n";
  } else {
    out << fixed(m.reorder_point, 4) << ",,,,,,,,,," << csv_field(s.uom)
        << ",,,,no inventory position,\n";
  }
}

/// recommendations.csv: one row per material, in the order given (sort_by_urgency first).
inline void write_recommendations_csv(std::ostream& out,
                                      const std::vector<material_result>& results) {
  write_recommendations_header(out);
  for (const auto& r : results) write_recommendation_row(out, r);
}

inline nlohmann::json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

/// The options of a run, as results.json lists them.
inline nlohmann::json options_json(const pipeline_options& options) {
  const planning_policy& policy = options.policy;
  return {{"horizon", policy.horizon_days},
          {"levels", policy.levels},
          {"method", method_name(policy.forecaster.kind)},
          {"history_days", policy.history_days},
          {"backtest_horizon", policy.backtest_horizon},
          {"backtest_origins", policy.backtest_origins},
          {"backtest_refit", to_string(policy.refit)},
          {"safety_stock", safety_stock_option_name(policy.safety_stock)},
          {"review_period_days", policy.review_period_days},
          {"replenishment_method", to_string(policy.order_rule)}};
}

/// JSON text that is always valid: invalid UTF-8 (text the tool did not read itself, e.g. a
/// database's) becomes U+FFFD instead of an exception halfway through a file.
inline std::string json_text(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// One material of results.json: the history, the fitted model, the forecast with intervals,
/// the backtest, the safety stock and the replenishment suggestion (or the error).
inline nlohmann::json material_json(const material_result& r) {
  using nlohmann::json;
  const auto& s = r.settings;
  json m;
  m["material"] = s.material;
  m["description"] = s.description;
  m["status"] = s.status;
  m["uom"] = s.uom;
  m["ok"] = r.ok();
  m["urgency"] = r.urgency_text();
  if (!r.ok()) {
    m["error"] = r.error();
    return m;
  }
  const material_plan& mp = r.plan();
  m["history"] = {{"start", to_iso_string(mp.history_start)},
                  {"end", to_iso_string(mp.as_of)},
                  {"values", mp.history}};
  const auto& f = mp.fit;
  m["model"] = {{"name", f.model_name},
                {"method", method_name(f.kind)},
                {"status", fit_status_name(f.status)},
                {"reason", f.reason},
                {"demand_pattern", erp_demand_pattern(f.pattern.pattern)},
                {"adi", f.pattern.adi},
                {"cv2", f.pattern.cv2},
                {"alpha", optional_json(f.alpha)},
                {"beta", optional_json(f.beta)},
                {"gamma", optional_json(f.gamma)},
                {"phi", optional_json(f.phi)},
                {"sigma2", f.sigma2},
                {"aicc", optional_json(f.aicc)},
                {"season_length", f.season_length},
                {"n", f.n}};
  json intervals = json::array();
  for (const auto& pi : f.fc.intervals) {
    intervals.push_back({{"level", pi.level}, {"lower", pi.lower}, {"upper", pi.upper}});
  }
  m["forecast"] = {{"start", to_iso_string(detail::add_days(mp.as_of, 1))},
                   {"mean", f.fc.mean},
                   {"intervals", intervals}};
  if (const auto& a = mp.accuracy) {
    json cov = json::array();
    for (const auto& [l, c] : a->coverage) cov.push_back({{"level", l}, {"coverage", c}});
    m["backtest"] = {{"origins", a->origins},
                     {"horizon", a->horizon},
                     {"points", a->points},
                     {"mape", optional_json(a->mape)},
                     {"wape", optional_json(a->wape)},
                     {"mase", optional_json(a->mase)},
                     {"mae", a->mae},
                     {"rmse", a->rmse},
                     {"bias", a->bias},
                     {"coverage", cov},
                     {"confidence", a->confidence},
                     {"mape_excluded_zeros", a->mape_excluded_zeros}};
  } else {
    m["backtest"] = {{"note", mp.accuracy_note}};
  }
  m["safety_stock"] = {{"method", to_string(mp.safety.method)},
                       {"quantity", mp.safety.safety_stock},
                       {"z", optional_json(mp.safety.z)},
                       {"lead_time_demand_mean", mp.safety.lead_time_demand_mean},
                       {"lead_time_demand_sd", mp.safety.lead_time_demand_sd},
                       {"service_level", mp.service_level},
                       {"lead_time_days", mp.lead_time_days},
                       {"reason", mp.safety.reason}};
  if (const auto& p = mp.suggestion) {
    const auto opt_date = [](const std::optional<date>& d) {
      return d ? json(to_iso_string(*d)) : json(nullptr);
    };
    m["replenishment"] = {
        {"urgency_level", to_string(p->urgency_level)},
        {"calculation_method", to_string(p->calculation_method)},
        {"current_on_hand_quantity", p->current_on_hand_quantity},
        {"current_allocated_quantity", p->current_allocated_quantity},
        {"current_available_quantity", p->current_available_quantity},
        {"current_on_order_quantity", p->current_on_order_quantity},
        {"inventory_position", p->inventory_position},
        {"safety_stock_quantity", p->safety_stock_quantity},
        {"reorder_point_quantity", p->reorder_point_quantity},
        {"economic_order_quantity", optional_json(p->economic_order_quantity)},
        {"forecasted_demand_30_days", p->forecasted_demand_30_days},
        {"forecasted_demand_60_days", optional_json(p->forecasted_demand_60_days)},
        {"forecasted_demand_90_days", optional_json(p->forecasted_demand_90_days)},
        {"projected_stockout_date", opt_date(p->projected_stockout_date)},
        {"days_until_stockout",
         p->days_until_stockout ? json(*p->days_until_stockout) : json(nullptr)},
        {"recommended_order_quantity", p->recommended_order_quantity},
        {"recommended_order_date", to_iso_string(p->recommended_order_date)},
        {"recommended_delivery_date", to_iso_string(p->recommended_delivery_date)},
        {"estimated_unit_cost", optional_json(p->estimated_unit_cost)},
        {"estimated_total_cost", optional_json(p->estimated_total_cost)},
        {"vendor_lead_time_days", p->vendor_lead_time_days},
        {"suggestion_reason", p->suggestion_reason}};
  }
  if (!mp.note.empty()) m["note"] = mp.note;
  return m;
}

/// results.json: the run's options and, per material, material_json.
inline nlohmann::json results_json(const std::vector<material_result>& results,
                                   const pipeline_input& input, const pipeline_options& options,
                                   double seconds) {
  using nlohmann::json;
  json root;
  root["generator"] = "invforecast " + std::string(version_string);
  root["as_of"] = to_iso_string(input.as_of);
  root["options"] = options_json(options);
  root["seconds"] = seconds;
  root["warnings"] = input.warnings;
  json list = json::array();
  for (const auto& r : results) list.push_back(material_json(r));
  root["materials"] = std::move(list);
  return root;
}

/// Writes results.json one batch at a time (the document results_json makes, keys in the same
/// order), so that a run holds one batch of plans, not all of them: begin() once, add() per
/// batch, end() with the run's time.
class results_json_writer {
 public:
  explicit results_json_writer(std::ostream& out) : out_(out) {}
  void begin(const pipeline_input& input) {
    out_ << "{\n \"as_of\": " << json_text(to_iso_string(input.as_of))
         << ",\n \"generator\": " << json_text("invforecast " + std::string(version_string))
         << ",\n \"materials\": [";
  }
  void add(const std::vector<material_result>& results) {
    for (const auto& r : results) {
      out_ << (first_ ? "\n  " : ",\n  ") << json_text(material_json(r));
      first_ = false;
    }
  }
  void end(const pipeline_input& input, const pipeline_options& options, double seconds) {
    out_ << (first_ ? "]" : "\n ]") << ",\n \"options\": " << json_text(options_json(options))
         << ",\n \"seconds\": " << json_text(seconds)
         << ",\n \"warnings\": " << json_text(input.warnings) << "\n}\n";
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

/// The summary table's columns (title, left-aligned).
struct summary_column {
  std::string title;
  bool left;
};
inline const std::vector<summary_column>& summary_columns() {
  static const std::vector<summary_column> columns{
      {"URGENCY", true}, {"MATERIAL", true}, {"MODEL", true},  {"MAPE%", false},
      {"SAFETY", false}, {"ROP", false},     {"AVAIL", false}, {"STOCKOUT", false},
      {"ORDER", false},  {"ORDER BY", true}};
  return columns;
}

/// One material's cells of the summary table.
inline std::vector<std::string> summary_cells(const material_result& r) {
  const auto& columns = summary_columns();
  std::vector<std::string> row{r.urgency_text(), r.settings.material};
  if (!r.ok()) {
    // The message names the material ("plan: material 'X': ..."), the row does already.
    std::string_view message = r.error();
    const std::string prefix = "plan: material '" + r.settings.material + "': ";
    if (message.starts_with(prefix)) message.remove_prefix(prefix.size());
    row.push_back("error: " + std::string(message.substr(0, 60)));
    row.resize(columns.size());
    return row;
  }
  const material_plan& m = r.plan();
  row.push_back(m.fit.model_name);
  row.push_back(m.accuracy ? fixed(m.accuracy->mape, 1, "-") : "-");
  row.push_back(fixed(m.safety.safety_stock, 1));
  if (const auto& p = m.suggestion) {
    row.push_back(fixed(p->reorder_point_quantity, 1));
    row.push_back(fixed(p->current_available_quantity, 1));
    row.push_back(p->days_until_stockout ? std::to_string(*p->days_until_stockout) + " d" : "none");
    row.push_back(fixed(p->recommended_order_quantity, 1));
    row.push_back(p->recommended_order_quantity > 0 ? to_iso_string(p->recommended_order_date)
                                                    : "-");
  } else {
    row.push_back(fixed(m.reorder_point, 1));
    row.insert(row.end(), {"-", "-", "-", "-"});
  }
  return row;
}

/// Prints the summary table of rows made by summary_cells.
inline void write_summary_rows(std::ostream& out,
                               const std::vector<std::vector<std::string>>& rows) {
  const auto& columns = summary_columns();
  std::vector<std::size_t> width(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    width[c] = columns[c].title.size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  const auto print = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      line += columns[c].left ? cells[c] + pad : pad + cells[c];
      if (c + 1 < columns.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  std::vector<std::string> titles;
  for (const auto& c : columns) titles.push_back(c.title);
  print(titles);
  for (const auto& row : rows) print(row);
}

/// The summary table printed by `invforecast run` (results in the order given).
inline void write_summary_table(std::ostream& out, const std::vector<material_result>& results) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(results.size());
  for (const auto& r : results) rows.push_back(summary_cells(r));
  write_summary_rows(out, rows);
}

}  // namespace invforecast::tools
