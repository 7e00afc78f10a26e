#pragma once

/// @file
/// A connection to PostgreSQL (libpq), query results, and the tenant-scoped transaction every
/// adapter operation runs in. Statements are always sent with parameters (PQexecParams);
/// values are never spliced into SQL text. libpq's own header is not included here: the
/// handles are opaque, so consumers need only this library.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/error.hpp"

struct pg_conn;    // libpq's PGconn
struct pg_result;  // libpq's PGresult

namespace invforecast::pg {

/// A failed database operation: invforecast::database_error with the SQLSTATE code.
/// The transaction it happened in was rolled back, so nothing of it was written.
class sql_error : public database_error {
 public:
  /// @param message "<operation>: <server message>"
  /// @param sqlstate five-character SQLSTATE ("23505" unique violation, "57P01" backend
  ///        terminated, "08006" connection failure); empty when the client library failed
  ///        before the server answered
  /// @param connection_lost true when the connection is no longer usable
  sql_error(const std::string& message, std::string sqlstate, bool connection_lost)
      : database_error(message), sqlstate_(std::move(sqlstate)), lost_(connection_lost) {}
  /// SQLSTATE of the error ("" when unknown).
  [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }
  /// True when the connection was lost (server shut down, backend terminated, network).
  [[nodiscard]] bool connection_lost() const noexcept { return lost_; }

 private:
  std::string sqlstate_;
  bool lost_;
};

/// One statement parameter in PostgreSQL's text format; std::nullopt is SQL NULL.
/// Build them with param(...) overloads below.
using param_value = std::optional<std::string>;

/// Text of a date ("2025-03-01").
param_value param(std::chrono::year_month_day d);
/// Shortest round-trip text of a finite number.
/// @throws invalid_argument when `v` is NaN or infinite ("param: value = nan, must be finite")
param_value param(double v);
/// Decimal text of an integer.
param_value param(long long v);
/// Decimal text of an integer.
inline param_value param(int v) { return param(static_cast<long long>(v)); }
/// "true" / "false".
param_value param(bool v);
/// The text itself (stored verbatim: it is a parameter, never part of the SQL).
inline param_value param(std::string_view v) { return std::string(v); }
/// The text itself.
inline param_value param(const char* v) { return std::string(v); }
/// NULL when empty, else param(*v).
template <typename T>
param_value param(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return param(*v);
}

/// An owned query result (PGresult). Rows and columns are 0-based.
class result {
 public:
  result() = default;
  explicit result(pg_result* r) noexcept : r_(r) {}
  result(result&& other) noexcept : r_(other.r_) { other.r_ = nullptr; }
  result& operator=(result&& other) noexcept;
  result(const result&) = delete;
  result& operator=(const result&) = delete;
  ~result();

  /// Number of rows returned.
  [[nodiscard]] int rows() const noexcept;
  /// Number of rows affected by INSERT / UPDATE / DELETE (0 for others).
  [[nodiscard]] long long affected() const;
  /// True when the field is SQL NULL.
  [[nodiscard]] bool is_null(int row, int column) const noexcept;
  /// The field's text ("" for NULL).
  [[nodiscard]] std::string_view text(int row, int column) const noexcept;
  /// The field as a number (NUMERIC, FLOAT8, INTEGER).
  /// @throws database_error when the field is NULL or not a number
  [[nodiscard]] double number(int row, int column) const;
  /// The field as a number, std::nullopt for NULL.
  /// @throws database_error when the field is not a number
  [[nodiscard]] std::optional<double> optional_number(int row, int column) const;
  /// The field as an integer.
  /// @throws database_error when the field is NULL or not an integer
  [[nodiscard]] long long integer(int row, int column) const;
  /// The field as an integer, std::nullopt for NULL.
  /// @throws database_error when the field is not an integer
  [[nodiscard]] std::optional<long long> optional_integer(int row, int column) const;
  /// The field as a date (PostgreSQL ISO output "yyyy-mm-dd").
  /// @throws database_error when the field is NULL or not a date
  [[nodiscard]] std::chrono::year_month_day date(int row, int column) const;
  /// The field as a date, std::nullopt for NULL.
  /// @throws database_error when the field is not a date
  [[nodiscard]] std::optional<std::chrono::year_month_day> optional_date(int row, int column) const;
  /// The field as a boolean ("t" / "f").
  [[nodiscard]] bool boolean(int row, int column) const noexcept;
  /// The libpq handle (PGresult*).
  [[nodiscard]] pg_result* native_handle() const noexcept { return r_; }

 private:
  pg_result* r_ = nullptr;
};

/// An open connection. Not thread-safe: use one connection per thread (PostgreSQL runs one
/// backend per connection anyway).
class connection {
 public:
  /// Connects with a libpq connection string ("host=... port=... dbname=... user=...") or URI.
  /// @throws sql_error when the connection cannot be established (the message is libpq's)
  explicit connection(const std::string& conninfo);
  connection(connection&& other) noexcept : c_(other.c_) { other.c_ = nullptr; }
  connection& operator=(connection&& other) noexcept;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection();

  /// Runs one parameterised statement ($1, $2, ... in `sql`).
  /// @param operation name used in error messages
  /// @throws sql_error on any error reported by the server or the client library
  result exec(std::string_view operation, const std::string& sql,
              const std::vector<param_value>& params = {});
  /// Runs one parameterised statement.
  /// @throws sql_error on any error
  result exec(std::string_view operation, const std::string& sql,
              std::initializer_list<param_value> params);
  /// Runs a script of several statements without parameters (simple query protocol); for
  /// migrations and test fixtures only.
  /// @throws sql_error on any error
  void exec_script(std::string_view operation, const std::string& sql);
  /// The server process id of this connection (pg_backend_pid()).
  [[nodiscard]] int backend_pid() const noexcept;
  /// True while the connection is usable.
  [[nodiscard]] bool is_open() const noexcept;
  /// True while a transaction block is open on the server.
  [[nodiscard]] bool in_transaction() const noexcept;
  /// The libpq handle (PGconn*), for callers that need libpq directly.
  [[nodiscard]] pg_conn* native_handle() const noexcept { return c_; }

 private:
  pg_conn* c_ = nullptr;
};

/// Transaction isolation level.
enum class isolation { read_committed, repeatable_read, serializable };

/// A transaction scoped to one tenant. The constructor runs BEGIN and
/// `set_config('app.current_tenant_id', tenant_id, true)` (transaction-local, like
/// SET LOCAL), so the ERP's row-level security policies restrict every statement to that
/// tenant when the role is neither the table owner nor a superuser. commit() commits; the
/// destructor rolls back a transaction that was not committed, so an exception anywhere
/// leaves nothing written.
class transaction {
 public:
  /// @param tenant_id canonical UUID text
  /// @throws invalid_argument when tenant_id is not a UUID
  /// @throws sql_error when BEGIN or set_config fails (e.g. connection lost)
  transaction(connection& conn, std::string_view tenant_id,
              isolation level = isolation::read_committed);
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  ~transaction();

  /// Runs a statement inside the transaction. A failing statement aborts the transaction.
  /// @throws sql_error on any error
  result exec(std::string_view operation, const std::string& sql,
              const std::vector<param_value>& params = {});
  /// Runs a statement inside the transaction.
  /// @throws sql_error on any error
  result exec(std::string_view operation, const std::string& sql,
              std::initializer_list<param_value> params);
  /// Commits.
  /// @throws sql_error when COMMIT fails (then nothing was written)
  void commit();
  /// Rolls back (also done by the destructor when commit() was not called). Never throws.
  void rollback() noexcept;
  /// The connection this transaction runs on.
  [[nodiscard]] connection& conn() noexcept { return *conn_; }

 private:
  connection* conn_;
  bool done_ = false;
};

/// True when `text` is a UUID in canonical 8-4-4-4-12 hexadecimal form (either case).
[[nodiscard]] bool is_uuid(std::string_view text) noexcept;

/// Throws unless `text` is a UUID.
/// @throws invalid_argument "<function>: <name> = <text>, must be a UUID"
void check_uuid(std::string_view function, std::string_view name, std::string_view text);

}  // namespace invforecast::pg
