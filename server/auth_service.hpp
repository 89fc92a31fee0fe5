#pragma once

// The seed's flow, minus HTTP: log a user in (password → signed token) and check a
// presented token (→ verified claims or the library's error).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "jot/jwt.hpp"
#include "key_ring.hpp"
#include "password_hasher.hpp"
#include "user_store.hpp"

namespace jot::server {

struct TokenPolicy {
  std::int64_t ttl_seconds = 15 * 60;
  std::string issuer;    // empty: no iss claim, none expected
  std::string audience;  // empty: no aud claim, none expected
};

struct IssuedToken {
  std::string token;
  std::int64_t expires_in = 0;  // seconds
};

enum class LoginOutcome : std::uint8_t { kOk, kInvalidCredentials, kInternalError };

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kInvalidCredentials;
  IssuedToken issued;  // when kOk
  std::string detail;  // for the log when kInternalError; never sent to clients
};

class AuthService {
 public:
  AuthService(KeyRing keys, std::shared_ptr<UserStore> users, TokenPolicy policy);

  // Same work (one Argon2id verification) whether the user exists or not.
  LoginResult login(std::string_view username, std::string_view password) const;
  // Verifies signature (key by kid), algorithm, exp/nbf, iss/aud as configured.
  Result<Token> check(std::string_view token) const;

  const KeyRing& keys() const noexcept { return keys_; }
  const TokenPolicy& policy() const noexcept { return policy_; }

 private:
  KeyRing keys_;
  std::shared_ptr<UserStore> users_;
  TokenPolicy policy_;
  PasswordHasher hasher_;
  VerifyOptions verify_options_;
};

}  // namespace jot::server
