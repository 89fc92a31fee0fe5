#pragma once

// Remote JWK Sets: verification keys fetched from an identity provider's JWKS URL, cached,
// and fetched again when the provider rotates its keys (what jose's createRemoteJWKSet and
// jwks-rsa do). Lives in the separate library jot::remote (libjot_remote), so that libjot
// itself needs no HTTP client; link jot::remote to use this header.
//
// Rules (docs/api.md "Remote JWKS" has the details):
// - The set is fetched lazily, on the first resolve (create() never touches the network),
//   and again when the cached set is older than cache_max_age.
// - A token whose kid is not in a fresh cached set triggers one fetch, but only when at
//   least `cooldown` has passed since the last fetch attempt; within the cooldown the answer
//   is kNoMatchingKey without network, so tokens with random kids cannot make jot hammer the
//   provider.
// - Fails closed: a stale set whose refresh fails is not used (kKeyFetch). A failed attempt
//   is remembered for `cooldown`: until then its error is answered without a new request.
// - HTTPS with peer and host-name verification always on; GET only, status 200 only,
//   redirects never followed, the body capped at max_response_bytes while downloading.
//
// Thread safety: resolve(), refresh() and cached_keys() may be called from any number of
// threads at once; threads whose key is cached never wait for a fetch, and one fetch serves
// all threads that needed it (docs/api.md "Remote JWKS").

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "jot/error.hpp"
#include "jot/json_object.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"

namespace jot {

struct RemoteJwksOptions {
  // The JWKS URL, e.g. "https://idp.example/.well-known/jwks.json". https:// only, unless
  // allow_insecure_http.
  std::string url;
  // The whole fetch (connect, TLS, request, response) must finish within this.
  std::chrono::milliseconds timeout{5000};
  // A cached set older than this is fetched again before use (jose's cacheMaxAge: 10 min).
  std::chrono::milliseconds cache_max_age{std::chrono::minutes(10)};
  // Least time between two fetch attempts caused by unknown kids or by failures (jose's
  // cooldownDuration: 30 s).
  std::chrono::milliseconds cooldown{std::chrono::seconds(30)};
  // A response body larger than this is aborted while downloading.
  std::size_t max_response_bytes = 512 * 1024;
  // Policy for the keys in the fetched set (e.g. insecure_allow_small_rsa). The passphrase
  // is not used: a published set holds public keys only.
  KeyOptions key_options;
  // PEM file of the CA certificates to trust instead of the system store.
  std::string ca_file;
  // Accept an http:// URL (keys fetched without TLS can be replaced by anyone on the path;
  // for tests and trusted local networks only).
  bool allow_insecure_http = false;
};

// A handle to one cache: copies share it (and its fetches), like copies of a Key.
class RemoteJwks {
 public:
  // Checks the options (kInvalidOption naming the problem); does not fetch.
  static Result<RemoteJwks> create(RemoteJwksOptions options);

  // The key for a token header, chosen by KeySet::select (kid, then alg) from the cached set,
  // fetching it first when needed (see the rules above). Errors: kNoMatchingKey,
  // kMultipleMatchingKeys, kAlgNotAllowed (no valid "alg"), kKeyFetch.
  Result<Key> resolve(const JsonObject& header) const;
  // A KeyResolver for try_verify; it shares this cache.
  KeyResolver resolver() const;
  // Fetches the set now, whatever the cache and the cooldown say. On failure the cache is
  // left as it was.
  Result<void> refresh() const;
  // The cached set, without network; empty before the first successful fetch.
  KeySet cached_keys() const;

  const RemoteJwksOptions& options() const noexcept;

 private:
  class Cache;
  explicit RemoteJwks(std::shared_ptr<Cache> cache) noexcept : cache_(std::move(cache)) {}

  std::shared_ptr<Cache> cache_;
};

}  // namespace jot
