// Schema migrations: the SQL text is embedded by cmake/postgres.cmake (migrations_sql.inc).

#include "invforecast/postgres/migrations.hpp"

#include <array>
#include <string>

namespace invforecast::pg {

namespace {
#include "invforecast_postgres_migrations.inc"  // defines k_migrations (std::array<migration, N>)
}  // namespace

std::span<const migration> migrations() noexcept { return k_migrations; }

int latest_schema_version() noexcept { return k_migrations.back().version; }

int schema_version(connection& conn) {
  const result r =
      conn.exec("schema_version", "SELECT to_regclass('invforecast_schema_version') IS NOT NULL");
  if (!r.boolean(0, 0)) return 0;
  const result v = conn.exec("schema_version",
                             "SELECT COALESCE(MAX(version), 0) FROM invforecast_schema_version");
  return static_cast<int>(v.integer(0, 0));
}

migrate_report migrate(connection& conn, const migrate_options& options) {
  migrate_report report;
  report.from_version = schema_version(conn);
  for (const migration& m : migrations()) {
    conn.exec("migrate", "BEGIN");
    try {
      // Serialise with other appliers before looking at the recorded version.
      conn.exec("migrate", "SELECT pg_advisory_xact_lock(1229870662, 0)");
      bool recorded = false;
      const result exists =
          conn.exec("migrate", "SELECT to_regclass('invforecast_schema_version') IS NOT NULL");
      if (exists.boolean(0, 0)) {
        const result v =
            conn.exec("migrate", "SELECT 1 FROM invforecast_schema_version WHERE version = $1",
                      {param(m.version)});
        recorded = v.rows() > 0;
      }
      if (!recorded || options.reapply) {
        conn.exec_script("migrate " + std::string(m.name), std::string(m.sql));
        report.applied.push_back(m.version);
      }
      conn.exec("migrate", "COMMIT");
    } catch (...) {
      try {
        if (conn.is_open()) conn.exec("migrate", "ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): the original error is rethrown
      }
      throw;
    }
  }
  report.to_version = schema_version(conn);
  return report;
}

}  // namespace invforecast::pg
