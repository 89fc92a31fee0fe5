#include "auth/auth_service.hpp"

#include <openssl/rand.h>

#include <chrono>

#include "jot/base64url.hpp"
#include "jot/json_object.hpp"

namespace jot::server {

namespace {

// Generations are unique across every AuthService of the process, so a thread's cached copy
// can never be mistaken for another service's (one later built at the same address).
std::uint64_t next_generation() noexcept {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

// A token id: 128 bits from OpenSSL's CSPRNG, base64url (22 characters).
std::optional<std::string> new_jti() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return std::nullopt;
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

}  // namespace

AuthService::AuthService(KeyRing keys, std::shared_ptr<UserStore> users, TokenPolicy policy,
                         std::shared_ptr<RevocationStore> revocations)
    : users_(std::move(users)), revocations_(std::move(revocations)), policy_(std::move(policy)) {
  keys_ = make_keys(std::move(keys));
  generation_.store(next_generation(), std::memory_order_release);
}

std::shared_ptr<const AuthService::Keys> AuthService::make_keys(KeyRing ring) const {
  auto keys = std::make_shared<Keys>(Keys{std::move(ring), {}});
  VerifyOptions& options = keys->verify_options;
  options.algorithms = keys->ring.allowed_algorithms();
  // Every token this server issues has exp and sub; one without them was not issued here.
  options.required_claims = {"exp", "sub"};
  if (!policy_.issuer.empty()) options.issuer = {policy_.issuer};
  if (!policy_.audience.empty()) options.audience = {AudienceMatcher(policy_.audience)};
  // Last, once everything else passed: a logged-out token is refused. Tokens without a jti
  // (issued before tokens had one) cannot be revoked and pass.
  if (revocations_) {
    options.checks.emplace_back(
        [revocations = revocations_](const VerifiedToken& token) -> Result<void> {
          if (revocations->empty()) return {};  // the usual case: no jti lookup, no lock
          const auto jti = token.payload().get_string("jti");
          if (jti && revocations->is_revoked(*jti)) {
            return Error(Errc::kClaimMismatch, "token revoked");
          }
          return {};
        });
  }
  return keys;
}

void AuthService::replace_keys(KeyRing keys) {
  auto fresh = make_keys(std::move(keys));
  std::lock_guard lock(keys_mutex_);
  keys_ = std::move(fresh);
  generation_.store(next_generation(), std::memory_order_release);
}

const std::shared_ptr<const AuthService::Keys>& AuthService::current() const {
  // Per thread: the generation it saw and its copy of the pointer. Returned by reference, so
  // a request touches no shared reference count.
  struct Cached {
    std::uint64_t generation = 0;
    std::shared_ptr<const Keys> keys;
  };
  thread_local Cached cached;
  if (cached.generation != generation_.load(std::memory_order_acquire)) {
    std::lock_guard lock(keys_mutex_);
    cached.generation = generation_.load(std::memory_order_relaxed);
    cached.keys = keys_;
  }
  return cached.keys;
}

std::shared_ptr<const KeyRing> AuthService::keys() const {
  std::shared_ptr<const Keys> keys = current();
  return std::shared_ptr<const KeyRing>(keys, &keys->ring);
}

LoginResult AuthService::login(std::string_view username, std::string_view password) const {
  LoginResult result;
  std::optional<std::string> stored;
  if (is_valid_username(username)) {
    auto found = users_->find_password_hash(username);
    if (!found) {
      result.outcome = LoginOutcome::kInternalError;
      result.detail = std::string(found.error().message());
      hasher_.verify_dummy(password);
      return result;
    }
    stored = std::move(*found);
  }
  if (!stored) {
    // Unknown user: spend the time of a real verification, then refuse.
    hasher_.verify_dummy(password);
    return result;
  }
  if (!hasher_.verify(*stored, password)) return result;

  const Keys& keys = *current();  // this thread's copy: valid for this call
  SignOptions options;
  options.algorithm = keys.ring.signing_algorithm();
  options.expires_in = std::chrono::seconds(policy_.ttl_seconds);
  options.subject = std::string(username);
  if (!policy_.issuer.empty()) options.issuer = policy_.issuer;
  if (!policy_.audience.empty()) options.audience = {policy_.audience};
  options.jwtid = new_jti();
  if (!options.jwtid) {
    result.outcome = LoginOutcome::kInternalError;
    result.detail = "RAND_bytes failed";
    return result;
  }
  auto token = try_sign(JsonObject(), keys.ring.signing_key(), options);
  if (!token) {
    result.outcome = LoginOutcome::kInternalError;
    result.detail = "signing failed: " + std::string(token.error().message());
    return result;
  }
  result.outcome = LoginOutcome::kOk;
  result.issued = IssuedToken{std::move(*token), policy_.ttl_seconds};
  return result;
}

Result<VerifiedToken> AuthService::check(std::string_view token) const {
  const Keys& keys = *current();  // this thread's copy: valid for this call
  return try_verify(token, keys.ring.verification_keys(), keys.verify_options);
}

LogoutResult AuthService::logout(std::string_view token) const {
  LogoutResult result;
  auto verified = check(token);
  if (!verified) {
    result.detail = std::string(verified.error().message());
    return result;
  }
  const auto jti = verified->payload().get_string("jti");
  if (!jti || jti->empty()) {
    result.outcome = LogoutOutcome::kNotRevocable;
    result.detail = "token has no jti claim: it cannot be revoked and stays valid until it expires";
    return result;
  }
  const auto exp = verified->payload().get_integer("exp");  // present: check() requires it
  if (!exp) {
    result.outcome = LogoutOutcome::kNotRevocable;
    result.detail = "token has no integer exp claim: it cannot be revoked";
    return result;
  }
  if (!revocations_) {
    result.outcome = LogoutOutcome::kInternalError;
    result.detail = "no revocation store";
    return result;
  }
  auto revoked = revocations_->revoke(*jti, *exp);
  if (!revoked) {
    result.outcome = revoked.error().code() == Errc::kLimitExceeded ? LogoutOutcome::kFull
                                                                    : LogoutOutcome::kInternalError;
    result.detail = std::string(revoked.error().message());
    return result;
  }
  if (!*revoked) {
    // Revoked by a concurrent log-out between the check and here.
    result.detail = "token revoked";
    return result;
  }
  result.outcome = LogoutOutcome::kOk;
  return result;
}

}  // namespace jot::server
