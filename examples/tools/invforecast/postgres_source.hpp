#pragma once

/// @file
/// `invforecast run --postgres`: the pipeline's inputs read from the ERP's demand_history
/// (missing days are zero demand), optionally after migrating the schema and loading a demand
/// CSV; and the write-back of the run's plans (pg::write_forecasts,
/// pg::write_replenishment_recommendations: the numbers the CLI printed, not recomputed) after
/// scoring the forecasts of 30 days ago. Material codes map to the database's material UUIDs
/// through materials.csv's material_uuid column.
/// Built only with INVFORECAST_WITH_POSTGRES.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline.hpp"

namespace invforecast::tools {

/// Where the inputs come from and what to do first.
struct postgres_source {
  std::string conninfo;
  std::string tenant_id;
  std::string facility_id;
  bool migrate = false;                              ///< apply the schema migrations first
  std::optional<std::filesystem::path> load_demand;  ///< backfill this CSV first
};

/// Reads the inputs; materials.csv / inventory.csv still give parameters and positions.
/// @throws database_error, parse_error, invalid_argument.
pipeline_input read_postgres_inputs(const postgres_source& source,
                                    const std::optional<std::filesystem::path>& materials_path,
                                    const std::optional<std::filesystem::path>& inventory_path,
                                    std::optional<date> as_of, const material_settings& defaults);

/// Writes back the plans of `results` (materials with a UUID and a plan): first the forecasts
/// as of 30 days before the run's as-of day (pg::generate_forecasts, same policy) written
/// into demand_history and scored (forecast_accuracy_metrics); then the run's own plans as a
/// new forecast version (pg::write_forecasts) and as PENDING recommendations
/// (pg::write_replenishment_recommendations, zero quantities kept; materials without an
/// inventory row have no suggestion and are left out).
/// @throws database_error, invalid_argument.
void write_back_postgres(const postgres_source& source, const std::vector<material_result>& results,
                         const pipeline_input& input, const pipeline_options& options,
                         bool progress);

/// The nightly job from the command line (`run --postgres ... --workers N [--run-id ID]`).
struct nightly_request {
  unsigned workers = 1;         ///< threads of this process (pg::nightly_options::threads)
  std::string run_id{};         ///< join or create this run; empty = join the open run
  std::optional<date> as_of{};  ///< last day of history; empty = yesterday (server date)
  std::size_t batch_size = 200;
};

/// Runs (or joins) the nightly job with pg::run_nightly: every material of the facility read
/// from demand_history, planned with `policy` and stored as a new forecast version; progress
/// (done / total, rate, ETA) on stderr after each batch unless `progress` is false; a summary
/// line at the end. Returns the number of failed materials of this process.
/// @throws database_error, invalid_argument.
std::size_t run_nightly_postgres(const postgres_source& source, const planning_policy& policy,
                                 const nightly_request& request, bool progress);

}  // namespace invforecast::tools
