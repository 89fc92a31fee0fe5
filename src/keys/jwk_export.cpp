// Export: public and private JWK (RFC 7517/7518/8037), PEM (SPKI, PKCS#8).
//
// JWK member order: "kty", then "crv" for EC/OKP, the key members in the order the RFCs
// list them (n, e / x, y), private members, and finally "kid" and "alg" when known.

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <string>

#include "jot/base64url.hpp"
#include "jot/key.hpp"
#include "json/json_doc.hpp"
#include "keys/key_build.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {
namespace {

namespace json = boost::json;

// base64url of a BIGNUM parameter; false if the key has no such parameter.
bool put_bn(json::object& out, const char* member, const EVP_PKEY* pkey, const char* param,
            int width = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, param, &raw) != 1) {
    ossl_clear_errors();
    return false;
  }
  SecretBnPtr bn(raw);
  std::string bytes = bn_to_bytes(bn.get(), width);
  out[member] = base64url::encode(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return true;
}

int ec_field_bytes(Curve curve) {
  switch (curve) {
    case Curve::kP384:
      return 48;
    case Curve::kP521:
      return 66;
    default:
      return 32;
  }
}

Result<void> put_members(const KeyData& key, json::object& out, bool with_private) {
  const EVP_PKEY* pkey = key.pkey.get();
  switch (key.type) {
    case KeyType::kSecret: {
      out["kty"] = "oct";
      out["k"] = base64url::encode(key.secret);
      return {};
    }
    case KeyType::kRsa:
    case KeyType::kRsaPss: {
      // JWK has no RSA-PSS key type: such a key is exported as "RSA" (its "alg" says PS*).
      out["kty"] = "RSA";
      if (!put_bn(out, "n", pkey, OSSL_PKEY_PARAM_RSA_N) ||
          !put_bn(out, "e", pkey, OSSL_PKEY_PARAM_RSA_E)) {
        return Error(Errc::kInternal, "RSA key has no modulus or exponent");
      }
      if (with_private) {
        put_bn(out, "d", pkey, OSSL_PKEY_PARAM_RSA_D);
        // Keys imported from a JWK with n, e, d only have no CRT members to export.
        if (put_bn(out, "p", pkey, OSSL_PKEY_PARAM_RSA_FACTOR1)) {
          put_bn(out, "q", pkey, OSSL_PKEY_PARAM_RSA_FACTOR2);
          put_bn(out, "dp", pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1);
          put_bn(out, "dq", pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2);
          put_bn(out, "qi", pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
        }
      }
      return {};
    }
    case KeyType::kEc: {
      out["kty"] = "EC";
      out["crv"] = std::string(to_string(key.curve));
      const int width = ec_field_bytes(key.curve);
      if (!put_bn(out, "x", pkey, OSSL_PKEY_PARAM_EC_PUB_X, width) ||
          !put_bn(out, "y", pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width)) {
        return Error(Errc::kInternal, "EC key has no public point");
      }
      if (with_private) put_bn(out, "d", pkey, OSSL_PKEY_PARAM_PRIV_KEY, width);
      return {};
    }
    case KeyType::kOkp: {
      out["kty"] = "OKP";
      out["crv"] = std::string(to_string(key.curve));
      std::string raw(57, '\0');
      std::size_t len = raw.size();
      if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(raw.data()), &len) !=
          1) {
        ossl_clear_errors();
        return Error(Errc::kInternal, "OKP key has no public key");
      }
      out["x"] = base64url::encode(std::string_view(raw.data(), len));
      if (with_private) {
        len = raw.size();
        if (EVP_PKEY_get_raw_private_key(pkey, reinterpret_cast<unsigned char*>(raw.data()),
                                         &len) == 1) {
          out["d"] = base64url::encode(std::string_view(raw.data(), len));
        }
        OPENSSL_cleanse(raw.data(), raw.size());
        ossl_clear_errors();
      }
      return {};
    }
  }
  return Error(Errc::kInternal, "unknown key type");
}

Result<std::string> to_jwk(const KeyData& key, bool with_private) {
  json::object out;
  if (Result<void> ok = put_members(key, out, with_private); !ok) return std::move(ok).error();
  if (!key.kid.empty()) out["kid"] = key.kid;
  if (key.bound_alg) {
    out["alg"] = std::string(to_string(*key.bound_alg));
  } else if (key.bound_enc) {
    out["alg"] = std::string(to_string(*key.bound_enc));
  } else if (key.bound_km) {
    out["alg"] = std::string(to_string(*key.bound_km));
  } else if (key.type == KeyType::kRsaPss && key.pss_alg) {
    out["alg"] = std::string(to_string(*key.pss_alg));
  }
  std::string text;
  serialize_json_append(out, text);
  if (with_private) {
    // The JSON tree held private members in heap strings; wipe them before release.
    for (auto& member : out) {
      if (member.value().is_string()) {
        json::string& s = member.value().get_string();
        OPENSSL_cleanse(s.data(), s.size());
      }
    }
  }
  return text;
}

Result<std::string> write_pem(const KeyData& key, bool with_private) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return Error(Errc::kInternal, "BIO_new failed");
  const int ok = with_private ? PEM_write_bio_PrivateKey(bio.get(), key.pkey.get(), nullptr,
                                                         nullptr, 0, nullptr, nullptr)
                              : PEM_write_bio_PUBKEY(bio.get(), key.pkey.get());
  if (ok != 1) return Error(Errc::kInternal, "PEM export failed: " + ossl_error_text());
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  std::string text(data, static_cast<std::size_t>(len > 0 ? len : 0));
  if (with_private && data != nullptr && len > 0) {
    OPENSSL_cleanse(data, static_cast<std::size_t>(len));
  }
  return text;
}

}  // namespace
}  // namespace jot::detail

namespace jot {

Result<std::string> Key::public_jwk() const {
  if (data_->type == KeyType::kSecret) {
    return Error(Errc::kKeyMismatch,
                 "an HMAC secret has no public JWK; use private_jwk() to export the secret");
  }
  return detail::to_jwk(*data_, false);
}

Result<std::string> Key::private_jwk() const {
  if (data_->password) {
    return Error(Errc::kKeyMismatch, "a password has no JWK form");
  }
  if (!data_->has_private) {
    return Error(Errc::kKeyMismatch, "a public key has no private JWK; use public_jwk()");
  }
  return detail::to_jwk(*data_, true);
}

Result<std::string> Key::public_pem() const {
  if (data_->type == KeyType::kSecret) {
    return Error(Errc::kKeyMismatch, "an HMAC secret has no PEM form");
  }
  return detail::write_pem(*data_, false);
}

Result<std::string> Key::private_pem() const {
  if (data_->type == KeyType::kSecret) {
    return Error(Errc::kKeyMismatch, "an HMAC secret has no PEM form");
  }
  if (!data_->has_private) {
    return Error(Errc::kKeyMismatch, "a public key has no private PEM; use public_pem()");
  }
  return detail::write_pem(*data_, true);
}

}  // namespace jot
