// jwe::decrypt (RFC 7516 §5.2): the checks in order, each before the work it guards.
//
// Cost: the five segments are decoded into a per-thread scratch buffer, the header parsed
// into an arena on the stack, the content key kept on the stack and the plaintext written
// to a second scratch buffer; the symmetric contexts are per thread (keys/jwe_crypto.hpp).
// So a token that fails authentication makes no heap allocation on jot's side (for an
// ordinary header with dir, A*KW or A*GCMKW), and the plaintext is copied out only once its
// tag has been checked.

#include <openssl/crypto.h>

#include <algorithm>
#include <string>

#include "jot/base64url.hpp"
#include "json/json_doc.hpp"
#include "jwe/core.hpp"
#include "jws/core.hpp"
#include "jws/scratch.hpp"
#include "keys/key_data.hpp"

namespace jot::jwe {
namespace {

namespace json = boost::json;

struct Decoded {
  Decoded() = default;
  Decoded(const Decoded&) = delete;
  Decoded& operator=(const Decoded&) = delete;

  Segments segments;
  std::string_view encrypted_key;
  std::string_view iv;
  std::string_view ciphertext;
  std::string_view tag;
  KeyManagement alg = KeyManagement::kDir;
  ContentEncryption enc = ContentEncryption::kA256GCM;
  detail::ScratchLease buffer;
  alignas(std::max_align_t) unsigned char arena_buffer[1536];
  json::monotonic_resource arena{arena_buffer, sizeof arena_buffer};
  std::optional<json::object> header;
};

Error malformed(const char* message, const char* about) {
  return Error(Errc::kMalformed, message).about(about);
}

// Structure, sizes, base64url, header JSON, alg/enc and their allow-lists, zip, crit.
Result<void> decode(std::string_view token, const DecryptOptions& options, Decoded& out) {
  if (options.algorithms.empty()) {
    return Error(Errc::kInvalidOption,
                 "DecryptOptions::algorithms is empty: name the key-management algorithms you "
                 "accept");
  }
  if (token.size() > options.max_token_bytes) {
    return Error(Errc::kLimitExceeded, "jwe exceeds the maximum token size");
  }
  if (token.empty()) return Error(Errc::kMalformed, "jwe must be provided");
  Result<Segments> segments = split(token);
  if (!segments) return std::move(segments).error();
  const Segments& s = *segments;
  out.segments = s;
  if (s.header.empty()) return malformed("invalid token: the JWE header is empty", "header");
  if (base64url::decoded_size(s.header.size()) > options.limits.max_bytes) {
    return Error(Errc::kLimitExceeded, "invalid token: the JWE header is too large")
        .about("header");
  }
  if (base64url::decoded_size(s.encrypted_key.size()) > options.max_encrypted_key_bytes) {
    return Error(Errc::kLimitExceeded, "invalid token: the encrypted key is too large")
        .about("encrypted_key");
  }

  const std::size_t sizes[5] = {
      base64url::decoded_size(s.header.size()), base64url::decoded_size(s.encrypted_key.size()),
      base64url::decoded_size(s.iv.size()), base64url::decoded_size(s.ciphertext.size()),
      base64url::decoded_size(s.tag.size())};
  const std::string_view texts[5] = {s.header, s.encrypted_key, s.iv, s.ciphertext, s.tag};
  static constexpr const char* kNames[5] = {"header", "encrypted_key", "iv", "ciphertext", "tag"};
  static constexpr const char* kMessages[5] = {
      "invalid token: header is not valid base64url",
      "invalid token: encrypted key is not valid base64url",
      "invalid token: iv is not valid base64url",
      "invalid token: ciphertext is not valid base64url",
      "invalid token: tag is not valid base64url"};
  std::string& buffer = out.buffer.str();
  buffer.resize(sizes[0] + sizes[1] + sizes[2] + sizes[3] + sizes[4]);
  std::string_view views[5];
  char* p = buffer.data();
  for (int i = 0; i < 5; ++i) {
    if (!base64url::decode_to(texts[i], p)) return malformed(kMessages[i], kNames[i]);
    views[i] = std::string_view(p, sizes[i]);
    p += sizes[i];
  }
  out.encrypted_key = views[1];
  out.iv = views[2];
  out.ciphertext = views[3];
  out.tag = views[4];

  Result<json::object> header =
      detail::parse_json_object(views[0], options.limits, json::storage_ptr(&out.arena));
  if (!header) {
    if (header.error().code() == Errc::kLimitExceeded) {
      return Error(Errc::kLimitExceeded, "invalid token: the JWE header exceeds the JSON limits")
          .about("header");
    }
    return malformed("invalid token: the JWE header is not a JSON object", "header");
  }
  const json::object& h = out.header.emplace(std::move(*header));

  const std::optional<std::string_view> alg = detail::header_string(h, "alg");
  if (!alg) return malformed("invalid token: the JWE header has no \"alg\"", "alg");
  const std::optional<std::string_view> enc = detail::header_string(h, "enc");
  if (!enc) return malformed("invalid token: the JWE header has no \"enc\"", "enc");
  const std::optional<KeyManagement> km = key_management_from_string(*alg);
  const std::optional<ContentEncryption> ce = content_encryption_from_string(*enc);
  if (!km || std::find(options.algorithms.begin(), options.algorithms.end(), *km) ==
                 options.algorithms.end()) {
    return Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg");
  }
  if (*km == KeyManagement::kRsa1_5 && !options.insecure_allow_rsa1_5) {
    return Error(Errc::kAlgNotAllowed,
                 "RSA1_5 is refused (Bleichenbacher's attack) unless "
                 "DecryptOptions::insecure_allow_rsa1_5 is set")
        .about("alg");
  }
  if (!ce || (!options.encryptions.empty() &&
              std::find(options.encryptions.begin(), options.encryptions.end(), *ce) ==
                  options.encryptions.end())) {
    return Error(Errc::kAlgNotAllowed, "invalid content encryption").about("enc");
  }
  out.alg = *km;
  out.enc = *ce;
  if (h.contains("zip")) {
    return Error(Errc::kUnsupported, "compressed JWE (\"zip\") is not supported").about("zip");
  }
  if (auto ok = detail::check_crit(h, options.understood_crit); !ok) return ok;

  // Exact lengths for the content encryption (RFC 7518 §5.2.2, §5.3): a short GCM tag or
  // IV is never accepted.
  if (out.iv.size() != detail::content_iv_bytes(out.enc)) {
    return malformed("invalid token: the iv has the wrong length for its \"enc\"", "iv");
  }
  if (out.tag.size() != detail::content_tag_bytes(out.enc)) {
    return malformed("invalid token: the tag has the wrong length for its \"enc\"", "tag");
  }
  return {};
}

JsonObject header_object(const json::object& header) {
  auto doc = std::make_shared<detail::ArenaJsonDoc>();
  doc->object = header;
  return detail::JsonAccess::make(std::move(doc));
}

// Key management and content decryption with the chosen key.
Result<Decrypted> finish(Decoded& d, const Key& key, const DecryptOptions& options) {
  if (auto ok = key.check_decrypt(d.alg, d.enc); !ok) return std::move(ok).error();
  detail::ContentKey cek;
  if (auto ok =
          detail::unwrap_content_key(key, d.alg, d.enc, *d.header, d.encrypted_key, options, cek);
      !ok) {
    return std::move(ok).error();
  }
  detail::ScratchLease plaintext;
  if (!detail::content_decrypt(d.enc, cek.view(), d.iv,
                               d.segments.header /* AAD: the encoded header, RFC 7516 §5.2 */,
                               d.ciphertext, d.tag, plaintext.str())) {
    return detail::decryption_failed();
  }
  Decrypted result{header_object(*d.header), std::string(plaintext.str()), d.alg, d.enc};
  OPENSSL_cleanse(plaintext.str().data(), plaintext.str().size());
  return result;
}

}  // namespace

Result<Decrypted> try_decrypt(std::string_view token, const Key& key,
                              const DecryptOptions& options) {
  Decoded d;
  if (auto ok = decode(token, options, d); !ok) return std::move(ok).error();
  return finish(d, key, options);
}

Result<Decrypted> try_decrypt(std::string_view token, const KeySet& keys,
                              const DecryptOptions& options) {
  Decoded d;
  if (auto ok = decode(token, options, d); !ok) return std::move(ok).error();
  const std::string_view kid = detail::header_string(*d.header, "kid").value_or("");
  Result<Key> key = keys.select_for_decrypt(kid, d.alg, d.enc);
  if (!key) return std::move(key).error();
  return finish(d, *key, options);
}

Result<Decrypted> try_decrypt(std::string_view token, const KeyResolver& resolve,
                              const DecryptOptions& options) {
  if (!resolve) return Error(Errc::kInvalidOption, "the key resolver is empty");
  Decoded d;
  if (auto ok = decode(token, options, d); !ok) return std::move(ok).error();
  Result<Key> key = resolve(header_object(*d.header));
  if (!key) return std::move(key).error();
  return finish(d, *key, options);
}

Decrypted decrypt(std::string_view token, const Key& key, const DecryptOptions& options) {
  return try_decrypt(token, key, options).value();
}
Decrypted decrypt(std::string_view token, const KeySet& keys, const DecryptOptions& options) {
  return try_decrypt(token, keys, options).value();
}
Decrypted decrypt(std::string_view token, const KeyResolver& resolve,
                  const DecryptOptions& options) {
  return try_decrypt(token, resolve, options).value();
}

}  // namespace jot::jwe
