#pragma once

// A bounded pool of PostgreSQL connections for request paths. A request takes an idle
// connection (waiting at most until its deadline), runs one statement and gives it back.
// Connections are never opened on a request path: the pool opens them all at start, and a
// connection that broke is reopened by maintain() on the background thread, with backoff
// (100 ms doubling to 5 s). While none is open, acquire() fails at once: the database is
// down, and waiting would only hold the request up.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

#include "store/pg_support.hpp"
#include "store/store.hpp"

namespace jot::server::pg {

class Pool {
 public:
  Pool(ConnectSettings settings, std::vector<Prepared> statements, unsigned size);

  // Opens every connection; fails when the first cannot be opened.
  Result<void> open();

  class Lease {
   public:
    Lease(Pool* pool, std::size_t slot) noexcept : pool_(pool), slot_(slot) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_), lost_(other.lost_) {
      other.pool_ = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->release(slot_, lost_);
    }
    PGconn* get() const noexcept;
    // The connection broke or its state is unknown: it is closed on release.
    void lost() noexcept { lost_ = true; }

   private:
    Pool* pool_;
    std::size_t slot_;
    bool lost_ = false;
  };

  Result<Lease> acquire(Clock::time_point deadline);
  // Reopens closed connections when their backoff allows (blocking: background thread only).
  void maintain();

  // Runs a prepared statement on a pooled connection, within `deadline`.
  Outcome run(const char* name, const std::vector<std::string>& params, Clock::time_point deadline);

  const ConnectSettings& settings() const noexcept { return settings_; }
  const std::vector<Prepared>& statements() const noexcept { return statements_; }
  void count_into(StoreCounters& c) const;

 private:
  struct Slot {
    Conn conn;
    bool busy = false;
  };
  void release(std::size_t slot, bool lost);

  const ConnectSettings settings_;
  const std::vector<Prepared> statements_;
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::vector<Slot> slots_;
  Clock::time_point next_attempt_{};
  std::chrono::milliseconds backoff_{100};
  std::atomic<std::uint64_t> reconnects_{0};
  std::atomic<std::uint64_t> waits_{0};
};

}  // namespace jot::server::pg
