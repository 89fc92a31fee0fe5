#include "store/revocation_store.hpp"

#include <ctime>

namespace jot::server {

namespace {

// Rows applied (or expired entries removed) per hold of the exclusive lock: a check waits at
// most for this many hash-map updates (tens of microseconds).
constexpr std::size_t kApplyChunk = 256;
constexpr std::size_t kPruneChunk = 256;
// Rows asked of the store per read.
constexpr std::size_t kReadBatch = 10'000;
// The feed reads at least this often, even when the store signalled nothing (a lost
// notification costs at most this delay).
constexpr std::chrono::milliseconds kTick{1000};
// How often expired rows are deleted from the database (by every instance: deleting what
// another already deleted costs one indexed range scan).
constexpr std::chrono::seconds kDatabasePrune{60};
// After a failed feed read: wait, doubling up to the maximum.
constexpr std::chrono::milliseconds kBackoffMin{100};
constexpr std::chrono::milliseconds kBackoffMax{5000};

std::int64_t unix_now() noexcept {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

void RevocationStore::Set::add(std::string jti, Entry entry) {
  auto [it, inserted] = entries.try_emplace(std::move(jti), std::move(entry));
  if (!inserted) return;
  by_exp.emplace(it->second.exp, it->first);
  ++per_subject[it->second.subject];
  ++per_client[it->second.client];
}

void RevocationStore::Set::erase(StringMap<Entry>::iterator it) {
  auto drop = [](StringMap<std::size_t>& counts, const std::string& key) {
    auto c = counts.find(key);
    if (c != counts.end() && --c->second == 0) counts.erase(c);
  };
  drop(per_subject, it->second.subject);
  drop(per_client, it->second.client);
  entries.erase(it);
}

Result<std::unique_ptr<RevocationStore>> RevocationStore::open(std::shared_ptr<Store> store,
                                                               RevocationLimits limits) {
  std::unique_ptr<RevocationStore> revocations(new RevocationStore(std::move(store), limits));
  if (auto loaded = revocations->resync(); !loaded) return loaded.error();
  return revocations;
}

RevocationStore::~RevocationStore() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RevocationStore::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

Result<bool> RevocationStore::revoke(std::string_view jti, std::int64_t exp,
                                     std::string_view subject, std::string_view client) {
  return revoke(jti, exp, subject, client, unix_now());
}

Result<bool> RevocationStore::revoke(std::string_view jti, std::int64_t exp,
                                     std::string_view subject, std::string_view client,
                                     std::int64_t now) {
  if (jti.empty()) return Error(Errc::kInvalidOption, "empty jti");
  {
    std::shared_lock lock(set_mutex_);
    if (set_.entries.find(jti) != set_.entries.end()) return false;
    // Already expired: it can never be accepted again, nothing to remember.
    if (exp <= now) return true;
    if (set_.entries.size() >= limits_.max_entries) {
      return Error(Errc::kLimitExceeded, "too many revoked tokens");
    }
    auto s = set_.per_subject.find(subject);
    if (s != set_.per_subject.end() && s->second >= limits_.per_subject) {
      return Error(Errc::kLimitExceeded, "too many revoked tokens for this user");
    }
    auto c = set_.per_client.find(client);
    if (c != set_.per_client.end() && c->second >= limits_.per_client) {
      return Error(Errc::kLimitExceeded, "too many revoked tokens from this address");
    }
  }
  Revocation row{0, std::string(jti), exp, std::string(subject), std::string(client)};
  auto seq = store_->add_revocation(row);
  if (!seq) return seq.error();
  if (!*seq) return false;  // another instance revoked it first; the feed will bring it
  std::unique_lock lock(set_mutex_);
  set_.add(std::move(row.jti), Entry{exp, **seq, std::move(row.subject), std::move(row.client)});
  count_.store(set_.entries.size(), std::memory_order_release);
  return true;
}

bool RevocationStore::is_revoked(std::string_view jti) const {
  if (empty()) return false;
  std::shared_lock lock(set_mutex_);
  return set_.entries.find(jti) != set_.entries.end();
}

void RevocationStore::apply(const std::vector<Revocation>& rows) {
  for (std::size_t i = 0; i < rows.size(); i += kApplyChunk) {
    const std::size_t end = std::min(rows.size(), i + kApplyChunk);
    std::unique_lock lock(set_mutex_);
    for (std::size_t j = i; j < end; ++j) {
      const Revocation& r = rows[j];
      set_.add(r.jti, Entry{r.exp, r.seq, r.subject, r.client});
    }
    count_.store(set_.entries.size(), std::memory_order_release);
  }
}

Result<std::size_t> RevocationStore::catch_up() {
  std::lock_guard feed(feed_mutex_);
  std::size_t total = 0;
  for (;;) {
    auto rows = store_->revocations_after(high_water_, unix_now(), kReadBatch);
    if (!rows) return rows.error();
    if (rows->empty()) break;
    high_water_ = rows->back().seq;
    total += rows->size();
    apply(*rows);
    if (rows->size() < kReadBatch) break;
  }
  return total;
}

Result<void> RevocationStore::resync() {
  std::lock_guard feed(feed_mutex_);
  Set fresh;
  std::int64_t high_water = 0;
  const std::int64_t now = unix_now();
  for (;;) {
    auto rows = store_->revocations_after(high_water, now, kReadBatch);
    if (!rows) return rows.error();
    for (auto& r : *rows) {
      fresh.add(std::move(r.jti), Entry{r.exp, r.seq, std::move(r.subject), std::move(r.client)});
    }
    if (!rows->empty()) high_water = rows->back().seq;
    if (rows->size() < kReadBatch) break;
  }
  {
    std::unique_lock lock(set_mutex_);
    // Entries this instance added after the snapshot was read (their seq is newer) stay.
    for (auto& [jti, entry] : set_.entries) {
      if (entry.seq > high_water) fresh.add(jti, entry);
    }
    std::swap(set_, fresh);
    count_.store(set_.entries.size(), std::memory_order_release);
  }
  high_water_ = std::max(high_water_, high_water);
  return {};  // `fresh`, now the old set, is freed here, outside the lock
}

std::size_t RevocationStore::prune_expired(std::int64_t now) {
  std::size_t removed = 0;
  for (;;) {
    std::unique_lock lock(set_mutex_);
    std::size_t n = 0;
    while (n < kPruneChunk && !set_.by_exp.empty() && set_.by_exp.begin()->first <= now) {
      auto it = set_.entries.find(set_.by_exp.begin()->second);
      // by_exp may name a jti whose entry was replaced by a resync: erase only its own.
      if (it != set_.entries.end() && it->second.exp == set_.by_exp.begin()->first) {
        set_.erase(it);
      }
      set_.by_exp.erase(set_.by_exp.begin());
      ++n;
    }
    count_.store(set_.entries.size(), std::memory_order_release);
    removed += n;
    if (n < kPruneChunk) return removed;
  }
}

void RevocationStore::run() {
  using Clock = std::chrono::steady_clock;
  auto next_tick = Clock::now() + kTick;
  auto next_resync = Clock::now() + limits_.resync_interval;
  auto next_db_prune = Clock::now();
  auto backoff = kBackoffMin;
  for (;;) {
    {
      std::lock_guard lock(stop_mutex_);
      if (stopping_) return;
    }
    store_->maintain();
    auto change = store_->wait_for_change(std::chrono::milliseconds(250));
    const auto now = Clock::now();
    Result<void> ok;
    if (!change) {
      ok = change.error();
    } else if (now >= next_resync) {
      ok = resync();
      next_resync = now + limits_.resync_interval;
    } else if (*change == Change::kMaybe || now >= next_tick || !feed_healthy()) {
      auto caught = catch_up();
      if (!caught) ok = caught.error();
      next_tick = now + kTick;
    }
    prune_expired(unix_now());
    if (ok && now >= next_db_prune) {
      (void)store_->prune(unix_now());  // best effort: the next round tries again
      next_db_prune = now + kDatabasePrune;
    }
    feed_healthy_.store(static_cast<bool>(ok), std::memory_order_release);
    if (ok) {
      backoff = kBackoffMin;
      continue;
    }
    std::unique_lock lock(stop_mutex_);
    stop_cv_.wait_for(lock, backoff, [this] { return stopping_; });
    backoff = std::min(backoff * 2, kBackoffMax);
  }
}

}  // namespace jot::server
