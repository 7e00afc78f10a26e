// demand_history and forecast_accuracy_metrics operations.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "common.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/series/calendar.hpp"

namespace invforecast::pg {

// ---- shared helpers --------------------------------------------------------------------------

unsigned shard_of(std::string_view material_id, unsigned count) {
  if (count == 0) invforecast::detail::throw_invalid_value("shard_of", "count", count, ">= 1");
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis
  for (const char c : material_id) {
    if (c == '-') continue;
    h ^= static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
    h *= 1099511628211ULL;  // FNV prime
  }
  return static_cast<unsigned>(h % count);
}

namespace detail {

std::vector<std::string> existing_columns(transaction& tx, std::string_view table,
                                          const std::vector<std::string>& wanted) {
  array_builder names;
  for (const auto& w : wanted) names.add(w);
  const result r =
      tx.exec("existing_columns",
              "SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass($1) "
              "AND attname = ANY($2::text[]) AND NOT attisdropped AND attnum > 0",
              {param(table), names.value()});
  std::vector<std::string> found;
  for (int i = 0; i < r.rows(); ++i) found.emplace_back(r.text(i, 0));
  return found;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace detail

namespace {

using detail::array_builder;
using std::chrono::year_month_day;

constexpr long long k_max_days = 20000;
constexpr std::size_t k_chunk = 5000;

// The ACTIVE forecast made for a day (manual override when set; highest ACTIVE version).
constexpr const char* k_effective_forecast =
    "CASE WHEN mf.is_manually_overridden AND mf.manual_override_quantity IS NOT NULL "
    "THEN mf.manual_override_quantity ELSE mf.forecasted_demand_quantity END";

// Write-back: $1 tenant, $2 facility, then the CTE `keys(m, d)` supplied by the caller.
std::string write_back_sql(const std::string& keys_cte) {
  return "WITH keys AS (" + keys_cte +
         "), f AS ("
         "  SELECT DISTINCT ON (mf.material_id, mf.forecast_date) mf.material_id, "
         "         mf.forecast_date, " +
         std::string(k_effective_forecast) +
         " AS q"
         "  FROM material_forecasts mf JOIN keys ON mf.material_id = keys.m "
         "       AND mf.forecast_date = keys.d"
         "  WHERE mf.tenant_id = $1::uuid AND mf.facility_id = $2::uuid "
         "    AND mf.forecast_status = 'ACTIVE'"
         "  ORDER BY mf.material_id, mf.forecast_date, mf.forecast_version DESC) "
         "UPDATE demand_history dh SET forecasted_demand_quantity = f.q, "
         "  forecast_error = dh.actual_demand_quantity - f.q, "
         "  absolute_percentage_error = CASE WHEN dh.actual_demand_quantity > 0 THEN "
         "    LEAST(round(100 * abs(dh.actual_demand_quantity - f.q) / dh.actual_demand_quantity, "
         "2), 999.99) END, "
         "  updated_at = now() "
         "FROM f WHERE dh.tenant_id = $1::uuid AND dh.facility_id = $2::uuid "
         "  AND dh.material_id = f.material_id AND dh.demand_date = f.forecast_date "
         "  AND dh.deleted_at IS NULL "
         "RETURNING dh.material_id::text, dh.demand_date, "
         "  (dh.actual_demand_quantity > 0 AND 100 * abs(dh.actual_demand_quantity - f.q) "
         "   / dh.actual_demand_quantity >= 999.995) AS clamped";
}

void count_write_back(const result& r, write_report& report) {
  report.forecasts_applied += r.rows();
  for (int i = 0; i < r.rows(); ++i) {
    if (r.boolean(i, 2)) {
      ++report.clamped_values;
      if (report.notes.size() < 100) {
        report.notes.push_back("absolute_percentage_error of material " +
                               std::string(r.text(i, 0)) + " on " + std::string(r.text(i, 1)) +
                               " clamped to 999.99");
      }
    }
  }
}

// One row of the demand upsert (after summing entries per material and day).
struct day_key {
  std::string material;
  year_month_day date;
  bool operator<(const day_key& o) const {
    if (material != o.material) return material < o.material;
    return std::chrono::sys_days{date} < std::chrono::sys_days{o.date};
  }
};

struct day_values {
  double total = 0;
  double sources[4] = {0, 0, 0, 0};  // sales, production, transfer, scrap
  std::string uom;
  std::optional<double> price;
  std::optional<double> discount;
  bool holiday = false;
  bool promotional = false;
  bool campaign = false;
};

const std::string k_upsert_sql =
    "INSERT INTO demand_history AS dh (tenant_id, facility_id, material_id, demand_date, year, "
    "  month, week_of_year, day_of_week, quarter, is_holiday, is_promotional_period, "
    "  actual_demand_quantity, demand_uom, sales_order_demand, production_order_demand, "
    "  transfer_order_demand, scrap_adjustment, avg_unit_price, promotional_discount_pct, "
    "  marketing_campaign_active, created_by, updated_by) "
    "SELECT $1::uuid, $2::uuid, t.m, t.d, EXTRACT(YEAR FROM t.d)::int, EXTRACT(MONTH FROM "
    "t.d)::int, "
    "  EXTRACT(WEEK FROM t.d)::int, EXTRACT(ISODOW FROM t.d)::int, EXTRACT(QUARTER FROM t.d)::int, "
    "  t.h, t.pr, t.q, t.u, t.so, t.po, t.tr, t.sc, t.p, t.disc, t.mc, $15, $15 "
    "FROM unnest($3::uuid[], $4::date[], $5::numeric[], $6::text[], $7::numeric[], "
    "  $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], "
    "  $13::bool[], $14::bool[], $17::bool[]) AS t(m, d, q, u, so, po, tr, sc, p, disc, h, pr, mc) "
    "ON CONFLICT (tenant_id, facility_id, material_id, demand_date) DO UPDATE SET "
    "  actual_demand_quantity = CASE WHEN $16 AND dh.deleted_at IS NULL "
    "    THEN dh.actual_demand_quantity ELSE 0 END + EXCLUDED.actual_demand_quantity, "
    "  sales_order_demand = CASE WHEN $16 AND dh.deleted_at IS NULL "
    "    THEN COALESCE(dh.sales_order_demand, 0) ELSE 0 END + EXCLUDED.sales_order_demand, "
    "  production_order_demand = CASE WHEN $16 AND dh.deleted_at IS NULL "
    "    THEN COALESCE(dh.production_order_demand, 0) ELSE 0 END + "
    "    EXCLUDED.production_order_demand, "
    "  transfer_order_demand = CASE WHEN $16 AND dh.deleted_at IS NULL "
    "    THEN COALESCE(dh.transfer_order_demand, 0) ELSE 0 END + EXCLUDED.transfer_order_demand, "
    "  scrap_adjustment = CASE WHEN $16 AND dh.deleted_at IS NULL "
    "    THEN COALESCE(dh.scrap_adjustment, 0) ELSE 0 END + EXCLUDED.scrap_adjustment, "
    "  demand_uom = CASE WHEN $16 AND dh.deleted_at IS NULL THEN dh.demand_uom "
    "    ELSE EXCLUDED.demand_uom END, "
    "  avg_unit_price = COALESCE(EXCLUDED.avg_unit_price, dh.avg_unit_price), "
    "  promotional_discount_pct = COALESCE(EXCLUDED.promotional_discount_pct, "
    "    dh.promotional_discount_pct), "
    "  is_holiday = EXCLUDED.is_holiday OR ($16 AND dh.deleted_at IS NULL AND dh.is_holiday), "
    "  is_promotional_period = EXCLUDED.is_promotional_period OR "
    "    ($16 AND dh.deleted_at IS NULL AND dh.is_promotional_period), "
    "  marketing_campaign_active = EXCLUDED.marketing_campaign_active OR "
    "    ($16 AND dh.deleted_at IS NULL AND dh.marketing_campaign_active), "
    "  updated_at = now(), updated_by = EXCLUDED.updated_by, deleted_at = NULL, "
    "  deleted_by = NULL "
    "RETURNING (xmax = 0) AS inserted";

void check_uom(std::string_view function, std::string_view uom) {
  if (uom.empty() || uom.size() > 10) {
    throw invalid_argument(std::string(function) + ": uom = '" + std::string(uom) +
                           "', must be 1 to 10 characters (VARCHAR(10))");
  }
}

// Upserts the summed days (chunked, inside `tx`), then writes their forecasts back.
write_report upsert_days(transaction& tx, const scope& where,
                         const std::map<day_key, day_values>& days, const record_options& options) {
  write_report report;
  const bool add = options.mode == upsert_mode::add;
  auto it = days.begin();
  while (it != days.end()) {
    array_builder m, d, q, u, so, po, tr, sc, p, disc, h, pr, mc;
    std::size_t n = 0;
    for (; it != days.end() && n < k_chunk; ++it, ++n) {
      const day_values& v = it->second;
      m.add(it->first.material);
      d.add(it->first.date);
      q.add(v.total);
      u.add(v.uom);
      so.add(v.sources[0]);
      po.add(v.sources[1]);
      tr.add(v.sources[2]);
      sc.add(v.sources[3]);
      p.add(v.price);
      if (v.discount) {
        disc.add(detail::clamp_value(*v.discount, detail::k_max_pct_5_2, "promotional_discount_pct",
                                     report));
      } else {
        disc.add_null();
      }
      h.add(v.holiday);
      pr.add(v.promotional);
      mc.add(v.campaign);
    }
    const result r =
        tx.exec("record_demand", k_upsert_sql,
                {param(where.tenant_id), param(where.facility_id), m.value(), d.value(), q.value(),
                 u.value(), so.value(), po.value(), tr.value(), sc.value(), p.value(), disc.value(),
                 h.value(), pr.value(), param(options.user), param(add), mc.value()});
    for (int i = 0; i < r.rows(); ++i) {
      if (r.boolean(i, 0)) {
        ++report.inserted;
      } else {
        ++report.updated;
      }
    }
    if (options.apply_forecasts) {
      const result w = tx.exec(
          "record_demand",
          write_back_sql("SELECT DISTINCT k.m, k.d FROM unnest($3::uuid[], $4::date[]) AS k(m, d)"),
          {param(where.tenant_id), param(where.facility_id), m.value(), d.value()});
      count_write_back(w, report);
    }
  }
  return report;
}

}  // namespace

// ---- demand_history reads --------------------------------------------------------------------

demand_series get_demand_history(connection& conn, const scope& where, std::string_view material_id,
                                 year_month_day from, year_month_day to) {
  constexpr std::string_view fn = "get_demand_history";
  detail::check_scope(fn, where);
  check_uuid(fn, "material_id", material_id);
  detail::check_range(fn, from, to, k_max_days);
  transaction tx(conn, where.tenant_id);
  const result r = tx.exec(
      fn,
      "SELECT demand_date, actual_demand_quantity, forecasted_demand_quantity, forecast_error, "
      "       absolute_percentage_error, demand_uom "
      "FROM demand_history WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
      "  AND material_id = $3::uuid AND demand_date BETWEEN $4::date AND $5::date "
      "  AND deleted_at IS NULL ORDER BY demand_date",
      {param(where.tenant_id), param(where.facility_id), param(material_id), param(from),
       param(to)});
  tx.commit();
  demand_series out;
  out.material_id = detail::lower(material_id);
  out.first_day = from;
  out.last_day = to;
  const auto n = static_cast<std::size_t>(detail::days_between(from, to) + 1);
  out.days.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    out.days[i].date = detail::add_days(from, static_cast<long long>(i));
  for (int i = 0; i < r.rows(); ++i) {
    const auto idx = static_cast<std::size_t>(detail::days_between(from, r.date(i, 0)));
    demand_day& day = out.days[idx];
    day.actual_quantity = r.number(i, 1);
    day.forecasted_quantity = r.optional_number(i, 2);
    day.forecast_error = r.optional_number(i, 3);
    day.absolute_percentage_error = r.optional_number(i, 4);
    day.recorded = true;
    out.uom = std::string(r.text(i, 5));
  }
  return out;
}

// ---- record / backfill -----------------------------------------------------------------------

write_report record_demand(connection& conn, const scope& where,
                           std::span<const demand_entry> entries, const record_options& options) {
  constexpr std::string_view fn = "record_demand";
  detail::check_scope(fn, where);
  std::map<day_key, day_values> days;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const demand_entry& e = entries[i];
    const std::string at = "entries[" + std::to_string(i) + "]";
    check_uuid(fn, at + ".material_id", e.material_id);
    detail::check_date(fn, at + ".date", e.date);
    detail::check_quantity(fn, at + ".quantity", e.quantity);
    check_uom(fn, e.uom);
    if (e.avg_unit_price) detail::check_quantity(fn, at + ".avg_unit_price", *e.avg_unit_price);
    if (e.promotional_discount_pct) {
      invforecast::detail::check_finite(fn, at + ".promotional_discount_pct",
                                        *e.promotional_discount_pct);
    }
    day_values& v = days[{detail::lower(e.material_id), e.date}];
    if (v.uom.empty()) v.uom = e.uom;
    v.total += e.quantity;
    if (e.source != demand_source::other) v.sources[static_cast<int>(e.source)] += e.quantity;
    if (e.avg_unit_price) v.price = e.avg_unit_price;
    if (e.promotional_discount_pct) v.discount = e.promotional_discount_pct;
    v.holiday = v.holiday || e.is_holiday;
    v.promotional = v.promotional || e.is_promotional_period;
    v.campaign = v.campaign || e.marketing_campaign_active;
  }
  for (const auto& [key, v] : days) detail::check_quantity(fn, "summed quantity", v.total);
  if (days.empty()) return {};
  transaction tx(conn, where.tenant_id);
  write_report report = upsert_days(tx, where, days, options);
  tx.commit();
  return report;
}

write_report backfill_demand_history(connection& conn, const scope& where,
                                     std::span<const inventory_transaction> transactions,
                                     const record_options& options) {
  constexpr std::string_view fn = "backfill_demand_history";
  detail::check_scope(fn, where);
  std::map<day_key, day_values> days;
  for (std::size_t i = 0; i < transactions.size(); ++i) {
    const inventory_transaction& t = transactions[i];
    const std::string at = "transactions[" + std::to_string(i) + "]";
    check_uuid(fn, at + ".material_id", t.material_id);
    detail::check_date(fn, at + ".date", t.date);
    detail::check_quantity(fn, at + ".quantity", t.quantity);
    check_uom(fn, t.uom);
    day_values& v = days[{detail::lower(t.material_id), t.date}];
    if (v.uom.empty()) v.uom = t.uom;
    v.total += t.quantity;
    v.sources[static_cast<int>(t.kind)] += t.quantity;
  }
  for (const auto& [key, v] : days) detail::check_quantity(fn, "summed quantity", v.total);
  if (days.empty()) return {};
  transaction tx(conn, where.tenant_id);
  write_report report = upsert_days(tx, where, days, options);
  tx.commit();
  return report;
}

write_report apply_forecasts_to_history(connection& conn, const scope& where, year_month_day from,
                                        year_month_day to,
                                        std::span<const std::string> material_ids) {
  constexpr std::string_view fn = "apply_forecasts_to_history";
  detail::check_scope(fn, where);
  detail::check_range(fn, from, to, k_max_days);
  array_builder materials;
  for (std::size_t i = 0; i < material_ids.size(); ++i) {
    check_uuid(fn, "material_ids[" + std::to_string(i) + "]", material_ids[i]);
    materials.add(material_ids[i]);
  }
  transaction tx(conn, where.tenant_id);
  const result w = tx.exec(
      fn,
      write_back_sql("SELECT dh0.material_id AS m, dh0.demand_date AS d FROM demand_history dh0 "
                     "WHERE dh0.tenant_id = $1::uuid AND dh0.facility_id = $2::uuid "
                     "AND dh0.demand_date BETWEEN $3::date AND $4::date "
                     "AND dh0.deleted_at IS NULL "
                     "AND ($5::uuid[] IS NULL OR dh0.material_id = ANY($5::uuid[]))"),
      {param(where.tenant_id), param(where.facility_id), param(from), param(to),
       material_ids.empty() ? param_value{} : materials.value()});
  write_report report;
  count_write_back(w, report);
  report.updated = w.rows();
  tx.commit();
  return report;
}

// ---- accuracy --------------------------------------------------------------------------------

std::string_view to_string(aggregation_level level) noexcept {
  switch (level) {
    case aggregation_level::weekly:
      return "WEEKLY";
    case aggregation_level::monthly:
      return "MONTHLY";
    case aggregation_level::quarterly:
      return "QUARTERLY";
    case aggregation_level::yearly:
      return "YEARLY";
    case aggregation_level::daily:
      break;
  }
  return "DAILY";
}

namespace {

constexpr const char* k_metric_columns =
    "metric_id::text, material_id::text, measurement_period_start, measurement_period_end, "
    "aggregation_level, mape, rmse, mae, bias, tracking_signal, sample_size, "
    "total_actual_demand, total_forecasted_demand, is_within_tolerance, target_mape_threshold";

accuracy_metric_row read_metric(const result& r, int i) {
  accuracy_metric_row row;
  row.metric_id = std::string(r.text(i, 0));
  row.material_id = std::string(r.text(i, 1));
  row.period_start = r.date(i, 2);
  row.period_end = r.date(i, 3);
  row.aggregation_level = std::string(r.text(i, 4));
  row.mape = r.optional_number(i, 5);
  row.rmse = r.optional_number(i, 6);
  row.mae = r.optional_number(i, 7);
  row.bias = r.optional_number(i, 8);
  row.tracking_signal = r.optional_number(i, 9);
  row.sample_size = static_cast<int>(r.integer(i, 10));
  row.total_actual = r.optional_number(i, 11).value_or(0.0);
  row.total_forecast = r.optional_number(i, 12).value_or(0.0);
  row.within_tolerance = r.boolean(i, 13);
  row.target_mape = r.optional_number(i, 14);
  return row;
}

std::optional<period> to_period(aggregation_level level) {
  switch (level) {
    case aggregation_level::weekly:
      return period::week;
    case aggregation_level::monthly:
      return period::month;
    case aggregation_level::quarterly:
      return period::quarter;
    case aggregation_level::yearly:
      return period::year;
    case aggregation_level::daily:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::vector<accuracy_metric_row> calculate_forecast_accuracy(connection& conn, const scope& where,
                                                             const accuracy_request& request) {
  constexpr std::string_view fn = "calculate_forecast_accuracy";
  detail::check_scope(fn, where);
  detail::check_range(fn, request.period_start, request.period_end, 3661);
  for (std::size_t i = 0; i < request.material_ids.size(); ++i) {
    check_uuid(fn, "material_ids[" + std::to_string(i) + "]", request.material_ids[i]);
  }
  if (request.target_mape)
    invforecast::detail::check_non_negative(fn, "target_mape", *request.target_mape);
  const std::string level_text(to_string(request.level));
  const auto bucket = to_period(request.level);

  transaction tx(conn, where.tenant_id);
  std::vector<std::string> materials;
  if (request.material_ids.empty()) {
    const result r = tx.exec(
        fn,
        "SELECT DISTINCT material_id::text FROM material_forecasts WHERE tenant_id = $1::uuid "
        "AND facility_id = $2::uuid AND forecast_status = 'ACTIVE' "
        "AND forecast_date BETWEEN $3::date AND $4::date ORDER BY 1",
        {param(where.tenant_id), param(where.facility_id), param(request.period_start),
         param(request.period_end)});
    for (int i = 0; i < r.rows(); ++i) materials.emplace_back(r.text(i, 0));
  } else {
    for (const auto& m : request.material_ids) materials.push_back(detail::lower(m));
    std::sort(materials.begin(), materials.end());
    materials.erase(std::unique(materials.begin(), materials.end()), materials.end());
  }
  const bool has_target_column =
      !detail::existing_columns(tx, "materials", {"target_forecast_accuracy_pct"}).empty();

  const std::string data_sql =
      "SELECT f.forecast_date, f.q, COALESCE(dh.actual_demand_quantity, 0) FROM ("
      "  SELECT DISTINCT ON (mf.forecast_date) mf.forecast_date, " +
      std::string(k_effective_forecast) +
      " AS q FROM material_forecasts mf"
      "  WHERE mf.tenant_id = $1::uuid AND mf.facility_id = $2::uuid AND mf.material_id = $3::uuid"
      "    AND mf.forecast_status = 'ACTIVE' AND mf.forecast_date BETWEEN $4::date AND $5::date"
      "  ORDER BY mf.forecast_date, mf.forecast_version DESC) f "
      "LEFT JOIN demand_history dh ON dh.tenant_id = $1::uuid AND dh.facility_id = $2::uuid "
      "  AND dh.material_id = $3::uuid AND dh.demand_date = f.forecast_date "
      "  AND dh.deleted_at IS NULL "
      "ORDER BY f.forecast_date";
  const std::string upsert_sql =
      "INSERT INTO forecast_accuracy_metrics (tenant_id, facility_id, material_id, "
      "  measurement_period_start, measurement_period_end, aggregation_level, mape, rmse, mae, "
      "  bias, tracking_signal, sample_size, total_actual_demand, total_forecasted_demand, "
      "  is_within_tolerance, target_mape_threshold) "
      "VALUES ($1::uuid, $2::uuid, $3::uuid, $4::date, $5::date, $6, $7::numeric, $8::numeric, "
      "  $9::numeric, $10::numeric, $11::numeric, $12::int, $13::numeric, $14::numeric, "
      "  $15::bool, $16::numeric) "
      "ON CONFLICT (tenant_id, facility_id, material_id, measurement_period_start, "
      "  measurement_period_end, aggregation_level) DO UPDATE SET mape = EXCLUDED.mape, "
      "  rmse = EXCLUDED.rmse, mae = EXCLUDED.mae, bias = EXCLUDED.bias, "
      "  tracking_signal = EXCLUDED.tracking_signal, sample_size = EXCLUDED.sample_size, "
      "  total_actual_demand = EXCLUDED.total_actual_demand, "
      "  total_forecasted_demand = EXCLUDED.total_forecasted_demand, "
      "  is_within_tolerance = EXCLUDED.is_within_tolerance, "
      "  target_mape_threshold = EXCLUDED.target_mape_threshold, created_at = now() "
      "RETURNING " +
      std::string(k_metric_columns);

  std::vector<accuracy_metric_row> out;
  std::vector<double> actual;
  std::vector<double> forecast;
  for (const std::string& material : materials) {
    const result r = tx.exec(fn, data_sql,
                             {param(where.tenant_id), param(where.facility_id), param(material),
                              param(request.period_start), param(request.period_end)});
    if (r.rows() == 0) continue;
    actual.clear();
    forecast.clear();
    std::optional<year_month_day> current;
    for (int i = 0; i < r.rows(); ++i) {
      const year_month_day day = r.date(i, 0);
      const double f = r.number(i, 1);
      const double a = r.number(i, 2);
      const year_month_day key = bucket ? period_start(day, *bucket) : day;
      if (!current || std::chrono::sys_days{*current} != std::chrono::sys_days{key}) {
        actual.push_back(0);
        forecast.push_back(0);
        current = key;
      }
      actual.back() += a;
      forecast.back() += f;
    }
    const accuracy_summary<double> s =
        point_accuracy<double>(std::span<const double>(actual), std::span<const double>(forecast));
    std::optional<double> target = request.target_mape;
    if (!target && has_target_column) {
      const result t =
          tx.exec(fn, "SELECT target_forecast_accuracy_pct FROM materials WHERE id = $1::uuid",
                  {param(material)});
      if (t.rows() > 0) target = t.optional_number(0, 0);
    }
    if (!target) target = 20.0;
    write_report clamps;
    auto fit = [&](std::optional<double> v, const char* name) -> param_value {
      if (!v) return std::nullopt;
      return param(detail::clamp_value(*v, detail::k_max_10_4, name, clamps));
    };
    const bool within = s.mape.has_value() && *s.mape <= *target;
    const result w = tx.exec(
        fn, upsert_sql,
        {param(where.tenant_id), param(where.facility_id), param(material),
         param(request.period_start), param(request.period_end), param(level_text),
         fit(s.mape, "mape"), fit(s.rmse, "rmse"), fit(s.mae, "mae"), fit(s.bias, "bias"),
         fit(s.tracking_signal, "tracking_signal"), param(static_cast<long long>(s.n)),
         param(detail::clamp_value(s.total_actual, detail::k_max_15_2, "total_actual", clamps)),
         param(detail::clamp_value(s.total_forecast, detail::k_max_15_2, "total_forecast", clamps)),
         param(within), fit(target, "target_mape")});
    accuracy_metric_row row = read_metric(w, 0);
    row.zero_actuals_excluded = s.mape_excluded_zeros;
    row.clamped_values = clamps.clamped_values;
    out.push_back(std::move(row));
  }
  tx.commit();
  return out;
}

std::vector<accuracy_metric_row> get_forecast_accuracy_metrics(connection& conn, const scope& where,
                                                               std::string_view material_id,
                                                               std::optional<year_month_day> from,
                                                               std::optional<year_month_day> to) {
  constexpr std::string_view fn = "get_forecast_accuracy_metrics";
  detail::check_scope(fn, where);
  check_uuid(fn, "material_id", material_id);
  transaction tx(conn, where.tenant_id);
  const result r = tx.exec(
      fn,
      "SELECT " + std::string(k_metric_columns) +
          " FROM forecast_accuracy_metrics WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
          "AND material_id = $3::uuid AND ($4::date IS NULL OR measurement_period_end >= $4::date) "
          "AND ($5::date IS NULL OR measurement_period_end <= $5::date) "
          "ORDER BY measurement_period_end DESC, measurement_period_start DESC, aggregation_level",
      {param(where.tenant_id), param(where.facility_id), param(material_id), param(from),
       param(to)});
  tx.commit();
  std::vector<accuracy_metric_row> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_metric(r, i));
  return out;
}

std::vector<accuracy_summary_row> get_accuracy_summary(connection& conn, const scope& where,
                                                       std::optional<year_month_day> as_of,
                                                       std::optional<std::string> material_id) {
  constexpr std::string_view fn = "get_accuracy_summary";
  detail::check_scope(fn, where);
  if (material_id) check_uuid(fn, "material_id", *material_id);
  if (as_of) detail::check_date(fn, "as_of", *as_of);
  std::string columns;
  for (const int days : {30, 60, 90}) {
    const std::string w = "demand_date >= d.a - " + std::to_string(days);
    columns += ", 100 * avg(abs(forecast_error) / actual_demand_quantity) FILTER (WHERE " + w +
               " AND actual_demand_quantity > 0), avg(forecast_error) FILTER (WHERE " + w +
               "), count(*) FILTER (WHERE " + w + ")";
  }
  transaction tx(conn, where.tenant_id);
  const result r =
      tx.exec(fn,
              "WITH d AS (SELECT COALESCE($3::date, current_date) AS a) "
              "SELECT material_id::text" +
                  columns +
                  " FROM demand_history, d WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
                  "AND demand_date >= d.a - 90 AND demand_date < d.a AND deleted_at IS NULL "
                  "AND forecasted_demand_quantity IS NOT NULL "
                  "AND ($4::uuid IS NULL OR material_id = $4::uuid) "
                  "GROUP BY material_id ORDER BY material_id",
              {param(where.tenant_id), param(where.facility_id), param(as_of), param(material_id)});
  tx.commit();
  std::vector<accuracy_summary_row> out;
  for (int i = 0; i < r.rows(); ++i) {
    accuracy_summary_row row;
    row.material_id = std::string(r.text(i, 0));
    const int windows[3] = {30, 60, 90};
    for (int k = 0; k < 3; ++k) {
      accuracy_window& w = row.windows[static_cast<std::size_t>(k)];
      w.days = windows[k];
      w.mape = r.optional_number(i, 1 + 3 * k);
      w.bias = r.optional_number(i, 2 + 3 * k);
      w.sample_size = static_cast<int>(r.integer(i, 3 + 3 * k));
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace invforecast::pg
