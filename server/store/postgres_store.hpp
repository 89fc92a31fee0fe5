#pragma once

// Store on PostgreSQL, for several `jot serve` instances on several hosts (docs/server.md).
//
// - Requests use a bounded pool of connections with prepared statements; each call waits at
//   most StoreOptions::request_deadline end to end (pool, then statement: the client stops
//   waiting at the deadline, the server's statement_timeout and lock_timeout end the work).
// - The change feed has its own connection, LISTENing on channel `jot_revocations`: a
//   trigger notifies it on every insert, and another trigger makes inserts take one
//   transaction-scoped advisory lock before drawing their seq, so rows commit in seq order
//   (the feed's contract in store.hpp) at the price of serialising log-outs.
// - The login budget is a table of token buckets updated in one statement (the database's
//   clock, so instances' clocks do not matter).
// - Migrations run under a session advisory lock: instances starting at once apply them once.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "store/pg_pool.hpp"
#include "store/store.hpp"

namespace jot::server {

bool is_postgres_uri(std::string_view target) noexcept;

class PostgresStore final : public Store {
 public:
  // Connects the pool and the feed; fails when the database cannot be reached.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& uri,
                                                     const StoreOptions& options = {});
  ~PostgresStore() override = default;

  std::string description() const override { return description_; }
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
  void maintain() override;

  bool shares_login_budget() const noexcept override { return true; }
  Result<std::optional<std::chrono::seconds>> take_login_attempt(std::string_view client,
                                                                 unsigned per_minute) override;

  static constexpr int kSchemaVersion = 1;

 private:
  PostgresStore(const std::string& uri, const StoreOptions& options);
  pg::Clock::time_point deadline() const { return pg::Clock::now() + options_.request_deadline; }
  // A request-path statement on the pool; counts failures.
  Result<pg::ResultPtr> request(const char* name, const std::vector<std::string>& params);
  // A statement on the feed connection (background thread), reconnecting it if needed.
  Result<pg::ResultPtr> feed(const char* name, const std::vector<std::string>& params);
  Result<void> open_feed_locked();
  Error count(Error e) const;

  StoreOptions options_;
  std::string description_;
  pg::Pool pool_;

  std::mutex feed_mutex_;  // feed_ and its backoff
  pg::Conn feed_;
  pg::Clock::time_point feed_next_attempt_{};
  std::chrono::milliseconds feed_backoff_{100};

  mutable std::atomic<std::uint64_t> errors_{0};
};

}  // namespace jot::server
