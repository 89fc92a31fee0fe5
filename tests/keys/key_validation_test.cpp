// Parse-time validation that has no opt-in: RSA public exponents, EC points on the curve,
// small-order EdDSA points, ROCA moduli. Each through JWK and through DER/PEM.

#include <gtest/gtest.h>
#include <openssl/bn.h>

#include <string>

#include "jot/key.hpp"
#include "key_test_util.hpp"
#include "test_keys.hpp"

namespace {

namespace json = boost::json;
using jot::Algorithm;
using jot::Errc;
using jot::Key;
using jot::KeyOptions;
using jot_key_test::jwk_with;
using jot_key_test::must;
namespace tk = jot_test_keys;

std::string rsa_public_jwk() {
  return must(must(Key::from_pem(tk::kRsa2048Spki)).public_jwk());
}

TEST(KeyValidation, RsaExponentMustBeOddAndAtLeastThree) {
  KeyOptions everything;  // no opt-in changes this rule
  everything.insecure_allow_small_rsa = true;
  everything.insecure_allow_weak_secret = true;
  for (const char* e : {"AQ" /* 1 */, "Ag" /* 2 */, "BA" /* 4 */, "AQAA" /* 65536 */}) {
    const auto result = Key::from_jwk(jwk_with(rsa_public_jwk(), "e", e), everything);
    ASSERT_FALSE(result) << e;
    EXPECT_EQ(result.error().code(), Errc::kWeakKey) << e;
    EXPECT_NE(result.error().message().find("must be odd, at least 3"), std::string::npos)
        << result.error().message();
  }
  EXPECT_EQ(Key::from_jwk(jwk_with(rsa_public_jwk(), "e", "AQ")).error().message(),
            "RSA public exponent 1 is refused: it must be odd, at least 3 and below n");
  EXPECT_TRUE(Key::from_jwk(jwk_with(rsa_public_jwk(), "e", "Aw")));    // 3
  EXPECT_TRUE(Key::from_jwk(jwk_with(rsa_public_jwk(), "e", "AQAB")));  // 65537
}

TEST(KeyValidation, RsaModulusMustBeOdd) {
  std::string n =
      jot_key_test::unb64(jot_key_test::json_object(rsa_public_jwk()).at("n").as_string());
  n.back() = static_cast<char>(n.back() & ~1);
  const auto result =
      Key::from_jwk(jwk_with(rsa_public_jwk(), "n", json::value(jot_key_test::b64(n))));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyParse);
}

TEST(KeyValidation, EcPointMustBeOnTheCurve) {
  const std::string jwk = must(must(Key::from_pem(tk::kP256Spki)).public_jwk());
  const json::object object = jot_key_test::json_object(jwk);
  std::string y = jot_key_test::unb64(object.at("y").as_string());
  y.back() = static_cast<char>(y.back() ^ 1);
  const auto result = Key::from_jwk(jwk_with(jwk, "y", json::value(jot_key_test::b64(y))));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyParse);
  EXPECT_NE(result.error().message().find("P-256"), std::string::npos) << result.error().message();

  // The same point as SubjectPublicKeyInfo DER (the point is the last 64 bytes).
  std::string der = jot_key_test::pem_block_der(tk::kP256Spki, "PUBLIC KEY");
  der.back() = static_cast<char>(der.back() ^ 1);
  const auto from_der = Key::from_der(der);
  ASSERT_FALSE(from_der);
  EXPECT_EQ(from_der.error().code(), Errc::kKeyParse);
}

// The small-order points, as encodings derived independently in the test: y = 1 (identity),
// y = p - 1 (order 2), y = 0 (order 4) and their non-canonical forms y = p, p + 1.
std::string le_bytes(const BIGNUM* value, int size) {
  std::string out(static_cast<std::size_t>(size), '\0');
  BN_bn2lebinpad(value, reinterpret_cast<unsigned char*>(out.data()), size);
  return out;
}

std::vector<std::string> low_order_encodings(const char* p_hex, int size) {
  BIGNUM* p = nullptr;
  BN_hex2bn(&p, p_hex);
  std::vector<std::string> encodings;
  for (int delta : {1, -1, 0}) {
    for (int wrap : {0, 1}) {
      BIGNUM* y = BN_new();
      BN_set_word(y, static_cast<BN_ULONG>(delta < 0 ? 1 : delta));
      if (delta < 0) BN_sub(y, p, y);  // p - 1
      if (wrap != 0) {
        if (delta < 0) {
          BN_free(y);
          continue;  // p - 1 + p does not fit the encoding
        }
        BN_add(y, y, p);
      }
      std::string encoded = le_bytes(y, size);
      encodings.push_back(encoded);
      encoded.back() = static_cast<char>(encoded.back() | 0x80);  // the other sign of x
      encodings.push_back(encoded);
      BN_free(y);
    }
  }
  BN_free(p);
  return encodings;
}

TEST(KeyValidation, SmallOrderEdDsaKeysAreRefused) {
  // Ed25519: p = 2^255 - 19. Plus the two order-8 y values from "Taming the many EdDSAs".
  std::vector<std::string> ed25519 =
      low_order_encodings("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed", 32);
  for (const char* hex : {"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"}) {
    std::string bytes;
    for (int i = 0; i < 64; i += 2) {
      bytes.push_back(static_cast<char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
    }
    ed25519.push_back(bytes);
    bytes.back() = static_cast<char>(bytes.back() | 0x80);
    ed25519.push_back(bytes);
  }
  EXPECT_EQ(ed25519.size(), 14u);
  for (const std::string& x : ed25519) {
    const std::string jwk =
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + jot_key_test::b64(x) + "\"}";
    const auto result = Key::from_jwk(jwk);
    ASSERT_FALSE(result) << jwk;
    EXPECT_EQ(result.error().code(), Errc::kWeakKey) << jwk;
    EXPECT_EQ(result.error().message(),
              "Ed25519 public key is a point of small order: any signature would verify with it");
    // The same key as SubjectPublicKeyInfo DER (RFC 8410).
    const std::string spki =
        std::string("\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00", 12) + x;
    const auto from_der = Key::from_der(spki);
    ASSERT_FALSE(from_der);
    EXPECT_EQ(from_der.error().code(), Errc::kWeakKey);
  }

  // Ed448: p = 2^448 - 2^224 - 1, 57-byte encodings.
  for (const std::string& x :
       low_order_encodings("fffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                           "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                           57)) {
    const auto result =
        Key::from_jwk("{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"" + jot_key_test::b64(x) + "\"}");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), Errc::kWeakKey);
  }

  // Genuine keys pass (the RFC 8037 key, and a fresh one).
  EXPECT_TRUE(
      Key::from_jwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_"
                    "7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"));
  EXPECT_TRUE(Key::from_jwk(must(must(Key::generate(Algorithm::kEdDSA)).public_jwk())));
}

TEST(KeyValidation, RocaModuliAreRefused) {
  // n = 65537 + 2k·M, M = 3·5·…·167: n is 65537 (a power of 65537) modulo every prime of
  // the ROCA fingerprint, like the moduli of the vulnerable Infineon library; n is odd and
  // 2048 bits long, so only the fingerprint can refuse it.
  BN_CTX* ctx = BN_CTX_new();
  BIGNUM* m = BN_new();
  BN_one(m);
  for (unsigned r = 3; r <= 167; r += 2) {
    bool prime = true;
    for (unsigned d = 3; d * d <= r; d += 2) prime = prime && r % d != 0;
    if (prime) BN_mul_word(m, r);
  }
  BIGNUM* n = BN_new();
  BN_one(n);
  BN_lshift(n, n, 2048 - BN_num_bits(m));  // 2k with k a power of two
  BN_mul(n, n, m, ctx);
  BN_add_word(n, 65537);
  ASSERT_EQ(BN_num_bits(n), 2048);
  std::string bytes(256, '\0');
  BN_bn2binpad(n, reinterpret_cast<unsigned char*>(bytes.data()), 256);
  BN_free(n);
  BN_free(m);
  BN_CTX_free(ctx);

  const auto roca =
      Key::from_jwk(jwk_with(rsa_public_jwk(), "n", json::value(jot_key_test::b64(bytes))));
  ASSERT_FALSE(roca);
  EXPECT_EQ(roca.error().code(), Errc::kWeakKey);
  EXPECT_NE(roca.error().message().find("ROCA"), std::string::npos);
  // Ordinary moduli do not carry the fingerprint.
  for (const char* pem : {tk::kRsa2048Pkcs1, tk::kRsa1024, tk::kRsaE3, tk::kRsaPss384}) {
    EXPECT_TRUE(Key::from_pem(pem));
  }
}

}  // namespace
