// material_forecasts / forecast_models: reads, storing plans, and forecast generation.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <span>
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

namespace {

// The forecast rows of plans, column by column (one material after another).
struct forecast_arrays {
  array_builder dates, labels, mean, lo80, hi80, lo95, hi95;
};

// A plan's stored values apart from what the database assigns (version, model id, uom).
struct mapped_plan {
  std::string material;
  std::string model_name;  // forecast_models.model_name
  std::string algorithm;   // ERP code
  std::string reason;
  std::string params;  // model_hyperparameters (JSON text)
  param_value mape, rmse, mae, bias, r_squared, confidence;
  year_month_day first_forecast_day{};
  long long sample_size = 0;
  std::size_t horizon = 0;
};

// Maps a plan; appends its forecast rows to `rows` and its clamps to `clamps`.
mapped_plan map_plan(const scope& where, const material_plan& plan, forecast_arrays& rows,
                     write_report& clamps) {
  mapped_plan out;
  out.material = detail::lower(plan.material);
  const model_fit<double>& fit = plan.fit;
  out.first_forecast_day = detail::add_days(plan.as_of, 1);
  out.model_name = "invforecast/" + out.material + "/" + detail::lower(where.facility_id);
  out.algorithm = detail::erp_algorithm(fit);
  out.reason = fit.reason;
  if (!plan.accuracy && !plan.accuracy_note.empty()) {
    out.reason += "; test metrics NULL: " + plan.accuracy_note;
  }
  out.sample_size = static_cast<long long>(plan.history.size());

  auto metric = [&](std::optional<double> x, const char* name) -> param_value {
    if (!x || !std::isfinite(*x)) return std::nullopt;
    return param(detail::clamp_value(*x, detail::k_max_10_4, name, clamps));
  };
  if (const std::optional<backtest_summary>& bt = plan.accuracy) {
    out.mape = metric(bt->mape, "test_mape");
    out.rmse = metric(bt->rmse, "test_rmse");
    out.mae = metric(bt->mae, "test_mae");
    out.bias = metric(bt->bias, "test_bias");
    out.r_squared = metric(bt->r_squared, "test_r_squared");
    if (std::isfinite(bt->confidence)) out.confidence = param(std::clamp(bt->confidence, 0.0, 1.0));
  }

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
  // What the test_* metrics measured: the model re-estimated at every origin ("full") or the
  // whole history's fit run over each window ("fixed", planning_policy::refit).
  if (plan.accuracy) params.string("backtest_refit", plan.accuracy->refitted ? "full" : "fixed");
  out.params = params.str();

  const prediction_interval<double>* i80 = find_interval(fit.fc, 0.80);
  const prediction_interval<double>* i95 = find_interval(fit.fc, 0.95);
  out.horizon = fit.fc.mean.size();
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
  for (std::size_t k = 0; k < out.horizon; ++k) {
    rows.dates.add(detail::add_days(out.first_forecast_day, static_cast<long long>(k)));
    rows.labels.add(horizon_label(static_cast<int>(k + 1)));
    rows.mean.add(q(fit.fc.mean[k], "forecasted_demand_quantity"));
    bound(rows.lo80, i80 ? &i80->lower : nullptr, k, "lower_bound_80_pct");
    bound(rows.hi80, i80 ? &i80->upper : nullptr, k, "upper_bound_80_pct");
    bound(rows.lo95, i95 ? &i95->lower : nullptr, k, "lower_bound_95_pct");
    bound(rows.hi95, i95 ? &i95->upper : nullptr, k, "upper_bound_95_pct");
  }
  return out;
}

material_generation generation_of(const mapped_plan& m, const material_plan& plan) {
  material_generation out;
  out.material_id = m.material;
  out.algorithm = m.algorithm;
  out.model_name = plan.fit.model_name;
  out.reason = m.reason;
  out.status = generation_status::written;
  return out;
}

}  // namespace

// Each statement once for all the plans (unnest of arrays with one element per material, or
// per forecast row).
std::vector<material_generation> detail::write_forecast_batch(
    transaction& tx, std::string_view fn, const scope& where,
    std::span<const material_plan* const> plans, std::span<const std::string> uoms,
    const forecast_write_options& o, std::size_t& clamped) {
  std::vector<material_generation> out;
  if (plans.empty()) return out;
  write_report clamps;
  forecast_arrays rows;
  array_builder row_material;  // per forecast row: the 1-based index of its plan
  array_builder ids, names, algorithms, starts, ends, sizes, params, mape, rmse, mae, bias, r2,
      confidence, first_days;
  std::vector<mapped_plan> mapped;
  mapped.reserve(plans.size());
  std::map<std::string, std::size_t, std::less<>> index;  // material -> position in plans
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const material_plan& plan = *plans[i];
    mapped.push_back(map_plan(where, plan, rows, clamps));
    const mapped_plan& m = mapped.back();
    if (!index.emplace(m.material, i).second) {
      invforecast::detail::throw_invalid(fn, "plans: material " + m.material + " listed twice");
    }
    for (std::size_t k = 0; k < m.horizon; ++k) row_material.add(static_cast<long long>(i + 1));
    out.push_back(generation_of(m, plan));
    ids.add(m.material);
    names.add(m.model_name);
    algorithms.add(m.algorithm);
    starts.add(plan.history_start);
    ends.add(plan.as_of);
    sizes.add(m.sample_size);
    params.add(m.params);
    mape.add(m.mape);
    rmse.add(m.rmse);
    mae.add(m.mae);
    bias.add(m.bias);
    r2.add(m.r_squared);
    confidence.add(m.confidence);
    first_days.add(m.first_forecast_day);
  }
  const param_value tenant = param(where.tenant_id);
  const param_value facility = param(where.facility_id);

  // Every material's advisory lock (lock_material's key), in byte order of the ids as
  // generate_forecasts takes them: two writers of overlapping sets cannot deadlock.
  tx.exec(fn,
          "SELECT count(pg_advisory_xact_lock(1229870663, hashtext($1 || '/' || $2 || '/' || "
          "s.m))) FROM (SELECT m FROM unnest($3::text[]) AS t(m) ORDER BY m COLLATE \"C\") s",
          {param(detail::lower(where.tenant_id)), param(detail::lower(where.facility_id)),
           ids.value()});

  // The uom: the caller's (the history read's latest row), else the material's latest
  // demand_uom (latest_uom's rule, for all lacking one at once), else the default.
  std::vector<std::string> uom(plans.size());
  array_builder lacking;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    if (i < uoms.size()) uom[i] = uoms[i];
    if (uom[i].empty()) lacking.add(mapped[i].material);
  }
  if (lacking.size() > 0) {
    const result u =
        tx.exec(fn,
                "SELECT DISTINCT ON (material_id) material_id::text, demand_uom FROM "
                "demand_history WHERE tenant_id = $1::uuid AND facility_id = $2::uuid AND "
                "material_id = ANY($3::uuid[]) AND deleted_at IS NULL "
                "ORDER BY material_id, demand_date DESC",
                {tenant, facility, lacking.value()});
    for (int r = 0; r < u.rows(); ++r) {
      const auto it = index.find(u.text(r, 0));
      if (it != index.end() && uom[it->second].empty()) uom[it->second] = std::string(u.text(r, 1));
    }
  }
  array_builder uom_values;
  for (auto& u : uom) {
    if (u.empty()) u = o.default_uom;
    uom_values.add(u);
  }

  const result v = tx.exec(
      fn,
      "SELECT GREATEST("
      " (SELECT COALESCE(MAX(forecast_version), 0) FROM material_forecasts WHERE tenant_id = "
      "  $1::uuid AND facility_id = $2::uuid AND material_id = t.m),"
      " (SELECT COALESCE(MAX(model_version::int), 0) FROM forecast_models WHERE tenant_id = "
      "  $1::uuid AND model_name = t.n AND model_version ~ '^[0-9]{1,9}$')) + 1 "
      "FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS t(m, n, k) ORDER BY t.k",
      {tenant, facility, ids.value(), names.value()});
  if (v.rows() != static_cast<int>(plans.size())) {
    throw sql_error(std::string(fn) + ": next forecast versions: " + std::to_string(v.rows()) +
                        " rows for " + std::to_string(plans.size()) + " materials",
                    "", false);
  }
  array_builder versions, version_texts;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    out[i].version = static_cast<int>(v.integer(static_cast<int>(i), 0));
    versions.add(out[i].version);
    version_texts.add(std::to_string(out[i].version));
  }

  tx.exec(fn,
          "UPDATE forecast_models f SET model_status = 'RETIRED', retirement_timestamp = now(), "
          "retirement_reason = 'superseded by forecast version ' || t.v, updated_at = now(), "
          "updated_by = $3 FROM unnest($4::uuid[], $5::text[]) AS t(m, v) "
          "WHERE f.tenant_id = $1::uuid AND f.facility_id = $2::uuid AND f.material_id = t.m "
          "AND f.model_status = 'ACTIVE'",
          {tenant, facility, param(o.user), ids.value(), version_texts.value()});
  const result mr = tx.exec(
      fn,
      "INSERT INTO forecast_models (tenant_id, facility_id, material_id, model_name, "
      "  model_algorithm, model_version, training_start_date, training_end_date, "
      "  training_sample_size, training_timestamp, model_hyperparameters, feature_list, "
      "  test_mape, test_rmse, test_mae, test_bias, test_r_squared, model_status, created_by, "
      "  updated_by) "
      "SELECT $1::uuid, $2::uuid, t.m, t.n, t.a, t.v, t.s, t.e, t.z, now(), t.p::jsonb, "
      "  '[\"actual_demand_quantity\"]'::jsonb, t.mape, t.rmse, t.mae, t.bias, t.r2, 'ACTIVE', "
      "  $3, $3 "
      "FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], "
      "  $10::int[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[], "
      "  $15::numeric[], $16::numeric[]) AS t(m, n, a, v, s, e, z, p, mape, rmse, mae, bias, r2) "
      "RETURNING material_id::text, forecast_model_id::text",
      {tenant, facility, param(o.user), ids.value(), names.value(), algorithms.value(),
       version_texts.value(), starts.value(), ends.value(), sizes.value(), params.value(),
       mape.value(), rmse.value(), mae.value(), bias.value(), r2.value()});
  for (int r = 0; r < mr.rows(); ++r) {
    const auto it = index.find(mr.text(r, 0));
    if (it != index.end()) out[it->second].forecast_model_id = std::string(mr.text(r, 1));
  }
  array_builder model_ids;
  for (const auto& g : out) {
    if (g.forecast_model_id.empty()) {
      throw sql_error(
          std::string(fn) + ": forecast_models: no row stored for material " + g.material_id, "",
          false);
    }
    model_ids.add(g.forecast_model_id);
  }

  const result ins = tx.exec(
      fn,
      "WITH i AS (INSERT INTO material_forecasts (tenant_id, facility_id, material_id, "
      "  forecast_model_id, forecast_date, forecast_horizon, forecast_algorithm, "
      "  forecast_version, forecast_generation_timestamp, forecasted_demand_quantity, "
      "  forecast_uom, lower_bound_80_pct, upper_bound_80_pct, lower_bound_95_pct, "
      "  upper_bound_95_pct, model_confidence_score, forecast_status, created_by) "
      "SELECT $1::uuid, $2::uuid, p.m, p.f, t.d, t.hz, p.a, p.v, now(), t.q, p.u, "
      "  t.l80, t.u80, t.l95, t.u95, p.c, 'ACTIVE', $3 "
      "FROM unnest($4::int[], $5::date[], $6::text[], $7::numeric[], $8::numeric[], "
      "  $9::numeric[], $10::numeric[], $11::numeric[]) AS t(k, d, hz, q, l80, u80, l95, u95) "
      "JOIN unnest($12::uuid[], $13::uuid[], $14::text[], $15::int[], $16::text[], "
      "  $17::numeric[]) WITH ORDINALITY AS p(m, f, a, v, u, c, k) ON p.k = t.k "
      "RETURNING material_id) SELECT material_id::text, count(*) FROM i GROUP BY 1",
      {tenant, facility, param(o.user), row_material.value(), rows.dates.value(),
       rows.labels.value(), rows.mean.value(), rows.lo80.value(), rows.hi80.value(),
       rows.lo95.value(), rows.hi95.value(), ids.value(), model_ids.value(), algorithms.value(),
       versions.value(), uom_values.value(), confidence.value()});
  for (int r = 0; r < ins.rows(); ++r) {
    const auto it = index.find(ins.text(r, 0));
    if (it != index.end()) out[it->second].rows = static_cast<int>(ins.integer(r, 1));
  }

  const result sup = tx.exec(
      fn,
      "WITH s AS (UPDATE material_forecasts o SET forecast_status = 'SUPERSEDED', "
      "  superseded_timestamp = now(), superseded_by_forecast_id = ("
      "    SELECT n.material_forecast_id FROM material_forecasts n WHERE n.tenant_id = o.tenant_id "
      "    AND n.facility_id = o.facility_id AND n.material_id = o.material_id "
      "    AND n.forecast_date = o.forecast_date AND n.forecast_version = t.v) "
      "FROM unnest($3::uuid[], $4::int[], $5::date[]) AS t(m, v, d) "
      "WHERE o.tenant_id = $1::uuid AND o.facility_id = $2::uuid AND o.material_id = t.m "
      "  AND o.forecast_status = 'ACTIVE' AND o.forecast_version < t.v "
      "  AND o.forecast_date >= t.d RETURNING o.material_id) "
      "SELECT material_id::text, count(*) FROM s GROUP BY 1",
      {tenant, facility, ids.value(), versions.value(), first_days.value()});
  for (int r = 0; r < sup.rows(); ++r) {
    const auto it = index.find(sup.text(r, 0));
    if (it != index.end()) out[it->second].superseded = sup.integer(r, 1);
  }
  clamped += clamps.clamped_values;
  return out;
}

material_generation detail::write_forecast_rows(transaction& tx, std::string_view fn,
                                                const scope& where, const material_plan& plan,
                                                std::string uom, const forecast_write_options& o,
                                                std::size_t& clamped) {
  const material_plan* const plans[] = {&plan};
  return detail::write_forecast_batch(tx, fn, where, plans, std::span<const std::string>(&uom, 1),
                                      o, clamped)
      .front();
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
  if (options.commit == commit_scope::whole_call) {
    // One transaction: the batched write when the materials are distinct (a material listed
    // twice gets two versions, in order, from the per-plan write below).
    // Written in chunks of k_chunk plans (bounded statements), in byte order of the ids so
    // that the chunks' advisory locks are taken in one order, as a single batch takes them.
    constexpr std::size_t k_chunk = 500;
    std::vector<std::pair<std::string, std::size_t>> order;  // (id, index in plans)
    order.reserve(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
      order.emplace_back(detail::lower(plans[i].material), i);
    }
    std::sort(order.begin(), order.end());
    const auto same_id = [](const auto& a, const auto& b) { return a.first == b.first; };
    if (std::adjacent_find(order.begin(), order.end(), same_id) == order.end()) {
      std::vector<material_generation> g(plans.size());
      transaction tx(conn, where.tenant_id);
      for (std::size_t begin = 0; begin < order.size(); begin += k_chunk) {
        const std::size_t end = std::min(order.size(), begin + k_chunk);
        std::vector<const material_plan*> chunk;
        chunk.reserve(end - begin);
        for (std::size_t k = begin; k < end; ++k) chunk.push_back(&plans[order[k].second]);
        std::vector<material_generation> written =
            detail::write_forecast_batch(tx, fn, where, chunk, {}, options, report.clamped_values);
        for (std::size_t k = begin; k < end; ++k) {
          g[order[k].second] = std::move(written[k - begin]);
        }
      }
      tx.commit();
      for (auto& m : g) count(report, std::move(m));
      return report;
    }
  }
  std::optional<transaction> whole;
  if (options.commit == commit_scope::whole_call) whole.emplace(conn, where.tenant_id);
  for (const material_plan& p : plans) {
    std::optional<transaction> own;
    if (!whole) own.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *own;
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
