#pragma once

// A thin RAII layer over libpq for PostgresStore: owning handles for connections and
// results, connecting with jot's settings, and running one statement with a deadline the
// client enforces itself (the server's statement_timeout is the other half).

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jot/error.hpp"

namespace jot::server::pg {

struct ConnDeleter {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;
using Clock = std::chrono::steady_clock;

struct ConnectSettings {
  std::string uri;       // postgresql://…, libpq's syntax
  std::string password;  // used when the URI has none (the URI's wins; then PGPASSWORD)
  // Server-side statement_timeout (0: none, for migrations).
  std::chrono::milliseconds statement_timeout{0};
};

// A statement the pool prepares on each connection as it opens it.
struct Prepared {
  const char* name;
  const char* sql;
};

// Opens a connection (blocking: at most libpq's connect_timeout, 2 s) and prepares
// `statements` on it.
Result<Conn> connect(const ConnectSettings& settings, const std::vector<Prepared>& statements);

// What went wrong with a statement.
struct Failure {
  Error error;
  bool connection_lost = false;  // the connection must be dropped (broken, or timed out)
  std::string sqlstate;          // e.g. 23505 for a unique violation; empty when unknown
};

// Runs the prepared statement `name` (or, with `name` null, the SQL text `sql`) with text
// parameters, waiting for the server at most until `deadline`.
struct Outcome {
  ResultPtr result;  // PGRES_TUPLES_OK or PGRES_COMMAND_OK when no failure
  std::optional<Failure> failure;
};
Outcome run(PGconn* conn, const char* name, const char* sql, const std::vector<std::string>& params,
            Clock::time_point deadline);

// The value of row `row`, column `col`, as text / as an integer (0 when not a number).
std::string text(const PGresult* r, int row, int col);
std::int64_t integer(const PGresult* r, int row, int col);

bool is_uri(std::string_view target) noexcept;

}  // namespace jot::server::pg
