// The nightly job: a run, its work queue, and worker threads claiming batches. See nightly.hpp.

#include "invforecast/postgres/nightly.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "common.hpp"
#include "invforecast/detail/parallel.hpp"
#include "invforecast/planning/plan.hpp"
#include "planning_internal.hpp"

namespace invforecast::pg {

namespace {

using detail::array_builder;
using std::chrono::year_month_day;
using clock_type = std::chrono::steady_clock;

double since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

// FNV-1a 64 of the id without dashes, lower case: shard_of(id, n) == shard_key(id) % n.
std::string shard_key(std::string_view material_id) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : material_id) {
    if (c == '-') continue;
    h ^= static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
    h *= 1099511628211ULL;
  }
  return std::to_string(h);
}

std::string default_worker() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

constexpr const char* k_claim_sql =
    "SELECT material_id::text FROM invforecast_run_items WHERE run_id = $1::uuid "
    "AND status = 'PENDING' AND ($3::int = 1 OR shard_key % $3::int = $4::int) "
    "ORDER BY material_id LIMIT $2::int FOR UPDATE SKIP LOCKED";

constexpr const char* k_pending_sql =
    "SELECT count(*) FROM invforecast_run_items WHERE run_id = $1::uuid AND status = 'PENDING' "
    "AND ($2::int = 1 OR shard_key % $2::int = $3::int)";

struct shared_state {
  std::mutex lock;
  nightly_report report;
  clock_type::time_point started;
  std::size_t mine = 0;
};

// Creates or joins the run; returns (run_id, as_of, created).
std::tuple<std::string, year_month_day, bool> open_run(connection& conn, std::string_view fn,
                                                       const scope& where, const nightly_options& o,
                                                       const std::string& user) {
  transaction tx(conn, where.tenant_id);
  const year_month_day as_of = o.as_of ? *o.as_of : tx.exec(fn, "SELECT current_date").date(0, 0);
  // One creator at a time per facility.
  tx.exec(fn, "SELECT pg_advisory_xact_lock(1229870664, hashtext($1 || '/' || $2))",
          {param(detail::lower(where.tenant_id)), param(detail::lower(where.facility_id))});
  std::optional<std::string> existing;
  year_month_day run_day = as_of;
  if (o.run_id) {
    const result r = tx.exec(fn,
                             "SELECT run_id::text, as_of_date FROM invforecast_runs WHERE run_id = "
                             "$1::uuid AND tenant_id = $2::uuid AND facility_id = $3::uuid",
                             {param(*o.run_id), param(where.tenant_id), param(where.facility_id)});
    if (r.rows() > 0) {
      existing = std::string(r.text(0, 0));
      run_day = r.date(0, 1);
    }
  } else {
    const result r = tx.exec(fn,
                             "SELECT run_id::text FROM invforecast_runs WHERE tenant_id = $1::uuid "
                             "AND facility_id = $2::uuid AND as_of_date = $3::date AND status = "
                             "'RUNNING' ORDER BY started_at DESC LIMIT 1",
                             {param(where.tenant_id), param(where.facility_id), param(as_of)});
    if (r.rows() > 0) existing = std::string(r.text(0, 0));
  }
  if (existing) {
    tx.commit();
    return {*existing, run_day, false};
  }

  const result created = tx.exec(
      fn,
      "INSERT INTO invforecast_runs (run_id, tenant_id, facility_id, as_of_date, created_by) "
      "VALUES (COALESCE($1::uuid, invforecast_uuid_v7()), $2::uuid, $3::uuid, $4::date, $5) "
      "RETURNING run_id::text",
      {o.run_id ? param(*o.run_id) : param_value{}, param(where.tenant_id),
       param(where.facility_id), param(as_of), param(user)});
  const std::string run_id(created.text(0, 0));
  std::vector<std::string> materials;
  if (o.material_ids.empty()) {
    materials = detail::forecast_enabled_materials(
        tx, fn, where, !detail::existing_columns(tx, "materials", {"forecasting_enabled"}).empty());
  } else {
    for (const auto& m : o.material_ids) materials.push_back(detail::lower(m));
    std::sort(materials.begin(), materials.end());
    materials.erase(std::unique(materials.begin(), materials.end()), materials.end());
  }
  array_builder ids, keys;
  ids.reserve(materials.size());
  keys.reserve(materials.size());
  for (const auto& m : materials) {
    ids.add(m);
    keys.add(shard_key(m));
  }
  tx.exec(fn,
          "INSERT INTO invforecast_run_items (run_id, material_id, tenant_id, shard_key) "
          "SELECT $1::uuid, t.m, $2::uuid, t.k FROM unnest($3::uuid[], $4::numeric[]) AS t(m, k)",
          {param(run_id), param(where.tenant_id), ids.value(), keys.value()});
  tx.exec(fn, "UPDATE invforecast_runs SET total_materials = $2::int WHERE run_id = $1::uuid",
          {param(run_id), param(static_cast<long long>(materials.size()))});
  tx.commit();
  return {run_id, as_of, true};
}

void finish_run(connection& conn, std::string_view fn, const scope& where,
                const std::string& run_id) {
  transaction tx(conn, where.tenant_id);
  tx.exec(fn,
          "UPDATE invforecast_runs SET status = CASE WHEN failed_materials > 0 THEN "
          "'COMPLETED_WITH_FAILURES' ELSE 'COMPLETED' END, finished_at = now(), updated_at = now() "
          "WHERE run_id = $1::uuid AND status = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM "
          "invforecast_run_items WHERE run_id = $1::uuid AND status = 'PENDING')",
          {param(run_id)});
  tx.commit();
}

struct item_result {
  std::string material;
  std::string status;  // DONE, SKIPPED, FAILED
  std::string message;
  std::optional<int> version;
};

// A claimed batch, its transaction still open: the claim's row locks are held until
// store_batch commits (or the transaction is dropped, which returns the batch to the queue).
struct claimed_batch {
  std::unique_ptr<transaction> tx;
  std::vector<std::string> materials;  // in claim order
  array_builder ids;                   // the same, as a parameter
  std::map<std::string, detail::material_settings, std::less<>> settings;
  std::map<std::string, std::pair<std::vector<std::pair<year_month_day, double>>, std::string>,
           std::less<>>
      history;                                  // material -> (day, quantity) rows, latest uom
  std::vector<item_result> results;             // plan_batch: one per material, in claim order
  std::vector<detail::planned_material> plans;  // plan_batch: the planned ones
  std::vector<std::size_t> result_of;           // plans[j] is results[result_of[j]]
  std::vector<std::pair<std::string, std::string>> skipped;
  nightly_timings t;
};

// Claims a batch and reads its settings and history (one query each). std::nullopt when
// nothing is claimable.
std::optional<claimed_batch> claim_batch(connection& conn, std::string_view fn, const scope& where,
                                         const nightly_options& o, const std::string& run_id,
                                         const detail::planning_context& ctx) {
  claimed_batch b;
  auto t0 = clock_type::now();
  b.tx = std::make_unique<transaction>(conn, where.tenant_id);
  transaction& tx = *b.tx;
  const result claim = tx.exec(
      fn, k_claim_sql,
      {param(run_id), param(static_cast<long long>(o.batch_size)),
       param(static_cast<long long>(o.part.count)), param(static_cast<long long>(o.part.index))});
  if (claim.rows() == 0) {
    tx.commit();
    return std::nullopt;
  }
  b.materials.reserve(static_cast<std::size_t>(claim.rows()));
  for (int i = 0; i < claim.rows(); ++i) {
    b.materials.emplace_back(claim.text(i, 0));
    b.ids.add(b.materials.back());
  }
  b.settings = detail::read_material_settings(tx, fn, ctx, b.materials);
  b.t.claim = since(t0);

  t0 = clock_type::now();
  const result h = tx.exec(
      fn,
      "SELECT material_id::text, demand_date, actual_demand_quantity, demand_uom FROM "
      "demand_history WHERE tenant_id = $1::uuid AND facility_id = $2::uuid AND material_id = "
      "ANY($3::uuid[]) AND demand_date BETWEEN $4::date AND $5::date AND deleted_at IS NULL "
      "ORDER BY material_id, demand_date",
      {param(where.tenant_id), param(where.facility_id), b.ids.value(),
       param(detail::extract_start(ctx)), param(ctx.planning_day)});
  for (int i = 0; i < h.rows(); ++i) {
    auto& entry = b.history[std::string(h.text(i, 0))];
    entry.first.emplace_back(h.date(i, 1), h.number(i, 2));
    entry.second = std::string(h.text(i, 3));
  }
  b.t.read = since(t0);
  return b;
}

// Plans every material of a claimed batch (no database access); drops its history.
void plan_batch(claimed_batch& b, const detail::planning_context& ctx,
                const std::map<std::string, const inventory_position*, std::less<>>& positions) {
  const inventory_position unknown = batch_plan_options::unknown_stock();
  const detail::material_settings none{};
  static const std::vector<std::pair<year_month_day, double>> k_empty;
  b.results.reserve(b.materials.size());
  for (const std::string& m : b.materials) {
    const auto t0 = clock_type::now();
    const auto s = b.settings.find(m);
    const auto p = positions.find(m);
    const auto r = b.history.find(m);
    detail::planned_material planned = detail::plan_history(
        ctx, m, p != positions.end() ? *p->second : unknown,
        s != b.settings.end() ? s->second : none, r != b.history.end() ? r->second.first : k_empty,
        r != b.history.end() ? r->second.second : std::string());
    b.t.plan += since(t0);
    item_result out{m, "DONE", {}, {}};
    if (!planned.plan) {
      out.status = "SKIPPED";
      out.message = planned.reason;
      b.skipped.emplace_back(m, planned.reason);
    } else {
      b.result_of.push_back(b.results.size());
      b.plans.push_back(std::move(planned));
    }
    b.results.push_back(std::move(out));
  }
  b.history.clear();
}

// Stores a planned batch's plans, marks its items, adds its counts to the run and commits.
void store_batch(claimed_batch& b, std::string_view fn, const scope& where,
                 const nightly_options& o, const std::string& run_id, const std::string& worker,
                 shared_state& shared) {
  transaction& tx = *b.tx;
  connection& conn = tx.conn();
  auto t0 = clock_type::now();
  std::size_t written = 0;
  std::size_t clamped = 0;
  bool batched = false;
  bool fell_back = false;
  std::vector<nightly_failure> failures;
  if (o.batch_write && !b.plans.empty()) {
    // All plans in one set of statements; a database error rolls back to the savepoint and
    // the batch is stored material by material below, so that it fails its material only.
    std::vector<const material_plan*> ptrs;
    std::vector<std::string> uoms;
    ptrs.reserve(b.plans.size());
    uoms.reserve(b.plans.size());
    for (const auto& p : b.plans) {
      ptrs.push_back(&*p.plan);
      uoms.push_back(p.uom);
    }
    tx.exec(fn, "SAVEPOINT invforecast_batch");
    try {
      std::size_t batch_clamped = 0;
      const std::vector<material_generation> g =
          detail::write_forecast_batch(tx, fn, where, ptrs, uoms, o.write, batch_clamped);
      tx.exec(fn, "RELEASE SAVEPOINT invforecast_batch");
      for (std::size_t j = 0; j < g.size(); ++j) b.results[b.result_of[j]].version = g[j].version;
      written = g.size();
      clamped += batch_clamped;
      batched = true;
    } catch (const sql_error& e) {
      if (e.connection_lost() || !conn.is_open()) throw;
      tx.exec(fn, "ROLLBACK TO SAVEPOINT invforecast_batch");
      fell_back = true;
    }
  }
  if (!batched) {
    for (std::size_t j = 0; j < b.plans.size(); ++j) {
      item_result& out = b.results[b.result_of[j]];
      const std::string& m = out.material;
      tx.exec(fn, "SAVEPOINT invforecast_material");
      try {
        const material_generation g = detail::write_forecast_rows(tx, fn, where, *b.plans[j].plan,
                                                                  b.plans[j].uom, o.write, clamped);
        tx.exec(fn, "RELEASE SAVEPOINT invforecast_material");
        out.version = g.version;
        ++written;
      } catch (const sql_error& e) {
        if (e.connection_lost() || !conn.is_open()) throw;
        tx.exec(fn, "ROLLBACK TO SAVEPOINT invforecast_material");
        out.status = "FAILED";
        out.message = e.what();
        failures.push_back({m, e.what()});
      }
    }
  }

  array_builder st, msg, ver;
  for (const auto& r : b.results) {
    st.add(r.status);
    if (r.message.empty()) {
      msg.add_null();
    } else {
      msg.add(r.message);
    }
    if (r.version) {
      ver.add(*r.version);
    } else {
      ver.add_null();
    }
  }
  tx.exec(fn,
          "UPDATE invforecast_run_items i SET status = t.s, message = t.m, forecast_version = t.v, "
          "worker = $2, finished_at = now() FROM unnest($3::uuid[], $4::text[], $5::text[], "
          "$6::int[]) AS t(id, s, m, v) WHERE i.run_id = $1::uuid AND i.material_id = t.id",
          {param(run_id), param(worker), b.ids.value(), st.value(), msg.value(), ver.value()});
  const result counts = tx.exec(
      fn,
      "UPDATE invforecast_runs SET done_materials = done_materials + $2::int, skipped_materials "
      "= skipped_materials + $3::int, failed_materials = failed_materials + $4::int, updated_at "
      "= now() WHERE run_id = $1::uuid RETURNING total_materials, done_materials + "
      "skipped_materials + failed_materials, failed_materials",
      {param(run_id), param(static_cast<long long>(written)),
       param(static_cast<long long>(b.skipped.size())),
       param(static_cast<long long>(failures.size()))});
  tx.commit();
  b.t.write = since(t0);

  std::lock_guard<std::mutex> guard(shared.lock);
  nightly_report& rep = shared.report;
  rep.written += written;
  rep.clamped_values += clamped;
  if (batched) ++rep.batched_writes;
  if (fell_back) ++rep.fallback_batches;
  rep.skipped += b.skipped.size();
  rep.failed += failures.size();
  ++rep.batches;
  for (auto& s : b.skipped) rep.skipped_materials.push_back(std::move(s));
  for (auto& f : failures) rep.failures.push_back(std::move(f));
  rep.timings.claim += b.t.claim;
  rep.timings.read += b.t.read;
  rep.timings.plan += b.t.plan;
  rep.timings.write += b.t.write;
  shared.mine += b.results.size();
  if (o.progress) {
    nightly_progress p;
    p.run_id = run_id;
    p.total = static_cast<std::size_t>(counts.integer(0, 0));
    p.done = static_cast<std::size_t>(counts.integer(0, 1));
    p.failed = static_cast<std::size_t>(counts.integer(0, 2));
    p.mine = shared.mine;
    p.seconds = since(shared.started);
    p.rate = p.seconds > 0 ? static_cast<double>(p.mine) / p.seconds : 0;
    if (p.rate > 0)
      p.eta_seconds = static_cast<double>(p.total - std::min(p.total, p.done)) / p.rate;
    o.progress(p);
  }
}

}  // namespace

nightly_report run_nightly(const std::string& conninfo, const scope& where,
                           const nightly_options& options) {
  constexpr std::string_view fn = "run_nightly";
  const auto started = clock_type::now();
  detail::check_scope(fn, where);
  for (std::size_t i = 0; i < options.material_ids.size(); ++i) {
    check_uuid(fn, "material_ids[" + std::to_string(i) + "]", options.material_ids[i]);
  }
  if (options.run_id) check_uuid(fn, "run_id", *options.run_id);
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
  if (options.threads < 1 || options.threads > 256) {
    invforecast::detail::throw_invalid_value(fn, "threads", options.threads, "in [1, 256]");
  }
  if (options.batch_size < 1 || options.batch_size > 10000) {
    invforecast::detail::throw_invalid_value(fn, "batch_size", options.batch_size, "in [1, 10000]");
  }
  if (options.write.default_uom.empty() || options.write.default_uom.size() > 10) {
    invforecast::detail::throw_invalid(
        fn, "write.default_uom = '" + options.write.default_uom + "', must be 1 to 10 characters");
  }
  if (options.as_of) detail::check_date(fn, "as_of", *options.as_of);
  const std::string worker = options.worker.empty() ? default_worker() : options.worker;

  connection conn(conninfo);
  // Named variables, not a structured binding: the worker lambda below captures run_id, and
  // clang 14 cannot capture a structured binding.
  const auto opened = open_run(conn, fn, where, options, options.write.user);
  const std::string& run_id = std::get<0>(opened);
  const year_month_day as_of = std::get<1>(opened);
  const bool created = std::get<2>(opened);
  detail::planning_context ctx;
  {
    transaction tx(conn, where.tenant_id);
    ctx =
        detail::make_planning_context(tx, fn, where, options.planning, detail::add_days(as_of, -1));
    tx.commit();
  }

  shared_state shared;
  shared.started = started;
  shared.report.run_id = run_id;
  shared.report.as_of = as_of;
  shared.report.created = created;
  std::mutex error_lock;
  std::exception_ptr first_error;
  std::atomic<bool> stop{false};
  const auto work = [&](unsigned index) {
    try {
      const std::string name = worker + "/" + std::to_string(index);
      std::vector<connection> conns;
      conns.emplace_back(conninfo);
      if (options.overlap_write) conns.emplace_back(conninfo);
      const auto fetch = [&](connection& c) {
        return claim_batch(c, fn, where, options, run_id, ctx);
      };
      const auto store = [&](claimed_batch& b) {
        store_batch(b, fn, where, options, run_id, name, shared);
      };
      // Nothing claimable: true when another worker still holds a batch (or died holding it:
      // its items come back when its connection drops), after a pause; false when the run's
      // (or this shard's) queue is empty.
      const auto others_pending = [&](connection& c) {
        if (!options.wait_for_others || stop.load()) return false;
        transaction tx(c, where.tenant_id);
        const result pending =
            tx.exec(fn, k_pending_sql,
                    {param(run_id), param(static_cast<long long>(options.part.count)),
                     param(static_cast<long long>(options.part.index))});
        tx.commit();
        if (pending.integer(0, 0) == 0) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return true;
      };

      if (!options.overlap_write) {
        while (!stop.load()) {
          std::optional<claimed_batch> b = fetch(conns[0]);
          if (!b) {
            if (others_pending(conns[0])) continue;
            break;
          }
          plan_batch(*b, ctx, positions);
          store(*b);
        }
        return;
      }

      // Overlapped: while this thread plans `current`, the `io` thread stores `previous` and
      // then claims and reads `next` on the connection `previous` used (the other one at the
      // start), so reading and writing hide behind planning. Two claims are open at most.
      std::optional<claimed_batch> previous, next;
      std::optional<claimed_batch> current = fetch(conns[0]);
      std::exception_ptr io_error;
      const auto io_step = [&](connection& c) {
        try {
          if (previous) store(*previous);
          previous.reset();
          if (!stop.load()) next = fetch(c);
        } catch (...) {
          io_error = std::current_exception();
        }
      };
      std::thread io;
      try {
        while (!stop.load()) {
          if (!current) {
            if (previous) store(*previous);
            previous.reset();
            if (!others_pending(conns[0])) break;
            current = fetch(conns[0]);
            continue;
          }
          connection& spare = previous ? previous->tx->conn()
                                       : (&current->tx->conn() == &conns[0] ? conns[1] : conns[0]);
          try {
            io = std::thread(io_step, std::ref(spare));
          } catch (const std::system_error&) {
            io_step(spare);  // no thread to be had: this step without overlap
          }
          plan_batch(*current, ctx, positions);
          if (io.joinable()) io.join();
          if (io_error) std::rethrow_exception(io_error);
          previous = std::move(current);
          current = std::move(next);
          next.reset();
        }
      } catch (...) {
        if (io.joinable()) io.join();
        throw;
      }
    } catch (...) {
      stop.store(true);
      std::lock_guard<std::mutex> guard(error_lock);
      if (!first_error) first_error = std::current_exception();
    }
  };
  // The library's one thread pool: worker i is index i; a worker thread the system cannot
  // start is no std::terminate, the running workers (at least this thread) claim its batches.
  invforecast::detail::parallel_for_index(options.threads, options.threads,
                                          [&](std::size_t i) { work(static_cast<unsigned>(i)); });
  if (first_error) std::rethrow_exception(first_error);

  finish_run(conn, fn, where, run_id);
  nightly_report report = std::move(shared.report);
  {
    transaction tx(conn, where.tenant_id);
    const result st =
        tx.exec(fn, "SELECT status FROM invforecast_runs WHERE run_id = $1::uuid", {param(run_id)});
    if (st.rows() > 0) report.run_status = std::string(st.text(0, 0));
    tx.commit();
  }
  std::sort(report.failures.begin(), report.failures.end(),
            [](const auto& a, const auto& b) { return a.material_id < b.material_id; });
  std::sort(report.skipped_materials.begin(), report.skipped_materials.end());
  report.seconds = since(started);
  return report;
}

std::optional<run_info> get_run(connection& conn, const scope& where,
                                const std::optional<std::string>& run_id) {
  constexpr std::string_view fn = "get_run";
  detail::check_scope(fn, where);
  if (run_id) check_uuid(fn, "run_id", *run_id);
  transaction tx(conn, where.tenant_id);
  const result r = tx.exec(
      fn,
      "SELECT run_id::text, as_of_date, status, total_materials, done_materials, "
      "skipped_materials, failed_materials, started_at::text, finished_at::text, "
      "extract(epoch FROM COALESCE(finished_at, now()) - started_at)::float8, "
      "(SELECT count(*) FROM invforecast_run_items i WHERE i.run_id = r.run_id AND i.status = "
      "'PENDING') FROM invforecast_runs r WHERE tenant_id = $1::uuid AND facility_id = $2::uuid "
      "AND ($3::uuid IS NULL OR run_id = $3::uuid) ORDER BY started_at DESC LIMIT 1",
      {param(where.tenant_id), param(where.facility_id), param(run_id)});
  if (r.rows() == 0) {
    tx.commit();
    return std::nullopt;
  }
  run_info info;
  info.run_id = std::string(r.text(0, 0));
  info.as_of = r.date(0, 1);
  info.status = std::string(r.text(0, 2));
  info.total = static_cast<std::size_t>(r.integer(0, 3));
  info.done = static_cast<std::size_t>(r.integer(0, 4));
  info.skipped = static_cast<std::size_t>(r.integer(0, 5));
  info.failed = static_cast<std::size_t>(r.integer(0, 6));
  info.started_at = std::string(r.text(0, 7));
  if (!r.is_null(0, 8)) info.finished_at = std::string(r.text(0, 8));
  info.seconds = r.number(0, 9);
  info.pending = static_cast<std::size_t>(r.integer(0, 10));
  const result f = tx.exec(fn,
                           "SELECT material_id::text, COALESCE(message, '') FROM "
                           "invforecast_run_items WHERE run_id = $1::uuid AND status = 'FAILED' "
                           "ORDER BY material_id",
                           {param(info.run_id)});
  for (int i = 0; i < f.rows(); ++i) {
    info.failures.push_back({std::string(f.text(i, 0)), std::string(f.text(i, 1))});
  }
  tx.commit();
  return info;
}

}  // namespace invforecast::pg
