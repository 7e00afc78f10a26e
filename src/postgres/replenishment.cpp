// replenishment_suggestions: generation and reads.

#include "invforecast/postgres/replenishment.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common.hpp"
#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/planning/plan.hpp"
#include "planning_internal.hpp"

namespace invforecast::pg {

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

std::string insert_sql(bool has_urgency) {
  return std::string(
             "INSERT INTO replenishment_suggestions (tenant_id, facility_id, material_id, "
             "  preferred_vendor_id, suggestion_generation_timestamp, suggestion_status, "
             "  current_on_hand_quantity, current_allocated_quantity, current_available_quantity, "
             "  current_on_order_quantity, safety_stock_quantity, reorder_point_quantity, "
             "  economic_order_quantity, forecasted_demand_30_days, forecasted_demand_60_days, "
             "  forecasted_demand_90_days, projected_stockout_date, recommended_order_quantity, "
             "  recommended_order_uom, recommended_order_date, recommended_delivery_date, "
             "  estimated_unit_cost, estimated_total_cost, vendor_lead_time_days, "
             "  suggestion_reason, calculation_method, created_by, updated_by") +
         (has_urgency ? ", urgency_level, days_until_stockout" : "") +
         ") VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, now(), 'PENDING', $5::numeric, "
         "$6::numeric, $7::numeric, $8::numeric, $9::numeric, $10::numeric, $11::numeric, "
         "$12::numeric, $13::numeric, $14::numeric, $15::date, $16::numeric, $17, $18::date, "
         "$19::date, $20::numeric, $21::numeric, $22::int, $23, $24, $25, $25" +
         (has_urgency ? std::string(", $26, $27::int") : std::string()) + ") RETURNING " +
         k_columns + (has_urgency ? ", urgency_level, days_until_stockout" : "");
}

void check_write_options(std::string_view fn, const recommendation_write_options& o) {
  for (const auto& [material, d] : o.details) {
    check_uuid(fn, "details key", material);
    if (d.preferred_vendor_id) {
      check_uuid(fn, "details[" + material + "].preferred_vendor_id", *d.preferred_vendor_id);
    }
    if (d.uom.size() > 10) {
      invforecast::detail::throw_invalid(
          fn, "details[" + material + "].uom = '" + d.uom + "', must be at most 10 characters");
    }
  }
}

// Per-call facts of the row mapping.
struct write_context {
  const scope* where;
  const recommendation_write_options* options;
  bool has_urgency;
  std::string sql;
};

// Stores one plan's suggestion (the one row mapping of write_replenishment_recommendations
// and generate_replenishment_recommendations), or reports why not.
void write_one(transaction& tx, std::string_view fn, const write_context& ctx,
               const material_plan& plan, std::string uom, replenishment_report& report) {
  const scope& where = *ctx.where;
  const recommendation_write_options& o = *ctx.options;
  const std::string material = detail::lower(plan.material);
  if (!plan.suggestion) {
    report.skipped.emplace_back(material, "stock on hand unknown: no suggestion");
    return;
  }
  const replenishment_suggestion<double>& s = *plan.suggestion;
  const urgency level = s.urgency_level;
  if (level < o.minimum_urgency) {
    report.skipped.emplace_back(material, "urgency " + std::string(to_string(level)) +
                                              " below the minimum " +
                                              std::string(to_string(o.minimum_urgency)));
    return;
  }
  if (o.skip_zero_quantity && s.recommended_order_quantity <= 0) {
    report.skipped.emplace_back(material, plan.note.empty()
                                              ? "nothing to order (position covers the need)"
                                              : "nothing to order: " + plan.note);
    return;
  }
  std::optional<std::string> vendor;
  if (const auto it = o.details.find(material); it != o.details.end()) {
    vendor = it->second.preferred_vendor_id;
    if (!it->second.uom.empty()) uom = it->second.uom;
  }
  if (uom.empty()) uom = detail::latest_uom(tx, fn, where, material);
  if (uom.empty()) uom = "EA";
  if (o.expire_pending) {
    report.expired +=
        tx.exec(fn,
                "UPDATE replenishment_suggestions SET suggestion_status = 'EXPIRED', "
                "updated_at = now(), updated_by = $4 WHERE tenant_id = $1::uuid AND "
                "facility_id = $2::uuid AND material_id = $3::uuid AND "
                "suggestion_status = 'PENDING' AND deleted_at IS NULL",
                {param(where.tenant_id), param(where.facility_id), param(material), param(o.user)})
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
  std::string reason = s.suggestion_reason;
  if (!plan.note.empty()) reason += (reason.empty() ? "" : "; ") + plan.note;
  std::vector<param_value> values{
      param(where.tenant_id),
      param(where.facility_id),
      param(material),
      param(vendor),
      q(s.current_on_hand_quantity, "current_on_hand_quantity"),
      q(s.current_allocated_quantity, "current_allocated_quantity"),
      q(s.current_available_quantity, "current_available_quantity"),
      q(s.current_on_order_quantity, "current_on_order_quantity"),
      q(plan.safety.safety_stock, "safety_stock_quantity"),
      q(plan.reorder_point, "reorder_point_quantity"),
      oq(s.economic_order_quantity, "economic_order_quantity"),
      q(s.forecasted_demand_30_days, "forecasted_demand_30_days"),
      oq(s.forecasted_demand_60_days, "forecasted_demand_60_days"),
      oq(s.forecasted_demand_90_days, "forecasted_demand_90_days"),
      param(s.projected_stockout_date),
      q(s.recommended_order_quantity, "recommended_order_quantity"),
      param(uom),
      param(s.recommended_order_date),
      param(s.recommended_delivery_date),
      oq(s.estimated_unit_cost, "estimated_unit_cost"),
      s.estimated_total_cost
          ? param(detail::clamp_value(*s.estimated_total_cost, detail::k_max_15_2,
                                      "estimated_total_cost", clamps))
          : param_value{},
      param(s.vendor_lead_time_days),
      param(reason),
      param(to_string(s.calculation_method)),
      param(o.user)};
  if (ctx.has_urgency) {
    values.push_back(param(to_string(level)));
    values.push_back(s.days_until_stockout ? param(*s.days_until_stockout) : param_value{});
  }
  const result w = tx.exec(fn, ctx.sql, values);
  report.written.push_back(read_row(w, 0, ctx.has_urgency));
  report.clamped_values += clamps.clamped_values;
}

}  // namespace

replenishment_report write_replenishment_recommendations(
    connection& conn, const scope& where, std::span<const material_plan> plans,
    const recommendation_write_options& options) {
  constexpr std::string_view fn = "write_replenishment_recommendations";
  detail::check_scope(fn, where);
  check_write_options(fn, options);
  for (std::size_t i = 0; i < plans.size(); ++i) {
    check_uuid(fn, "plans[" + std::to_string(i) + "].material", plans[i].material);
  }
  replenishment_report report;
  if (plans.empty()) return report;
  std::optional<transaction> whole;
  if (options.commit == commit_scope::whole_call) whole.emplace(conn, where.tenant_id);
  write_context ctx{&where, &options, false, {}};
  {
    std::optional<transaction> setup;
    if (!whole) setup.emplace(conn, where.tenant_id);
    ctx.has_urgency = has_urgency_columns(whole ? *whole : *setup);
    if (setup) setup->commit();
  }
  ctx.sql = insert_sql(ctx.has_urgency);
  for (const material_plan& p : plans) {
    std::optional<transaction> own;
    if (!whole) own.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *own;
    write_one(tx, fn, ctx, p, {}, report);
    if (own) own->commit();
  }
  if (whole) whole->commit();
  return report;
}

replenishment_report generate_replenishment_recommendations(
    connection& conn, const scope& where, std::span<const inventory_position> positions,
    const replenishment_options& options) {
  constexpr std::string_view fn = "generate_replenishment_recommendations";
  detail::check_scope(fn, where);
  detail::check_planning_options(fn, options.planning);
  check_write_options(fn, options.write);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const std::string at = "positions[" + std::to_string(i) + "]";
    detail::check_planning_position(fn, at, positions[i]);
    if (!seen.insert(detail::lower(positions[i].material)).second) {
      invforecast::detail::throw_invalid(
          fn, at + ".material = " + positions[i].material + ", listed twice");
    }
  }
  if (options.today) detail::check_date(fn, "today", *options.today);

  replenishment_report report;
  if (positions.empty()) return report;
  const recommendation_write_options& o = options.write;
  std::optional<transaction> whole;
  if (o.commit == commit_scope::whole_call) whole.emplace(conn, where.tenant_id);
  write_context ctx{&where, &o, false, {}};
  detail::planning_context pctx;
  {
    std::optional<transaction> setup;
    if (!whole) setup.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *setup;
    const year_month_day today =
        options.today ? *options.today : tx.exec(fn, "SELECT current_date").date(0, 0);
    ctx.has_urgency = has_urgency_columns(tx);
    pctx = detail::make_planning_context(tx, fn, where, options.planning, today);
    if (setup) setup->commit();
  }
  ctx.sql = insert_sql(ctx.has_urgency);
  for (const inventory_position& p : positions) {
    const std::string material = detail::lower(p.material);
    std::optional<transaction> own;
    if (!whole) own.emplace(conn, where.tenant_id);
    transaction& tx = whole ? *whole : *own;
    detail::planned_material planned = detail::plan_material(tx, fn, pctx, material, p);
    if (!planned.plan) {
      report.skipped.emplace_back(material, std::move(planned.reason));
    } else {
      write_one(tx, fn, ctx, *planned.plan, p.uom, report);
    }
    if (own) own->commit();
  }
  if (whole) whole->commit();
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
