#pragma once

// Open connections per client address, so that one client cannot take every connection slot
// (reconnecting as fast as connections time out) and lock the others out. Addresses are keyed
// as the login limiter keys them (LoginLimiter::client_key: IPv4 by address, IPv6 by /64).
// Not synchronised: the server calls it under the lock of its session table.

#include <cstddef>
#include <string>
#include <unordered_map>

namespace jot::server {

class ConnectionsPerAddress {
 public:
  // `limit` 0: no limit per address.
  explicit ConnectionsPerAddress(std::size_t limit) : limit_(limit) {}

  // Counts a new connection from `key`; false (and nothing counted) when `key` is at the limit.
  bool try_open(const std::string& key);
  // A connection counted by try_open(key) has closed.
  void close(const std::string& key);
  std::size_t open(const std::string& key) const;
  // Addresses with at least one open connection.
  std::size_t addresses() const noexcept { return open_.size(); }

 private:
  std::size_t limit_;
  std::unordered_map<std::string, std::size_t> open_;
};

}  // namespace jot::server
