#pragma once

// Revoked tokens (log out): the `jti` of each revoked token with the token's `exp`, kept in
// the server's SQLite database (table `revoked_tokens`, created on first use) so that a
// restart keeps them, and in memory for the check that every authenticated request makes.
//
// - Entries live until the token's own `exp`: expired ones are pruned when the store opens
//   and on each revoke, so the table holds at most the tokens revoked within one token
//   lifetime.
// - The table is bounded (`max_entries`): once full of unexpired entries, revoke refuses
//   (kLimitExceeded) instead of evicting. Evicting would silently make a logged-out token
//   valid again; refusing tells the client that the log-out failed, and the token stays valid
//   only as long as it would have without this feature.
// - empty() and is_revoked (the hot path): an atomic count gives an empty-set fast path with
//   no lock; otherwise a std::shared_mutex read lock and one hash lookup. Revokes are rare (one per
//   log-out), and a copy-on-write snapshot would cost O(entries) per revoke.
// - Other processes on the same database file: at most once per `poll_interval`, the request
//   path asks SQLite whether another connection committed (`PRAGMA data_version`) and, if
//   so, reloads the table, so a revocation made by one instance reaches the others within
//   about that interval.
//
// Thread-safe: any number of threads may call every member at once.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jot/error.hpp"

struct sqlite3;

namespace jot::server {

struct RevocationLimits {
  // Unexpired revoked tokens at most (at the default 15 min lifetime: 110 log-outs a second,
  // sustained). About 100 bytes each in memory.
  std::size_t max_entries = 100'000;
  // How often the request path looks for revocations written by other processes.
  std::chrono::milliseconds poll_interval{1000};
};

class RevocationStore {
 public:
  // Opens or creates the database at `path` (":memory:" for a private one) and loads the
  // unexpired entries (expired ones are pruned).
  static Result<std::unique_ptr<RevocationStore>> open(const std::string& path,
                                                       RevocationLimits limits = {});
  ~RevocationStore();
  RevocationStore(const RevocationStore&) = delete;
  RevocationStore& operator=(const RevocationStore&) = delete;

  // Revokes `jti` until `exp` (Unix seconds). True when newly revoked, false when it already
  // was. Fails with kLimitExceeded when the table is full of unexpired entries, kInternal on
  // a database error. Prunes expired entries first.
  Result<bool> revoke(std::string_view jti, std::int64_t exp);
  Result<bool> revoke(std::string_view jti, std::int64_t exp, std::int64_t now);

  // True when nothing is revoked: the lock-free fast path (a coarse clock read for the poll
  // below, one atomic load), to be asked before looking the token's jti up at all.
  bool empty();
  // Whether `jti` is revoked: empty(), else a shared lock and one hash lookup.
  bool is_revoked(std::string_view jti);

  // Unexpired entries known in memory.
  std::size_t size() const noexcept { return count_.load(std::memory_order_acquire); }
  const RevocationLimits& limits() const noexcept { return limits_; }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  using Entries = std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>>;

  RevocationStore(sqlite3* db, RevocationLimits limits) noexcept : db_(db), limits_(limits) {}

  // With db_mutex_ held.
  Result<void> prune_locked(std::int64_t now);
  Result<void> reload_locked(std::int64_t now);
  Result<std::int64_t> data_version_locked();
  // With db_mutex_ and set_mutex_ (exclusive) held.
  void insert_locked(std::string_view jti, std::int64_t exp);
  // Reloads when another connection committed since the last look; at most once per
  // poll_interval (one thread does it, the others go on).
  void maybe_poll();

  std::mutex db_mutex_;  // the connection and what is written (taken before set_mutex_)
  sqlite3* db_;
  RevocationLimits limits_;
  std::int64_t data_version_ = 0;  // under db_mutex_

  std::shared_mutex set_mutex_;                      // entries_ and by_exp_
  Entries entries_;                                  // jti → exp
  std::multimap<std::int64_t, std::string> by_exp_;  // exp → jti, for pruning in order
  std::atomic<std::size_t> count_{0};                // entries_.size()
  std::atomic<std::int64_t> next_poll_ns_{0};        // CLOCK_MONOTONIC_COARSE
};

}  // namespace jot::server
