#include "http/connections_per_address.hpp"

namespace jot::server {

bool ConnectionsPerAddress::try_open(const std::string& key) {
  auto& count = open_[key];
  if (limit_ != 0 && count >= limit_) {
    if (count == 0) open_.erase(key);
    return false;
  }
  ++count;
  return true;
}

void ConnectionsPerAddress::close(const std::string& key) {
  const auto it = open_.find(key);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);  // the table holds only addresses with connections
}

std::size_t ConnectionsPerAddress::open(const std::string& key) const {
  const auto it = open_.find(key);
  return it == open_.end() ? 0 : it->second;
}

}  // namespace jot::server
