// `invforecast run --postgres`. See postgres_source.hpp.

#include "postgres_source.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/postgres/accuracy.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/migrations.hpp"
#include "invforecast/postgres/nightly.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/postgres/types.hpp"
#include "outputs.hpp"

namespace invforecast::tools {

namespace {

using invforecast::detail::add_days;
using std::chrono::sys_days;

/// Ensures the tenant, facility and materials exist (the ERP's parent tables).
void ensure_parents(pg::connection& conn, const pg::scope& where,
                    const std::map<std::string, std::string>& code_by_uuid) {
  pg::transaction tx(conn, where.tenant_id);
  tx.exec("load: tenant", "INSERT INTO tenants (id) VALUES ($1::uuid) ON CONFLICT DO NOTHING",
          {pg::param(where.tenant_id)});
  tx.exec("load: facility",
          "INSERT INTO facilities (id, tenant_id) VALUES ($1::uuid, $2::uuid) "
          "ON CONFLICT DO NOTHING",
          {pg::param(where.facility_id), pg::param(where.tenant_id)});
  for (const auto& [uuid, code] : code_by_uuid) {
    tx.exec("load: material",
            "INSERT INTO materials (id, tenant_id, material_code) VALUES ($1::uuid, $2::uuid, $3) "
            "ON CONFLICT DO NOTHING",
            {pg::param(uuid), pg::param(where.tenant_id), pg::param(code)});
  }
  tx.commit();
}

}  // namespace

pipeline_input read_postgres_inputs(const postgres_source& source,
                                    const std::optional<std::filesystem::path>& materials_path,
                                    const std::optional<std::filesystem::path>& inventory_path,
                                    std::optional<date> as_of, const material_settings& defaults) {
  pg::check_uuid("invforecast run", "--tenant", source.tenant_id);
  pg::check_uuid("invforecast run", "--facility", source.facility_id);
  const pg::scope where{source.tenant_id, source.facility_id};
  pg::connection conn(source.conninfo);
  if (source.migrate) {
    const auto m = pg::migrate(conn);
    std::cerr << "invforecast run: schema version " << m.from_version << " -> " << m.to_version
              << "\n";
  }

  // Settings and inventory from the CSV files (material codes), as without a database.
  std::map<std::string, material_input> by_code;
  std::map<std::string, std::string> code_by_uuid, uuid_by_code;
  pipeline_input settings_only =
      read_csv_inputs(source.load_demand, materials_path, inventory_path, as_of, defaults);
  if (materials_path) {
    const csv_table t = read_csv(*materials_path);
    const auto c_code = t.require("material");
    const auto c_uuid = t.require("material_uuid");
    for (const auto& row : t.rows) {
      const std::string code(csv_table::trim(t.text(row, c_code)));
      std::string uuid(csv_table::trim(t.text(row, c_uuid)));
      std::transform(uuid.begin(), uuid.end(), uuid.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (!pg::is_uuid(uuid))
        throw parse_error(t.where(row, c_uuid) + "\"" + uuid + "\" is not a UUID");
      code_by_uuid[uuid] = code;
      uuid_by_code[code] = uuid;
    }
  }
  for (auto& m : settings_only.materials) by_code[m.settings.material] = std::move(m);

  // Load the demand CSV (idempotent backfill: a day's row is replaced).
  if (source.load_demand) {
    if (uuid_by_code.empty()) {
      throw invalid_argument("--load-demand needs --materials with a material_uuid column");
    }
    ensure_parents(conn, where, code_by_uuid);
    std::vector<pg::inventory_transaction> rows;
    for (const auto& [code, m] : by_code) {
      const auto it = uuid_by_code.find(code);
      if (it == uuid_by_code.end()) {
        throw invalid_argument("material \"" + code + "\" has no material_uuid in materials.csv");
      }
      for (const auto& r : m.records) {
        rows.push_back(
            {it->second, r.date, r.quantity, m.settings.uom, pg::transaction_kind::sales_order});
      }
    }
    const auto w = pg::backfill_demand_history(conn, where, rows);
    std::cerr << "invforecast run: loaded " << rows.size() << " demand rows (" << w.inserted
              << " inserted, " << w.updated << " updated)\n";
  }

  // The materials with demand in this facility, and the extract's date range.
  pipeline_input in;
  std::vector<std::string> ids;
  date first{}, last{};
  {
    pg::transaction tx(conn, where.tenant_id);
    const auto r = tx.exec("run: materials",
                           "SELECT material_id::text, min(demand_date)::text, "
                           "max(demand_date)::text FROM demand_history WHERE tenant_id = $1::uuid "
                           "AND facility_id = $2::uuid AND deleted_at IS NULL GROUP BY material_id "
                           "ORDER BY material_id",
                           {pg::param(where.tenant_id), pg::param(where.facility_id)});
    for (int i = 0; i < r.rows(); ++i) {
      ids.emplace_back(r.text(i, 0));
      const date lo = parse_iso_date(r.text(i, 1)), hi = parse_iso_date(r.text(i, 2));
      if (i == 0 || sys_days{lo} < sys_days{first}) first = lo;
      if (i == 0 || sys_days{hi} > sys_days{last}) last = hi;
    }
    tx.commit();
  }
  if (ids.empty()) throw invalid_argument("no demand_history rows for this tenant and facility");
  in.first_day = first;
  in.as_of = as_of ? *as_of : last;
  for (const auto& id : ids) {
    const auto series = pg::get_demand_history(conn, where, id, first, in.as_of);
    const auto code_it = code_by_uuid.find(id);
    const std::string code = code_it != code_by_uuid.end() ? code_it->second : id;
    material_input m;
    if (auto it = by_code.find(code); it != by_code.end()) {
      m.settings = it->second.settings;
      m.inventory = it->second.inventory;
    } else {
      m.settings = defaults;
      m.settings.material = code;
    }
    m.settings.uuid = id;
    for (const auto& d : series.days) {
      if (d.actual_quantity > 0) m.records.push_back({d.date, d.actual_quantity});
      ++in.demand_rows;
    }
    in.materials.push_back(std::move(m));
  }
  std::sort(in.materials.begin(), in.materials.end(),
            [](const auto& a, const auto& b) { return a.settings.material < b.settings.material; });
  return in;
}

void write_back_postgres(const postgres_source& source, const std::vector<material_result>& results,
                         const pipeline_input& input, const pipeline_options& options,
                         bool progress) {
  const pg::scope where{source.tenant_id, source.facility_id};
  pg::connection conn(source.conninfo);
  std::ostream* log = progress ? &std::cerr : nullptr;

  // The run's plans, keyed by the material's UUID (the adapters' material key).
  std::vector<material_plan> plans;
  std::vector<inventory_position> positions;  // for the accuracy step (stock not needed)
  pg::recommendation_write_options rec;
  rec.skip_zero_quantity = false;  // the ERP screens show every material planned
  for (const auto& r : results) {
    if (!r.ok() || r.settings.uuid.empty()) continue;
    material_plan p = r.plan();
    p.material = r.settings.uuid;
    plans.push_back(std::move(p));
    rec.details[r.settings.uuid].uom = r.settings.uom;
    material_input m;
    m.settings = r.settings;
    inventory_position pos = to_inventory_position(m, input.as_of);
    pos.material = r.settings.uuid;
    positions.push_back(std::move(pos));
  }
  if (plans.empty()) return;

  // 1. Accuracy: forecasts made 30 days ago (as of then, by the same policy) for the days
  //    since, written into demand_history and scored. A production ERP has them from the
  //    nightly run of that day; a database loaded from a CSV has none, so they are made here.
  const date past = add_days(input.as_of, -29);  // first forecast day of the earlier run
  pg::generate_options earlier;
  earlier.as_of = past;
  earlier.planning.policy = options.policy;
  earlier.planning.policy.backtest_origins = 0;
  earlier.planning.first_day = input.first_day;
  earlier.planning.material_settings = false;
  earlier.positions = positions;
  for (const auto& p : plans) earlier.material_ids.push_back(p.material);
  const auto old = pg::generate_forecasts(conn, where, earlier);
  pg::apply_forecasts_to_history(conn, where, past, input.as_of);
  pg::accuracy_request a;
  a.period_start = past;
  a.period_end = input.as_of;
  for (const auto& m : old.materials) {
    if (m.status == pg::generation_status::written) a.material_ids.push_back(m.material_id);
  }
  const auto accuracy = a.material_ids.empty() ? std::vector<pg::accuracy_metric_row>{}
                                               : pg::calculate_forecast_accuracy(conn, where, a);

  // 2. The run's own forecasts and 3. recommendations: its plans, stored as they are.
  const auto forecasts = pg::write_forecasts(conn, where, plans);
  const auto recommendations = pg::write_replenishment_recommendations(conn, where, plans, rec);
  if (log) {
    std::size_t critical = 0;
    for (const auto& row : recommendations.written) critical += row.urgency == "CRITICAL" ? 1U : 0U;
    *log << "invforecast run: written back: accuracy of the forecasts as of "
         << to_iso_string(add_days(past, -1)) << " for " << accuracy.size() << " materials; "
         << forecasts.written << " forecast versions; " << recommendations.written.size()
         << " recommendations (" << critical << " CRITICAL), " << recommendations.skipped.size()
         << " skipped, " << recommendations.expired << " earlier PENDING expired\n";
  }
}

std::size_t run_nightly_postgres(const postgres_source& source, const planning_policy& policy,
                                 const nightly_request& request, bool progress) {
  pg::check_uuid("invforecast run", "--tenant", source.tenant_id);
  pg::check_uuid("invforecast run", "--facility", source.facility_id);
  const pg::scope where{source.tenant_id, source.facility_id};
  if (source.migrate) {
    pg::connection conn(source.conninfo);
    const auto m = pg::migrate(conn);
    std::cerr << "invforecast run: schema version " << m.from_version << " -> " << m.to_version
              << "\n";
  }
  pg::nightly_options o;
  o.planning.policy = policy;
  o.threads = std::max(1U, request.workers);
  o.batch_size = request.batch_size;
  if (!request.run_id.empty()) o.run_id = request.run_id;
  if (request.as_of) o.as_of = add_days(*request.as_of, 1);
  if (progress) {
    o.progress = [](const pg::nightly_progress& p) {
      std::cerr << "invforecast run: run " << p.run_id << ": " << p.done << " / " << p.total
                << " materials (" << p.failed << " failed), " << fixed(p.rate, 1)
                << " materials/s here, ETA "
                << (p.eta_seconds ? fixed(*p.eta_seconds, 0) + " s" : std::string("?")) << "\n";
    };
  }
  const pg::nightly_report r = pg::run_nightly(source.conninfo, where, o);
  for (const auto& f : r.failures) {
    std::cerr << "invforecast run: FAILED " << f.material_id << ": " << f.message << "\n";
  }
  std::cerr << "invforecast run: run " << r.run_id << (r.created ? " (created)" : " (joined)")
            << ", forecasts from " << to_iso_string(r.as_of) << ": this process wrote " << r.written
            << ", skipped " << r.skipped << ", failed " << r.failed << " in " << r.batches
            << " batches, " << fixed(r.seconds, 1) << " s; run status " << r.run_status << "\n";
  return r.failed;
}

}  // namespace invforecast::tools
