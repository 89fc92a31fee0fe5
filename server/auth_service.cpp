#include "auth_service.hpp"

#include "jot/json_object.hpp"

namespace jot::server {

AuthService::AuthService(KeyRing keys, std::shared_ptr<UserStore> users, TokenPolicy policy)
    : keys_(std::move(keys)), users_(std::move(users)), policy_(std::move(policy)) {
  verify_options_.algorithms = keys_.allowed_algorithms();
  // Every token this server issues has exp and sub; one without them was not issued here.
  verify_options_.required_claims = {"exp", "sub"};
  if (!policy_.issuer.empty()) verify_options_.issuer = {policy_.issuer};
  if (!policy_.audience.empty()) verify_options_.audience = {AudienceMatcher(policy_.audience)};
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

  SignOptions options;
  options.algorithm = keys_.signing_algorithm();
  options.expires_in = Timespan(static_cast<double>(policy_.ttl_seconds));
  options.subject = std::string(username);
  if (!policy_.issuer.empty()) options.issuer = policy_.issuer;
  if (!policy_.audience.empty()) options.audience = {policy_.audience};
  auto token = try_sign(JsonObject(), keys_.signing_key(), options);
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
  return try_verify(token, keys_.verification_keys(), verify_options_);
}

}  // namespace jot::server
