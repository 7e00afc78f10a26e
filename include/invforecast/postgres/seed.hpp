#pragma once

/// @file
/// Synthetic data for tests and database benchmarks: a tenant, a facility, N materials and D
/// days of deterministic daily demand, written with set-based SQL (generate_series), so
/// millions of rows take seconds. Meant for the schema created by migrate() on an empty
/// database (the minimal parent tables); run it as the table owner.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// What seed_demand creates.
struct seed_options {
  std::size_t materials = 10;  ///< number of materials, >= 1
  int days = 180;              ///< days of demand per material, >= 1
  /// Last day of demand (the history ends here); unset = the day before the server's
  /// current_date.
  std::optional<std::chrono::year_month_day> last_day{};
  double mean_demand = 20;        ///< average daily demand of a day with demand, > 0
  double weekly_amplitude = 0.3;  ///< relative amplitude of the weekly season, in [0, 1)
  double noise = 0.25;            ///< relative uniform noise, in [0, 1)
  /// Share of materials (the last ones) with intermittent demand (about one day in four).
  double intermittent_share = 0.2;
  std::uint32_t seed = 1;  ///< changes every material's noise
  std::string uom = "EA";
  /// Tenant and facility to use; empty = create new ones (fresh UUIDs).
  std::string tenant_id{};
  std::string facility_id{};
};

/// What seed_demand created.
struct seed_result {
  scope where{};                            ///< the tenant and facility
  std::vector<std::string> material_ids{};  ///< the materials, sorted
  long long demand_rows = 0;                ///< demand_history rows inserted
};

/// Creates (when absent) the tenant and facility, creates `materials` materials and inserts
/// their demand for `days` days ending at last_day: mean_demand x (1 + weekly_amplitude x
/// sin(2 pi ISO-weekday / 7)) x (1 + noise x u), u uniform in [-1, 1] from a hash of
/// (seed, material's position in material_ids, day); intermittent materials have demand on
/// about a quarter of the days and no row on the others. The same options give the same
/// quantities on every run (only the fresh UUIDs differ). One transaction.
/// @throws invalid_argument when an option is out of range
/// @throws sql_error on a database error (nothing is written)
seed_result seed_demand(connection& conn, const seed_options& options = {});

}  // namespace invforecast::pg
