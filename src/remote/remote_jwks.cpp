// RemoteJwks: the cache, the refetch rules and the one-fetch-at-a-time discipline. The HTTP
// exchange is in http_get.cpp, the parsing of the answer in fetch_key_set.cpp.

#include "jot/remote_jwks.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <utility>

#include "fetch_key_set.hpp"

namespace jot {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

// The cache behind every copy of one RemoteJwks. Readers copy the snapshot's shared_ptr
// under a shared lock, so they run in parallel and wait only for the instant a new snapshot's
// pointer is swapped in, never for a fetch. Fetches are done by one thread at a time, and
// threads that waited for a fetch use its result instead of fetching again.
class RemoteJwks::Cache {
 public:
  // An immutable snapshot: published whole (publish() swaps the pointer), so readers never
  // see a half update and keep a consistent view for a whole resolve.
  struct State {
    std::optional<KeySet> keys;      // the last set fetched successfully
    Clock::time_point fetched_at;    // when `keys` arrived
    Clock::time_point attempted_at;  // when the last fetch attempt ended, successful or not
    std::optional<Error> failure;    // why the last attempt failed; empty if it succeeded
    std::uint64_t attempts = 0;      // fetch attempts so far (tells waiting threads one ended)
  };

  explicit Cache(RemoteJwksOptions options)
      : options_(std::move(options)), state_(std::make_shared<const State>()) {}

  Result<Key> resolve(const JsonObject& header);
  Result<void> refresh();
  KeySet cached_keys() const;
  const RemoteJwksOptions& options() const noexcept { return options_; }

 private:
  // Fetches, unless another thread's fetch attempt finished after `seen` was loaded: then
  // that attempt's outcome is used. Returns the newest state.
  std::shared_ptr<const State> fetch_unless_fetched_since(const std::shared_ptr<const State>& seen);
  // Fetches and publishes the outcome; the caller holds fetch_mutex_.
  std::shared_ptr<const State> fetch_locked(const State& current);
  std::shared_ptr<const State> snapshot() const;
  void publish(std::shared_ptr<const State> next);

  const RemoteJwksOptions options_;
  // Not std::atomic<std::shared_ptr>: libstdc++ 12's load() releases its internal spin lock
  // with memory_order_relaxed, so a concurrent store races with the pointer read (TSan
  // reports it; harmless on x86 only). Held just to copy or swap the pointer.
  mutable std::shared_mutex state_mutex_;
  std::shared_ptr<const State> state_;  // never null
  std::mutex fetch_mutex_;              // one fetch at a time
};

namespace {

template <typename Snapshot>
bool is_fresh(const RemoteJwksOptions& options, const Snapshot& state, Clock::time_point now) {
  return state.keys && now - state.fetched_at < options.cache_max_age;
}

}  // namespace

std::shared_ptr<const RemoteJwks::Cache::State> RemoteJwks::Cache::snapshot() const {
  const std::shared_lock lock(state_mutex_);
  return state_;
}

void RemoteJwks::Cache::publish(std::shared_ptr<const State> next) {
  {
    const std::unique_lock lock(state_mutex_);
    state_.swap(next);
  }
  // `next` now holds the previous snapshot: released here, outside the lock.
}

Result<RemoteJwks> RemoteJwks::create(RemoteJwksOptions options) {
  if (auto ok = remote::check_options(options); !ok) return std::move(ok).error();
  return RemoteJwks(std::make_shared<Cache>(std::move(options)));
}

std::shared_ptr<const RemoteJwks::Cache::State> RemoteJwks::Cache::fetch_locked(
    const State& current) {
  Result<KeySet> fetched = remote::fetch_key_set(options_);
  auto next = std::make_shared<State>(current);
  next->attempted_at = Clock::now();
  ++next->attempts;
  if (fetched) {
    next->keys = std::move(*fetched);
    next->fetched_at = next->attempted_at;
    next->failure.reset();
  } else {
    // The keys of the last success stay: still usable while fresh (a failed refetch for an
    // unknown kid must not take down tokens whose keys are known).
    next->failure = std::move(fetched).error();
  }
  std::shared_ptr<const State> published = std::move(next);
  publish(published);
  return published;
}

std::shared_ptr<const RemoteJwks::Cache::State> RemoteJwks::Cache::fetch_unless_fetched_since(
    const std::shared_ptr<const State>& seen) {
  const std::lock_guard lock(fetch_mutex_);
  std::shared_ptr<const State> current = snapshot();
  // Another thread fetched while this one waited for the lock: use its outcome. That is what
  // keeps a burst of requests (a cold start, a rotation) down to one request to the provider.
  if (current->attempts != seen->attempts) return current;
  return fetch_locked(*current);
}

Result<Key> RemoteJwks::Cache::resolve(const JsonObject& header) {
  // The same inputs as KeySet::select in try_verify. A header without a valid alg is
  // answered before any network: verification would refuse it anyway.
  // A kid that is present is used as it is, "" included; one that is not a string is
  // refused rather than read as "no kid" (RFC 7515 §4.1.4). try_verify has already refused
  // such a header; a caller's own header may not have been.
  const std::optional<std::string_view> kid = header.get_string("kid");
  if (!kid && header.contains("kid")) {
    return Error(Errc::kMalformed, "invalid token: header \"kid\" must be a string").about("kid");
  }
  const auto alg_name = header.get_string("alg");
  const auto alg = alg_name ? algorithm_from_string(*alg_name) : std::nullopt;
  if (!alg) return Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg");

  std::shared_ptr<const State> state = snapshot();
  if (!is_fresh(options_, *state, Clock::now())) {
    // Stale or never fetched. A recent failure is answered as it is, without a new request,
    // until the cooldown has passed: a provider that is down is not hammered either.
    const bool failed_recently =
        state->failure && Clock::now() - state->attempted_at < options_.cooldown;
    if (!failed_recently) state = fetch_unless_fetched_since(state);
    // Fails closed: a stale set whose refresh failed is not used.
    if (state->failure && !is_fresh(options_, *state, Clock::now())) return *state->failure;
    if (!state->keys) return Error(Errc::kKeyFetch, "JWKS not fetched yet");
  }

  Result<Key> chosen = state->keys->select(kid, *alg);
  if (chosen || chosen.error().code() != Errc::kNoMatchingKey) return chosen;
  // The provider may have rotated its keys: fetch once more, unless an attempt ended within
  // the cooldown (then tokens with made-up kids cost no request at all).
  if (Clock::now() - state->attempted_at < options_.cooldown) return chosen;
  state = fetch_unless_fetched_since(state);
  if (state->failure) {
    return Error(Errc::kKeyFetch, std::string(chosen.error().message()) +
                                      ", and fetching the set again failed: " +
                                      std::string(state->failure->message()));
  }
  return state->keys->select(kid, *alg);
}

Result<void> RemoteJwks::Cache::refresh() {
  const std::lock_guard lock(fetch_mutex_);
  const std::shared_ptr<const State> state = fetch_locked(*snapshot());
  if (state->failure) return *state->failure;
  return {};
}

KeySet RemoteJwks::Cache::cached_keys() const {
  const std::shared_ptr<const State> state = snapshot();
  return state->keys ? *state->keys : KeySet();
}

Result<Key> RemoteJwks::resolve(const JsonObject& header) const {
  return cache_->resolve(header);
}

KeyResolver RemoteJwks::resolver() const {
  return [cache = cache_](const JsonObject& header) { return cache->resolve(header); };
}

Result<void> RemoteJwks::refresh() const {
  return cache_->refresh();
}

KeySet RemoteJwks::cached_keys() const {
  return cache_->cached_keys();
}

const RemoteJwksOptions& RemoteJwks::options() const noexcept {
  return cache_->options();
}

}  // namespace jot
