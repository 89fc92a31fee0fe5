#include "store/sqlite_user_store.hpp"

#include <sqlite3.h>

#include <ctime>

#include "store/sqlite_support.hpp"

namespace jot::server {

namespace {

Error sqlite_error(sqlite3* db, const std::string& what) {
  return sqlite::error(db, "user database", what);
}

using sqlite::Statement;

}  // namespace

Result<std::unique_ptr<SqliteUserStore>> SqliteUserStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite::open(path, &db);
  std::unique_ptr<SqliteUserStore> store(new SqliteUserStore(db));
  if (rc != SQLITE_OK) return sqlite_error(db, "cannot open " + path);
  const char* schema =
      "CREATE TABLE IF NOT EXISTS users ("
      " name TEXT PRIMARY KEY NOT NULL,"
      " password_hash TEXT NOT NULL,"
      " created_at INTEGER NOT NULL)";
  if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return sqlite_error(db, "cannot create the users table");
  }
  return store;
}

SqliteUserStore::~SqliteUserStore() {
  sqlite3_close(db_);
}

Result<std::optional<std::string>> SqliteUserStore::find_password_hash(std::string_view username) {
  std::lock_guard lock(mutex_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT password_hash FROM users WHERE name = ?1", -1, &s.stmt,
                         nullptr) != SQLITE_OK ||
      sqlite3_bind_text(s.stmt, 1, username.data(), static_cast<int>(username.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    return sqlite_error(db_, "lookup");
  }
  const int rc = sqlite3_step(s.stmt);
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return sqlite_error(db_, "lookup");
  const auto* text = sqlite3_column_text(s.stmt, 0);
  const int size = sqlite3_column_bytes(s.stmt, 0);
  if (text == nullptr || size <= 0) return std::optional<std::string>(std::string());
  return std::optional<std::string>(
      std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)));
}

Result<void> SqliteUserStore::ping() {
  std::lock_guard lock(mutex_);
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT 1 FROM users LIMIT 1", -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "ping");
  }
  const int rc = sqlite3_step(s.stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_error(db_, "ping");
  return {};
}

Result<void> SqliteUserStore::add_user(std::string_view username, std::string_view password_hash) {
  std::lock_guard lock(mutex_);
  Statement s;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO users (name, password_hash, created_at) VALUES (?1, ?2, ?3)",
                         -1, &s.stmt, nullptr) != SQLITE_OK ||
      sqlite3_bind_text(s.stmt, 1, username.data(), static_cast<int>(username.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text(s.stmt, 2, password_hash.data(), static_cast<int>(password_hash.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_int64(s.stmt, 3, static_cast<sqlite3_int64>(std::time(nullptr))) != SQLITE_OK) {
    return sqlite_error(db_, "insert");
  }
  const int rc = sqlite3_step(s.stmt);
  if (rc == SQLITE_CONSTRAINT) {
    return Error(Errc::kInvalidOption, "user '" + std::string(username) + "' already exists");
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "insert");
  return {};
}

}  // namespace jot::server
