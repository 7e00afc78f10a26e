#pragma once

/// @file
/// The nightly job: every material of a facility planned (invforecast::plan()) and stored as a
/// new forecast version, by any number of threads and processes sharing one PostgreSQL. The
/// database is the coordinator: a run (invforecast_runs) and its work queue
/// (invforecast_run_items, one row per material), claimed in batches with
/// `SELECT ... FOR UPDATE SKIP LOCKED`. A batch's claim, its history read (one query), its
/// forecast rows and its items' new status commit in one transaction, so a worker killed
/// mid-batch loses nothing (its items return to the queue) and a material is written exactly
/// once per run. See docs/postgres.md, "The nightly job".

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/planning/inventory_position.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/planning.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// Progress of a run, reported after each committed batch.
struct nightly_progress {
  std::string run_id{};
  std::size_t total = 0;   ///< materials of the run (all workers)
  std::size_t done = 0;    ///< materials finished in the run: written + skipped + failed
  std::size_t failed = 0;  ///< materials failed in the run
  std::size_t mine = 0;    ///< materials finished by this call
  double seconds = 0;      ///< since this call started
  double rate = 0;         ///< this call's materials per second
  /// Seconds until the run is done at this call's rate (other workers make it shorter);
  /// unset before the first batch.
  std::optional<double> eta_seconds{};
};

/// Options of run_nightly.
struct nightly_options {
  /// The planning rules and the history rule (planning.hpp), as generate_forecasts'.
  planning_options planning{};
  /// First forecast day (the history ends the day before). Unset = the server's current_date
  /// (or the joined run's day).
  std::optional<std::chrono::year_month_day> as_of{};
  /// Positions of materials that have one (launch date, lead time), as generate_forecasts'.
  std::vector<invforecast::inventory_position> positions{};
  /// The run to work on: an existing run is joined (its as_of is used); a new one with this id
  /// is created. Unset = join the facility's RUNNING run of the same as_of, else create one.
  std::optional<std::string> run_id{};
  /// The materials of a run this call creates; empty = every material with demand history
  /// whose forecasting_enabled is not false (generate_forecasts' rule).
  std::vector<std::string> material_ids{};
  /// Worker threads (planning), each with its own connection (two with overlap_write); >= 1.
  unsigned threads = 1;
  /// Materials claimed and committed at once, 1..10000. Memory holds `threads` batches (three
  /// times that with overlap_write).
  std::size_t batch_size = 200;
  /// Only the run's materials of this shard (shard_of); other workers take the rest.
  shard part{};
  /// UOM and user of the rows written (commit is always one transaction per batch).
  forecast_write_options write{};
  /// Name recorded in invforecast_run_items.worker; empty = "<host>:<pid>".
  std::string worker{};
  /// Wait for batches claimed by other workers (and take them over when those die) until the
  /// run has no PENDING material; false = return when nothing is claimable.
  bool wait_for_others = true;
  /// Store a batch's plans with one set of statements for all of them (7 statements: one
  /// advisory-lock statement, uom lookup, versions, retire, model rows, forecast rows,
  /// supersede) under one savepoint; on a database error the batch is rolled back to it and
  /// stored material by material. false = always material by material (the same 7 statements
  /// for each material alone, and a savepoint each). The values stored are the same either way.
  bool batch_write = true;
  /// Each worker plans batch k while a second thread of it, on a second connection, stores
  /// and commits batch k-1 and then claims and reads batch k+1, so reading and writing (client
  /// and server time) overlap the planning. Each batch is still one transaction from its claim
  /// to its commit, so what is written, the exactly-once guarantee and what a killed worker
  /// leaves are the same as without; a worker holds at most two claimed batches and three
  /// batches' data. false = one connection per worker, its batches one after another. When
  /// the system cannot start the extra thread, that step runs without overlap.
  bool overlap_write = true;
  /// Called after each committed batch, one call at a time (from a worker's or its writer's
  /// thread).
  std::function<void(const nightly_progress&)> progress{};
};

/// A material that failed (a database error while storing it; its batch's others are kept).
struct nightly_failure {
  std::string material_id{};
  std::string message{};
};

/// Time spent by this call, summed over its threads, in seconds.
struct nightly_timings {
  double claim = 0;  ///< claiming a batch and reading its settings
  double read = 0;   ///< the batch's history query and parsing
  double plan = 0;   ///< plan(): fit, forecast, backtest, safety stock
  double write = 0;  ///< forecast rows, item status, run counts, commit
};

/// What run_nightly did.
struct nightly_report {
  std::string run_id{};
  std::chrono::year_month_day as_of{};
  bool created = false;                              ///< this call created the run
  std::size_t written = 0, skipped = 0, failed = 0;  ///< by this call
  std::size_t batches = 0;                           ///< committed by this call
  /// Batches whose plans were stored by the batched write (batch_write), and batches whose
  /// batched write failed and were stored material by material instead.
  std::size_t batched_writes = 0, fallback_batches = 0;
  std::size_t clamped_values = 0;           ///< values clamped to their column (see write_report)
  std::vector<nightly_failure> failures{};  ///< by this call
  std::vector<std::pair<std::string, std::string>> skipped_materials{};  ///< (id, reason)
  std::string run_status{};  ///< the run's status when this call returned
  nightly_timings timings{};
  double seconds = 0;  ///< wall time of the call
};

/// Runs (or joins) the nightly job of a facility: creates or joins the run, then `threads`
/// threads each open a connection (two with overlap_write) and repeat: claim up to batch_size
/// PENDING materials (FOR UPDATE SKIP LOCKED, material order), read their settings and history in
/// one query each, plan each material (plan_history: the rule of generate_forecasts, same numbers),
/// store the plans with write_forecasts' mapping: all of the batch at once under one savepoint
/// (batch_write), and on a database error in that write, each plan under its own savepoint (a
/// database error fails that material only), mark the items DONE / SKIPPED / FAILED, add the counts
/// to the run, commit. The last worker to find no PENDING material marks the run COMPLETED (or
/// COMPLETED_WITH_FAILURES). With overlap_write the storing of the previous batch and the claim
/// and read of the next run on a second thread while the worker plans the current one. Memory:
/// O(threads x batch_size x history days).
/// @param conninfo libpq connection string (each thread connects with it)
/// @throws invalid_argument for an invalid id, option or policy value (nothing is written)
/// @throws sql_error when a connection is lost or the run cannot be created (batches committed
///   before stay; rerun to continue)
nightly_report run_nightly(const std::string& conninfo, const scope& where,
                           const nightly_options& options = {});

/// One invforecast_runs row and its failed materials.
struct run_info {
  std::string run_id{};
  std::chrono::year_month_day as_of{};
  std::string status{};
  std::size_t total = 0, done = 0, skipped = 0, failed = 0, pending = 0;
  std::string started_at{};                  ///< ISO timestamp text
  std::optional<std::string> finished_at{};  ///< unset while running
  double seconds = 0;                        ///< finished (or now) - started
  std::vector<nightly_failure> failures{};   ///< the FAILED items
};

/// Reads a run; unset run_id = the facility's latest run. std::nullopt when none.
/// @throws invalid_argument for an invalid id
/// @throws sql_error on a database error
[[nodiscard]] std::optional<run_info> get_run(connection& conn, const scope& where,
                                              const std::optional<std::string>& run_id = {});

}  // namespace invforecast::pg
