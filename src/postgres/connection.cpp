// libpq wrapper: connection, result, tenant-scoped transaction.

#include "invforecast/postgres/connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/format.hpp"
#include "invforecast/detail/uuid.hpp"

namespace invforecast::pg {

namespace {

std::string trim_message(const char* message) {
  std::string m = message != nullptr ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

[[noreturn]] void throw_result_error(std::string_view operation, PGconn* c, const PGresult* r) {
  std::string state;
  std::string message;
  if (r != nullptr) {
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (s != nullptr) state = s;
    message = trim_message(PQresultErrorMessage(r));
  }
  if (message.empty()) message = trim_message(PQerrorMessage(c));
  const bool lost = PQstatus(c) == CONNECTION_BAD || state == "57P01" || state == "57P02" ||
                    state == "57P03" || state.rfind("08", 0) == 0;
  if (lost && state.empty()) state = "08006";
  std::string text = std::string(operation) + ": ";
  if (lost) text += "connection lost: ";
  text += message.empty() ? std::string("unknown error") : message;
  if (!state.empty()) text += " (SQLSTATE " + state + ")";
  text += "; the transaction was rolled back";
  throw sql_error(text, state, lost);
}

[[noreturn]] void throw_field_error(std::string_view what, int row, int column,
                                    std::string_view text) {
  throw database_error("result: field (" + std::to_string(row) + ", " + std::to_string(column) +
                       ") = '" + std::string(text) + "', must be " + std::string(what));
}

}  // namespace

// ---- parameters ------------------------------------------------------------------------------

param_value param(std::chrono::year_month_day d) {
  char buffer[32];
  const int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                              static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return std::string(buffer, static_cast<std::size_t>(n));
}

param_value param(double v) {
  detail::check_finite("param", "value", v);
  return detail::format_general(v);  // the library's one checked formatter
}

param_value param(long long v) { return std::to_string(v); }

param_value param(bool v) { return std::string(v ? "true" : "false"); }

// ---- result ----------------------------------------------------------------------------------

result& result::operator=(result&& other) noexcept {
  if (this != &other) {
    if (r_ != nullptr) PQclear(r_);
    r_ = other.r_;
    other.r_ = nullptr;
  }
  return *this;
}

result::~result() {
  if (r_ != nullptr) PQclear(r_);
}

int result::rows() const noexcept { return r_ != nullptr ? PQntuples(r_) : 0; }

long long result::affected() const {
  if (r_ == nullptr) return 0;
  const char* s = PQcmdTuples(r_);
  if (s == nullptr || *s == '\0') return 0;
  return std::stoll(s);
}

bool result::is_null(int row, int column) const noexcept {
  return r_ == nullptr || PQgetisnull(r_, row, column) != 0;
}

std::string_view result::text(int row, int column) const noexcept {
  if (is_null(row, column)) return {};
  return {PQgetvalue(r_, row, column), static_cast<std::size_t>(PQgetlength(r_, row, column))};
}

double result::number(int row, int column) const {
  const auto v = optional_number(row, column);
  if (!v) throw_field_error("a number (not NULL)", row, column, "NULL");
  return *v;
}

std::optional<double> result::optional_number(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  const std::string_view t = text(row, column);
  double v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) {
    throw_field_error("a number", row, column, t);
  }
  return v;
}

long long result::integer(int row, int column) const {
  const auto v = optional_integer(row, column);
  if (!v) throw_field_error("an integer (not NULL)", row, column, "NULL");
  return *v;
}

std::optional<long long> result::optional_integer(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  const std::string_view t = text(row, column);
  long long v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) {
    throw_field_error("an integer", row, column, t);
  }
  return v;
}

std::chrono::year_month_day result::date(int row, int column) const {
  const auto v = optional_date(row, column);
  if (!v) throw_field_error("a date (not NULL)", row, column, "NULL");
  return *v;
}

std::optional<std::chrono::year_month_day> result::optional_date(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  const std::string_view t = text(row, column);
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  const char* p = t.data();
  const char* end = t.data() + t.size();
  auto r = std::from_chars(p, end, y);
  bool ok = r.ec == std::errc() && r.ptr != end && *r.ptr == '-';
  if (ok) {
    r = std::from_chars(r.ptr + 1, end, m);
    ok = r.ec == std::errc() && r.ptr != end && *r.ptr == '-';
  }
  if (ok) {
    r = std::from_chars(r.ptr + 1, end, d);
    ok = r.ec == std::errc() && r.ptr == end;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ok || !ymd.ok()) throw_field_error("an ISO date", row, column, t);
  return ymd;
}

bool result::boolean(int row, int column) const noexcept {
  const std::string_view t = text(row, column);
  return !t.empty() && t[0] == 't';
}

// ---- connection ------------------------------------------------------------------------------

connection::connection(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str())) {
  if (c_ == nullptr || PQstatus(c_) != CONNECTION_OK) {
    const std::string message =
        c_ != nullptr ? trim_message(PQerrorMessage(c_)) : std::string("out of memory");
    if (c_ != nullptr) PQfinish(c_);
    c_ = nullptr;
    throw sql_error("connection: cannot connect: " + message, "08001", true);
  }
  // Dates as ISO text regardless of the server's DateStyle; warnings not printed on stderr.
  PQsetNoticeProcessor(
      c_, [](void*, const char*) {}, nullptr);
  exec("connection", "SELECT set_config('datestyle', 'ISO, YMD', false)");
}

connection& connection::operator=(connection&& other) noexcept {
  if (this != &other) {
    if (c_ != nullptr) PQfinish(c_);
    c_ = other.c_;
    other.c_ = nullptr;
  }
  return *this;
}

connection::~connection() {
  if (c_ != nullptr) PQfinish(c_);
}

result connection::exec(std::string_view operation, const std::string& sql,
                        const std::vector<param_value>& params) {
  if (c_ == nullptr)
    throw sql_error(std::string(operation) + ": connection is closed", "08003", true);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* r = PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.empty() ? nullptr : values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    result guard(r);
    throw_result_error(operation, c_, r);
  }
  return result(r);
}

result connection::exec(std::string_view operation, const std::string& sql,
                        std::initializer_list<param_value> params) {
  return exec(operation, sql, std::vector<param_value>(params));
}

void connection::exec_script(std::string_view operation, const std::string& sql) {
  if (c_ == nullptr)
    throw sql_error(std::string(operation) + ": connection is closed", "08003", true);
  PGresult* r = PQexec(c_, sql.c_str());
  const ExecStatusType status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  result guard(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_result_error(operation, c_, r);
}

int connection::backend_pid() const noexcept { return c_ != nullptr ? PQbackendPID(c_) : 0; }

bool connection::is_open() const noexcept { return c_ != nullptr && PQstatus(c_) == CONNECTION_OK; }

bool connection::in_transaction() const noexcept {
  if (c_ == nullptr) return false;
  const PGTransactionStatusType s = PQtransactionStatus(c_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

// ---- transaction -----------------------------------------------------------------------------

transaction::transaction(connection& conn, std::string_view tenant_id, isolation level)
    : conn_(&conn) {
  check_uuid("transaction", "tenant_id", tenant_id);
  const char* begin = level == isolation::serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                      : level == isolation::repeatable_read
                          ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                          : "BEGIN";
  conn_->exec("transaction", begin);
  try {
    conn_->exec("transaction", "SELECT set_config('app.current_tenant_id', $1, true)",
                {param(tenant_id)});
  } catch (...) {
    rollback();
    throw;
  }
}

transaction::~transaction() {
  if (!done_) rollback();
}

result transaction::exec(std::string_view operation, const std::string& sql,
                         const std::vector<param_value>& params) {
  return conn_->exec(operation, sql, params);
}

result transaction::exec(std::string_view operation, const std::string& sql,
                         std::initializer_list<param_value> params) {
  return conn_->exec(operation, sql, std::vector<param_value>(params));
}

void transaction::commit() {
  done_ = true;
  const result r = conn_->exec("commit", "COMMIT");
  // COMMIT of a transaction that already failed answers "ROLLBACK" instead of an error.
  const char* status = PQcmdStatus(r.native_handle());
  if (status != nullptr && std::string_view(status) == "ROLLBACK") {
    throw sql_error("commit: the transaction had failed and was rolled back", "25P02", false);
  }
}

void transaction::rollback() noexcept {
  done_ = true;
  if (conn_->native_handle() == nullptr || PQstatus(conn_->native_handle()) != CONNECTION_OK) {
    return;
  }
  PGresult* r = PQexec(conn_->native_handle(), "ROLLBACK");
  if (r != nullptr) PQclear(r);
}

// ---- UUID checks -----------------------------------------------------------------------------

bool is_uuid(std::string_view text) noexcept { return detail::is_uuid(text); }

void check_uuid(std::string_view function, std::string_view name, std::string_view text) {
  if (!is_uuid(text)) {
    throw invalid_argument(std::string(function) + ": " + std::string(name) + " = '" +
                           std::string(text) + "', must be a UUID");
  }
}

}  // namespace invforecast::pg
