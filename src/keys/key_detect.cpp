// Key::from_secret (which refuses anything that is a key, so an asymmetric key can never
// become an HMAC secret) and Key::from_any (format detection, never a secret).

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include "jot/key.hpp"
#include "json/json_doc.hpp"
#include "keys/der.hpp"
#include "keys/key_build.hpp"

namespace jot::detail {
namespace {

std::string_view trim_left(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                             text[i] == '\n' || text[i] == '\f' || text[i] == '\v')) {
    ++i;
  }
  if (text.substr(i, 3) == "\xEF\xBB\xBF") i += 3;  // UTF-8 byte order mark
  return text.substr(i);
}

bool looks_like_pem(std::string_view text) {
  return text.find("-----BEGIN") != std::string_view::npos;
}

// A JSON object naming a key type (a JWK) or holding "keys" (a JWK Set). Checked on the
// text, not by parsing, so malformed or duplicate-member JSON cannot slip through.
bool looks_like_jwk(std::string_view text) {
  const std::string_view body = trim_left(text);
  if (body.empty() || body.front() != '{') return false;
  return body.find("\"kty\"") != std::string_view::npos ||
         body.find("\"keys\"") != std::string_view::npos;
}

// The body of a PEM without its armor: standard base64 (line breaks allowed) of a DER key,
// e.g. "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...". Some configurations carry public
// keys that way; it must not become an HMAC secret either. Only base64 text starting like
// that of a DER SEQUENCE ('M', from the tag byte 0x30) is decoded.
bool is_base64_der_key(std::string_view text) {
  const std::string_view body = trim_left(text);
  if (body.size() < 32 || body.size() > 64 * 1024 || body[0] != 'M') return false;
  std::string compact;
  compact.reserve(body.size());
  for (char c : body) {
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
    const bool b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '+' || c == '/' || c == '=';
    if (!b64) return false;
    compact.push_back(c);
  }
  if (compact.size() % 4 != 0) return false;
  std::string der(compact.size() / 4 * 3, '\0');
  const int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(der.data()),
                                  reinterpret_cast<const unsigned char*>(compact.data()),
                                  static_cast<int>(compact.size()));
  if (len <= 0) return false;
  // EVP_DecodeBlock counts the bytes that '=' padding stands for; drop them.
  std::size_t size = static_cast<std::size_t>(len);
  for (std::size_t i = compact.size(); i > 0 && compact[i - 1] == '='; --i) --size;
  der.resize(size);
  return is_der_key_structure(der);
}

}  // namespace
}  // namespace jot::detail

namespace jot {

Result<Key> Key::from_secret(std::string_view bytes, const KeyOptions& options) {
  // The algorithm-confusion attack (CVE-2015-9235 and its kin): a verifier handed an RSA
  // public key PEM as an HMAC secret accepts HS256 tokens "signed" with that public text.
  if (detail::looks_like_pem(bytes)) {
    return Error(Errc::kKeyMismatch,
                 "the secret is a PEM block: an asymmetric key can never be an HMAC secret; "
                 "use Key::from_pem");
  }
  if (detail::looks_like_jwk(bytes)) {
    return Error(Errc::kKeyMismatch,
                 "the secret is a JWK (a JSON object with \"kty\" or \"keys\"): use "
                 "Key::from_jwk (kty \"oct\" for an HMAC secret) or KeySet::from_jwks");
  }
  if (detail::is_der_key_structure(bytes)) {
    return Error(Errc::kKeyMismatch,
                 "the secret is a DER-encoded key or certificate: an asymmetric key can never "
                 "be an HMAC secret; use Key::from_der");
  }
  if (detail::is_base64_der_key(bytes)) {
    return Error(Errc::kKeyMismatch,
                 "the secret is the base64 text of a DER-encoded key: an asymmetric key can "
                 "never be an HMAC secret; use Key::from_pem (with its BEGIN/END lines) or "
                 "Key::from_der");
  }
  return detail::make_secret_key(bytes, options);
}

Result<Key> Key::from_any(std::string_view material, const KeyOptions& options) {
  // A JSON object first: a JWK may hold "-----BEGIN" inside a string (a kid, or by chance
  // a base64url "k"); text that only starts like one is still read as PEM when it has a
  // PEM block.
  const std::string_view body = detail::trim_left(material);
  if (!body.empty() && body.front() == '{') {
    JsonLimits limits;
    limits.max_bytes = 4 * 1024 * 1024;
    Result<boost::json::object> object = detail::parse_json_object(material, limits);
    // Not JSON after all, but a PEM block inside other text: PEM, as before.
    if (!object && detail::looks_like_pem(material)) return from_pem(material, options);
    if (!object) {
      return Error(
          object.error().code() == Errc::kLimitExceeded ? Errc::kLimitExceeded : Errc::kKeyParse,
          "key material is not valid JSON: " + std::string(object.error().message()));
    }
    if (object->contains("keys") && !object->contains("kty")) {
      Result<KeySet> set = KeySet::from_jwks(material, options);
      if (!set) return std::move(set).error();
      if (set->keys().size() != 1) {
        return Error(set->keys().empty() ? Errc::kNoMatchingKey : Errc::kMultipleMatchingKeys,
                     "the JWK Set holds " + std::to_string(set->keys().size()) +
                         " signature keys, not exactly one: use KeySet::from_jwks");
      }
      return set->keys().front();
    }
    return detail::key_from_jwk_object(*object, options);
  }
  // A DER SEQUENCE next: its binary body (a modulus, say) may hold the bytes "-----BEGIN"
  // by chance, and must not then be read as a PEM text that is not there. from_der decides
  // (one decoding pass); only when it refuses and a PEM block is present is it PEM.
  if (!material.empty() && static_cast<unsigned char>(material.front()) == 0x30) {
    Result<Key> der = from_der(material, options);
    if (der || !detail::looks_like_pem(material)) return der;
  }
  if (detail::looks_like_pem(material)) return from_pem(material, options);
  if (material.empty()) return Error(Errc::kKeyParse, "no key material");
  return from_der(material, options);
}

}  // namespace jot
