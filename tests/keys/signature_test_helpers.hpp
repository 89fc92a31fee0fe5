#pragma once

// Helpers shared by the signature tests (tests/keys/signature*_test.cpp): keys through the
// public API, sign/verify shorthands over jot::detail::{sign,verify}_bytes.

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <map>
#include <string>
#include <string_view>

#include "jot/key.hpp"
#include "keys/ossl.hpp"
#include "keys/signature.hpp"
#include "support/key_internals.hpp"

namespace jot_sig_test {

// A fresh key for `alg` from the public Key::generate. Fails the test on error.
inline jot::Key generated(jot::Algorithm alg, int rsa_bits = 2048) {
  auto key = jot::Key::generate(alg, rsa_bits);
  if (!key) ADD_FAILURE() << "Key::generate: " << key.error().message();
  return key.value();
}

// One key per algorithm for the whole test run, for tests that need "a key of that kind"
// rather than a fresh one (RSA generation is slow on a shared machine).
inline const jot::Key& shared_key(jot::Algorithm alg) {
  static std::map<jot::Algorithm, jot::Key> keys;
  auto it = keys.find(alg);
  if (it == keys.end()) it = keys.emplace(alg, generated(alg)).first;
  return it->second;
}

// Wraps an OpenSSL private key into a jot::Key through the public PEM parser.
inline jot::Key from_private_pkey(EVP_PKEY* pkey) {
  jot::detail::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ADD_FAILURE() << "PEM_write_bio_PrivateKey failed";
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  auto key = jot::Key::from_pem(std::string_view(data, static_cast<std::size_t>(size)));
  if (!key) ADD_FAILURE() << "Key::from_pem: " << key.error().message();
  return key.value();
}

// The public half of a key, through the public PEM export and parser.
inline jot::Key public_half(const jot::Key& key) {
  auto pem = key.public_pem();
  if (!pem) ADD_FAILURE() << "public_pem: " << pem.error().message();
  auto pub = jot::Key::from_pem(pem.value());
  if (!pub) ADD_FAILURE() << "Key::from_pem(public): " << pub.error().message();
  return pub.value();
}

inline std::string sign(jot::Algorithm alg, const jot::Key& key, std::string_view input) {
  std::string out;
  auto result = jot::detail::sign_bytes(alg, jot_test::key_data(key), input, out);
  if (!result) ADD_FAILURE() << "sign_bytes: " << result.error().message();
  return out;
}

inline bool verify(jot::Algorithm alg, const jot::Key& key, std::string_view input,
                   std::string_view signature) {
  const bool ok = jot::detail::verify_bytes(alg, jot_test::key_data(key), input, signature);
  // A failed verification must leave nothing behind in OpenSSL's error queue.
  EXPECT_EQ(ERR_peek_error(), 0UL) << "OpenSSL error queue not cleared";
  return ok;
}

// Every algorithm except none.
inline constexpr jot::Algorithm kSigningAlgorithms[] = {
    jot::Algorithm::kHS256,  jot::Algorithm::kHS384, jot::Algorithm::kHS512, jot::Algorithm::kRS256,
    jot::Algorithm::kRS384,  jot::Algorithm::kRS512, jot::Algorithm::kPS256, jot::Algorithm::kPS384,
    jot::Algorithm::kPS512,  jot::Algorithm::kES256, jot::Algorithm::kES384, jot::Algorithm::kES512,
    jot::Algorithm::kES256K, jot::Algorithm::kEdDSA};

inline std::string alg_name(const ::testing::TestParamInfo<jot::Algorithm>& info) {
  return std::string(jot::to_string(info.param));
}

}  // namespace jot_sig_test
