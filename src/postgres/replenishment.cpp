// replenishment_suggestions: generation and reads.

#include "invforecast/postgres/replenishment.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/safety_stock.hpp"

namespace invforecast::pg {

std::string_view to_string(urgency_level level) noexcept {
  switch (level) {
    case urgency_level::medium:
      return "MEDIUM";
    case urgency_level::high:
      return "HIGH";
    case urgency_level::critical:
      return "CRITICAL";
    case urgency_level::low:
      break;
  }
  return "LOW";
}

namespace {

using std::chrono::year_month_day;

constexpr const char* k_columns =
    "suggestion_id::text, material_id::text, preferred_vendor_id::text, suggestion_status, "
    "current_on_hand_quantity, current_allocated_quantity, current_available_quantity, "
    "current_on_order_quantity, safety_stock_quantity, reorder_point_quantity, "
    "economic_order_quantity, forecasted_demand_30_days, forecasted_demand_60_days, "
    "forecasted_demand_90_days, projected_stockout_date, recommended_order_quantity, "
    "recommended_order_uom, recommended_order_date, recommended_delivery_date, "
    "estimated_unit_cost, estimated_total_cost, vendor_lead_time_days, suggestion_reason, "
    "calculation_method";

replenishment_row read_row(const result& r, int i, bool has_urgency) {
  replenishment_row row;
  row.suggestion_id = std::string(r.text(i, 0));
  row.material_id = std::string(r.text(i, 1));
  if (!r.is_null(i, 2)) row.preferred_vendor_id = std::string(r.text(i, 2));
  row.status = std::string(r.text(i, 3));
  row.on_hand = r.number(i, 4);
  row.allocated = r.number(i, 5);
  row.available = r.number(i, 6);
  row.on_order = r.number(i, 7);
  row.safety_stock = r.number(i, 8);
  row.reorder_point = r.number(i, 9);
  row.economic_order_quantity = r.optional_number(i, 10);
  row.demand_30_days = r.number(i, 11);
  row.demand_60_days = r.optional_number(i, 12);
  row.demand_90_days = r.optional_number(i, 13);
  row.projected_stockout_date = r.optional_date(i, 14);
  row.recommended_quantity = r.number(i, 15);
  row.uom = std::string(r.text(i, 16));
  row.order_date = r.date(i, 17);
  row.delivery_date = r.optional_date(i, 18);
  row.unit_cost = r.optional_number(i, 19);
  row.total_cost = r.optional_number(i, 20);
  if (auto v = r.optional_integer(i, 21)) row.lead_time_days = static_cast<int>(*v);
  row.reason = std::string(r.text(i, 22));
  row.calculation_method = std::string(r.text(i, 23));
  if (has_urgency) {
    if (!r.is_null(i, 24)) row.urgency = std::string(r.text(i, 24));
    if (auto v = r.optional_integer(i, 25)) row.days_until_stockout = static_cast<int>(*v);
  }
  return row;
}

bool has_urgency_columns(transaction& tx) {
  return detail::existing_columns(tx, "replenishment_suggestions",
                                  {"urgency_level", "days_until_stockout"})
             .size() == 2;
}

urgency_level from_inventory(urgency u) {
  switch (u) {
    case urgency::medium:
      return urgency_level::medium;
    case urgency::high:
      return urgency_level::high;
    case urgency::critical:
      return urgency_level::critical;
    case urgency::low:
      break;
  }
  return urgency_level::low;
}

void check_position(std::string_view fn, std::size_t index, const inventory_position& p) {
  const std::string at = "positions[" + std::to_string(index) + "]";
  check_uuid(fn, at + ".material_id", p.material_id);
  invforecast::detail::check_finite(fn, at + ".on_hand", p.on_hand);
  detail::check_quantity(fn, at + ".allocated", p.allocated);
  for (std::size_t k = 0; k < p.on_order.size(); ++k) {
    detail::check_quantity(fn, at + ".on_order[" + std::to_string(k) + "].quantity",
                           p.on_order[k].quantity);
    if (p.on_order[k].expected_date) {
      detail::check_date(fn, at + ".on_order.expected_date", *p.on_order[k].expected_date);
    }
  }
  invforecast::detail::check_closed_interval(fn, at + ".lead_time_days", p.lead_time_days, 0.0,
                                             3650.0);
  invforecast::detail::check_non_negative(fn, at + ".lead_time_sd", p.lead_time_sd);
  detail::check_quantity(fn, at + ".unit_cost", p.unit_cost);
  if (p.ordering_cost)
    invforecast::detail::check_non_negative(fn, at + ".ordering_cost", *p.ordering_cost);
  if (p.holding_rate)
    invforecast::detail::check_non_negative(fn, at + ".holding_rate", *p.holding_rate);
  detail::check_quantity(fn, at + ".minimum_order_quantity", p.minimum_order_quantity);
  detail::check_quantity(fn, at + ".order_multiple", p.order_multiple);
  invforecast::detail::check_level(fn, at + ".service_level", p.service_level);
  invforecast::detail::check_non_negative(fn, at + ".review_period_days", p.review_period_days);
  if (p.preferred_vendor_id) check_uuid(fn, at + ".preferred_vendor_id", *p.preferred_vendor_id);
  if (p.uom.size() > 10) {
    invforecast::detail::throw_invalid(
        fn, at + ".uom = '" + p.uom + "', must be at most 10 characters");
  }
}

}  // namespace

replenishment_report generate_replenishment_recommendations(
    connection& conn, const scope& where, std::span<const inventory_position> positions,
    const replenishment_options& options) {
  constexpr std::string_view fn = "generate_replenishment_recommendations";
  detail::check_scope(fn, where);
  for (std::size_t i = 0; i < positions.size(); ++i) check_position(fn, i, positions[i]);
  if (options.demand_history_days < 2 || options.demand_history_days > 3660) {
    invforecast::detail::throw_invalid_value(fn, "demand_history_days", options.demand_history_days,
                                             "in [2, 3660]");
  }
  if (options.today) detail::check_date(fn, "today", *options.today);

  replenishment_report report;
  if (positions.empty()) return report;
  transaction tx(conn, where.tenant_id);
  const year_month_day today =
      options.today ? *options.today : tx.exec(fn, "SELECT current_date").date(0, 0);
  const bool has_urgency = has_urgency_columns(tx);
  const auto cost_columns =
      detail::existing_columns(tx, "materials", {"ordering_cost", "holding_cost_pct"});
  const bool has_ordering =
      std::find(cost_columns.begin(), cost_columns.end(), "ordering_cost") != cost_columns.end();
  const bool has_holding =
      std::find(cost_columns.begin(), cost_columns.end(), "holding_cost_pct") != cost_columns.end();

  const std::string insert_sql =
      std::string(
          "INSERT INTO replenishment_suggestions (tenant_id, facility_id, material_id, "
          "  preferred_vendor_id, suggestion_generation_timestamp, suggestion_status, "
          "  current_on_hand_quantity, current_allocated_quantity, current_available_quantity, "
          "  current_on_order_quantity, safety_stock_quantity, reorder_point_quantity, "
          "  economic_order_quantity, forecasted_demand_30_days, forecasted_demand_60_days, "
          "  forecasted_demand_90_days, projected_stockout_date, recommended_order_quantity, "
          "  recommended_order_uom, recommended_order_date, recommended_delivery_date, "
          "  estimated_unit_cost, estimated_total_cost, vendor_lead_time_days, suggestion_reason, "
          "  calculation_method, created_by, updated_by") +
      (has_urgency ? ", urgency_level, days_until_stockout" : "") +
      ") VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, now(), 'PENDING', $5::numeric, "
      "$6::numeric, $7::numeric, $8::numeric, $9::numeric, $10::numeric, $11::numeric, "
      "$12::numeric, $13::numeric, $14::numeric, $15::date, $16::numeric, $17, $18::date, "
      "$19::date, $20::numeric, $21::numeric, $22::int, $23, $24, $25, $25" +
      (has_urgency ? std::string(", $26, $27::int") : std::string()) + ") RETURNING " + k_columns +
      (has_urgency ? ", urgency_level, days_until_stockout" : "");

  for (const inventory_position& p : positions) {
    const std::string material = detail::lower(p.material_id);
    const int lead = static_cast<int>(std::ceil(p.lead_time_days));
    const int needed = std::max(30, lead + p.review_period_days);
    const int wanted = std::max(90, needed);
    // The ACTIVE forecast per day (manual override when present), from tomorrow on.
    const result f = tx.exec(
        fn,
        "SELECT DISTINCT ON (forecast_date) forecast_date, CASE WHEN is_manually_overridden AND "
        "manual_override_quantity IS NOT NULL THEN manual_override_quantity ELSE "
        "forecasted_demand_quantity END, forecast_uom FROM material_forecasts "
        "WHERE tenant_id = $1::uuid AND facility_id = $2::uuid AND material_id = $3::uuid "
        "AND forecast_status = 'ACTIVE' AND forecast_date BETWEEN $4::date AND $5::date "
        "ORDER BY forecast_date, forecast_version DESC",
        {param(where.tenant_id), param(where.facility_id), param(material),
         param(detail::add_days(today, 1)), param(detail::add_days(today, wanted))});
    std::vector<double> path;
    std::string uom = p.uom;
    for (int i = 0; i < f.rows(); ++i) {
      if (detail::days_between(today, f.date(i, 0)) != static_cast<long long>(path.size()) + 1) {
        break;  // a gap: use the consecutive days only
      }
      path.push_back(f.number(i, 1));
      if (uom.empty()) uom = std::string(f.text(i, 2));
    }
    if (static_cast<int>(path.size()) < needed) {
      report.skipped.emplace_back(
          material, "ACTIVE forecast covers " + std::to_string(path.size()) +
                        " consecutive days from tomorrow, " + std::to_string(needed) + " needed");
      continue;
    }
    // Daily demand standard deviation over the recent history (days without a row = 0).
    const result h =
        tx.exec(fn,
                "SELECT COALESCE(sum(actual_demand_quantity), 0), "
                "COALESCE(sum(actual_demand_quantity ^ 2), 0) "
                "FROM demand_history WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
                "AND material_id = $3::uuid AND demand_date > $4::date - $5::int "
                "AND demand_date <= $4::date AND deleted_at IS NULL",
                {param(where.tenant_id), param(where.facility_id), param(material), param(today),
                 param(options.demand_history_days)});
    const double n = options.demand_history_days;
    const double sum = h.number(0, 0);
    const double sum2 = h.number(0, 1);
    const double demand_sd = std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1)));
    const auto lead_days = static_cast<std::size_t>(std::max(1, lead));
    const double d_bar =
        std::accumulate(
            path.begin(),
            path.begin() + static_cast<std::ptrdiff_t>(std::min(lead_days, path.size())), 0.0) /
        static_cast<double>(std::min(lead_days, path.size()));

    double ordering_cost = 50;
    double holding_rate = 0.25;
    if ((has_ordering || has_holding) && (!p.ordering_cost || !p.holding_rate)) {
      const result c =
          tx.exec(fn,
                  std::string("SELECT ") + (has_ordering ? "ordering_cost" : "NULL::numeric") +
                      ", " + (has_holding ? "holding_cost_pct" : "NULL::numeric") +
                      " FROM materials WHERE id = $1::uuid",
                  {param(material)});
      if (c.rows() > 0) {
        ordering_cost = c.optional_number(0, 0).value_or(ordering_cost);
        holding_rate = c.optional_number(0, 1).value_or(holding_rate);
      }
    }
    if (p.ordering_cost) ordering_cost = *p.ordering_cost;
    if (p.holding_rate) holding_rate = *p.holding_rate;

    safety_stock_input<double> ss_in;
    ss_in.method = safety_stock_method::combined;
    ss_in.service_level = p.service_level;
    ss_in.average_daily_demand = d_bar;
    ss_in.demand_sd = demand_sd;
    ss_in.lead_time_days = p.lead_time_days;
    ss_in.lead_time_sd = p.lead_time_sd;
    const safety_stock_result<double> ss = safety_stock<double>(ss_in);

    std::vector<scheduled_receipt<double>> receipts;
    double on_order = 0;
    for (const open_receipt& r : p.on_order) {
      receipts.push_back({r.quantity, r.expected_date});
      on_order += r.quantity;
    }
    replenishment_input<double> in;
    in.today = today;
    in.on_hand = p.on_hand;
    in.allocated = p.allocated;
    in.on_order = on_order;
    in.receipts = receipts;
    in.daily_forecast = path;
    in.safety_stock = ss.safety_stock;
    in.vendor_lead_time_days = lead;
    in.review_period_days = p.review_period_days;
    in.unit_cost = p.unit_cost;
    in.ordering_cost = ordering_cost;
    in.holding_rate = holding_rate;
    in.minimum_order_quantity = p.minimum_order_quantity;
    in.order_multiple = p.order_multiple;
    const replenishment_suggestion<double> s = suggest_replenishment<double>(in);

    const urgency_level level = from_inventory(s.urgency_level);
    if (level < options.minimum_urgency) {
      report.skipped.emplace_back(material, "urgency " + std::string(to_string(level)) +
                                                " below the minimum " +
                                                std::string(to_string(options.minimum_urgency)));
      continue;
    }
    if (options.skip_zero_quantity && s.recommended_order_quantity <= 0) {
      report.skipped.emplace_back(material, "nothing to order (position covers the need)");
      continue;
    }
    if (options.expire_pending) {
      report.expired +=
          tx.exec(fn,
                  "UPDATE replenishment_suggestions SET suggestion_status = 'EXPIRED', "
                  "updated_at = now(), updated_by = $4 WHERE tenant_id = $1::uuid AND "
                  "facility_id = $2::uuid AND material_id = $3::uuid AND "
                  "suggestion_status = 'PENDING' AND deleted_at IS NULL",
                  {param(where.tenant_id), param(where.facility_id), param(material),
                   param(options.user)})
              .affected();
    }
    write_report clamps;
    auto q = [&](double v, const char* name) {
      return param(detail::clamp_value(v, detail::k_max_quantity, name, clamps));
    };
    auto oq = [&](std::optional<double> v, const char* name) -> param_value {
      if (!v) return std::nullopt;
      return q(*v, name);
    };
    std::vector<param_value> values{
        param(where.tenant_id),
        param(where.facility_id),
        param(material),
        param(p.preferred_vendor_id),
        q(s.current_on_hand_quantity, "current_on_hand_quantity"),
        q(s.current_allocated_quantity, "current_allocated_quantity"),
        q(s.current_available_quantity, "current_available_quantity"),
        q(s.current_on_order_quantity, "current_on_order_quantity"),
        q(s.safety_stock_quantity, "safety_stock_quantity"),
        q(s.reorder_point_quantity, "reorder_point_quantity"),
        oq(s.economic_order_quantity, "economic_order_quantity"),
        q(s.forecasted_demand_30_days, "forecasted_demand_30_days"),
        oq(s.forecasted_demand_60_days, "forecasted_demand_60_days"),
        oq(s.forecasted_demand_90_days, "forecasted_demand_90_days"),
        param(s.projected_stockout_date),
        q(s.recommended_order_quantity, "recommended_order_quantity"),
        param(uom.empty() ? std::string("EA") : uom),
        param(s.recommended_order_date),
        param(s.recommended_delivery_date),
        oq(s.estimated_unit_cost, "estimated_unit_cost"),
        s.estimated_total_cost
            ? param(detail::clamp_value(*s.estimated_total_cost, detail::k_max_15_2,
                                        "estimated_total_cost", clamps))
            : param_value{},
        param(s.vendor_lead_time_days),
        param(s.suggestion_reason),
        param(to_string(s.calculation_method)),
        param(options.user)};
    if (has_urgency) {
      values.push_back(param(to_string(level)));
      values.push_back(s.days_until_stockout ? param(*s.days_until_stockout) : param_value{});
    }
    const result w = tx.exec(fn, insert_sql, values);
    report.written.push_back(read_row(w, 0, has_urgency));
    report.clamped_values += clamps.clamped_values;
  }
  tx.commit();
  return report;
}

std::vector<replenishment_row> get_replenishment_recommendations(
    connection& conn, const scope& where, const replenishment_filter& filter) {
  constexpr std::string_view fn = "get_replenishment_recommendations";
  detail::check_scope(fn, where);
  if (filter.material_id) check_uuid(fn, "material_id", *filter.material_id);
  if (filter.limit < 1 || filter.limit > 100000) {
    invforecast::detail::throw_invalid_value(fn, "limit", filter.limit, "in [1, 100000]");
  }
  transaction tx(conn, where.tenant_id);
  const bool has_urgency = has_urgency_columns(tx);
  if (filter.urgency && !has_urgency) {
    invforecast::detail::throw_invalid(
        fn,
        "urgency filter given but replenishment_suggestions has no urgency_level column "
        "(apply the V0.0.39 migration)");
  }
  const std::string sql =
      "SELECT " + std::string(k_columns) +
      (has_urgency ? ", urgency_level, days_until_stockout" : "") +
      " FROM replenishment_suggestions WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
      "AND deleted_at IS NULL AND ($3::text IS NULL OR suggestion_status = $3) "
      "AND ($4::uuid IS NULL OR material_id = $4::uuid) " +
      (has_urgency ? "AND ($5::text IS NULL OR urgency_level = $5) ORDER BY CASE urgency_level "
                     "WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 "
                     "WHEN 'LOW' THEN 3 ELSE 4 END, "
                   : "AND $5::text IS NULL ORDER BY ") +
      "suggestion_generation_timestamp DESC, suggestion_id LIMIT $6::int";
  const result r = tx.exec(
      fn, sql,
      {param(where.tenant_id), param(where.facility_id), param(filter.status),
       param(filter.material_id),
       filter.urgency ? param(to_string(*filter.urgency)) : param_value{}, param(filter.limit)});
  tx.commit();
  std::vector<replenishment_row> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_row(r, i, has_urgency));
  return out;
}

}  // namespace invforecast::pg
