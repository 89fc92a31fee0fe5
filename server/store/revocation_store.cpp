#include "store/revocation_store.hpp"

#include <sqlite3.h>
#include <time.h>

#include <ctime>

#include "store/sqlite_support.hpp"

namespace jot::server {

namespace {

Error sqlite_error(sqlite3* db, const std::string& what) {
  return sqlite::error(db, "revocation database", what);
}

using sqlite::Statement;

std::int64_t unix_now() noexcept {
  return static_cast<std::int64_t>(std::time(nullptr));
}

// Monotonic nanoseconds, coarse (a few ms): enough for a once-a-second poll, and several
// times cheaper than steady_clock on the per-request path.
std::int64_t coarse_ns() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

Result<std::unique_ptr<RevocationStore>> RevocationStore::open(const std::string& path,
                                                               RevocationLimits limits) {
  sqlite3* db = nullptr;
  const int rc = sqlite::open(path, &db);
  std::unique_ptr<RevocationStore> store(new RevocationStore(db, limits));
  if (rc != SQLITE_OK) return sqlite_error(db, "cannot open " + path);
  const char* schema =
      "CREATE TABLE IF NOT EXISTS revoked_tokens ("
      " jti TEXT PRIMARY KEY NOT NULL,"
      " exp INTEGER NOT NULL);"
      "CREATE INDEX IF NOT EXISTS revoked_tokens_exp ON revoked_tokens (exp)";
  if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return sqlite_error(db, "cannot create the revoked_tokens table");
  }
  std::lock_guard lock(store->db_mutex_);
  const std::int64_t now = unix_now();
  if (auto pruned = store->prune_locked(now); !pruned) return pruned.error();
  if (auto loaded = store->reload_locked(now); !loaded) return loaded.error();
  auto version = store->data_version_locked();
  if (!version) return version.error();
  store->data_version_ = *version;
  return store;
}

RevocationStore::~RevocationStore() {
  sqlite3_close(db_);
}

Result<void> RevocationStore::prune_locked(std::int64_t now) {
  Statement s;
  if (sqlite3_prepare_v2(db_, "DELETE FROM revoked_tokens WHERE exp <= ?1", -1, &s.stmt, nullptr) !=
          SQLITE_OK ||
      sqlite3_bind_int64(s.stmt, 1, static_cast<sqlite3_int64>(now)) != SQLITE_OK ||
      sqlite3_step(s.stmt) != SQLITE_DONE) {
    return sqlite_error(db_, "prune");
  }
  std::unique_lock lock(set_mutex_);
  while (!by_exp_.empty() && by_exp_.begin()->first <= now) {
    entries_.erase(by_exp_.begin()->second);
    by_exp_.erase(by_exp_.begin());
  }
  count_.store(entries_.size(), std::memory_order_release);
  return {};
}

Result<void> RevocationStore::reload_locked(std::int64_t now) {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT jti, exp FROM revoked_tokens WHERE exp > ?1", -1, &s.stmt,
                         nullptr) != SQLITE_OK ||
      sqlite3_bind_int64(s.stmt, 1, static_cast<sqlite3_int64>(now)) != SQLITE_OK) {
    return sqlite_error(db_, "load");
  }
  Entries entries;
  std::multimap<std::int64_t, std::string> by_exp;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(s.stmt, 0);
    const int size = sqlite3_column_bytes(s.stmt, 0);
    if (text == nullptr || size <= 0) continue;
    std::string jti(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
    const std::int64_t exp = sqlite3_column_int64(s.stmt, 1);
    if (entries.emplace(jti, exp).second) by_exp.emplace(exp, std::move(jti));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "load");
  std::unique_lock lock(set_mutex_);
  entries_ = std::move(entries);
  by_exp_ = std::move(by_exp);
  count_.store(entries_.size(), std::memory_order_release);
  return {};
}

Result<std::int64_t> RevocationStore::data_version_locked() {
  Statement s;
  if (sqlite3_prepare_v2(db_, "PRAGMA data_version", -1, &s.stmt, nullptr) != SQLITE_OK ||
      sqlite3_step(s.stmt) != SQLITE_ROW) {
    return sqlite_error(db_, "data_version");
  }
  return static_cast<std::int64_t>(sqlite3_column_int64(s.stmt, 0));
}

void RevocationStore::insert_locked(std::string_view jti, std::int64_t exp) {
  if (entries_.emplace(std::string(jti), exp).second) by_exp_.emplace(exp, std::string(jti));
  count_.store(entries_.size(), std::memory_order_release);
}

Result<bool> RevocationStore::revoke(std::string_view jti, std::int64_t exp) {
  return revoke(jti, exp, unix_now());
}

Result<bool> RevocationStore::revoke(std::string_view jti, std::int64_t exp, std::int64_t now) {
  if (jti.empty()) return Error(Errc::kInvalidOption, "empty jti");
  std::lock_guard db_lock(db_mutex_);
  if (auto pruned = prune_locked(now); !pruned) return pruned.error();
  {
    std::shared_lock lock(set_mutex_);
    if (entries_.find(jti) != entries_.end()) return false;
  }
  // Already expired: it can never be accepted again, nothing to remember.
  if (exp <= now) return true;
  if (count_.load(std::memory_order_acquire) >= limits_.max_entries) {
    return Error(Errc::kLimitExceeded, "too many revoked tokens");
  }
  Statement s;
  if (sqlite3_prepare_v2(db_, "INSERT OR IGNORE INTO revoked_tokens (jti, exp) VALUES (?1, ?2)", -1,
                         &s.stmt, nullptr) != SQLITE_OK ||
      sqlite3_bind_text(s.stmt, 1, jti.data(), static_cast<int>(jti.size()), SQLITE_TRANSIENT) !=
          SQLITE_OK ||
      sqlite3_bind_int64(s.stmt, 2, static_cast<sqlite3_int64>(exp)) != SQLITE_OK ||
      sqlite3_step(s.stmt) != SQLITE_DONE) {
    return sqlite_error(db_, "insert");
  }
  // No row changed: another process revoked it first (not yet seen by the poll).
  const bool inserted = sqlite3_changes(db_) > 0;
  std::unique_lock lock(set_mutex_);
  insert_locked(jti, exp);
  return inserted;
}

bool RevocationStore::empty() {
  maybe_poll();
  return count_.load(std::memory_order_acquire) == 0;
}

bool RevocationStore::is_revoked(std::string_view jti) {
  if (empty()) return false;
  std::shared_lock lock(set_mutex_);
  return entries_.find(jti) != entries_.end();
}

void RevocationStore::maybe_poll() {
  const std::int64_t now = coarse_ns();
  std::int64_t next = next_poll_ns_.load(std::memory_order_relaxed);
  if (now < next) return;
  const std::int64_t interval =
      std::chrono::duration_cast<std::chrono::nanoseconds>(limits_.poll_interval).count();
  if (!next_poll_ns_.compare_exchange_strong(next, now + interval, std::memory_order_relaxed)) {
    return;  // another thread polls
  }
  std::lock_guard db_lock(db_mutex_);
  auto version = data_version_locked();
  // On a database error the entries in memory stay in use; the next poll tries again.
  if (!version || *version == data_version_) return;
  if (reload_locked(unix_now())) data_version_ = *version;
}

}  // namespace jot::server
