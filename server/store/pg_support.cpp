#include "store/pg_support.hpp"

#include <poll.h>

#include <cstdlib>
#include <optional>

namespace jot::server::pg {

namespace {

Failure failure(PGconn* conn, std::string what, bool lost) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Failure{
      Error(Errc::kInternal, "PostgreSQL: " + what + (message.empty() ? "" : ": ") + message),
      lost || PQstatus(conn) == CONNECTION_BAD,
      {}};
}

// Waits until the socket is ready for `events` or the deadline passes.
bool wait_socket(PGconn* conn, short events, Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return false;
  pollfd p{PQsocket(conn), events, 0};
  return ::poll(&p, 1, static_cast<int>(left)) > 0;
}

}  // namespace

bool is_uri(std::string_view target) noexcept {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

Result<Conn> connect(const ConnectSettings& settings, const std::vector<Prepared>& statements) {
  const std::string options =
      "-c statement_timeout=" + std::to_string(settings.statement_timeout.count()) +
      " -c lock_timeout=" + std::to_string(settings.statement_timeout.count()) +
      " -c idle_in_transaction_session_timeout=60000";
  // In order: later keywords override earlier ones, and the URI expands in place. So the
  // password file gives way to a password in the URI, and jot's settings win over the URI's.
  std::vector<const char*> keys;
  std::vector<const char*> values;
  if (!settings.password.empty()) {
    keys.push_back("password");
    values.push_back(settings.password.c_str());
  }
  for (auto [k, v] : {std::pair<const char*, const char*>{"dbname", settings.uri.c_str()},
                      {"connect_timeout", "2"},
                      {"application_name", "jot"},
                      {"options", options.c_str()}}) {
    keys.push_back(k);
    values.push_back(v);
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  Conn conn(PQconnectdbParams(keys.data(), values.data(), 1));
  if (!conn) return Error(Errc::kInternal, "PostgreSQL: out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return failure(conn.get(), "cannot connect", true).error;
  }
  for (const Prepared& p : statements) {
    ResultPtr r(PQprepare(conn.get(), p.name, p.sql, 0, nullptr));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      return failure(conn.get(), std::string("cannot prepare ") + p.name, false).error;
    }
  }
  return conn;
}

Outcome run(PGconn* conn, const char* name, const char* sql, const std::vector<std::string>& params,
            Clock::time_point deadline) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  const int n = static_cast<int>(values.size());
  const int sent =
      name != nullptr
          ? PQsendQueryPrepared(conn, name, n, values.data(), nullptr, nullptr, 0)
          : PQsendQueryParams(conn, sql, n, nullptr, values.data(), nullptr, nullptr, 0);
  Outcome out;
  if (sent != 1) {
    out.failure = failure(conn, "cannot send", false);
    return out;
  }
  for (;;) {
    while (PQisBusy(conn) != 0) {
      // Past the deadline the connection's state is unknown (a result may still come):
      // it is dropped, and the server's statement_timeout ends the statement.
      if (!wait_socket(conn, POLLIN, deadline)) {
        out.failure = failure(conn, "no answer within the deadline", true);
        return out;
      }
      if (PQconsumeInput(conn) != 1) {
        out.failure = failure(conn, "connection lost", true);
        return out;
      }
    }
    ResultPtr r(PQgetResult(conn));
    if (!r) break;
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !out.failure) {
      Failure f = failure(conn, "statement failed", false);
      if (const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE)) f.sqlstate = state;
      std::string message = PQresultErrorMessage(r.get());
      while (!message.empty() && message.back() == '\n') message.pop_back();
      f.error = Error(Errc::kInternal, "PostgreSQL: " + message);
      out.failure = std::move(f);
    }
    out.result = std::move(r);
  }
  return out;
}

std::string text(const PGresult* r, int row, int col) {
  const char* v = PQgetvalue(r, row, col);
  return v != nullptr ? std::string(v, static_cast<std::size_t>(PQgetlength(r, row, col)))
                      : std::string();
}

std::int64_t integer(const PGresult* r, int row, int col) {
  const char* v = PQgetvalue(r, row, col);
  return v != nullptr ? static_cast<std::int64_t>(std::strtoll(v, nullptr, 10)) : 0;
}

}  // namespace jot::server::pg
