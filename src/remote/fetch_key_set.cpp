#include "fetch_key_set.hpp"

#include <filesystem>
#include <system_error>

#include "http_get.hpp"

namespace jot::remote {

namespace {

Error fetch_error(const RemoteJwksOptions& options, std::string_view cause) {
  return Error(Errc::kKeyFetch,
               "JWKS fetch from " + options.url + " failed: " + std::string(cause));
}

// A published set holds public keys only. A secret or a private key in it means the provider
// (or whoever answered) publishes what must stay secret; no key from it is trusted.
bool holds_only_public_keys(const KeySet& keys) {
  for (const Key& key : keys.keys()) {
    if (key.type() == KeyType::kSecret || key.has_private()) return false;
  }
  return true;
}

}  // namespace

Result<void> check_options(const RemoteJwksOptions& options) {
  const auto invalid = [](std::string message) {
    return Error(Errc::kInvalidOption, "RemoteJwksOptions: " + std::move(message));
  };
  if (const std::string problem = url_problem(options.url, options.allow_insecure_http);
      !problem.empty()) {
    return invalid(problem);  // without the URL: the caller has it, and it may hold a secret
  }
  if (options.timeout.count() <= 0) return invalid("timeout must be positive");
  if (options.cache_max_age.count() <= 0) return invalid("cache_max_age must be positive");
  if (options.cooldown.count() <= 0) return invalid("cooldown must be positive");
  if (options.max_response_bytes == 0) return invalid("max_response_bytes must be positive");
  if (!options.ca_file.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(options.ca_file, ec)) {
      return invalid("ca_file \"" + options.ca_file + "\" is not a readable file");
    }
  }
  return {};
}

Result<KeySet> fetch_key_set(const RemoteJwksOptions& options) {
  HttpGetRequest request;
  request.url = options.url;
  request.accept = "application/json";
  request.timeout = options.timeout;
  request.max_body_bytes = options.max_response_bytes;
  request.ca_file = options.ca_file;
  request.allow_http = options.allow_insecure_http;
  Result<std::string> body = http_get(request);
  if (!body) return fetch_error(options, body.error().message());

  KeyOptions key_options = options.key_options;
  key_options.passphrase = {};  // a published set has no encrypted keys to open
  Result<KeySet> keys = KeySet::from_jwks(*body, key_options);
  if (!keys)
    return fetch_error(options, "not a usable JWK Set: " + std::string(keys.error().message()));
  if (keys->keys().empty()) return fetch_error(options, "the JWK Set has no usable signing key");
  if (!holds_only_public_keys(*keys)) {
    return fetch_error(options, "the JWK Set holds secrets or private keys; refused");
  }
  return keys;
}

}  // namespace jot::remote
