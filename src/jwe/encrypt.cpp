// jwe::encrypt (RFC 7516 §5.1): key management, the protected header, content encryption,
// the compact serialisation.

#include <array>
#include <string>

#include "jot/base64url.hpp"
#include "json/json_doc.hpp"
#include "jwe/core.hpp"
#include "jws/core.hpp"

namespace jot::jwe {
namespace {

namespace json = boost::json;

// Header members jot computes; the caller's extra members may not set them.
constexpr std::array<std::string_view, 8> kComputed = {"alg", "enc", "epk", "iv",
                                                       "tag", "p2s", "p2c", "zip"};

Result<json::object> build_header(const Key& key, const EncryptOptions& options,
                                  detail::KeyManagementOutput& km) {
  json::object header;
  header["alg"] = to_string(options.alg);
  header["enc"] = to_string(options.enc);
  const std::string_view kid = options.kid ? std::string_view(*options.kid) : key.kid();
  if (!kid.empty()) header["kid"] = kid;
  if (options.typ) header["typ"] = *options.typ;
  if (options.cty) header["cty"] = *options.cty;
  for (auto& member : km.members) header[member.key()] = std::move(member.value());
  if (!options.header_json.empty()) {
    Result<json::object> extra = detail::parse_json_object(options.header_json, JsonLimits{});
    if (!extra) {
      return Error(Errc::kInvalidOption, "EncryptOptions::header_json is not a JSON object: " +
                                             std::string(extra.error().message()));
    }
    for (auto& member : *extra) {
      const std::string_view name(member.key().data(), member.key().size());
      for (std::string_view computed : kComputed) {
        if (name == computed) {
          return Error(Errc::kInvalidOption, "EncryptOptions::header_json may not set \"" +
                                                 std::string(name) + "\": jot computes it");
        }
      }
      if (header.contains(name)) {
        return Error(Errc::kInvalidOption, "EncryptOptions::header_json sets \"" +
                                               std::string(name) +
                                               "\", which the options already set");
      }
      header[name] = json::value(member.value(), json::storage_ptr());
    }
  }
  if (auto ok = detail::check_crit_for_signing(header); !ok) return std::move(ok).error();
  return header;
}

}  // namespace

Result<std::string> try_encrypt(std::string_view plaintext, const Key& key,
                                const EncryptOptions& options) {
  if (options.alg == KeyManagement::kRsa1_5 && !options.insecure_allow_rsa1_5) {
    return Error(Errc::kAlgNotAllowed,
                 "RSA1_5 is refused (Bleichenbacher's attack): set "
                 "EncryptOptions::insecure_allow_rsa1_5 to produce it");
  }
  if (auto ok = key.check_encrypt(options.alg, options.enc); !ok) return std::move(ok).error();

  detail::ContentKey cek;
  detail::KeyManagementOutput km;
  if (auto ok = detail::wrap_content_key(key, options, cek, km); !ok) {
    return std::move(ok).error();
  }
  Result<json::object> header = build_header(key, options, km);
  if (!header) return std::move(header).error();
  const std::string header_json = detail::serialize_json(*header);

  const std::size_t iv_size = detail::content_iv_bytes(options.enc);
  const std::size_t tag_size = detail::content_tag_bytes(options.enc);
  unsigned char iv[detail::kMaxIvBytes];
  unsigned char tag[detail::kMaxTagBytes];
  if (!detail::random_bytes(iv, iv_size)) return Error(Errc::kInternal, "RAND_bytes failed");
  const std::string_view iv_view(reinterpret_cast<const char*>(iv), iv_size);

  std::string token;
  token.reserve(base64url::encoded_size(header_json.size()) +
                base64url::encoded_size(km.encrypted_key.size()) +
                base64url::encoded_size(plaintext.size() + 16) + 64);
  base64url::encode_append(header_json, token);
  const std::size_t aad_size = token.size();
  std::string ciphertext;
  // The AAD is the ASCII of the encoded protected header (RFC 7516 §5.1 step 14).
  if (!detail::content_encrypt(options.enc, cek.view(), iv_view,
                               std::string_view(token.data(), aad_size), plaintext, ciphertext,
                               tag)) {
    return Error(Errc::kInternal, "content encryption failed");
  }
  token += '.';
  base64url::encode_append(km.encrypted_key, token);
  token += '.';
  base64url::encode_append(iv_view, token);
  token += '.';
  base64url::encode_append(ciphertext, token);
  token += '.';
  base64url::encode_append(std::string_view(reinterpret_cast<const char*>(tag), tag_size), token);
  return token;
}

Result<std::string> try_encrypt(const JsonObject& claims, const Key& key,
                                const EncryptOptions& options) {
  return try_encrypt(claims.to_json(), key, options);
}

std::string encrypt(std::string_view plaintext, const Key& key, const EncryptOptions& options) {
  return try_encrypt(plaintext, key, options).value();
}

std::string encrypt(const JsonObject& claims, const Key& key, const EncryptOptions& options) {
  return try_encrypt(claims, key, options).value();
}

}  // namespace jot::jwe
