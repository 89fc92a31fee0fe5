// The key-management step of RFC 7516 §5.1 (encrypt) and §5.2 (decrypt) for every
// algorithm of RFC 7518 §4: dir, AES-KW, AES-GCMKW, RSA, ECDH-ES (direct and with AES-KW),
// PBES2.

#include <openssl/crypto.h>

#include <string>

#include "jot/base64url.hpp"
#include "json/json_doc.hpp"
#include "jwe/core.hpp"
#include "keys/jwe_family.hpp"
#include "keys/key_build.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

ContentKey::~ContentKey() {
  OPENSSL_cleanse(bytes, sizeof bytes);
}

namespace {

namespace json = boost::json;

std::string_view bytes_view(const unsigned char* p, std::size_t n) noexcept {
  return {reinterpret_cast<const char*>(p), n};
}

bool random_key(ContentKey& key, std::size_t size) noexcept {
  key.size = size;
  return random_bytes(key.bytes, size);
}

Error internal(const char* what) {
  return Error(Errc::kInternal, std::string(what) + " failed");
}

// ---- ECDH-ES ----

// Longest apu/apv jot writes (the Concat KDF's OtherInfo is built in a fixed buffer).
constexpr std::size_t kMaxPartyInfoBytes = 256;

// The key the Concat KDF derives: the content key for ECDH-ES, else the AES-KW key.
std::size_t ecdh_key_bytes(KeyManagement alg, ContentEncryption enc) noexcept {
  return alg == KeyManagement::kEcdhEs ? content_key_bytes(enc) : wrap_key_bytes(alg);
}

std::string_view ecdh_algorithm_id(KeyManagement alg, ContentEncryption enc) noexcept {
  return alg == KeyManagement::kEcdhEs ? to_string(enc) : to_string(alg);
}

// An optional base64url header member (apu, apv, p2s ...) into `out`.
Result<void> optional_b64(const json::object& header, std::string_view name, std::string& out,
                          const char* malformed) {
  out.clear();
  const json::value* value = header.if_contains(name);
  if (value == nullptr) return {};
  const std::optional<std::string_view> text = as_string(*value);
  if (!text || !base64url::decode_into(*text, out)) return Error(Errc::kMalformed, malformed);
  return {};
}

// The header's "epk" as a public key on the recipient key's curve (invalid-curve attacks:
// a point of another curve, or off the curve, is refused before any arithmetic).
Result<Key> read_epk(const json::object& header, const KeyData& recipient) {
  const Error bad(Errc::kMalformed,
                  "invalid JWE header: \"epk\" must be a public key on the key's curve");
  const json::value* epk = header.if_contains("epk");
  if (epk == nullptr || !epk->is_object()) {
    return Error(Errc::kMalformed, "invalid JWE header: ECDH-ES needs an \"epk\" object");
  }
  const json::object& jwk = epk->get_object();
  if (jwk.contains("d")) return bad;  // an ephemeral *public* key
  Result<Key> key = key_from_jwk_object(jwk, {});
  if (!key) return bad;
  const KeyData& data = detail::key_data(*key);
  if (data.type != recipient.type || data.curve != recipient.curve) return bad;
  return key;
}

Result<void> ecdh_encrypt(const Key& key, const jwe::EncryptOptions& options, ContentKey& cek,
                          KeyManagementOutput& out) {
  if (options.apu.size() > kMaxPartyInfoBytes || options.apv.size() > kMaxPartyInfoBytes) {
    return Error(Errc::kInvalidOption, "EncryptOptions::apu and apv may hold at most 256 bytes");
  }
  const KeyData& recipient = detail::key_data(key);
  Result<PkeyPtr> ephemeral = ecdh_ephemeral(recipient);
  if (!ephemeral) return std::move(ephemeral).error();
  Result<std::string> z = ecdh_shared_secret(ephemeral->get(), recipient.pkey.get());
  if (!z) return internal("ECDH key agreement");
  ContentKey derived;
  derived.size = ecdh_key_bytes(options.alg, options.enc);
  const bool ok = concat_kdf(*z, ecdh_algorithm_id(options.alg, options.enc), options.apu,
                             options.apv, derived.bytes, derived.size);
  OPENSSL_cleanse(z->data(), z->size());
  if (!ok) return internal("Concat KDF");

  Result<Key> epk = make_asymmetric_key(std::move(*ephemeral), {});
  if (!epk) return std::move(epk).error();
  Result<std::string> epk_json = epk->public_jwk();
  if (!epk_json) return std::move(epk_json).error();
  Result<json::object> epk_object = parse_json_object(*epk_json, JsonLimits{});
  if (!epk_object) return std::move(epk_object).error();
  out.members["epk"] = json::object(std::move(*epk_object), json::storage_ptr());
  if (!options.apu.empty()) out.members["apu"] = base64url::encode(options.apu);
  if (!options.apv.empty()) out.members["apv"] = base64url::encode(options.apv);

  if (options.alg == KeyManagement::kEcdhEs) {
    cek.size = derived.size;
    for (std::size_t i = 0; i < derived.size; ++i) cek.bytes[i] = derived.bytes[i];
    return {};
  }
  if (!random_key(cek, content_key_bytes(options.enc))) return internal("RAND_bytes");
  out.encrypted_key.resize(cek.size + 8);
  if (!aes_kw_wrap(derived.view(), cek.view(),
                   reinterpret_cast<unsigned char*>(out.encrypted_key.data()))) {
    return internal("AES key wrap");
  }
  return {};
}

Result<void> ecdh_decrypt(const Key& key, KeyManagement alg, ContentEncryption enc,
                          const json::object& header, std::string_view encrypted_key,
                          ContentKey& cek) {
  Result<Key> epk = read_epk(header, detail::key_data(key));
  if (!epk) return std::move(epk).error();
  std::string apu;
  std::string apv;
  if (auto ok = optional_b64(header, "apu", apu, "invalid JWE header: \"apu\" is not base64url");
      !ok) {
    return ok;
  }
  if (auto ok = optional_b64(header, "apv", apv, "invalid JWE header: \"apv\" is not base64url");
      !ok) {
    return ok;
  }
  Result<std::string> z =
      ecdh_shared_secret(detail::key_data(key).pkey.get(), detail::key_data(*epk).pkey.get());
  if (!z) return std::move(z).error();
  ContentKey derived;
  derived.size = ecdh_key_bytes(alg, enc);
  const bool ok =
      concat_kdf(*z, ecdh_algorithm_id(alg, enc), apu, apv, derived.bytes, derived.size);
  OPENSSL_cleanse(z->data(), z->size());
  if (!ok) return decryption_failed();
  if (alg == KeyManagement::kEcdhEs) {
    cek.size = derived.size;
    for (std::size_t i = 0; i < derived.size; ++i) cek.bytes[i] = derived.bytes[i];
    return {};
  }
  cek.size = content_key_bytes(enc);
  if (encrypted_key.size() != cek.size + 8) return decryption_failed();
  if (!aes_kw_unwrap(derived.view(), encrypted_key, cek.bytes)) return decryption_failed();
  return {};
}

// ---- PBES2 ----

Result<void> pbes2_decrypt(const Key& key, KeyManagement alg, ContentEncryption enc,
                           const json::object& header, std::string_view encrypted_key,
                           const jwe::DecryptOptions& options, ContentKey& cek) {
  // The iteration count is checked before anything else is done with the header.
  const json::value* p2c = header.if_contains("p2c");
  const std::optional<std::int64_t> count = p2c ? as_integer(*p2c) : std::nullopt;
  if (!count || *count < 1) {
    return Error(Errc::kMalformed, "invalid JWE header: PBES2 needs a positive integer \"p2c\"");
  }
  const std::uint32_t cap = std::min(options.max_pbes2_count, jwe::kMaxPbes2Count);
  if (*count > static_cast<std::int64_t>(cap)) {
    return Error(Errc::kLimitExceeded,
                 "JWE header \"p2c\" is above the PBES2 iteration limit "
                 "(DecryptOptions::max_pbes2_count)")
        .about("p2c");
  }
  const json::value* p2s_value = header.if_contains("p2s");
  const std::optional<std::string_view> p2s_text = p2s_value ? as_string(*p2s_value) : std::nullopt;
  std::string p2s;
  if (!p2s_text || !base64url::decode_into(*p2s_text, p2s) || p2s.size() < 8) {
    return Error(Errc::kMalformed,
                 "invalid JWE header: PBES2 needs a \"p2s\" salt of at least 8 bytes");
  }
  ContentKey kek;
  kek.size = wrap_key_bytes(alg);
  if (!pbes2_derive(alg, detail::key_data(key).secret, p2s, static_cast<std::uint32_t>(*count),
                    kek.bytes, kek.size)) {
    return decryption_failed();
  }
  cek.size = content_key_bytes(enc);
  if (encrypted_key.size() != cek.size + 8) return decryption_failed();
  if (!aes_kw_unwrap(kek.view(), encrypted_key, cek.bytes)) return decryption_failed();
  return {};
}

// A fixed-size base64url header member (A*GCMKW "iv" and "tag") into `out`.
bool exact_b64(const json::object& header, std::string_view name, unsigned char* out,
               std::size_t size) noexcept {
  const json::value* value = header.if_contains(name);
  const std::optional<std::string_view> text = value ? as_string(*value) : std::nullopt;
  if (!text || base64url::decoded_size(text->size()) != size) return false;
  return base64url::decode_to(*text, reinterpret_cast<char*>(out));
}

}  // namespace

Result<void> wrap_content_key(const Key& key, const jwe::EncryptOptions& options, ContentKey& cek,
                              KeyManagementOutput& out) {
  const KeyData& data = detail::key_data(key);
  const std::size_t cek_size = content_key_bytes(options.enc);
  switch (family_of(options.alg)) {
    case KeyFamily::kDirect:
      cek.size = data.secret.size();
      for (std::size_t i = 0; i < cek.size; ++i) {
        cek.bytes[i] = static_cast<unsigned char>(data.secret[i]);
      }
      return {};
    case KeyFamily::kAesKw:
      if (!random_key(cek, cek_size)) return internal("RAND_bytes");
      out.encrypted_key.resize(cek_size + 8);
      if (!aes_kw_wrap(data.secret, cek.view(),
                       reinterpret_cast<unsigned char*>(out.encrypted_key.data()))) {
        return internal("AES key wrap");
      }
      return {};
    case KeyFamily::kAesGcmKw: {
      unsigned char iv[12];
      unsigned char tag[16];
      if (!random_key(cek, cek_size) || !random_bytes(iv, sizeof iv)) return internal("RAND_bytes");
      out.encrypted_key.resize(cek_size);
      if (!aes_gcm_wrap(data.secret, bytes_view(iv, sizeof iv), cek.view(),
                        reinterpret_cast<unsigned char*>(out.encrypted_key.data()), tag)) {
        return internal("AES-GCM key wrap");
      }
      out.members["iv"] = base64url::encode(bytes_view(iv, sizeof iv));
      out.members["tag"] = base64url::encode(bytes_view(tag, sizeof tag));
      return {};
    }
    case KeyFamily::kRsa: {
      if (!random_key(cek, cek_size)) return internal("RAND_bytes");
      Result<std::string> encrypted = rsa_encrypt(data, options.alg, cek.view());
      if (!encrypted) return std::move(encrypted).error();
      out.encrypted_key = std::move(*encrypted);
      return {};
    }
    case KeyFamily::kEcdh:
      return ecdh_encrypt(key, options, cek, out);
    case KeyFamily::kPbes2: {
      if (options.pbes2_count < 1000 || options.pbes2_count > jwe::kMaxPbes2Count) {
        return Error(Errc::kInvalidOption,
                     "EncryptOptions::pbes2_count must be between 1000 and kMaxPbes2Count");
      }
      if (options.pbes2_salt_bytes < 8 || options.pbes2_salt_bytes > 256) {
        return Error(Errc::kInvalidOption,
                     "EncryptOptions::pbes2_salt_bytes must be between 8 and 256");
      }
      std::string salt(options.pbes2_salt_bytes, '\0');
      ContentKey kek;
      kek.size = wrap_key_bytes(options.alg);
      if (!random_bytes(reinterpret_cast<unsigned char*>(salt.data()), salt.size()) ||
          !random_key(cek, cek_size)) {
        return internal("RAND_bytes");
      }
      if (!pbes2_derive(options.alg, data.secret, salt, options.pbes2_count, kek.bytes, kek.size)) {
        return internal("PBKDF2");
      }
      out.encrypted_key.resize(cek_size + 8);
      if (!aes_kw_wrap(kek.view(), cek.view(),
                       reinterpret_cast<unsigned char*>(out.encrypted_key.data()))) {
        return internal("AES key wrap");
      }
      out.members["p2s"] = base64url::encode(salt);
      out.members["p2c"] = static_cast<std::int64_t>(options.pbes2_count);
      return {};
    }
  }
  return internal("key management");
}

Result<void> unwrap_content_key(const Key& key, KeyManagement alg, ContentEncryption enc,
                                const json::object& header, std::string_view encrypted_key,
                                const jwe::DecryptOptions& options, ContentKey& cek) {
  const KeyData& data = detail::key_data(key);
  const std::size_t cek_size = content_key_bytes(enc);
  const KeyFamily family = family_of(alg);
  // "dir" and "ECDH-ES" carry no encrypted key (RFC 7516 §5.1 step 5).
  const bool direct = family == KeyFamily::kDirect || alg == KeyManagement::kEcdhEs;
  if (direct != encrypted_key.empty()) {
    return Error(Errc::kMalformed,
                 direct ? "invalid token: the encrypted key must be empty for dir and ECDH-ES"
                        : "invalid token: the encrypted key is missing");
  }
  switch (family) {
    case KeyFamily::kDirect:
      cek.size = data.secret.size();
      for (std::size_t i = 0; i < cek.size; ++i) {
        cek.bytes[i] = static_cast<unsigned char>(data.secret[i]);
      }
      return {};
    case KeyFamily::kAesKw:
      cek.size = cek_size;
      if (encrypted_key.size() != cek_size + 8 ||
          !aes_kw_unwrap(data.secret, encrypted_key, cek.bytes)) {
        return decryption_failed();
      }
      return {};
    case KeyFamily::kAesGcmKw: {
      unsigned char iv[12];
      unsigned char tag[16];
      if (!exact_b64(header, "iv", iv, sizeof iv) || !exact_b64(header, "tag", tag, sizeof tag)) {
        return Error(Errc::kMalformed,
                     "invalid JWE header: A*GCMKW needs a 96-bit \"iv\" and a 128-bit \"tag\"");
      }
      cek.size = cek_size;
      if (encrypted_key.size() != cek_size ||
          !aes_gcm_unwrap(data.secret, bytes_view(iv, sizeof iv), encrypted_key,
                          bytes_view(tag, sizeof tag), cek.bytes)) {
        return decryption_failed();
      }
      return {};
    }
    case KeyFamily::kRsa: {
      // RFC 7516 §11.5: on any RSA failure carry on with a random key, so that the token
      // fails at the content tag, as a token with a good RSA block and a bad tag does.
      // The choice between the two is made without a branch on the outcome.
      if (!random_key(cek, cek_size)) return decryption_failed();
      std::string recovered;
      recovered.reserve(kMaxContentKeyBytes);
      const bool ok =
          rsa_decrypt(data, alg, encrypted_key, recovered) && recovered.size() == cek_size;
      recovered.resize(cek_size);
      const auto keep = static_cast<unsigned char>(ok ? 0xff : 0x00);
      for (std::size_t i = 0; i < cek_size; ++i) {
        cek.bytes[i] = static_cast<unsigned char>(
            (static_cast<unsigned char>(recovered[i]) & keep) | (cek.bytes[i] & ~keep));
      }
      OPENSSL_cleanse(recovered.data(), recovered.size());
      return {};
    }
    case KeyFamily::kEcdh:
      return ecdh_decrypt(key, alg, enc, header, encrypted_key, cek);
    case KeyFamily::kPbes2:
      return pbes2_decrypt(key, alg, enc, header, encrypted_key, options, cek);
  }
  return decryption_failed();
}

}  // namespace jot::detail
