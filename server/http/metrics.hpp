#pragma once

// Counters of `jot serve` for GET /metrics, rendered in the Prometheus text exposition format
// (version 0.0.4).
//
// The request path only increments: every counter is a relaxed atomic in one of kShards
// cache-line-aligned shards, and each thread keeps to its own shard, so two I/O threads never
// write the same cache line and no counter takes a lock. render() (a scrape) sums the shards.
// Gauges that something else already knows (revoked tokens) are read at scrape time.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "jot/error.hpp"

namespace jot::server {

// The routes requests are counted by; kOther for every path that is not one of them (a
// client-chosen path must not create a series).
enum class Route : std::uint8_t {
  kHealth,
  kReady,
  kMetrics,
  kLogin,
  kProtected,
  kMe,
  kLogout,
  kJwks,
  kOther,
};
inline constexpr std::size_t kRouteCount = 9;
Route route_of(std::string_view path) noexcept;
std::string_view route_label(Route route) noexcept;

// Why a token (or its Authorization header) was refused: jot's error codes (errc_name), plus
// a revoked token and a missing or malformed Authorization header.
enum class AuthFailure : std::uint8_t { kRevoked = 32, kBadAuthorizationHeader };
inline constexpr std::size_t kAuthFailureCount = 34;

// What refused a request before the handler saw it.
enum class Refused : std::uint8_t { kLoginRate, kLoginConcurrency, kConnections };
inline constexpr std::size_t kRefusalCount = 3;

// What X-Forwarded-For said (--trusted-proxy, trusted_proxies.hpp): the client taken from it,
// a trusted proxy that sent none, every entry a trusted proxy, an entry that is no address,
// and the header from a peer that is not trusted (ignored).
enum class ForwardedFor : std::uint8_t { kUsed, kNone, kAllTrusted, kMalformed, kIgnored };
inline constexpr std::size_t kForwardedForCount = 5;

enum class StoreKind : std::uint8_t { kUsers, kRevocations };
inline constexpr std::size_t kStoreKindCount = 2;

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One answered request (any listener): by route and status, its latency; a POST /login also
  // counts as a login by outcome (derived from its status).
  void count_request(Route route, unsigned status, std::chrono::nanoseconds elapsed) noexcept;
  void count_auth_failure(Errc code) noexcept;
  void count_auth_failure(AuthFailure reason) noexcept;
  void count_refusal(Refused refusal) noexcept;
  void count_store_error(StoreKind store) noexcept;
  void count_tls_handshake_failure() noexcept;
  void count_forwarded_for(ForwardedFor outcome) noexcept;
  void connection_opened() noexcept { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() noexcept { open_connections_.fetch_sub(1, std::memory_order_relaxed); }

  // Read at each scrape: the number of unexpired revoked tokens.
  void set_revoked_tokens_source(std::function<std::size_t()> source) {
    revoked_tokens_ = std::move(source);
  }

  // The exposition text (Content-Type: text/plain; version=0.0.4).
  std::string render() const;

  // Bucket upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 15> kLatencyBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
  // The status codes the server answers; any other is counted as "other".
  static constexpr std::array<unsigned, 14> kStatuses = {200, 204, 400, 401, 403, 404, 405,
                                                         408, 413, 429, 431, 500, 503, 0};

  struct Shard;

 private:
  Shard& shard() const noexcept;

  std::unique_ptr<Shard[]> shards_;
  std::atomic<std::int64_t> open_connections_{0};
  std::function<std::size_t()> revoked_tokens_;
};

}  // namespace jot::server
