// JWK import (RFC 7517, RFC 7518 §6, RFC 8037 §2): kty oct, RSA, EC and OKP, public or
// private, through EVP_PKEY_fromdata. Every key then goes through make_asymmetric_key's
// validation like a PEM or DER key.
//
// "use" and "key_ops" are kept, not enforced here: a key whose "use" is not "sig", or
// whose "key_ops" lacks "sign" / "verify", parses but is refused by check_sign /
// check_verify for that purpose (KeySet::from_jwks skips keys whose "use" is not "sig").

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jot/base64url.hpp"
#include "jot/key.hpp"
#include "json/json_doc.hpp"
#include "keys/key_build.hpp"

namespace jot::detail {
namespace {

namespace json = boost::json;

// Decoded key bytes that are wiped when released (private members).
struct Bytes {
  std::string value;
  bool present = false;
  Bytes() = default;
  Bytes(const Bytes&) = delete;
  Bytes& operator=(const Bytes&) = delete;
  Bytes(Bytes&& other) noexcept : value(std::move(other.value)), present(other.present) {}
  ~Bytes() {
    if (!value.empty()) OPENSSL_cleanse(value.data(), value.size());
  }
  const unsigned char* data() const { return reinterpret_cast<const unsigned char*>(value.data()); }
};

Error parse_error(std::string message) {
  return Error(Errc::kKeyParse, std::move(message));
}

Result<std::optional<std::string_view>> string_member(const json::object& jwk,
                                                      std::string_view name) {
  const json::value* value = jwk.if_contains(name);
  if (value == nullptr) return std::optional<std::string_view>{};
  if (!value->is_string()) {
    return parse_error("JWK member \"" + std::string(name) + "\" must be a string");
  }
  const json::string& s = value->get_string();
  return std::optional<std::string_view>(std::string_view(s.data(), s.size()));
}

// A base64url member; `out.present` says whether it was there.
Result<void> b64_member(const json::object& jwk, std::string_view name, Bytes& out) {
  Result<std::optional<std::string_view>> text = string_member(jwk, name);
  if (!text) return std::move(text).error();
  if (!*text) return {};
  Result<std::string> decoded = base64url::decode(**text);
  if (!decoded) {
    return parse_error("JWK member \"" + std::string(name) + "\" is not valid base64url");
  }
  out.value = std::move(*decoded);
  out.present = true;
  return {};
}

Result<void> required_b64(const json::object& jwk, std::string_view name, Bytes& out) {
  if (Result<void> ok = b64_member(jwk, name, out); !ok) return ok;
  if (!out.present) return parse_error("JWK member \"" + std::string(name) + "\" is missing");
  if (out.value.empty()) return parse_error("JWK member \"" + std::string(name) + "\" is empty");
  return {};
}

Result<void> exact_size(const Bytes& bytes, std::string_view name, std::size_t size,
                        std::string_view crv) {
  if (bytes.value.size() != size) {
    return parse_error("JWK member \"" + std::string(name) + "\" must be " + std::to_string(size) +
                       " bytes for " + std::string(crv) + ", not " +
                       std::to_string(bytes.value.size()));
  }
  return {};
}

// The metadata members shared by every kty.
Result<KeyMeta> read_meta(const json::object& jwk) {
  KeyMeta meta;
  Result<std::optional<std::string_view>> kid = string_member(jwk, "kid");
  if (!kid) return std::move(kid).error();
  if (*kid) meta.kid = std::string(**kid);

  Result<std::optional<std::string_view>> alg = string_member(jwk, "alg");
  if (!alg) return std::move(alg).error();
  if (*alg) {
    const std::optional<Algorithm> parsed = algorithm_from_string(**alg);
    const std::optional<KeyManagement> jwe_alg = key_management_from_string(**alg);
    if (parsed && *parsed != Algorithm::kNone) {
      meta.bound_alg = parsed;
    } else if (jwe_alg) {
      meta.bound_km = jwe_alg;
    } else if (const auto enc = content_encryption_from_string(**alg)) {
      meta.bound_enc = enc;  // a "dir" key for that content encryption
    } else {
      return Error(Errc::kUnsupported, "JWK \"alg\" \"" + std::string(**alg) +
                                           "\" is neither a JWS signature algorithm nor a JWE "
                                           "key-management algorithm");
    }
  }

  Result<std::optional<std::string_view>> use = string_member(jwk, "use");
  if (!use) return std::move(use).error();
  meta.use_not_sig = *use && **use != "sig";
  meta.use_not_enc = *use && **use != "enc";

  if (const json::value* ops = jwk.if_contains("key_ops")) {
    if (!ops->is_array()) return parse_error("JWK member \"key_ops\" must be an array");
    bool sign = false;
    bool verify = false;
    std::uint8_t jwe_ops = 0;
    static constexpr std::pair<std::string_view, std::uint8_t> kJweOps[] = {
        {"encrypt", kOpEncrypt},     {"decrypt", kOpDecrypt},     {"wrapKey", kOpWrapKey},
        {"unwrapKey", kOpUnwrapKey}, {"deriveKey", kOpDeriveKey}, {"deriveBits", kOpDeriveBits}};
    for (const json::value& op : ops->get_array()) {
      if (!op.is_string()) return parse_error("JWK member \"key_ops\" must hold strings");
      const std::string_view name(op.get_string().data(), op.get_string().size());
      sign = sign || name == "sign";
      verify = verify || name == "verify";
      for (const auto& [jwe_name, bit] : kJweOps) {
        if (name == jwe_name) jwe_ops |= bit;
      }
    }
    meta.ops_forbid_sign = !sign;
    meta.ops_forbid_verify = !verify;
    meta.jwe_ops = jwe_ops;
  }
  return meta;
}

Result<PkeyPtr> from_params(const char* type, int selection, OSSL_PARAM_BLD* bld) {
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1) {
    return Error(Errc::kKeyParse, ossl_error_text());
  }
  return PkeyPtr(raw);
}

bool push_bn(OSSL_PARAM_BLD* bld, const char* name, const Bytes& bytes,
             std::vector<SecretBnPtr>& keep) {
  SecretBnPtr bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.value.size()), nullptr));
  if (!bn || OSSL_PARAM_BLD_push_BN(bld, name, bn.get()) != 1) return false;
  keep.push_back(std::move(bn));  // the builder refers to it until to_param
  return true;
}

Result<Key> import_rsa(const json::object& jwk, const KeyOptions& options, KeyMeta meta) {
  if (jwk.contains("oth")) {
    return Error(Errc::kUnsupported, "multi-prime RSA JWK (\"oth\") is not supported");
  }
  Bytes n, e, d;
  if (Result<void> ok = required_b64(jwk, "n", n); !ok) return std::move(ok).error();
  if (Result<void> ok = required_b64(jwk, "e", e); !ok) return std::move(ok).error();
  if (Result<void> ok = b64_member(jwk, "d", d); !ok) return std::move(ok).error();
  // OpenSSL's ceiling (16384 bits), checked before any arithmetic on hostile input.
  if (n.value.size() > 2048 || e.value.size() > 2048) {
    return parse_error("RSA JWK modulus or exponent is larger than 16384 bits");
  }
  const char* crt_names[] = {"p", "q", "dp", "dq", "qi"};
  Bytes crt[5];
  int crt_count = 0;
  for (int i = 0; i < 5; ++i) {
    if (Result<void> ok = b64_member(jwk, crt_names[i], crt[i]); !ok) {
      return std::move(ok).error();
    }
    crt_count += crt[i].present ? 1 : 0;
  }
  if (crt_count != 0 && !d.present) {
    return parse_error("RSA JWK has CRT members (p, q, dp, dq, qi) but no \"d\"");
  }
  if (crt_count != 0 && crt_count != 5) {
    for (int i = 0; i < 5; ++i) {
      if (!crt[i].present) {
        return parse_error(std::string("RSA JWK has some CRT members but not \"") + crt_names[i] +
                           "\": give p, q, dp, dq and qi, or none of them");
      }
    }
  }
  if (d.present && d.value.empty()) return parse_error("JWK member \"d\" is empty");

  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  std::vector<SecretBnPtr> keep;
  if (!bld || !push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_N, n, keep) ||
      !push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_E, e, keep)) {
    return Error(Errc::kInternal, "OSSL_PARAM_BLD failed: " + ossl_error_text());
  }
  if (d.present) {
    const char* names[] = {OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
                           OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
                           OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    bool ok = push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_D, d, keep);
    for (int i = 0; ok && crt_count == 5 && i < 5; ++i) {
      ok = push_bn(bld.get(), names[i], crt[i], keep);
    }
    if (!ok) return Error(Errc::kInternal, "OSSL_PARAM_BLD failed: " + ossl_error_text());
  }
  Result<PkeyPtr> pkey =
      from_params("RSA", d.present ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld.get());
  if (!pkey) {
    return parse_error("RSA JWK could not be imported: " + std::string(pkey.error().message()));
  }
  return make_asymmetric_key(std::move(*pkey), options, std::move(meta));
}

Result<Key> import_ec(const json::object& jwk, const KeyOptions& options, KeyMeta meta) {
  Result<std::optional<std::string_view>> crv = string_member(jwk, "crv");
  if (!crv) return std::move(crv).error();
  if (!*crv) return parse_error("JWK member \"crv\" is missing");
  const char* group = nullptr;
  std::size_t size = 0;
  if (**crv == "P-256") {
    group = "prime256v1";
    size = 32;
  } else if (**crv == "P-384") {
    group = "secp384r1";
    size = 48;
  } else if (**crv == "P-521") {
    group = "secp521r1";
    size = 66;
  } else if (**crv == "secp256k1") {
    group = "secp256k1";
    size = 32;
  } else {
    return Error(Errc::kUnsupported, "JWK \"crv\" \"" + std::string(**crv) +
                                         "\" is not supported for EC (jot reads P-256, P-384, "
                                         "P-521 and secp256k1)");
  }
  Bytes x, y, d;
  for (auto [name, bytes] : {std::pair<const char*, Bytes*>{"x", &x}, {"y", &y}}) {
    if (Result<void> ok = required_b64(jwk, name, *bytes); !ok) return std::move(ok).error();
    if (Result<void> ok = exact_size(*bytes, name, size, **crv); !ok) {
      return std::move(ok).error();
    }
  }
  if (Result<void> ok = b64_member(jwk, "d", d); !ok) return std::move(ok).error();
  if (d.present) {
    if (Result<void> ok = exact_size(d, "d", size, **crv); !ok) return std::move(ok).error();
  }
  // SEC1 uncompressed point: 0x04 || x || y.
  std::string point(1, '\x04');
  point.append(x.value).append(y.value);

  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  std::vector<SecretBnPtr> keep;
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1 ||
      (d.present && !push_bn(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d, keep))) {
    return Error(Errc::kInternal, "OSSL_PARAM_BLD failed: " + ossl_error_text());
  }
  Result<PkeyPtr> pkey =
      from_params("EC", d.present ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld.get());
  if (!pkey) {
    return parse_error("EC JWK could not be imported (is (x, y) a point on " + std::string(**crv) +
                       "?): " + std::string(pkey.error().message()));
  }
  return make_asymmetric_key(std::move(*pkey), options, std::move(meta));
}

Result<Key> import_okp(const json::object& jwk, const KeyOptions& options, KeyMeta meta) {
  Result<std::optional<std::string_view>> crv = string_member(jwk, "crv");
  if (!crv) return std::move(crv).error();
  if (!*crv) return parse_error("JWK member \"crv\" is missing");
  const char* type = nullptr;
  std::size_t size = 0;
  if (**crv == "Ed25519") {
    type = "ED25519";
    size = 32;
  } else if (**crv == "Ed448") {
    type = "ED448";
    size = 57;
  } else if (**crv == "X25519") {
    type = "X25519";
    size = 32;
  } else if (**crv == "X448") {
    type = "X448";
    size = 56;
  } else {
    return Error(Errc::kUnsupported, "JWK \"crv\" \"" + std::string(**crv) +
                                         "\" is not supported for OKP (jot reads Ed25519, "
                                         "Ed448, X25519 and X448)");
  }
  Bytes x, d;
  if (Result<void> ok = required_b64(jwk, "x", x); !ok) return std::move(ok).error();
  if (Result<void> ok = exact_size(x, "x", size, **crv); !ok) return std::move(ok).error();
  if (Result<void> ok = b64_member(jwk, "d", d); !ok) return std::move(ok).error();
  PkeyPtr pkey;
  if (d.present) {
    if (Result<void> ok = exact_size(d, "d", size, **crv); !ok) return std::move(ok).error();
    pkey.reset(EVP_PKEY_new_raw_private_key_ex(nullptr, type, nullptr, d.data(), size));
    if (!pkey) return parse_error("OKP JWK \"d\" could not be imported: " + ossl_error_text());
    // The public key is derived from d; the JWK's x must be that key.
    std::string derived(size, '\0');
    std::size_t len = size;
    if (EVP_PKEY_get_raw_public_key(pkey.get(), reinterpret_cast<unsigned char*>(derived.data()),
                                    &len) != 1 ||
        len != size || CRYPTO_memcmp(derived.data(), x.value.data(), size) != 0) {
      ossl_clear_errors();
      return parse_error("OKP JWK \"x\" is not the public key of its \"d\"");
    }
  } else {
    pkey.reset(EVP_PKEY_new_raw_public_key_ex(nullptr, type, nullptr, x.data(), size));
    if (!pkey) return parse_error("OKP JWK \"x\" could not be imported: " + ossl_error_text());
  }
  return make_asymmetric_key(std::move(pkey), options, std::move(meta));
}

}  // namespace

Result<Key> key_from_jwk_object(const json::object& jwk, const KeyOptions& options) {
  Result<std::optional<std::string_view>> kty = string_member(jwk, "kty");
  if (!kty) return std::move(kty).error();
  if (!*kty) return parse_error("JWK member \"kty\" is missing");
  Result<KeyMeta> meta = read_meta(jwk);
  if (!meta) return std::move(meta).error();

  if (**kty == "oct") {
    Bytes k;
    if (Result<void> ok = b64_member(jwk, "k", k); !ok) return std::move(ok).error();
    if (!k.present) return parse_error("JWK member \"k\" is missing");
    return make_secret_key(k.value, options, std::move(*meta));
  }
  if (**kty == "RSA") return import_rsa(jwk, options, std::move(*meta));
  if (**kty == "EC") return import_ec(jwk, options, std::move(*meta));
  if (**kty == "OKP") return import_okp(jwk, options, std::move(*meta));
  return Error(Errc::kUnsupported, "JWK \"kty\" \"" + std::string(**kty) +
                                       "\" is not supported (jot reads oct, RSA, EC and OKP)");
}

Result<Key> key_from_jwk(std::string_view text, const KeyOptions& options) {
  JsonLimits limits;
  limits.max_bytes = 256 * 1024;
  Result<json::object> object = parse_json_object(text, limits);
  if (!object) {
    return Error(
        object.error().code() == Errc::kLimitExceeded ? Errc::kLimitExceeded : Errc::kKeyParse,
        "JWK is not a JSON object: " + std::string(object.error().message()));
  }
  if (object->contains("keys") && !object->contains("kty")) {
    return Error(Errc::kKeyParse, "this is a JWK Set, not a JWK: use KeySet::from_jwks");
  }
  return key_from_jwk_object(*object, options);
}

}  // namespace jot::detail

namespace jot {

Result<Key> Key::from_jwk(std::string_view jwk_json, const KeyOptions& options) {
  return detail::key_from_jwk(jwk_json, options);
}

}  // namespace jot
