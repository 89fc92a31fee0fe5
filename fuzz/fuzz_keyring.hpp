#pragma once

// One fresh private key of every family and curve jot supports, made once per fuzzing
// process. Keys jot cannot generate itself (RSA-PSS, Ed448) come from OpenSSL's key
// generator and enter jot through its PKCS#8 PEM parser. Fresh keys mean that no seed and no
// mutated input can carry a valid signature: any acceptance is a forgery.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>
#include <jot/key.hpp>
#include <memory>
#include <string>
#include <vector>

namespace jot::fuzz {

inline Key key_from_openssl(EVP_PKEY* pkey) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (pkey == nullptr || !bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    std::abort();
  }
  EVP_PKEY_free(pkey);
  char* text = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &text);
  return Key::from_pem(std::string_view(text, static_cast<std::size_t>(size))).value();
}

// EVP_PKEY_Q_keygen takes a size only for "RSA"; RSA-PSS needs the context API.
inline EVP_PKEY* openssl_rsa_pss_key() {
  EVP_PKEY* pkey = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr);
  if (ctx == nullptr || EVP_PKEY_keygen_init(ctx) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) != 1 || EVP_PKEY_generate(ctx, &pkey) != 1) {
    std::abort();
  }
  EVP_PKEY_CTX_free(ctx);
  return pkey;
}

inline const std::vector<Key>& every_family_keys() {
  static const std::vector<Key> keys = [] {
    std::vector<Key> out;
    for (auto alg : {Algorithm::kHS256, Algorithm::kHS384, Algorithm::kHS512, Algorithm::kRS256,
                     Algorithm::kES256, Algorithm::kES384, Algorithm::kES512, Algorithm::kES256K,
                     Algorithm::kEdDSA}) {
      out.push_back(Key::generate(alg).value());
    }
    out.push_back(key_from_openssl(openssl_rsa_pss_key()));
    out.push_back(key_from_openssl(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448")));
    return out;
  }();
  return keys;
}

}  // namespace jot::fuzz
