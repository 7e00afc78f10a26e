// Synthetic demand for tests and benchmarks.

#include "invforecast/postgres/seed.hpp"

#include <algorithm>

#include "common.hpp"

namespace invforecast::pg {

seed_result seed_demand(connection& conn, const seed_options& o) {
  constexpr std::string_view fn = "seed_demand";
  if (o.materials < 1 || o.materials > 10'000'000) {
    invforecast::detail::throw_invalid_value(fn, "materials", o.materials, "in [1, 1e7]");
  }
  invforecast::detail::check_positive(fn, "days", o.days);
  invforecast::detail::check_positive(fn, "mean_demand", o.mean_demand);
  invforecast::detail::check_closed_interval(fn, "weekly_amplitude", o.weekly_amplitude, 0.0, 0.99);
  invforecast::detail::check_closed_interval(fn, "noise", o.noise, 0.0, 0.99);
  invforecast::detail::check_closed_interval(fn, "intermittent_share", o.intermittent_share, 0.0,
                                             1.0);
  if (!o.tenant_id.empty()) check_uuid(fn, "tenant_id", o.tenant_id);
  if (!o.facility_id.empty()) check_uuid(fn, "facility_id", o.facility_id);
  if (o.uom.empty() || o.uom.size() > 10) {
    invforecast::detail::throw_invalid(fn, "uom = '" + o.uom + "', must be 1 to 10 characters");
  }

  seed_result out;
  conn.exec(fn, "BEGIN");
  try {
    out.where.tenant_id =
        o.tenant_id.empty()
            ? std::string(conn.exec(fn, "SELECT gen_random_uuid()::text").text(0, 0))
            : detail::lower(o.tenant_id);
    out.where.facility_id =
        o.facility_id.empty()
            ? std::string(conn.exec(fn, "SELECT gen_random_uuid()::text").text(0, 0))
            : detail::lower(o.facility_id);
    conn.exec(fn, "SELECT set_config('app.current_tenant_id', $1, true)",
              {param(out.where.tenant_id)});
    conn.exec(fn, "INSERT INTO tenants (id) VALUES ($1::uuid) ON CONFLICT DO NOTHING",
              {param(out.where.tenant_id)});
    conn.exec(fn,
              "INSERT INTO facilities (id, tenant_id) VALUES ($1::uuid, $2::uuid) "
              "ON CONFLICT DO NOTHING",
              {param(out.where.facility_id), param(out.where.tenant_id)});
    const result m =
        conn.exec(fn,
                  "INSERT INTO materials (id, tenant_id) SELECT gen_random_uuid(), $1::uuid "
                  "FROM generate_series(1, $2::int) RETURNING id::text",
                  {param(out.where.tenant_id), param(static_cast<long long>(o.materials))});
    for (int i = 0; i < m.rows(); ++i) out.material_ids.emplace_back(m.text(i, 0));
    std::sort(out.material_ids.begin(), out.material_ids.end());
    detail::array_builder ids;
    for (const auto& id : out.material_ids) ids.add(id);
    const auto intermittent_from = static_cast<long long>(
        static_cast<double>(o.materials) * (1.0 - o.intermittent_share) + 0.5);
    const result r = conn.exec(
        fn,
        "WITH last AS (SELECT COALESCE($4::date, current_date - 1) AS d), "
        "mats AS (SELECT id, ord FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, ord)), "
        "days AS (SELECT g::date AS d FROM last, generate_series(last.d - ($5::int - 1), last.d, "
        "  interval '1 day') AS g), "
        "raw AS (SELECT mats.id, mats.ord, days.d, "
        "  ((hashtext($10::text || '/' || mats.ord::text || '/' || days.d::text)::bigint "
        "    + 2147483648) / 4294967295.0) AS u "
        "  FROM mats CROSS JOIN days) "
        "INSERT INTO demand_history (tenant_id, facility_id, material_id, demand_date, year, "
        "  month, week_of_year, day_of_week, quarter, actual_demand_quantity, demand_uom, "
        "  sales_order_demand) "
        "SELECT $1::uuid, $2::uuid, id, d, EXTRACT(YEAR FROM d)::int, EXTRACT(MONTH FROM d)::int, "
        "  EXTRACT(WEEK FROM d)::int, EXTRACT(ISODOW FROM d)::int, EXTRACT(QUARTER FROM d)::int, "
        "  q, $9, q FROM (SELECT id, d, round((GREATEST(0, $6::float8 * (1 + $7::float8 * "
        "  sin(2 * pi() * EXTRACT(ISODOW FROM d) / 7)) * (1 + $8::float8 * (2 * u - "
        "1))))::numeric, "
        "  4) AS q, ord, u FROM raw) s "
        "WHERE ord <= $11::bigint OR u < 0.25",
        {param(out.where.tenant_id), param(out.where.facility_id), ids.value(), param(o.last_day),
         param(o.days), param(o.mean_demand), param(o.weekly_amplitude), param(o.noise),
         param(o.uom), param(static_cast<long long>(o.seed)), param(intermittent_from)});
    out.demand_rows = r.affected();
    conn.exec(fn, "COMMIT");
  } catch (...) {
    try {
      if (conn.is_open()) conn.exec(fn, "ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the original error is rethrown
    }
    throw;
  }
  return out;
}

}  // namespace invforecast::pg
