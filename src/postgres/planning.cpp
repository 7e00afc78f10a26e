// The one history-to-plan rule of the adapters. See planning_internal.hpp.

#include <algorithm>
#include <cctype>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/calendar.hpp"
#include "invforecast/series/daily_series.hpp"
#include "planning_internal.hpp"

namespace invforecast::pg::detail {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

namespace {

using std::chrono::year_month_day;

const std::vector<std::string> k_setting_columns{"forecast_algorithm", "forecast_horizon_days",
                                                 "minimum_forecast_history_days",
                                                 "forecasting_enabled"};

year_month_day later(year_month_day a, year_month_day b) { return days_between(a, b) > 0 ? b : a; }

}  // namespace

bool planning_context::has(std::string_view column) const {
  return std::find(material_columns.begin(), material_columns.end(), column) !=
         material_columns.end();
}

void check_planning_options(std::string_view fn, const planning_options& options) {
  invforecast::detail::planning::check_policy(fn, options.policy);
  if (options.first_day) check_date(fn, "planning.first_day", *options.first_day);
  if (options.minimum_history_days < 1) {
    invforecast::detail::throw_invalid_value(fn, "planning.minimum_history_days",
                                             options.minimum_history_days, ">= 1");
  }
}

void check_planning_position(std::string_view fn, const std::string& at,
                             const invforecast::inventory_position& p) {
  check_uuid(fn, at + ".material", p.material);
  invforecast::detail::planning::check_position(std::string(fn) + ": " + at, p);
  if (p.on_hand && std::abs(*p.on_hand) > k_max_quantity) {
    invforecast::detail::throw_invalid_value(fn, at + ".on_hand", *p.on_hand,
                                             "in [-99999999999.9999, 99999999999.9999]");
  }
  check_quantity(fn, at + ".allocated", p.allocated);
  for (std::size_t k = 0; k < p.on_order.size(); ++k) {
    check_quantity(fn, at + ".on_order[" + std::to_string(k) + "].quantity",
                   p.on_order[k].quantity);
  }
  check_quantity(fn, at + ".unit_cost", p.unit_cost);
  check_quantity(fn, at + ".minimum_order_quantity", p.minimum_order_quantity);
  check_quantity(fn, at + ".order_multiple", p.order_multiple);
  if (p.uom.size() > 10) {
    invforecast::detail::throw_invalid(
        fn, at + ".uom = '" + p.uom + "', must be at most 10 characters");
  }
}

planning_context make_planning_context(transaction& tx, std::string_view fn, const scope& where,
                                       const planning_options& options,
                                       year_month_day planning_day) {
  planning_context ctx;
  ctx.where = &where;
  ctx.options = &options;
  ctx.planning_day = planning_day;
  ctx.material_columns = existing_columns(tx, "materials", k_setting_columns);
  if (options.first_day) {
    ctx.first_day = *options.first_day;
  } else {
    const result r = tx.exec(fn,
                             "SELECT min(demand_date) FROM demand_history WHERE tenant_id = "
                             "$1::uuid AND facility_id = $2::uuid AND deleted_at IS NULL",
                             {param(where.tenant_id), param(where.facility_id)});
    ctx.first_day = r.optional_date(0, 0).value_or(planning_day);
  }
  return ctx;
}

void lock_material(transaction& tx, std::string_view fn, const scope& where,
                   const std::string& material) {
  tx.exec(fn, "SELECT pg_advisory_xact_lock(1229870663, hashtext($1 || '/' || $2 || '/' || $3))",
          {param(lower(where.tenant_id)), param(lower(where.facility_id)), param(material)});
}

std::string latest_uom(transaction& tx, std::string_view fn, const scope& where,
                       const std::string& material) {
  const result r =
      tx.exec(fn,
              "SELECT demand_uom FROM demand_history WHERE tenant_id = $1::uuid AND facility_id = "
              "$2::uuid AND material_id = $3::uuid AND deleted_at IS NULL "
              "ORDER BY demand_date DESC LIMIT 1",
              {param(where.tenant_id), param(where.facility_id), param(material)});
  return r.rows() == 0 ? std::string() : std::string(r.text(0, 0));
}

material_settings read_material_settings(transaction& tx, std::string_view fn,
                                         const planning_context& ctx, const std::string& material) {
  material_settings out;
  if (!ctx.options->material_settings || ctx.material_columns.empty()) return out;
  std::string select;
  for (const std::string& c : k_setting_columns) {
    select += select.empty() ? "" : ", ";
    select += ctx.has(c) ? c + "::text" : std::string("NULL::text");
  }
  const result r =
      tx.exec(fn, "SELECT " + select + " FROM materials WHERE id = $1::uuid", {param(material)});
  if (r.rows() > 0) {
    if (!r.is_null(0, 0)) out.algorithm = std::string(r.text(0, 0));
    out.horizon_days = r.optional_integer(0, 1);
    out.minimum_history_days = r.optional_integer(0, 2);
  }
  return out;
}

std::map<std::string, material_settings, std::less<>> read_material_settings(
    transaction& tx, std::string_view fn, const planning_context& ctx,
    const std::vector<std::string>& materials) {
  std::map<std::string, material_settings, std::less<>> out;
  if (!ctx.options->material_settings || ctx.material_columns.empty() || materials.empty()) {
    return out;
  }
  std::string select = "id::text";
  for (const std::string& c : k_setting_columns) {
    select += ", ";
    select += ctx.has(c) ? c + "::text" : std::string("NULL::text");
  }
  array_builder ids;
  for (const std::string& m : materials) ids.add(m);
  const result r =
      tx.exec(fn, "SELECT " + select + " FROM materials WHERE id = ANY($1::uuid[])", {ids.value()});
  for (int i = 0; i < r.rows(); ++i) {
    material_settings s;
    if (!r.is_null(i, 1)) s.algorithm = std::string(r.text(i, 1));
    s.horizon_days = r.optional_integer(i, 2);
    s.minimum_history_days = r.optional_integer(i, 3);
    out.emplace(std::string(r.text(i, 0)), std::move(s));
  }
  return out;
}

std::chrono::year_month_day extract_start(const planning_context& ctx) {
  year_month_day start = ctx.first_day;
  const planning_policy& policy = ctx.options->policy;
  if (policy.history_days > 0) {
    start =
        later(start, add_days(ctx.planning_day, 1 - static_cast<long long>(policy.history_days)));
  }
  return start;
}

planned_material plan_history(const planning_context& ctx, const std::string& material,
                              const invforecast::inventory_position& position,
                              const material_settings& settings,
                              std::span<const std::pair<year_month_day, double>> rows,
                              std::string uom) {
  const planning_options& o = *ctx.options;
  planned_material out;
  out.uom = std::move(uom);
  planning_policy policy = o.policy;
  int minimum = o.minimum_history_days;

  // The material's own settings.
  if (settings.algorithm) {
    const std::string& code = *settings.algorithm;
    try {
      if (const std::string u = upper(code); !u.empty() && u != "AUTO") {
        const auto f = erp_forecaster_options(code);
        policy.forecaster.kind = f.kind;
        policy.forecaster.ets = f.ets;
        policy.forecaster.season_length = f.season_length;
        policy.forecaster.ma_window = f.ma_window;
      }
    } catch (const invforecast::invalid_argument&) {
      out.reason = "unknown forecast_algorithm '" + code + "'";
      return out;
    }
  }
  if (settings.horizon_days) policy.horizon_days = static_cast<int>(*settings.horizon_days);
  if (settings.minimum_history_days) minimum = static_cast<int>(*settings.minimum_history_days);

  // The history rule: from the latest of the extract's first day, the launch date and the
  // window start, to the planning day; days without a row are zero.
  year_month_day start = ctx.first_day;
  if (position.launch_date) start = later(start, *position.launch_date);
  if (policy.history_days > 0) {
    start =
        later(start, add_days(ctx.planning_day, 1 - static_cast<long long>(policy.history_days)));
  }
  const long long span = days_between(start, ctx.planning_day);
  if (span < 0) {
    out.reason = (position.launch_date && days_between(*position.launch_date, start) == 0
                      ? "launch date " + to_iso_string(start)
                      : "first day " + to_iso_string(start)) +
                 " is after the planning day " + to_iso_string(ctx.planning_day) +
                 ": no history yet";
    return out;
  }
  const auto n = static_cast<std::size_t>(span + 1);
  if (static_cast<long long>(n) < minimum) {
    out.reason = "history of " + std::to_string(n) + " days, fewer than the minimum " +
                 std::to_string(minimum);
    return out;
  }
  std::vector<double> y(n, 0.0);
  for (const auto& [d, q] : rows) {
    const long long k = days_between(start, d);
    if (k < 0 || k >= static_cast<long long>(n)) continue;
    y[static_cast<std::size_t>(k)] = q;
  }

  invforecast::inventory_position p = position;
  p.material = material;
  try {
    const auto series = daily_series<double>::from_values(start, std::span<const double>(y));
    out.plan = invforecast::plan(series, p, policy);
  } catch (const invforecast::error& e) {
    out.reason = e.what();
  }
  return out;
}

planned_material plan_material(transaction& tx, std::string_view fn, const planning_context& ctx,
                               const std::string& material,
                               const invforecast::inventory_position& position) {
  const scope& where = *ctx.where;
  const material_settings settings = read_material_settings(tx, fn, ctx, material);
  year_month_day start = extract_start(ctx);
  if (position.launch_date) start = later(start, *position.launch_date);
  const result h =
      tx.exec(fn,
              "SELECT demand_date, actual_demand_quantity, demand_uom FROM demand_history "
              "WHERE tenant_id = $1::uuid AND facility_id = $2::uuid AND material_id = $3::uuid "
              "AND demand_date BETWEEN $4::date AND $5::date AND deleted_at IS NULL "
              "ORDER BY demand_date",
              {param(where.tenant_id), param(where.facility_id), param(material), param(start),
               param(ctx.planning_day)});
  std::vector<std::pair<year_month_day, double>> rows;
  rows.reserve(static_cast<std::size_t>(h.rows()));
  for (int i = 0; i < h.rows(); ++i) rows.emplace_back(h.date(i, 0), h.number(i, 1));
  std::string uom =
      h.rows() > 0 ? std::string(h.text(h.rows() - 1, 2)) : latest_uom(tx, fn, where, material);
  return plan_history(ctx, material, position, settings, rows, std::move(uom));
}

std::string erp_algorithm(const invforecast::model_fit<double>& fit) {
  if (fit.kind != method::ets || !fit.ets) return std::string(method_name(fit.kind));
  if (fit.ets->season != ets_season::none) return "HOLT_WINTERS";
  if (fit.ets->trend != ets_trend::none) return "HOLT";
  return "EXP_SMOOTHING";
}

}  // namespace invforecast::pg::detail

namespace invforecast::pg {

forecaster_options<double> erp_forecaster_options(std::string_view code) {
  const std::string a = detail::upper(code);
  forecaster_options<double> o;
  if (a.empty() || a == "AUTO") return o;
  if (a == "EXP_SMOOTHING" || a == "EXPONENTIAL_SMOOTHING" || a == "SES") {
    o.kind = method::ets;
    o.ets = ets_model::parse("ANN");
    o.season_length = 1;
  } else if (a == "HOLT" || a == "DOUBLE_EXP_SMOOTHING") {
    o.kind = method::ets;
    o.ets = ets_model::parse("AAN");
    o.season_length = 1;
  } else if (a == "HOLT_WINTERS" || a == "TRIPLE_EXP_SMOOTHING") {
    o.kind = method::ets;
    o.ets = ets_model::parse("AAA");
    o.season_length = 7;  // daily data: weekly season
  } else {
    o = forecaster_options_for<double>(code);
  }
  return o;
}

}  // namespace invforecast::pg
