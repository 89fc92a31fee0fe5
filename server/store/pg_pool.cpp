#include "store/pg_pool.hpp"

namespace jot::server::pg {

namespace {
constexpr std::chrono::milliseconds kBackoffMin{100};
constexpr std::chrono::milliseconds kBackoffMax{5000};
}  // namespace

Pool::Pool(ConnectSettings settings, std::vector<Prepared> statements, unsigned size)
    : settings_(std::move(settings)), statements_(std::move(statements)), slots_(size) {}

Result<void> Pool::open() {
  for (auto& slot : slots_) {
    auto conn = connect(settings_, statements_);
    if (!conn) return conn.error();
    std::lock_guard lock(mutex_);
    slot.conn = std::move(*conn);
  }
  return {};
}

PGconn* Pool::Lease::get() const noexcept {
  std::lock_guard lock(pool_->mutex_);
  return pool_->slots_[slot_].conn.get();
}

namespace {
// An idle connection whose server went away (a restart while the pool had nothing to do) only
// learns it when read: PQconsumeInput reads what is pending without blocking (libpq's socket is
// non-blocking) and marks the connection bad on end of file. Checked before each lease, so a
// stale connection is replaced instead of failing the request that drew it.
bool still_open(PGconn* conn) noexcept {
  return PQconsumeInput(conn) == 1 && PQstatus(conn) == CONNECTION_OK;
}
}  // namespace

Result<Pool::Lease> Pool::acquire(Clock::time_point deadline) {
  std::vector<Conn> stale;  // finished after the lock is released (declared before it)
  std::unique_lock lock(mutex_);
  bool waited = false;
  for (;;) {
    bool any_open = false;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (!slots_[i].conn) continue;
      if (!slots_[i].busy && !still_open(slots_[i].conn.get())) {
        stale.push_back(std::move(slots_[i].conn));  // maintain() reconnects the slot
        continue;
      }
      any_open = true;
      if (!slots_[i].busy) {
        slots_[i].busy = true;
        if (waited) waits_.fetch_add(1, std::memory_order_relaxed);
        return Lease(this, i);
      }
    }
    if (!any_open) return Error(Errc::kInternal, "PostgreSQL: no connection (reconnecting)");
    waited = true;
    if (idle_.wait_until(lock, deadline) == std::cv_status::timeout) {
      waits_.fetch_add(1, std::memory_order_relaxed);
      return Error(Errc::kInternal, "PostgreSQL: every pooled connection busy until the deadline");
    }
  }
}

void Pool::release(std::size_t slot, bool lost) {
  Conn closing;
  {
    std::lock_guard lock(mutex_);
    slots_[slot].busy = false;
    if (lost || PQstatus(slots_[slot].conn.get()) == CONNECTION_BAD) {
      closing = std::move(slots_[slot].conn);
    }
  }
  idle_.notify_one();
  // `closing` is finished here, outside the lock.
}

void Pool::maintain() {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    {
      std::lock_guard lock(mutex_);
      if (slots_[i].conn || slots_[i].busy || Clock::now() < next_attempt_) continue;
      slots_[i].busy = true;  // held while connecting, outside the lock
    }
    auto conn = connect(settings_, statements_);
    {
      std::lock_guard lock(mutex_);
      slots_[i].busy = false;
      if (conn) {
        slots_[i].conn = std::move(*conn);
        backoff_ = kBackoffMin;
        reconnects_.fetch_add(1, std::memory_order_relaxed);
      } else {
        next_attempt_ = Clock::now() + backoff_;
        backoff_ = std::min(backoff_ * 2, kBackoffMax);
      }
    }
    idle_.notify_one();
    if (!conn) return;  // the database is down: try again after the backoff
  }
}

Outcome Pool::run(const char* name, const std::vector<std::string>& params,
                  Clock::time_point deadline) {
  auto lease = acquire(deadline);
  if (!lease) {
    Outcome out;
    out.failure = Failure{lease.error(), false, {}};
    return out;
  }
  Outcome out = pg::run(lease->get(), name, nullptr, params, deadline);
  if (out.failure && out.failure->connection_lost) lease->lost();
  return out;
}

void Pool::count_into(StoreCounters& c) const {
  std::lock_guard lock(mutex_);
  c.reconnects += reconnects_.load(std::memory_order_relaxed);
  c.pool_waits += waits_.load(std::memory_order_relaxed);
  c.pool_size = static_cast<unsigned>(slots_.size());
  for (const auto& s : slots_) c.pool_in_use += (s.busy && s.conn) ? 1 : 0;
}

}  // namespace jot::server::pg
