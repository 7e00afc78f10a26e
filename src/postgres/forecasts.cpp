// material_forecasts / forecast_models: reads and forecast generation.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/confidence.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/version.hpp"

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

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The forecaster options for an ERP algorithm code (empty when unknown).
std::optional<forecaster_options<double>> options_for(std::string_view algorithm) {
  forecaster_options<double> o;
  const std::string a = upper(algorithm);
  if (a.empty() || a == "AUTO" || a == "ETS" || a == "AUTOMATIC") {
    o.kind = method::automatic;
  } else if (a == "MOVING_AVERAGE" || a == "MA") {
    o.kind = method::moving_average;
  } else if (a == "EXP_SMOOTHING" || a == "EXPONENTIAL_SMOOTHING" || a == "SES") {
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
  } else if (a == "CROSTON") {
    o.kind = method::croston;
  } else if (a == "SBA") {
    o.kind = method::sba;
  } else if (a == "SBJ") {
    o.kind = method::sbj;
  } else if (a == "TSB") {
    o.kind = method::tsb;
  } else if (a == "MEAN") {
    o.kind = method::mean;
  } else if (a == "NAIVE") {
    o.kind = method::naive;
  } else {
    try {
      o.kind = method::ets;
      o.ets = ets_model::parse(algorithm);
    } catch (const invalid_argument&) {
      return std::nullopt;
    }
  }
  return o;
}

// ERP algorithm code of a fit: ETS without trend and season EXP_SMOOTHING, with trend only
// HOLT, with a season HOLT_WINTERS; otherwise the method's name (MOVING_AVERAGE, CROSTON, ...).
std::string erp_algorithm(const model_fit<double>& fit) {
  if (fit.kind != method::ets) return std::string(method_name(fit.kind));
  // model_name is "ETS(E,T,S)"
  const std::string& n = fit.model_name;
  const auto open = n.find('(');
  const auto c1 = n.find(',', open);
  const auto c2 = n.find(',', c1 + 1);
  const auto close = n.find(')', c2);
  if (open == std::string::npos || c1 == std::string::npos || c2 == std::string::npos ||
      close == std::string::npos) {
    return "EXP_SMOOTHING";
  }
  const std::string trend = n.substr(c1 + 1, c2 - c1 - 1);
  const std::string season = n.substr(c2 + 1, close - c2 - 1);
  if (season != "N") return "HOLT_WINTERS";
  if (trend != "N") return "HOLT";
  return "EXP_SMOOTHING";
}

// Options that refit the chosen model form (for the backtest).
forecaster_options<double> refit_options(const model_fit<double>& fit,
                                         const forecaster_options<double>& asked) {
  forecaster_options<double> o = asked;
  o.kind = fit.kind;
  o.season_length = fit.season_length;
  if (fit.kind == method::ets) {
    const std::string& n = fit.model_name;
    std::string code;
    for (const char c : n.substr(std::min(n.size(), std::size_t{4}))) {
      if (c != ',' && c != ')' && c != '(') code += c;
    }
    try {
      o.ets = ets_model::parse(code);
    } catch (const invalid_argument&) {
      o.kind = method::automatic;
    }
  }
  return o;
}

std::string_view horizon_label(int step) {
  if (step <= 30) return "SHORT_TERM";
  if (step <= 90) return "MEDIUM_TERM";
  return "LONG_TERM";
}

struct material_settings {
  std::optional<std::string> algorithm;
  std::optional<int> horizon;
  std::optional<int> minimum_history;
  bool enabled = true;
};

struct backtest_summary {
  model_test_metrics<double> metrics;
  std::optional<double> confidence;
};

std::optional<backtest_summary> run_backtest(std::span<const double> y,
                                             const forecaster_options<double>& options, int horizon,
                                             int origins) {
  if (origins <= 0) return std::nullopt;
  const int h = std::min(horizon, 28);
  constexpr std::size_t step = 7;
  const std::size_t needed =
      14 + static_cast<std::size_t>(h) + step * static_cast<std::size_t>(origins - 1);
  if (y.size() < needed) return std::nullopt;
  backtest_options<double> bo;
  bo.initial_window =
      y.size() - static_cast<std::size_t>(h) - step * static_cast<std::size_t>(origins - 1);
  bo.horizon = h;
  bo.step = step;
  bo.max_origins = static_cast<std::size_t>(origins);
  bo.threads = 1;
  bo.levels = default_levels<double>;
  bo.season_length = std::max(1, options.season_length);
  const auto model = [&options](std::span<const double> train, int steps) {
    return fit_and_forecast<double>(train, options, steps).fc;
  };
  const backtest_result<double> r = backtest<double>(y, model, bo);
  return backtest_summary{to_model_test_metrics(r), model_confidence_score(r)};
}

struct generation_context {
  const scope* where;
  const generate_options* options;
  year_month_day as_of;
  std::vector<std::string> material_columns;
  bool has(std::string_view c) const {
    return std::find(material_columns.begin(), material_columns.end(), c) != material_columns.end();
  }
};

material_settings read_settings(transaction& tx, const generation_context& ctx,
                                const std::string& material) {
  material_settings s;
  if (ctx.material_columns.empty()) return s;
  std::string select;
  for (const char* c : {"forecast_algorithm", "forecast_horizon_days",
                        "minimum_forecast_history_days", "forecasting_enabled"}) {
    select += select.empty() ? "" : ", ";
    select += ctx.has(c) ? std::string(c) + "::text" : "NULL::text";
  }
  const result r =
      tx.exec("generate_forecasts", "SELECT " + select + " FROM materials WHERE id = $1::uuid",
              {param(material)});
  if (r.rows() == 0) return s;
  if (!r.is_null(0, 0)) s.algorithm = std::string(r.text(0, 0));
  if (auto v = r.optional_integer(0, 1)) s.horizon = static_cast<int>(*v);
  if (auto v = r.optional_integer(0, 2)) s.minimum_history = static_cast<int>(*v);
  if (!r.is_null(0, 3)) s.enabled = r.boolean(0, 3);
  return s;
}

material_generation generate_one(transaction& tx, const generation_context& ctx,
                                 const std::string& material, std::size_t& clamped) {
  constexpr std::string_view fn = "generate_forecasts";
  const scope& where = *ctx.where;
  const generate_options& o = *ctx.options;
  material_generation out;
  out.material_id = material;

  // Serialise generators of the same material (released at commit / rollback).
  tx.exec(fn, "SELECT pg_advisory_xact_lock(1229870663, hashtext($1 || '/' || $2 || '/' || $3))",
          {param(detail::lower(where.tenant_id)), param(detail::lower(where.facility_id)),
           param(material)});

  const material_settings settings = read_settings(tx, ctx, material);
  const std::string algorithm = o.algorithm ? *o.algorithm : settings.algorithm.value_or("AUTO");
  const int horizon = o.horizon_days ? *o.horizon_days : settings.horizon.value_or(90);
  const int minimum =
      o.minimum_history_days ? *o.minimum_history_days : settings.minimum_history.value_or(28);
  if (horizon < 1 || horizon > 3660) {
    out.reason = "forecast_horizon_days = " + std::to_string(horizon) + ", must be in [1, 3660]";
    return out;
  }
  const auto options = options_for(algorithm);
  if (!options) {
    out.reason = "unknown forecast_algorithm '" + algorithm + "'";
    return out;
  }

  const year_month_day window_start = detail::add_days(ctx.as_of, -o.history_days);
  const result h =
      tx.exec(fn,
              "SELECT demand_date, actual_demand_quantity, demand_uom FROM demand_history "
              "WHERE tenant_id = $1::uuid AND facility_id = $2::uuid AND material_id = $3::uuid "
              "AND demand_date >= $4::date AND demand_date < $5::date AND deleted_at IS NULL "
              "ORDER BY demand_date",
              {param(where.tenant_id), param(where.facility_id), param(material),
               param(window_start), param(ctx.as_of)});
  if (h.rows() == 0) {
    out.reason = "no demand history in the " + std::to_string(o.history_days) + " days before " +
                 *param(ctx.as_of);
    return out;
  }
  const year_month_day first = h.date(0, 0);
  const auto n = static_cast<std::size_t>(detail::days_between(first, ctx.as_of));
  if (static_cast<long long>(n) < minimum) {
    out.reason = "history of " + std::to_string(n) + " days, fewer than the minimum " +
                 std::to_string(minimum);
    return out;
  }
  std::vector<double> y(n, 0.0);
  for (int i = 0; i < h.rows(); ++i) {
    y[static_cast<std::size_t>(detail::days_between(first, h.date(i, 0)))] = h.number(i, 1);
  }
  const std::string uom = std::string(h.text(h.rows() - 1, 2));

  model_fit<double> fit;
  try {
    fit = fit_and_forecast<double>(std::span<const double>(y), *options, horizon);
  } catch (const invforecast::error& e) {
    out.reason = std::string("model failed: ") + e.what();
    return out;
  }
  std::optional<backtest_summary> bt;
  std::string backtest_note;
  try {
    bt = run_backtest(y, refit_options(fit, *options), horizon, o.backtest_origins);
  } catch (const invforecast::error& e) {
    backtest_note = std::string("; backtest failed (test metrics NULL): ") + e.what();
  }
  const prediction_interval<double>& i80 = fit.fc.interval(0.80);
  const prediction_interval<double>& i95 = fit.fc.interval(0.95);

  const result v = tx.exec(
      fn,
      "SELECT GREATEST("
      " (SELECT COALESCE(MAX(forecast_version), 0) FROM material_forecasts WHERE tenant_id = "
      "  $1::uuid AND facility_id = $2::uuid AND material_id = $3::uuid),"
      " (SELECT COALESCE(MAX(model_version::int), 0) FROM forecast_models WHERE tenant_id = "
      "  $1::uuid AND model_name = $4 AND model_version ~ '^[0-9]{1,9}$')) + 1",
      {param(where.tenant_id), param(where.facility_id), param(material),
       param("invforecast/" + material + "/" + detail::lower(where.facility_id))});
  out.version = static_cast<int>(v.integer(0, 0));
  out.algorithm = erp_algorithm(fit);
  out.model_name = fit.model_name;
  out.reason = fit.reason + backtest_note;

  write_report clamps;
  auto metric = [&](std::optional<double> x, const char* name) -> param_value {
    if (!x) return std::nullopt;
    return param(detail::clamp_value(*x, detail::k_max_10_4, name, clamps));
  };
  std::optional<double> confidence;
  if (bt && bt->confidence) confidence = std::clamp(*bt->confidence, 0.0, 1.0);

  detail::json_object params;
  params.string("library", "invforecast")
      .string("library_version", version_string)
      .string("model", fit.model_name)
      .string("method", method_name(fit.kind))
      .string("requested", algorithm)
      .string("status", fit_status_name(fit.status))
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
      .string("reason", fit.reason);

  const year_month_day training_end = detail::add_days(ctx.as_of, -1);
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
      {param(where.tenant_id), param(where.facility_id), param(material),
       param("invforecast/" + material + "/" + detail::lower(where.facility_id)),
       param(out.algorithm), param(std::to_string(out.version)), param(first), param(training_end),
       param(static_cast<long long>(n)), param(params.str()),
       bt ? metric(bt->metrics.test_mape, "test_mape") : param_value{},
       bt ? metric(bt->metrics.test_rmse, "test_rmse") : param_value{},
       bt ? metric(bt->metrics.test_mae, "test_mae") : param_value{},
       bt ? metric(bt->metrics.test_bias, "test_bias") : param_value{},
       bt ? metric(bt->metrics.test_r_squared, "test_r_squared") : param_value{}, param(o.user)});
  out.forecast_model_id = std::string(m.text(0, 0));

  array_builder dates, labels, mean, lo80, hi80, lo95, hi95;
  dates.reserve(static_cast<std::size_t>(horizon));
  for (int s = 1; s <= horizon; ++s) {
    const auto k = static_cast<std::size_t>(s - 1);
    auto q = [&](double x, const char* name) {
      if (!std::isfinite(x)) x = 0;  // never reached: forecasts are finite by contract
      return detail::clamp_value(std::max(0.0, x), detail::k_max_quantity, name, clamps);
    };
    dates.add(detail::add_days(ctx.as_of, s - 1));
    labels.add(horizon_label(s));
    mean.add(q(fit.fc.mean[k], "forecasted_demand_quantity"));
    lo80.add(q(i80.lower[k], "lower_bound_80_pct"));
    hi80.add(q(i80.upper[k], "upper_bound_80_pct"));
    lo95.add(q(i95.lower[k], "lower_bound_95_pct"));
    hi95.add(q(i95.upper[k], "upper_bound_95_pct"));
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
       param(ctx.as_of)});
  out.superseded = sup.affected();
  out.status = generation_status::written;
  clamped += clamps.clamped_values;
  return out;
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

generate_report generate_forecasts(connection& conn, const scope& where,
                                   const generate_options& options) {
  constexpr std::string_view fn = "generate_forecasts";
  detail::check_scope(fn, where);
  for (std::size_t i = 0; i < options.material_ids.size(); ++i) {
    check_uuid(fn, "material_ids[" + std::to_string(i) + "]", options.material_ids[i]);
  }
  if (options.horizon_days && (*options.horizon_days < 1 || *options.horizon_days > 3660)) {
    invforecast::detail::throw_invalid_value(fn, "horizon_days", *options.horizon_days,
                                             "in [1, 3660]");
  }
  if (options.history_days < 1 || options.history_days > 20000) {
    invforecast::detail::throw_invalid_value(fn, "history_days", options.history_days,
                                             "in [1, 20000]");
  }
  if (options.minimum_history_days && *options.minimum_history_days < 1) {
    invforecast::detail::throw_invalid_value(fn, "minimum_history_days",
                                             *options.minimum_history_days, ">= 1");
  }
  if (options.backtest_origins < 0 || options.backtest_origins > 52) {
    invforecast::detail::throw_invalid_value(fn, "backtest_origins", options.backtest_origins,
                                             "in [0, 52]");
  }
  if (options.part.count == 0 || options.part.index >= options.part.count) {
    invforecast::detail::throw_invalid(fn, "part = " + std::to_string(options.part.index) + " of " +
                                               std::to_string(options.part.count) +
                                               ", must have index < count and count >= 1");
  }
  if (options.default_uom.empty() || options.default_uom.size() > 10) {
    invforecast::detail::throw_invalid(
        fn, "default_uom = '" + options.default_uom + "', must be 1 to 10 characters");
  }
  if (options.as_of) detail::check_date(fn, "as_of", *options.as_of);

  generation_context ctx{&where, &options, {}, {}};
  generate_report report;
  std::vector<std::string> materials;
  {
    // Setup reads in their own short transaction.
    transaction tx(conn, where.tenant_id);
    if (options.as_of) {
      ctx.as_of = *options.as_of;
    } else {
      ctx.as_of = tx.exec(fn, "SELECT current_date").date(0, 0);
    }
    ctx.material_columns =
        detail::existing_columns(tx, "materials",
                                 {"forecast_algorithm", "forecast_horizon_days",
                                  "minimum_forecast_history_days", "forecasting_enabled"});
    if (options.material_ids.empty()) {
      const bool filter = ctx.has("forecasting_enabled");
      const result r = tx.exec(
          fn,
          std::string("SELECT DISTINCT dh.material_id::text FROM demand_history dh "
                      "WHERE dh.tenant_id = $1::uuid AND dh.facility_id = $2::uuid "
                      "AND dh.deleted_at IS NULL") +
              (filter ? " AND NOT EXISTS (SELECT 1 FROM materials m WHERE m.id = dh.material_id "
                        "AND m.forecasting_enabled IS FALSE)"
                      : "") +
              " ORDER BY 1",
          {param(where.tenant_id), param(where.facility_id)});
      for (int i = 0; i < r.rows(); ++i) materials.emplace_back(r.text(i, 0));
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

  std::optional<transaction> whole;
  if (options.commit == commit_scope::whole_call) whole.emplace(conn, where.tenant_id);
  for (const std::string& material : materials) {
    std::optional<transaction> own;
    if (!whole) own.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *own;
    material_generation g = generate_one(tx, ctx, material, report.clamped_values);
    if (own) own->commit();
    if (g.status == generation_status::written) {
      ++report.written;
    } else {
      ++report.skipped;
    }
    report.materials.push_back(std::move(g));
  }
  if (whole) whole->commit();
  return report;
}

}  // namespace invforecast::pg
