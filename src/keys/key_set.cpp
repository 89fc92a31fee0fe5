// KeySet: JWK Set parsing (RFC 7517 §5), lookup by kid, selection for a token header.

#include <string>
#include <utility>
#include <vector>

#include "jot/key.hpp"
#include "json/json_doc.hpp"
#include "keys/key_build.hpp"
#include "keys/key_data.hpp"

namespace jot {
namespace {

namespace json = boost::json;

bool known_kty(std::string_view kty) {
  return kty == "oct" || kty == "RSA" || kty == "EC" || kty == "OKP";
}

// Members a signature verifier must skip rather than fail on (RFC 7517 §5: "Implementations
// SHOULD ignore JWKs within a JWK Set that use "kty" values that are not understood"):
// another kty, keys published for encryption ("use" other than "sig", or an "alg" that is
// not a JWS algorithm, e.g. RSA-OAEP or A256KW).
bool skip_member(const json::object& jwk) {
  const json::value* kty = jwk.if_contains("kty");
  if (kty == nullptr || !kty->is_string() || !known_kty(kty->get_string())) return true;
  if (const json::value* use = jwk.if_contains("use")) {
    if (use->is_string() && use->get_string() != "sig") return true;
  }
  if (const json::value* alg = jwk.if_contains("alg")) {
    if (alg->is_string()) {
      const std::string_view name(alg->get_string().data(), alg->get_string().size());
      const std::optional<Algorithm> parsed = algorithm_from_string(name);
      if (!parsed || *parsed == Algorithm::kNone) return true;
    }
  }
  return false;
}

}  // namespace

Result<KeySet> KeySet::from_jwks(std::string_view jwks_json, const KeyOptions& options) {
  JsonLimits limits;
  limits.max_bytes = 4 * 1024 * 1024;
  Result<json::object> root = detail::parse_json_object(jwks_json, limits);
  if (!root) {
    return Error(
        root.error().code() == Errc::kLimitExceeded ? Errc::kLimitExceeded : Errc::kKeyParse,
        "JWK Set is not a JSON object: " + std::string(root.error().message()));
  }
  const json::value* keys = root->if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    return Error(Errc::kKeyParse, "JWK Set has no \"keys\" array");
  }
  std::vector<Key> parsed;
  std::size_t index = 0;
  for (const json::value& member : keys->get_array()) {
    const std::string where = "JWK Set member " + std::to_string(index++) + ": ";
    if (!member.is_object()) return Error(Errc::kKeyParse, where + "not a JSON object");
    if (skip_member(member.get_object())) continue;
    Result<Key> key = detail::key_from_jwk_object(member.get_object(), options);
    if (!key) {
      // A curve or kty variant jot cannot sign with (X25519, P-192, multi-prime RSA ...)
      // is skipped like an unknown kty; malformed or refused keys fail the whole set.
      if (key.error().code() == Errc::kUnsupported) continue;
      return Error(key.error().code(), where + std::string(key.error().message()));
    }
    parsed.push_back(std::move(*key));
  }
  // A set that mixes public keys with secrets or private keys is refused: a published JWKS
  // holding an HMAC secret or a private key leaks it to every reader, and mixing invites
  // key confusion (Wycheproof json_web_key_test "MixedKeySet").
  bool any_public = false;
  bool any_private = false;
  for (const Key& key : parsed) {
    (key.has_private() ? any_private : any_public) = true;
  }
  if (any_public && any_private) {
    return Error(Errc::kKeyParse,
                 "JWK Set mixes public keys with private keys or secrets; keep them in "
                 "separate sets");
  }
  return KeySet(std::move(parsed));
}

Result<Key> KeySet::find(std::string_view kid) const {
  const Key* found = nullptr;
  int count = 0;
  for (const Key& key : keys_) {
    if (!key.kid().empty() && key.kid() == kid) {
      found = &key;
      ++count;
    }
  }
  if (count == 0) {
    return Error(Errc::kNoMatchingKey, "no key in the set has kid \"" + std::string(kid) + "\"");
  }
  if (count > 1) {
    return Error(Errc::kMultipleMatchingKeys,
                 std::to_string(count) + " keys in the set have kid \"" + std::string(kid) + "\"");
  }
  return *found;
}

Result<Key> KeySet::select(std::optional<std::string_view> kid, Algorithm alg) const {
  if (kid) {
    Result<Key> by_kid = find(*kid);
    if (by_kid || by_kid.error().code() != Errc::kMultipleMatchingKeys) return by_kid;
    // Several keys share the kid (e.g. an RSA and an EC key): the algorithm may decide.
  }
  const Key* found = nullptr;
  int count = 0;
  for (const Key& key : keys_) {
    if (kid && key.kid() != *kid) continue;
    const std::vector<Algorithm> algs = key.compatible_algorithms();
    for (Algorithm candidate : algs) {
      if (candidate == alg) {
        found = &key;
        ++count;
        break;
      }
    }
  }
  if (count == 0) {
    return Error(Errc::kNoMatchingKey,
                 "no key in the set can be used with " + std::string(to_string(alg)));
  }
  if (count > 1) {
    return Error(Errc::kMultipleMatchingKeys,
                 std::to_string(count) + " keys in the set can be used with " +
                     std::string(to_string(alg)) +
                     (!kid ? " and the token has no kid to choose"
                           : " under kid \"" + std::string(*kid) + "\""));
  }
  return *found;
}

Result<std::string> KeySet::public_jwks() const {
  // HMAC secrets have no public form: they are left out of the published set.
  std::string out = "{\"keys\":[";
  bool first = true;
  for (const Key& key : keys_) {
    if (key.type() == KeyType::kSecret) continue;
    Result<std::string> jwk = key.public_jwk();
    if (!jwk) return std::move(jwk).error();
    if (!first) out += ',';
    first = false;
    out += *jwk;
  }
  out += "]}";
  return out;
}

}  // namespace jot
