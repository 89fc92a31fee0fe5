#include "store/user_store.hpp"

namespace jot::server {

bool is_valid_username(std::string_view username) noexcept {
  if (username.empty() || username.size() > 64) return false;
  for (const char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace jot::server
