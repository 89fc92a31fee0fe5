#pragma once

// Revoked tokens (log out), in memory for the check every authenticated request makes, kept
// in step with the Store's revocation feed by one background thread.
//
// - The request path never touches the database to check a token: empty() is one atomic
//   load (the lock-free fast path while nothing is revoked), is_revoked() a shared lock and
//   one hash lookup. The background thread takes the exclusive lock only to apply what
//   changed, at most kApplyChunk rows (or kPruneChunk expired entries) per hold, so a check
//   never waits for more than that (microseconds), never for a database read.
// - What changed is found by the feed's sequence number: the thread asks for rows newer than
//   the highest seq it has seen, whenever the store says something may have changed (SQLite:
//   data_version moved; PostgreSQL: a notification) and at least once a second; every
//   `resync_interval` it rebuilds the whole set off the lock and swaps it in (a safety net,
//   and what frees memory from entries another process pruned).
// - revoke() writes through the store (bounded by its request deadline), then adds the
//   entry here at once, so the instance that logged a token out refuses it immediately; the
//   others refuse it when their feed sees the row.
// - Bounds: at most `max_entries` unexpired entries; refusing (kLimitExceeded) instead of
//   evicting, since evicting would make a logged-out token valid again. Within the bound,
//   each user (`per_subject`) and each client address (`per_client`, IPv6 by /64) has a
//   share, so filling the table takes many accounts and many addresses (docs/security.md).
//   The shares are counted from memory: instances revoking for the same user at the same
//   moment may each pass, overshooting a share by at most one per instance.
//
// Thread-safe: any number of threads may call every member at once.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "jot/error.hpp"
#include "store/store.hpp"

namespace jot::server {

struct RevocationLimits {
  // Unexpired revoked tokens at most (at the default 15 min lifetime: 110 log-outs a second,
  // sustained). About 200 bytes each in memory.
  std::size_t max_entries = 100'000;
  // Unexpired revocations one user (sub) may hold: a user logging out of more than this
  // many tokens within one token lifetime is refused (429) until older ones expire.
  std::size_t per_subject = 100;
  // The same for one client address (IPv4 address or IPv6 /64): NAT puts many users behind one.
  std::size_t per_client = 1'000;
  // Full rebuild of the set from the store.
  std::chrono::milliseconds resync_interval{60'000};
};

class RevocationStore {
 public:
  // Loads every unexpired revocation from `store` (which must be migrated). The background
  // thread starts with start().
  static Result<std::unique_ptr<RevocationStore>> open(std::shared_ptr<Store> store,
                                                       RevocationLimits limits = {});
  ~RevocationStore();  // stops the thread
  RevocationStore(const RevocationStore&) = delete;
  RevocationStore& operator=(const RevocationStore&) = delete;

  // Runs the feed on a background thread until destruction.
  void start();

  // Revokes `jti` until `exp` (Unix seconds) on behalf of `subject` from `client`. True when
  // newly revoked, false when it already was (by this or another instance). kLimitExceeded
  // when the table or the subject's or client's share is full (the message says which),
  // kInternal when the store failed.
  Result<bool> revoke(std::string_view jti, std::int64_t exp, std::string_view subject = {},
                      std::string_view client = {});
  Result<bool> revoke(std::string_view jti, std::int64_t exp, std::string_view subject,
                      std::string_view client, std::int64_t now);

  // True when nothing is revoked: one atomic load, to be asked before looking a jti up.
  bool empty() const noexcept { return count_.load(std::memory_order_acquire) == 0; }
  // Whether `jti` is revoked: empty(), else a shared lock and one hash lookup.
  bool is_revoked(std::string_view jti) const;

  // Unexpired entries known in memory.
  std::size_t size() const noexcept { return count_.load(std::memory_order_acquire); }
  const RevocationLimits& limits() const noexcept { return limits_; }
  // Whether the last feed read succeeded (false while the database is unreachable).
  bool feed_healthy() const noexcept { return feed_healthy_.load(std::memory_order_acquire); }

  // One round of the background work, callable directly (tests): reads the rows newer than
  // the highest seq seen. Returns how many were new.
  Result<std::size_t> catch_up();
  // Rebuilds the whole set from the store and swaps it in.
  Result<void> resync();
  // Forgets entries that expired by `now` (in chunks); returns how many.
  std::size_t prune_expired(std::int64_t now);

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  template <typename V>
  using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
  struct Entry {
    std::int64_t exp = 0;
    std::int64_t seq = 0;
    std::string subject;
    std::string client;
  };
  // The set and its indexes; swapped whole by resync().
  struct Set {
    StringMap<Entry> entries;                         // jti → entry
    std::multimap<std::int64_t, std::string> by_exp;  // exp → jti, for pruning in order
    StringMap<std::size_t> per_subject;
    StringMap<std::size_t> per_client;
    void add(std::string jti, Entry entry);
    void erase(StringMap<Entry>::iterator it);
  };

  RevocationStore(std::shared_ptr<Store> store, RevocationLimits limits)
      : store_(std::move(store)), limits_(limits) {}
  void apply(const std::vector<Revocation>& rows);  // takes set_mutex_ in chunks
  void run();

  std::shared_ptr<Store> store_;
  RevocationLimits limits_;

  mutable std::shared_mutex set_mutex_;  // set_
  Set set_;
  std::atomic<std::size_t> count_{0};  // set_.entries.size()

  std::mutex feed_mutex_;        // one feed reader at a time (the thread, or a test calling in)
  std::int64_t high_water_ = 0;  // under feed_mutex_
  std::atomic<bool> feed_healthy_{true};

  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // under stop_mutex_
  std::thread thread_;
};

}  // namespace jot::server
