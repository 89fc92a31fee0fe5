// RFC 7638 JWK thumbprints: SHA-256 over the required members only, in lexicographic
// order, without whitespace (RFC 7638 §3.2-3.3), base64url-encoded.

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <span>
#include <string>

#include "jot/base64url.hpp"
#include "jot/key.hpp"
#include "json/json_doc.hpp"
#include "keys/key_data.hpp"
#include "keys/ossl.hpp"

namespace jot {

Result<std::string> Key::thumbprint() const {
  const detail::KeyData& key = *data_;
  // The member values needed are exactly those of the JWK export, so take them from there
  // (same encoding rules: minimal n and e, full-width x, y).
  Result<std::string> jwk = key.type == KeyType::kSecret ? private_jwk() : public_jwk();
  if (!jwk) return std::move(jwk).error();
  JsonLimits limits;
  limits.max_bytes = 1024 * 1024;
  Result<boost::json::object> members = detail::parse_json_object(*jwk, limits);
  if (!members) return Error(Errc::kInternal, "thumbprint: cannot re-read the JWK");

  // Required members per kty (RFC 7638 §3.2 and RFC 8037 §2), already in lexicographic order.
  // Their values are base64url or fixed names, so no JSON escaping is ever needed.
  static constexpr const char* kOct[] = {"k", "kty"};
  static constexpr const char* kRsa[] = {"e", "kty", "n"};
  static constexpr const char* kEc[] = {"crv", "kty", "x", "y"};
  static constexpr const char* kOkp[] = {"crv", "kty", "x"};
  std::span<const char* const> names;
  switch (key.type) {
    case KeyType::kSecret:
      names = kOct;
      break;
    case KeyType::kRsa:
    case KeyType::kRsaPss:
      names = kRsa;
      break;
    case KeyType::kEc:
      names = kEc;
      break;
    case KeyType::kOkp:
      names = kOkp;
      break;
  }
  std::string input = "{";
  for (const char* name : names) {
    if (input.size() > 1) input += ',';
    const boost::json::string& value = members->at(name).as_string();
    input.append("\"").append(name).append("\":\"");
    input.append(value.data(), value.size()).append("\"");
  }
  input += '}';

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  std::size_t digest_len = 0;
  const int ok = EVP_Q_digest(nullptr, "SHA256", nullptr, input.data(), input.size(), digest.data(),
                              &digest_len);
  if (key.type == KeyType::kSecret) OPENSSL_cleanse(input.data(), input.size());
  if (ok != 1) return Error(Errc::kInternal, "SHA-256 failed: " + detail::ossl_error_text());
  return base64url::encode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest_len));
}

}  // namespace jot
