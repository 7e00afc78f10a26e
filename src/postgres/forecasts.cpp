// material_forecasts / forecast_models: reads, storing plans, and forecast generation.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/version.hpp"
#include "planning_internal.hpp"

namespace invforecast::pg {

namespace {

using detail::array_builder;
using std::chrono::year_month_day;

constexpr const char* k_forecast_columns =
    "material_forecast_id::text, material_id::text, forecast_model_id::text, forecast_date, "
    "forecast_horizon, forecast_algorithm, forecast_version, forecasted_demand_quantity, "
    "forecast_uom, lower_bound_80_pct, upper_bound_80_pct, lower_bound_95_pct, "
    "upper_bound_95_pct, model_confidence_score, forecast_status, "
    "superseded_by_forecast_id::text, is_manually_overridden, manual_override_quantity";

forecast_row read_forecast(const result& r, int i) {
  forecast_row row;
  row.material_forecast_id = std::string(r.text(i, 0));
  row.material_id = std::string(r.text(i, 1));
  if (!r.is_null(i, 2)) row.forecast_model_id = std::string(r.text(i, 2));
  row.forecast_date = r.date(i, 3);
  row.forecast_horizon = std::string(r.text(i, 4));
  row.forecast_algorithm = std::string(r.text(i, 5));
  row.forecast_version = static_cast<int>(r.optional_integer(i, 6).value_or(1));
  row.forecasted_quantity = r.number(i, 7);
  row.uom = std::string(r.text(i, 8));
  row.lower_80 = r.optional_number(i, 9);
  row.upper_80 = r.optional_number(i, 10);
  row.lower_95 = r.optional_number(i, 11);
  row.upper_95 = r.optional_number(i, 12);
  row.confidence = r.optional_number(i, 13);
  row.status = std::string(r.text(i, 14));
  if (!r.is_null(i, 15)) row.superseded_by_forecast_id = std::string(r.text(i, 15));
  row.is_manually_overridden = r.boolean(i, 16);
  row.manual_override_quantity = r.optional_number(i, 17);
  return row;
}

std::string_view horizon_label(int step) {
  if (step <= 30) return "SHORT_TERM";
  if (step <= 90) return "MEDIUM_TERM";
  return "LONG_TERM";
}

// The interval of `level` in a forecast, or none (the policy's levels may lack it).
const prediction_interval<double>* find_interval(const forecast<double>& fc, double level) {
  for (const auto& i : fc.intervals) {
    if (std::abs(i.level - level) < 1e-9) return &i;
  }
  return nullptr;
}

void check_plan(std::string_view fn, std::size_t index, const material_plan& p) {
  const std::string at = "plans[" + std::to_string(index) + "]";
  check_uuid(fn, at + ".material", p.material);
  if (p.fit.fc.mean.empty()) {
    invforecast::detail::throw_invalid(fn, at + " (" + p.material + ") has no forecast");
  }
  invforecast::detail::check_all_finite(fn, at + ".fit.fc.mean",
                                        std::span<const double>(p.fit.fc.mean));
  for (const auto& i : p.fit.fc.intervals) {
    invforecast::detail::check_all_finite(fn, at + ".fit.fc.intervals.lower",
                                          std::span<const double>(i.lower));
    invforecast::detail::check_all_finite(fn, at + ".fit.fc.intervals.upper",
                                          std::span<const double>(i.upper));
  }
  detail::check_date(fn, at + ".as_of", p.as_of);
  detail::check_date(fn, at + ".history_start", p.history_start);
}

void check_write_options(std::string_view fn, const forecast_write_options& o) {
  if (o.default_uom.empty() || o.default_uom.size() > 10) {
    invforecast::detail::throw_invalid(
        fn, "default_uom = '" + o.default_uom + "', must be 1 to 10 characters");
  }
}

}  // namespace

namespace detail {

std::vector<std::string> forecast_enabled_materials(transaction& tx, std::string_view fn,
                                                    const scope& where, bool has_enabled_column) {
  const result r =
      tx.exec(fn,
              std::string("SELECT DISTINCT dh.material_id::text FROM demand_history dh "
                          "WHERE dh.tenant_id = $1::uuid AND dh.facility_id = $2::uuid "
                          "AND dh.deleted_at IS NULL") +
                  (has_enabled_column
                       ? " AND NOT EXISTS (SELECT 1 FROM materials m WHERE m.id = dh.material_id "
                         "AND m.forecasting_enabled IS FALSE)"
                       : "") +
                  " ORDER BY 1",
              {param(where.tenant_id), param(where.facility_id)});
  std::vector<std::string> materials;
  materials.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) materials.emplace_back(r.text(i, 0));
  return materials;
}

}  // namespace detail

// Stores one plan as a new forecast version (the one row mapping of write_forecasts,
// generate_forecasts and run_nightly). The caller holds the material's advisory lock.
material_generation detail::write_forecast_rows(transaction& tx, std::string_view fn,
                                                const scope& where, const material_plan& plan,
                                                std::string uom, const forecast_write_options& o,
                                                std::size_t& clamped) {
  const std::string material = detail::lower(plan.material);
  material_generation out;
  out.material_id = material;
  if (uom.empty()) uom = detail::latest_uom(tx, fn, where, material);
  if (uom.empty()) uom = o.default_uom;
  const model_fit<double>& fit = plan.fit;
  const year_month_day first_forecast_day = detail::add_days(plan.as_of, 1);
  const std::string model_name = "invforecast/" + material + "/" + detail::lower(where.facility_id);

  const result v = tx.exec(
      fn,
      "SELECT GREATEST("
      " (SELECT COALESCE(MAX(forecast_version), 0) FROM material_forecasts WHERE tenant_id = "
      "  $1::uuid AND facility_id = $2::uuid AND material_id = $3::uuid),"
      " (SELECT COALESCE(MAX(model_version::int), 0) FROM forecast_models WHERE tenant_id = "
      "  $1::uuid AND model_name = $4 AND model_version ~ '^[0-9]{1,9}$')) + 1",
      {param(where.tenant_id), param(where.facility_id), param(material), param(model_name)});
  out.version = static_cast<int>(v.integer(0, 0));
  out.algorithm = detail::erp_algorithm(fit);
  out.model_name = fit.model_name;
  out.reason = fit.reason;
  if (!plan.accuracy && !plan.accuracy_note.empty()) {
    out.reason += "; test metrics NULL: " + plan.accuracy_note;
  }

  write_report clamps;
  auto metric = [&](std::optional<double> x, const char* name) -> param_value {
    if (!x || !std::isfinite(*x)) return std::nullopt;
    return param(detail::clamp_value(*x, detail::k_max_10_4, name, clamps));
  };
  const std::optional<backtest_summary>& bt = plan.accuracy;
  std::optional<double> confidence;
  if (bt && std::isfinite(bt->confidence)) confidence = std::clamp(bt->confidence, 0.0, 1.0);

  detail::json_object params;
  params.string("library", "invforecast")
      .string("library_version", version_string)
      .string("model", fit.model_name)
      .string("method", method_name(fit.kind))
      .string("requested", method_name(fit.requested));
  if (fit.ets) params.string("ets", fit.ets->code());
  if (fit.ma_window) params.integer("ma_window", *fit.ma_window);
  params.string("status", fit_status_name(fit.status))
      .optional_number("alpha", fit.alpha)
      .optional_number("beta", fit.beta)
      .optional_number("gamma", fit.gamma)
      .optional_number("phi", fit.phi)
      .integer("season_length", fit.season_length)
      .number("sigma2", fit.sigma2)
      .optional_number("aicc", fit.aicc)
      .integer("n", static_cast<long long>(fit.n))
      .boolean("converged", fit.converged)
      .string("demand_pattern", erp_demand_pattern(fit.pattern.pattern))
      .number("adi", fit.pattern.adi)
      .number("cv2", fit.pattern.cv2)
      .string("reason", fit.reason)
      .number("safety_stock", plan.safety.safety_stock)
      .string("safety_stock_method", to_string(plan.safety.method))
      .number("reorder_point", plan.reorder_point)
      .number("service_level", plan.service_level)
      .integer("lead_time_days", plan.lead_time_days);

  tx.exec(fn,
          "UPDATE forecast_models SET model_status = 'RETIRED', retirement_timestamp = now(), "
          "retirement_reason = 'superseded by forecast version ' || $4, updated_at = now(), "
          "updated_by = $5 WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
          "AND material_id = $3::uuid AND model_status = 'ACTIVE'",
          {param(where.tenant_id), param(where.facility_id), param(material), param(out.version),
           param(o.user)});
  const result m = tx.exec(
      fn,
      "INSERT INTO forecast_models (tenant_id, facility_id, material_id, model_name, "
      "  model_algorithm, model_version, training_start_date, training_end_date, "
      "  training_sample_size, training_timestamp, model_hyperparameters, feature_list, "
      "  test_mape, test_rmse, test_mae, test_bias, test_r_squared, model_status, created_by, "
      "  updated_by) "
      "VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7::date, $8::date, $9::int, now(), "
      "  $10::jsonb, '[\"actual_demand_quantity\"]'::jsonb, $11::numeric, $12::numeric, "
      "  $13::numeric, $14::numeric, $15::numeric, 'ACTIVE', $16, $16) "
      "RETURNING forecast_model_id::text",
      {param(where.tenant_id), param(where.facility_id), param(material), param(model_name),
       param(out.algorithm), param(std::to_string(out.version)), param(plan.history_start),
       param(plan.as_of), param(static_cast<long long>(plan.history.size())), param(params.str()),
       bt ? metric(bt->mape, "test_mape") : param_value{},
       bt ? metric(bt->rmse, "test_rmse") : param_value{},
       bt ? metric(bt->mae, "test_mae") : param_value{},
       bt ? metric(bt->bias, "test_bias") : param_value{},
       bt ? metric(bt->r_squared, "test_r_squared") : param_value{}, param(o.user)});
  out.forecast_model_id = std::string(m.text(0, 0));

  const prediction_interval<double>* i80 = find_interval(fit.fc, 0.80);
  const prediction_interval<double>* i95 = find_interval(fit.fc, 0.95);
  const std::size_t horizon = fit.fc.mean.size();
  array_builder dates, labels, mean, lo80, hi80, lo95, hi95;
  dates.reserve(horizon);
  auto q = [&](double x, const char* name) {
    return detail::clamp_value(std::max(0.0, x), detail::k_max_quantity, name, clamps);
  };
  auto bound = [&](array_builder& b, const std::vector<double>* values, std::size_t k,
                   const char* name) {
    if (values && k < values->size()) {
      b.add(q((*values)[k], name));
    } else {
      b.add_null();
    }
  };
  for (std::size_t k = 0; k < horizon; ++k) {
    dates.add(detail::add_days(first_forecast_day, static_cast<long long>(k)));
    labels.add(horizon_label(static_cast<int>(k + 1)));
    mean.add(q(fit.fc.mean[k], "forecasted_demand_quantity"));
    bound(lo80, i80 ? &i80->lower : nullptr, k, "lower_bound_80_pct");
    bound(hi80, i80 ? &i80->upper : nullptr, k, "upper_bound_80_pct");
    bound(lo95, i95 ? &i95->lower : nullptr, k, "lower_bound_95_pct");
    bound(hi95, i95 ? &i95->upper : nullptr, k, "upper_bound_95_pct");
  }
  const result ins = tx.exec(
      fn,
      "INSERT INTO material_forecasts (tenant_id, facility_id, material_id, forecast_model_id, "
      "  forecast_date, forecast_horizon, forecast_algorithm, forecast_version, "
      "  forecast_generation_timestamp, forecasted_demand_quantity, forecast_uom, "
      "  lower_bound_80_pct, upper_bound_80_pct, lower_bound_95_pct, upper_bound_95_pct, "
      "  model_confidence_score, forecast_status, created_by) "
      "SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, t.d, t.hz, $5, $6::int, now(), t.q, $7, "
      "  t.l80, t.u80, t.l95, t.u95, $8::numeric, 'ACTIVE', $9 "
      "FROM unnest($10::date[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[], "
      "  $15::numeric[], $16::numeric[]) AS t(d, hz, q, l80, u80, l95, u95)",
      {param(where.tenant_id), param(where.facility_id), param(material),
       param(out.forecast_model_id), param(out.algorithm), param(out.version), param(uom),
       param(confidence), param(o.user), dates.value(), labels.value(), mean.value(), lo80.value(),
       hi80.value(), lo95.value(), hi95.value()});
  out.rows = static_cast<int>(ins.affected());

  const result sup = tx.exec(
      fn,
      "UPDATE material_forecasts o SET forecast_status = 'SUPERSEDED', "
      "  superseded_timestamp = now(), superseded_by_forecast_id = ("
      "    SELECT n.material_forecast_id FROM material_forecasts n WHERE n.tenant_id = o.tenant_id "
      "    AND n.facility_id = o.facility_id AND n.material_id = o.material_id "
      "    AND n.forecast_date = o.forecast_date AND n.forecast_version = $4::int) "
      "WHERE o.tenant_id = $1::uuid AND o.facility_id = $2::uuid AND o.material_id = $3::uuid "
      "  AND o.forecast_status = 'ACTIVE' AND o.forecast_version < $4::int "
      "  AND o.forecast_date >= $5::date",
      {param(where.tenant_id), param(where.facility_id), param(material), param(out.version),
       param(first_forecast_day)});
  out.superseded = sup.affected();
  out.status = generation_status::written;
  clamped += clamps.clamped_values;
  return out;
}

namespace {

void count(generate_report& report, material_generation g) {
  if (g.status == generation_status::written) {
    ++report.written;
  } else {
    ++report.skipped;
  }
  report.materials.push_back(std::move(g));
}

}  // namespace

std::vector<forecast_row> get_material_forecasts(connection& conn, const scope& where,
                                                 std::string_view material_id, year_month_day from,
                                                 year_month_day to,
                                                 std::optional<std::string> status) {
  constexpr std::string_view fn = "get_material_forecasts";
  detail::check_scope(fn, where);
  check_uuid(fn, "material_id", material_id);
  detail::check_range(fn, from, to, 20000);
  transaction tx(conn, where.tenant_id);
  const result r =
      tx.exec(fn,
              "SELECT " + std::string(k_forecast_columns) +
                  " FROM material_forecasts WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
                  "AND material_id = $3::uuid AND forecast_date BETWEEN $4::date AND $5::date "
                  "AND ($6::text IS NULL OR forecast_status = $6) "
                  "ORDER BY forecast_date, forecast_version",
              {param(where.tenant_id), param(where.facility_id), param(material_id), param(from),
               param(to), param(status)});
  tx.commit();
  std::vector<forecast_row> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_forecast(r, i));
  return out;
}

generate_report write_forecasts(connection& conn, const scope& where,
                                std::span<const material_plan> plans,
                                const forecast_write_options& options) {
  constexpr std::string_view fn = "write_forecasts";
  detail::check_scope(fn, where);
  check_write_options(fn, options);
  for (std::size_t i = 0; i < plans.size(); ++i) check_plan(fn, i, plans[i]);
  generate_report report;
  if (plans.empty()) return report;
  std::optional<transaction> whole;
  if (options.commit == commit_scope::whole_call) whole.emplace(conn, where.tenant_id);
  for (const material_plan& p : plans) {
    std::optional<transaction> own;
    if (!whole) own.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *own;
    detail::lock_material(tx, fn, where, detail::lower(p.material));
    material_generation g =
        detail::write_forecast_rows(tx, fn, where, p, {}, options, report.clamped_values);
    if (own) own->commit();
    count(report, std::move(g));
  }
  if (whole) whole->commit();
  return report;
}

generate_report generate_forecasts(connection& conn, const scope& where,
                                   const generate_options& options) {
  constexpr std::string_view fn = "generate_forecasts";
  detail::check_scope(fn, where);
  for (std::size_t i = 0; i < options.material_ids.size(); ++i) {
    check_uuid(fn, "material_ids[" + std::to_string(i) + "]", options.material_ids[i]);
  }
  detail::check_planning_options(fn, options.planning);
  std::map<std::string, const inventory_position*, std::less<>> positions;
  for (std::size_t i = 0; i < options.positions.size(); ++i) {
    const std::string at = "positions[" + std::to_string(i) + "]";
    detail::check_planning_position(fn, at, options.positions[i]);
    if (!positions.emplace(detail::lower(options.positions[i].material), &options.positions[i])
             .second) {
      invforecast::detail::throw_invalid(
          fn, at + ".material = " + options.positions[i].material + ", listed twice");
    }
  }
  if (options.part.count == 0 || options.part.index >= options.part.count) {
    invforecast::detail::throw_invalid(fn, "part = " + std::to_string(options.part.index) + " of " +
                                               std::to_string(options.part.count) +
                                               ", must have index < count and count >= 1");
  }
  check_write_options(fn, options.write);
  if (options.as_of) detail::check_date(fn, "as_of", *options.as_of);

  generate_report report;
  std::vector<std::string> materials;
  detail::planning_context ctx;
  {
    // Setup reads in their own short transaction.
    transaction tx(conn, where.tenant_id);
    const year_month_day first_forecast_day =
        options.as_of ? *options.as_of : tx.exec(fn, "SELECT current_date").date(0, 0);
    ctx = detail::make_planning_context(tx, fn, where, options.planning,
                                        detail::add_days(first_forecast_day, -1));
    if (options.material_ids.empty()) {
      materials = detail::forecast_enabled_materials(tx, fn, where, ctx.has("forecasting_enabled"));
    } else {
      for (const auto& m : options.material_ids) materials.push_back(detail::lower(m));
    }
    tx.commit();
  }
  std::sort(materials.begin(), materials.end());  // one lock order: no deadlocks between calls
  materials.erase(std::unique(materials.begin(), materials.end()), materials.end());
  std::erase_if(materials, [&](const std::string& m) {
    return shard_of(m, options.part.count) != options.part.index;
  });

  const inventory_position unknown = batch_plan_options::unknown_stock();
  std::optional<transaction> whole;
  if (options.write.commit == commit_scope::whole_call) whole.emplace(conn, where.tenant_id);
  for (const std::string& material : materials) {
    std::optional<transaction> own;
    if (!whole) own.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *own;
    // Serialise generators of the same material (released at commit / rollback).
    detail::lock_material(tx, fn, where, material);
    const auto it = positions.find(material);
    detail::planned_material p =
        detail::plan_material(tx, fn, ctx, material, it != positions.end() ? *it->second : unknown);
    material_generation g;
    if (p.plan) {
      g = detail::write_forecast_rows(tx, fn, where, *p.plan, p.uom, options.write,
                                      report.clamped_values);
    } else {
      g.material_id = material;
      g.reason = std::move(p.reason);
    }
    if (own) own->commit();
    count(report, std::move(g));
  }
  if (whole) whole->commit();
  return report;
}

}  // namespace invforecast::pg
