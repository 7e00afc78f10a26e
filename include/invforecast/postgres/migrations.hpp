#pragma once

/// @file
/// The schema migrations shipped with the adapters (sql/V*.sql, compiled into the library and
/// installed under share/invforecast/sql). They create the ERP's five forecasting tables
/// column-compatible with the ERP's own migrations V0.0.32 and V0.0.39, are idempotent, and
/// record each applied version in the table invforecast_schema_version.

#include <span>
#include <string_view>
#include <vector>

#include "invforecast/postgres/connection.hpp"

namespace invforecast::pg {

/// One migration: its version number, file name and SQL text.
struct migration {
  int version{};  ///< 1, 2, ... (applied in this order)
  std::string_view
      name{};  ///< file name under share/invforecast/sql, e.g. "V001__forecasting_tables.sql"
  std::string_view sql{};  ///< the file's text
};

/// Every migration the library ships, in version order.
[[nodiscard]] std::span<const migration> migrations() noexcept;

/// The newest schema version the library knows (the last element of migrations()).
[[nodiscard]] int latest_schema_version() noexcept;

/// Options of migrate().
struct migrate_options {
  /// Re-run the SQL of versions already recorded (they are idempotent; used to verify that).
  bool reapply = false;
};

/// What migrate() did.
struct migrate_report {
  int from_version = 0;        ///< recorded version before (0: none)
  int to_version = 0;          ///< recorded version after
  std::vector<int> applied{};  ///< versions whose SQL was run
};

/// The highest version recorded in invforecast_schema_version (0 when the table is absent).
/// @throws sql_error on a database error
[[nodiscard]] int schema_version(connection& conn);

/// Applies the migrations not yet recorded, each in its own transaction together with its
/// version record, serialised against concurrent appliers by an advisory lock. Safe on an
/// empty database, on one where the ERP created the tables (only what V0.0.39 adds is
/// added, plus invforecast_schema_version and invforecast_uuid_v7()), and when repeated.
/// @throws sql_error when a migration fails (that migration is rolled back; earlier ones stay)
migrate_report migrate(connection& conn, const migrate_options& options = {});

}  // namespace invforecast::pg
