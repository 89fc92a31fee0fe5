#pragma once

// The one interface between the server's logic (server/auth/) and where its shared state
// lives: users, revoked tokens and the login budget per client. Two implementations:
// SqliteStore (an embedded file, one host) and PostgresStore (a database several hosts
// share). No SQL outside server/store/; the auth logic sees rows and outcomes only.
//
// Contracts every implementation keeps (docs/server.md, "Store"):
// - Thread-safe: any number of threads may call every member at once.
// - Bounded: a call made on a request path returns within `StoreOptions::request_deadline`
//   (success, or an error); it never waits longer for a lock, a pooled connection or a
//   statement. Every error is kInternal with a message for the log: the auth logic answers
//   503 + Retry-After to login and logout, whatever the cause.
// - Revocations form an append-only change feed ordered by `seq`: once a reader has seen a
//   row with seq N, every row it will later see has seq > N (rows with a smaller seq are
//   committed before it). Readers keep a high-water mark and ask only for what is newer.
// - Tables are created and upgraded by versioned migrations (migrate()); a database whose
//   schema is newer than this build is refused.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jot/error.hpp"

namespace jot::server {

// Usernames: 1 to 64 characters from [A-Za-z0-9._@-], so they are safe in logs and claims.
bool is_valid_username(std::string_view username) noexcept;

struct StoreOptions {
  // The longest a request waits on the database (pool, lock, statement), end to end.
  std::chrono::milliseconds request_deadline{500};
  // PostgreSQL: connections kept open for requests (the change feed has its own).
  unsigned pool_size = 4;
  // PostgreSQL: password when the URI and PGPASSWORD have none (--db-password-file).
  std::string password;
};

// One revoked token. `subject` and `client` (the login limiter's key of the address that
// logged out) let the revocation table be shared fairly (RevocationStore).
struct Revocation {
  std::int64_t seq = 0;  // assigned by the store, increasing
  std::string jti;
  std::int64_t exp = 0;  // Unix seconds: the row is useless (and pruned) after it
  std::string subject;
  std::string client;
};

// What a store did, for logs and metrics: monotonic counts, and the pool's state now.
struct StoreCounters {
  std::uint64_t errors = 0;      // calls that failed (unavailable or internal)
  std::uint64_t reconnects = 0;  // connections (re)established after the first
  std::uint64_t pool_waits = 0;  // requests that found no idle connection at once
  unsigned pool_size = 0;        // connections the pool keeps
  unsigned pool_in_use = 0;      // taken by a request right now
};

enum class Change : std::uint8_t { kNone, kMaybe };

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite:/path" or "postgresql://user@host:port/db" (no password), for logs.
  virtual std::string description() const = 0;
  // Creates or upgrades the tables to this build's schema; refuses a newer schema. Safe when
  // several processes call it at once. Returns the versions before and after.
  virtual Result<std::pair<int, int>> migrate() = 0;
  // A cheap round trip: the database answers (for /ready).
  virtual Result<void> ping() = 0;
  virtual StoreCounters counters() const = 0;

  // ---- users ----
  // The stored Argon2id PHC string of `username`, or nullopt when there is no such user.
  virtual Result<std::optional<std::string>> find_password_hash(std::string_view username) = 0;
  // Adds a user; fails with kInvalidOption "user '…' already exists" when the name is taken.
  virtual Result<void> add_user(std::string_view username, std::string_view password_hash) = 0;
  // Removes a user; false when there was none.
  virtual Result<bool> delete_user(std::string_view username) = 0;
  virtual Result<std::vector<std::string>> list_users() = 0;

  // ---- revocations (the change feed) ----
  // Appends `r` (its seq is ignored). The assigned seq, or nullopt when the jti was already
  // revoked (by anyone).
  virtual Result<std::optional<std::int64_t>> add_revocation(const Revocation& r) = 0;
  // Unexpired rows (exp > now) with seq > `after`, in seq order, at most `limit`.
  virtual Result<std::vector<Revocation>> revocations_after(std::int64_t after, std::int64_t now,
                                                            std::size_t limit) = 0;
  // Blocks the calling (background) thread until another process may have added rows, or
  // `timeout`. An error when the database cannot be reached (the caller backs off).
  virtual Result<Change> wait_for_change(std::chrono::milliseconds timeout) = 0;
  // Deletes expired revocations and login budgets that are full again.
  virtual Result<void> prune(std::int64_t now) = 0;
  // Background upkeep: reconnects what broke (with backoff). Never blocks a request.
  virtual void maintain() {}

  // ---- login budget, shared by every instance on this store ----
  // Whether take_login_attempt counts across processes; when false the server's in-memory
  // limiter is the only one (one process per database, or one host).
  virtual bool shares_login_budget() const noexcept = 0;
  // Takes one attempt from `client`'s bucket (`per_minute` attempts, refilled evenly over a
  // minute). nullopt when it may go ahead; otherwise the seconds until its next attempt.
  virtual Result<std::optional<std::chrono::seconds>> take_login_attempt(std::string_view client,
                                                                         unsigned per_minute) = 0;
};

// Opens the store `target` names: a postgresql:// or postgres:// URI (libpq's syntax), else
// a SQLite file path. Does not migrate.
Result<std::unique_ptr<Store>> open_store(const std::string& target, const StoreOptions& options);

}  // namespace jot::server
