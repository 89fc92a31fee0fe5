#include "auth_service.hpp"

#include "jot/json_object.hpp"

namespace jot::server {

namespace {

// Generations are unique across every AuthService of the process, so a thread's cached copy
// can never be mistaken for another service's (one later built at the same address).
std::uint64_t next_generation() noexcept {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

}  // namespace

AuthService::AuthService(KeyRing keys, std::shared_ptr<UserStore> users, TokenPolicy policy)
    : users_(std::move(users)), policy_(std::move(policy)) {
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
  options.expires_in = Timespan(static_cast<double>(policy_.ttl_seconds));
  options.subject = std::string(username);
  if (!policy_.issuer.empty()) options.issuer = policy_.issuer;
  if (!policy_.audience.empty()) options.audience = {policy_.audience};
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

Result<Token> AuthService::check(std::string_view token) const {
  const Keys& keys = *current();  // this thread's copy: valid for this call
  return try_verify(token, keys.ring.verification_keys(), keys.verify_options);
}

}  // namespace jot::server
