#pragma once

// Small RAII helpers over SQLite's C API for SqliteStore: a prepared statement finalized on
// every path, with binding and column reading that keep the call sites short.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace jot::server::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) noexcept {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds the next parameter (1, 2, ...); any failure makes ok() false.
  Statement& bind(std::string_view text) noexcept {
    ok_ = ok_ && sqlite3_bind_text(stmt_, ++index_, text.data(), static_cast<int>(text.size()),
                                   SQLITE_TRANSIENT) == SQLITE_OK;
    return *this;
  }
  Statement& bind(std::int64_t value) noexcept {
    ok_ =
        ok_ && sqlite3_bind_int64(stmt_, ++index_, static_cast<sqlite3_int64>(value)) == SQLITE_OK;
    return *this;
  }
  bool ok() const noexcept { return ok_; }
  // SQLITE_ROW, SQLITE_DONE or an error code (also when preparing or binding failed).
  int step() noexcept { return ok_ ? sqlite3_step(stmt_) : SQLITE_ERROR; }

  std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p == nullptr || n <= 0
               ? std::string()
               : std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
  }
  std::int64_t integer(int column) const noexcept {
    return static_cast<std::int64_t>(sqlite3_column_int64(stmt_, column));
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int index_ = 0;
  bool ok_ = false;
};

// Opens (creating if missing) the database at `path` for one thread at a time (the caller
// serialises on its own mutex); waits up to `busy_ms` for another process's lock. The handle
// is stored even on failure: the caller closes it either way (sqlite3_close accepts null).
inline int open(const std::string& path, sqlite3** db, int busy_ms) {
  const int rc = sqlite3_open_v2(
      path.c_str(), db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_OK) sqlite3_busy_timeout(*db, busy_ms);
  return rc;
}

}  // namespace jot::server::sqlite
