#pragma once

// Per-client throttle for POST /login. Every login costs an Argon2id hash (~30 ms, 19 MiB),
// and a client that may try passwords as fast as the server hashes them can guess ~30 per
// second. Each client address gets a token bucket: `per_minute` attempts, refilled evenly
// over a minute (so also a burst of `per_minute`). IPv4 clients are keyed by address, IPv6
// clients by their /64 (one host usually holds a whole /64). The table is bounded: when it
// is full, the client heard from least recently is forgotten.

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jot::server {

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // `per_minute` 0 disables the limiter (every attempt is allowed).
  explicit LoginLimiter(unsigned per_minute, std::size_t max_clients = 100'000);

  // Takes one attempt for `client`. nullopt when it may go ahead; otherwise the whole
  // seconds (at least 1) until its next attempt, for Retry-After.
  std::optional<std::chrono::seconds> acquire(std::string_view client, Clock::time_point now);

  // The key of a client address: the address itself for IPv4 (and IPv4-mapped IPv6), the
  // /64 prefix for IPv6.
  static std::string client_key(const boost::asio::ip::address& address);

  std::size_t tracked_clients() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };

  void forget_least_recent();

  const double per_minute_;
  const std::size_t max_clients_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace jot::server
