#pragma once

// Where users and their password hashes live. The server depends on this interface only, so
// a shared database (PostgreSQL, a directory service ...) can back several instances later;
// SqliteUserStore is the embedded implementation. Implementations must be thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "jot/error.hpp"

namespace jot::server {

class UserStore {
 public:
  virtual ~UserStore() = default;
  // The stored Argon2id PHC string of `username`, or nullopt when there is no such user.
  virtual Result<std::optional<std::string>> find_password_hash(std::string_view username) = 0;
  // Adds a user; fails with "user already exists" when the name is taken.
  virtual Result<void> add_user(std::string_view username, std::string_view password_hash) = 0;
  // A cheap round trip that succeeds when the store can answer lookups now (GET /ready);
  // kInternal with the store's reason otherwise.
  virtual Result<void> ping() = 0;
};

// Usernames: 1 to 64 characters from [A-Za-z0-9._@-], so they are safe in logs and claims.
bool is_valid_username(std::string_view username) noexcept;

}  // namespace jot::server
