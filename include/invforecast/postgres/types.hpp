#pragma once

/// @file
/// Types shared by the adapter operations: the tenant/facility scope, the shard of a worker,
/// the report of a write and the value-fitting policy for the ERP's DECIMAL columns.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace invforecast::pg {

/// Every operation works on one tenant and one facility. Both are canonical UUID text.
struct scope {
  std::string tenant_id{};    ///< sets app.current_tenant_id (row-level security) and filters rows
  std::string facility_id{};  ///< filters rows; written into every row
};

/// Worker `index` of `count` processes sharing one database: a material belongs to the worker
/// with shard_of(material_id, count) == index, so workers never write the same material.
struct shard {
  unsigned index = 0;  ///< 0 .. count-1
  unsigned count = 1;  ///< >= 1 (1 = no sharding)
};

/// The shard of a material: FNV-1a (64 bit) of the lower-case UUID text without dashes,
/// modulo `count`. Stable across processes, machines and releases.
/// @throws invalid_argument when count == 0
[[nodiscard]] unsigned shard_of(std::string_view material_id, unsigned count);

/// How many statements a mutation commits at once.
enum class commit_scope {
  whole_call,   ///< one transaction for the whole call: all or nothing (default)
  per_material  ///< one transaction per material: a failure keeps the materials already done
};

/// A value that does not fit its column (e.g. an absolute percentage error of 1250 % in
/// DECIMAL(5,2), whose largest value is 999.99) is clamped to the column's range and counted;
/// it never aborts the batch. Quantities outside DECIMAL(15,4) (|x| >= 1e11) are rejected with
/// invalid_argument before anything is written.
struct write_report {
  long long inserted = 0;            ///< rows inserted
  long long updated = 0;             ///< rows updated (upserts that hit an existing row)
  long long forecasts_applied = 0;   ///< demand_history rows given their forecast and errors
  std::size_t clamped_values = 0;    ///< values clamped to their column's range
  std::vector<std::string> notes{};  ///< what was clamped or skipped, one line each
};

}  // namespace invforecast::pg
