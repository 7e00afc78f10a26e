#include "pg_fixture.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "invforecast/detail/dates.hpp"
#include "invforecast/postgres/migrations.hpp"

namespace invforecast::pg::test {

namespace {

std::string server_conninfo() {
  const char* c = std::getenv("INVFORECAST_PG_TEST_CONNINFO");
  if (c == nullptr || *c == '\0') {
    throw std::runtime_error(
        "INVFORECAST_PG_TEST_CONNINFO is not set: run the tests through "
        "tests/postgres/run_with_postgres.sh (ctest -R postgres does)");
  }
  return c;
}

std::once_flag g_template_once;
std::atomic<int> g_counter{0};

void make_template() {
  connection admin(server_conninfo());
  admin.exec_script("fixture",
                    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invf_app') "
                    "THEN CREATE ROLE invf_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$;");
  admin.exec_script("fixture", "DROP DATABASE IF EXISTS invf_template");
  admin.exec_script("fixture", "CREATE DATABASE invf_template");
  connection t(conninfo("invf_template"));
  migrate(t);
  grant_app_role(t);
}

}  // namespace

std::string conninfo(const std::string& database, const std::string& user) {
  return server_conninfo() + " dbname=" + database + " user=" + user;
}

void grant_app_role(connection& conn) {
  conn.exec_script(
      "fixture",
      "GRANT USAGE ON SCHEMA public TO invf_app; "
      "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO invf_app; "
      "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO invf_app;");
}

std::string schema_snapshot(connection& conn) {
  const result r = conn.exec(
      "schema_snapshot",
      "SELECT coalesce(string_agg(x, E'\\n' ORDER BY x), '') FROM ("
      " SELECT format('col %s.%s %s %s %s %s %s', table_name, column_name, data_type, "
      "   character_maximum_length, numeric_precision || ',' || numeric_scale, is_nullable, "
      "   column_default) AS x FROM information_schema.columns WHERE table_schema = 'public'"
      " UNION ALL SELECT format('con %s %s %s', conrelid::regclass, conname, "
      "   pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
      " UNION ALL SELECT format('idx %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'"
      " UNION ALL SELECT format('pol %s %s %s %s %s', tablename, policyname, cmd, qual, "
      "with_check) "
      "   FROM pg_policies WHERE schemaname = 'public'"
      " UNION ALL SELECT format('rel %s %s %s', relname, relkind, relrowsecurity) FROM pg_class "
      "   WHERE relnamespace = 'public'::regnamespace"
      " UNION ALL SELECT format('fn %s %s', p.oid::regprocedure, md5(p.prosrc)) FROM pg_proc p "
      "   WHERE pronamespace = 'public'::regnamespace"
      ") s");
  return std::string(r.text(0, 0));
}

pg_fixture::pg_fixture(bool migrated) {
  std::call_once(g_template_once, make_template);
  db_ = "invf_t" + std::to_string(::getpid()) + "_" + std::to_string(g_counter++);
  connection admin(server_conninfo());
  if (migrated) {
    admin.exec_script("fixture", "CREATE DATABASE " + db_ + " TEMPLATE invf_template");
  } else {
    admin.exec_script("fixture", "CREATE DATABASE " + db_);
  }
}

pg_fixture::~pg_fixture() {
  try {
    connection admin(server_conninfo());
    admin.exec_script("fixture", "DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
  } catch (...) {  // NOLINT(bugprone-empty-catch): the server is torn down anyway
  }
}

connection pg_fixture::owner() const { return connection(conninfo(db_)); }

connection pg_fixture::app() const { return connection(conninfo(db_, "invf_app")); }

scope pg_fixture::make_scope() const {
  connection c = owner();
  const result r = c.exec("fixture", "SELECT gen_random_uuid()::text, gen_random_uuid()::text");
  scope s{std::string(r.text(0, 0)), std::string(r.text(0, 1))};
  c.exec("fixture", "INSERT INTO tenants (id) VALUES ($1::uuid)", {param(s.tenant_id)});
  c.exec("fixture", "INSERT INTO facilities (id, tenant_id) VALUES ($1::uuid, $2::uuid)",
         {param(s.facility_id), param(s.tenant_id)});
  return s;
}

std::vector<std::string> pg_fixture::make_materials(const scope& s, std::size_t n) const {
  connection c = owner();
  const result r =
      c.exec("fixture",
             "INSERT INTO materials (id, tenant_id) SELECT gen_random_uuid(), $1::uuid "
             "FROM generate_series(1, $2::int) RETURNING id::text",
             {param(s.tenant_id), param(static_cast<long long>(n))});
  std::vector<std::string> ids;
  for (int i = 0; i < r.rows(); ++i) ids.emplace_back(r.text(i, 0));
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::chrono::year_month_day day(long long n) { return invforecast::detail::add_days(k_today, n); }

}  // namespace invforecast::pg::test
