#pragma once

// The seed's flow, minus HTTP: log a user in (password → signed token), check a presented
// token (→ verified claims or the library's error) and log a token out (revoke its jti).

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "auth/key_ring.hpp"
#include "auth/password_hasher.hpp"
#include "jot/jwt.hpp"
#include "store/revocation_store.hpp"
#include "store/user_store.hpp"

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

enum class LogoutOutcome : std::uint8_t {
  kOk,             // revoked until its exp
  kInvalidToken,   // does not pass check() (or was revoked meanwhile): detail says why
  kNotRevocable,   // verifies, but has no jti (issued before tokens had one) or integer exp
  kFull,           // the revocation table is full of unexpired entries
  kInternalError,  // database error: detail for the log, never sent to clients
};

struct LogoutResult {
  LogoutOutcome outcome = LogoutOutcome::kInvalidToken;
  std::string detail;
};

class AuthService {
 public:
  // `revocations` may be shared with other services; null only where log-out is not wanted
  // (then nothing is ever revoked and logout() fails with kInternalError).
  AuthService(KeyRing keys, std::shared_ptr<UserStore> users, TokenPolicy policy,
              std::shared_ptr<RevocationStore> revocations);

  // Same work (one Argon2id verification) whether the user exists or not. Every token gets
  // a fresh jti (128 random bits, base64url) so that it can be revoked alone.
  LoginResult login(std::string_view username, std::string_view password) const;
  // Verifies signature (key by kid), algorithm, exp/nbf, iss/aud as configured, and that
  // its jti is not revoked (error "token revoked").
  Result<VerifiedToken> check(std::string_view token) const;
  // Log out: check(token), then revoke its jti until its exp.
  LogoutResult logout(std::string_view token) const;

  // The keys now in use. A snapshot: a concurrent replace_keys does not change it.
  std::shared_ptr<const KeyRing> keys() const;
  // Swaps in a new key ring (SIGHUP): requests already running finish with the old one,
  // the next ones use the new one. Safe to call while other threads log in and check.
  void replace_keys(KeyRing keys);

  const TokenPolicy& policy() const noexcept { return policy_; }

 private:
  // A key ring with the verify options derived from it (its algorithms).
  struct Keys {
    KeyRing ring;
    VerifyOptions verify_options;
  };
  std::shared_ptr<const Keys> make_keys(KeyRing ring) const;
  // The current Keys. Each thread keeps its own copy of the pointer and refreshes it only
  // when `generation_` moved: checking a token takes no lock and writes no shared memory.
  // The reference stays valid until this thread's next call.
  const std::shared_ptr<const Keys>& current() const;

  std::shared_ptr<UserStore> users_;
  std::shared_ptr<RevocationStore> revocations_;
  TokenPolicy policy_;
  PasswordHasher hasher_;
  mutable std::mutex keys_mutex_;  // guards keys_ (writers, and readers refreshing)
  std::shared_ptr<const Keys> keys_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace jot::server
