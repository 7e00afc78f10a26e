#pragma once

// Test harness for the PostgreSQL adapters. run_with_postgres.sh starts a throwaway server and
// exports INVFORECAST_PG_TEST_CONNINFO (superuser). Each pg_fixture gets its own database,
// cloned from a migrated template database, and drops it afterwards. The role invf_app is a
// LOGIN role that owns nothing and has only DML privileges, so row-level security applies to
// it (the superuser bypasses it, like a table owner).

#include <chrono>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg::test {

/// libpq connection string of the test server for `database` and `user`.
std::string conninfo(const std::string& database, const std::string& user = "postgres");

/// A catalog snapshot of the public schema (columns, constraints, indexes, policies, RLS
/// flags, functions, recorded versions), one line per object, sorted.
std::string schema_snapshot(connection& conn);

/// Grants the DML privileges of the test role invf_app on every table of the public schema.
void grant_app_role(connection& conn);

/// A fresh database per test case.
class pg_fixture {
 public:
  /// migrated = clone of a template with migrate() applied; false = an empty database.
  explicit pg_fixture(bool migrated = true);
  ~pg_fixture();
  pg_fixture(const pg_fixture&) = delete;
  pg_fixture& operator=(const pg_fixture&) = delete;

  /// A new connection as the superuser (bypasses row-level security).
  [[nodiscard]] connection owner() const;
  /// A new connection as invf_app (subject to row-level security).
  [[nodiscard]] connection app() const;
  [[nodiscard]] const std::string& database() const { return db_; }

  /// Inserts a tenant and a facility (as owner) and returns the scope.
  scope make_scope() const;
  /// Inserts `n` materials of the scope's tenant (as owner), sorted ids.
  std::vector<std::string> make_materials(const scope& s, std::size_t n) const;

 private:
  std::string db_;
};

/// A fixed day used as "today" in tests (a Monday).
inline constexpr std::chrono::year_month_day k_today{std::chrono::year{2025}, std::chrono::month{6},
                                                     std::chrono::day{2}};

/// k_today + n days.
std::chrono::year_month_day day(long long n);

}  // namespace invforecast::pg::test
