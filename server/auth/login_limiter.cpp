#include "auth/login_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace jot::server {

LoginLimiter::LoginLimiter(unsigned per_minute, std::size_t max_clients)
    : per_minute_(static_cast<double>(per_minute)),
      max_clients_(std::max<std::size_t>(1, max_clients)) {}

std::optional<std::chrono::seconds> LoginLimiter::acquire(std::string_view client,
                                                          Clock::time_point now) {
  if (per_minute_ <= 0) return std::nullopt;
  const double per_second = per_minute_ / 60.0;
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(client));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) forget_least_recent();
    it = buckets_.emplace(std::string(client), Bucket{per_minute_, now}).first;
  } else {
    const std::chrono::duration<double> elapsed = now - it->second.updated;
    it->second.tokens =
        std::min(per_minute_, it->second.tokens + std::max(0.0, elapsed.count()) * per_second);
    it->second.updated = now;
  }
  Bucket& bucket = it->second;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait = (1.0 - bucket.tokens) / per_second;
  return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

void LoginLimiter::forget_least_recent() {
  // O(n), only when the table is full: a login costs an Argon2 hash, far more than a scan.
  auto oldest = buckets_.begin();
  for (auto it = buckets_.begin(); it != buckets_.end(); ++it) {
    if (it->second.updated < oldest->second.updated) oldest = it;
  }
  if (oldest != buckets_.end()) buckets_.erase(oldest);
}

std::string LoginLimiter::client_key(const boost::asio::ip::address& address) {
  if (address.is_v4()) return address.to_string();
  const auto v6 = address.to_v6();
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);  // the /64 prefix
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

std::size_t LoginLimiter::tracked_clients() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace jot::server
