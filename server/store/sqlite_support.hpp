#pragma once

// What the server's two SQLite tables (users, revoked tokens) share: opening the database
// file the way both need it, a prepared statement that is finalized on every path, and the
// error for a failed call.

#include <sqlite3.h>

#include <string>

#include "jot/error.hpp"

namespace jot::server::sqlite {

// kInternal, "<database>: <what>: <SQLite's message>".
inline Error error(sqlite3* db, const char* database, const std::string& what) {
  return Error(Errc::kInternal, std::string(database) + ": " + what + ": " +
                                    (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

// Finalizes a prepared statement on every path.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt); }
};

// Opens (creating if missing) the database at `path` for one thread at a time (the callers
// serialise on their own mutex), and waits up to 5 s for another process's lock (another
// instance, `jot user add`). The handle is stored even on failure: the caller owns it and must
// close it either way (sqlite3_close accepts the handle of a failed open, and null).
inline int open(const std::string& path, sqlite3** db) {
  const int rc = sqlite3_open_v2(
      path.c_str(), db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_OK) sqlite3_busy_timeout(*db, 5000);
  return rc;
}

}  // namespace jot::server::sqlite
