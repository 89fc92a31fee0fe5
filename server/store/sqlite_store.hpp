#pragma once

// Store on an embedded SQLite file: the default, for one instance or several on one host.
// Two connections: one for requests (serialised by a mutex; SQLite's busy timeout is the
// request deadline), one for the background change feed, so a feed read never holds up a
// request. The schema version is SQLite's user_version; migrations run in one IMMEDIATE
// transaction, so two processes starting at once apply them once.
//
// The login budget is not shared (shares_login_budget() is false): every instance's
// in-memory limiter counts alone; several instances on one host are a test setup, not a
// deployment that needs one budget.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "store/store.hpp"

struct sqlite3;

namespace jot::server {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   const StoreOptions& options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  std::string description() const override { return "sqlite:" + path_; }
  Result<std::pair<int, int>> migrate() override;
  Result<void> ping() override;
  StoreCounters counters() const override;

  Result<std::optional<std::string>> find_password_hash(std::string_view username) override;
  Result<void> add_user(std::string_view username, std::string_view password_hash) override;
  Result<bool> delete_user(std::string_view username) override;
  Result<std::vector<std::string>> list_users() override;

  Result<std::optional<std::int64_t>> add_revocation(const Revocation& r) override;
  Result<std::vector<Revocation>> revocations_after(std::int64_t after, std::int64_t now,
                                                    std::size_t limit) override;
  Result<Change> wait_for_change(std::chrono::milliseconds timeout) override;
  Result<void> prune(std::int64_t now) override;

  bool shares_login_budget() const noexcept override { return false; }
  Result<std::optional<std::chrono::seconds>> take_login_attempt(std::string_view,
                                                                 unsigned) override {
    return std::optional<std::chrono::seconds>();
  }

  // The schema version this build writes.
  static constexpr int kSchemaVersion = 2;

 private:
  SqliteStore(std::string path, sqlite3* request, sqlite3* feed) noexcept
      : path_(std::move(path)), request_(request), feed_(feed) {}
  Error failed(sqlite3* db, const std::string& what) const;

  std::string path_;
  mutable std::mutex request_mutex_;  // request_
  sqlite3* request_;
  std::mutex feed_mutex_;  // feed_ and data_version_
  sqlite3* feed_;
  std::int64_t data_version_ = -1;
  mutable std::atomic<std::uint64_t> errors_{0};
};

}  // namespace jot::server
