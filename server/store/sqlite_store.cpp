#include "store/sqlite_store.hpp"

#include <ctime>
#include <thread>

#include "store/sqlite_support.hpp"

namespace jot::server {

namespace {

using sqlite::Statement;

// Migration N takes the schema from version N-1 to N. Version 1 is the layout of the
// releases before migrations existed (which made its tables with IF NOT EXISTS), so a
// database they wrote is upgraded in place.
constexpr const char* kMigrations[] = {
    // 1: users, revoked tokens by jti
    "CREATE TABLE IF NOT EXISTS users ("
    " name TEXT PRIMARY KEY NOT NULL,"
    " password_hash TEXT NOT NULL,"
    " created_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS revoked_tokens ("
    " jti TEXT PRIMARY KEY NOT NULL,"
    " exp INTEGER NOT NULL);",
    // 2: revocations become a change feed (seq never reused: AUTOINCREMENT) and record who
    // logged out from where, for the per-user and per-address shares.
    "CREATE TABLE revocations ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " jti TEXT NOT NULL UNIQUE,"
    " exp INTEGER NOT NULL,"
    " subject TEXT NOT NULL DEFAULT '',"
    " client TEXT NOT NULL DEFAULT '');"
    "INSERT INTO revocations (jti, exp) SELECT jti, exp FROM revoked_tokens ORDER BY exp;"
    "DROP TABLE revoked_tokens;"
    "CREATE INDEX revocations_exp ON revocations (exp);",
};
static_assert(std::size(kMigrations) == SqliteStore::kSchemaVersion);

// Background reads may wait longer for a writer than a request may.
constexpr int kFeedBusyMs = 5000;
// How often the feed looks at data_version: the delay for a revocation written by another
// process on this host to be seen here.
constexpr std::chrono::milliseconds kFeedPoll{50};

std::int64_t unix_now() noexcept {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

Error SqliteStore::failed(sqlite3* db, const std::string& what) const {
  errors_.fetch_add(1, std::memory_order_relaxed);
  return Error(Errc::kInternal, "database " + path_ + ": " + what + ": " +
                                    (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const StoreOptions& options) {
  sqlite3* request = nullptr;
  sqlite3* feed = nullptr;
  const int busy_ms = static_cast<int>(options.request_deadline.count());
  const int rc_request = sqlite::open(path, &request, busy_ms);
  const int rc_feed = rc_request == SQLITE_OK ? sqlite::open(path, &feed, kFeedBusyMs) : rc_request;
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, request, feed));
  if (rc_request != SQLITE_OK) return store->failed(request, "cannot open");
  if (rc_feed != SQLITE_OK) return store->failed(feed, "cannot open");
  return store;
}

SqliteStore::~SqliteStore() {
  sqlite3_close(request_);
  sqlite3_close(feed_);
}

Result<std::pair<int, int>> SqliteStore::migrate() {
  std::lock_guard lock(feed_mutex_);  // the feed connection: its busy timeout is the longer
  if (sqlite3_exec(feed_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return failed(feed_, "migrate: cannot lock");
  }
  auto rollback = [this] { sqlite3_exec(feed_, "ROLLBACK", nullptr, nullptr, nullptr); };
  int before = -1;
  {
    Statement version(feed_, "PRAGMA user_version");  // finalized before COMMIT
    if (version.step() == SQLITE_ROW) before = static_cast<int>(version.integer(0));
  }
  if (before < 0) {
    auto error = failed(feed_, "migrate: user_version");
    rollback();
    return error;
  }
  if (before > kSchemaVersion) {
    rollback();
    return Error(Errc::kUnsupported, "database " + path_ + " has schema version " +
                                         std::to_string(before) + ", newer than this jot's (" +
                                         std::to_string(kSchemaVersion) + "): upgrade jot");
  }
  for (int v = before; v < kSchemaVersion; ++v) {
    const std::string sql =
        std::string(kMigrations[v]) + "PRAGMA user_version = " + std::to_string(v + 1) + ";";
    if (sqlite3_exec(feed_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      auto error = failed(feed_, "migration " + std::to_string(v + 1));
      rollback();
      return error;
    }
  }
  if (sqlite3_exec(feed_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    auto error = failed(feed_, "migrate: commit");
    rollback();
    return error;
  }
  return std::pair<int, int>(before, kSchemaVersion);
}

Result<void> SqliteStore::ping() {
  std::lock_guard lock(request_mutex_);
  // A read of a real table, so a database held locked by a stuck writer is "not ready".
  Statement s(request_, "SELECT 1 FROM users LIMIT 1");
  const int rc = s.step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return failed(request_, "ping");
  return {};
}

StoreCounters SqliteStore::counters() const {
  StoreCounters c;
  c.errors = errors_.load(std::memory_order_relaxed);
  c.pool_size = 1;
  return c;
}

Result<std::optional<std::string>> SqliteStore::find_password_hash(std::string_view username) {
  std::lock_guard lock(request_mutex_);
  Statement s(request_, "SELECT password_hash FROM users WHERE name = ?1");
  s.bind(username);
  const int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return failed(request_, "user lookup");
  return std::optional<std::string>(s.text(0));
}

Result<void> SqliteStore::add_user(std::string_view username, std::string_view password_hash) {
  std::lock_guard lock(request_mutex_);
  Statement s(request_, "INSERT INTO users (name, password_hash, created_at) VALUES (?1, ?2, ?3)");
  s.bind(username).bind(password_hash).bind(unix_now());
  const int rc = s.step();
  if (rc == SQLITE_CONSTRAINT) {
    return Error(Errc::kInvalidOption, "user '" + std::string(username) + "' already exists");
  }
  if (rc != SQLITE_DONE) return failed(request_, "add user");
  return {};
}

Result<bool> SqliteStore::delete_user(std::string_view username) {
  std::lock_guard lock(request_mutex_);
  Statement s(request_, "DELETE FROM users WHERE name = ?1");
  s.bind(username);
  if (s.step() != SQLITE_DONE) return failed(request_, "delete user");
  return sqlite3_changes(request_) > 0;
}

Result<std::vector<std::string>> SqliteStore::list_users() {
  std::lock_guard lock(request_mutex_);
  Statement s(request_, "SELECT name FROM users ORDER BY name");
  std::vector<std::string> names;
  int rc = SQLITE_ROW;
  while ((rc = s.step()) == SQLITE_ROW) names.push_back(s.text(0));
  if (rc != SQLITE_DONE) return failed(request_, "list users");
  return names;
}

Result<std::optional<std::int64_t>> SqliteStore::add_revocation(const Revocation& r) {
  std::lock_guard lock(request_mutex_);
  Statement s(request_,
              "INSERT OR IGNORE INTO revocations (jti, exp, subject, client) "
              "VALUES (?1, ?2, ?3, ?4)");
  s.bind(r.jti).bind(r.exp).bind(r.subject).bind(r.client);
  if (s.step() != SQLITE_DONE) return failed(request_, "add revocation");
  if (sqlite3_changes(request_) == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(
      static_cast<std::int64_t>(sqlite3_last_insert_rowid(request_)));
}

Result<std::vector<Revocation>> SqliteStore::revocations_after(std::int64_t after, std::int64_t now,
                                                               std::size_t limit) {
  std::lock_guard lock(feed_mutex_);
  Statement s(feed_,
              "SELECT seq, jti, exp, subject, client FROM revocations "
              "WHERE seq > ?1 AND exp > ?2 ORDER BY seq LIMIT ?3");
  s.bind(after).bind(now).bind(static_cast<std::int64_t>(limit));
  std::vector<Revocation> rows;
  int rc = SQLITE_ROW;
  while ((rc = s.step()) == SQLITE_ROW) {
    rows.push_back(Revocation{s.integer(0), s.text(1), s.integer(2), s.text(3), s.text(4)});
  }
  if (rc != SQLITE_DONE) return failed(feed_, "read revocations");
  return rows;
}

Result<Change> SqliteStore::wait_for_change(std::chrono::milliseconds timeout) {
  std::this_thread::sleep_for(std::min(timeout, kFeedPoll));
  std::lock_guard lock(feed_mutex_);
  // data_version moves when another connection (this process's request connection
  // included) committed to the file.
  Statement s(feed_, "PRAGMA data_version");
  if (s.step() != SQLITE_ROW) return failed(feed_, "data_version");
  const std::int64_t version = s.integer(0);
  const bool changed = version != data_version_;
  data_version_ = version;
  return changed ? Change::kMaybe : Change::kNone;
}

Result<void> SqliteStore::prune(std::int64_t now) {
  std::lock_guard lock(feed_mutex_);
  Statement s(feed_, "DELETE FROM revocations WHERE exp <= ?1");
  s.bind(now);
  if (s.step() != SQLITE_DONE) return failed(feed_, "prune");
  return {};
}

}  // namespace jot::server
