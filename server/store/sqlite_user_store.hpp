#pragma once

// UserStore on an embedded SQLite database, created (with its table) on first use.

#include <memory>
#include <mutex>
#include <string>

#include "store/user_store.hpp"

struct sqlite3;

namespace jot::server {

class SqliteUserStore final : public UserStore {
 public:
  // Opens or creates the database at `path`.
  static Result<std::unique_ptr<SqliteUserStore>> open(const std::string& path);
  ~SqliteUserStore() override;
  SqliteUserStore(const SqliteUserStore&) = delete;
  SqliteUserStore& operator=(const SqliteUserStore&) = delete;

  Result<std::optional<std::string>> find_password_hash(std::string_view username) override;
  Result<void> add_user(std::string_view username, std::string_view password_hash) override;
  // Reads one row of the users table (a shared lock on the file: fails while another
  // process holds the database locked for longer than the busy timeout).
  Result<void> ping() override;

 private:
  explicit SqliteUserStore(sqlite3* db) noexcept : db_(db) {}
  // One connection, used by one thread at a time: lookups take microseconds next to the
  // Argon2 work that follows them.
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace jot::server
