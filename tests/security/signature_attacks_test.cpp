// One named test per known attack on a JWT library's signature handling. Each asserts that
// the attack is refused with the precise error, and, where strictness could turn into a
// false reject, that the legitimate neighbour is still accepted.

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <memory>
#include <string>

#include "security/attack_helpers.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot_attack::b64;
using jot_attack::forge;
using jot_attack::hs256_key;
using jot_attack::kPayload;
using jot_attack::rsa_key;
using jot_attack::server_key;
using jot_attack::signature_only;
using jot_attack::signed_with;

std::string sign_token(const jot::Key& key, Algorithm alg) {
  jot::SignOptions options;
  options.algorithm = alg;
  options.timestamp = 1700000000;
  return jot::try_sign(kPayload, key, options).value();
}

std::string signature_bytes(const std::string& token) {
  return jot::base64url::decode(token.substr(token.rfind('.') + 1)).value();
}

std::string signing_input(const std::string& token) {
  return token.substr(0, token.rfind('.'));
}

// --- alg "none" (CVE-2015-9235 family) ---------------------------------------------------

TEST(SignatureAttacks, AlgNoneIsRejectedByDefaultWhateverItsSpelling) {
  for (const char* header : {R"({"alg":"none"})", R"({"alg":"None"})", R"({"alg":"NONE"})",
                             R"({"alg":"nOnE","typ":"JWT"})"}) {
    const std::string token = b64(header) + "." + b64(kPayload) + ".";
    auto result = jot::try_verify(token, hs256_key(), signature_only());
    ASSERT_FALSE(result) << header;
    EXPECT_NE(result.error().code(), Errc::kOk);
    // With a signature appended the token still cannot pass as "none".
    auto with_sig = jot::try_verify(token + "AAAA", hs256_key(), signature_only());
    EXPECT_FALSE(with_sig) << header;
  }
}

TEST(SignatureAttacks, AlgNoneNeedsBothExplicitOptIns) {
  const std::string token = b64(R"({"alg":"none"})") + "." + b64(kPayload) + ".";
  jot::VerifyOptions only_list = signature_only();
  only_list.algorithms = {Algorithm::kNone};
  EXPECT_FALSE(jot::try_verify_unsecured(token, only_list));
  jot::VerifyOptions only_flag = signature_only();
  only_flag.insecure_allow_none = true;
  EXPECT_FALSE(jot::try_verify_unsecured(token, only_flag));
  jot::VerifyOptions both = signature_only();
  both.algorithms = {Algorithm::kNone};
  both.insecure_allow_none = true;
  EXPECT_TRUE(jot::try_verify_unsecured(token, both));
  // Even with both opt-ins a keyed verify never accepts "none".
  EXPECT_FALSE(jot::try_verify(token, hs256_key(), both));
}

// --- RSA/HMAC key confusion (CVE-2016-10555, CVE-2022-23540 family) ----------------------

TEST(SignatureAttacks, RsaPublicKeyPemCannotBecomeAnHmacSecret) {
  const std::string public_pem = rsa_key().public_pem().value();
  auto as_secret = jot::Key::from_secret(public_pem);
  ASSERT_FALSE(as_secret);
  EXPECT_EQ(as_secret.error().code(), Errc::kKeyMismatch);
  auto jwk_as_secret = jot::Key::from_secret(rsa_key().public_jwk().value());
  ASSERT_FALSE(jwk_as_secret);
  EXPECT_EQ(jwk_as_secret.error().code(), Errc::kKeyMismatch);
}

TEST(SignatureAttacks, HmacTokenVerifiedWithRsaKeyIsAnInvalidAlgorithm) {
  // The attacker signs HS256 with the public key's PEM text as the HMAC secret.
  const std::string public_pem = rsa_key().public_pem().value();
  // Forged with OpenSSL directly: jot refuses to make such a key.
  const std::string token =
      jot_attack::hs256_forge(R"({"alg":"HS256","typ":"JWT"})", kPayload, public_pem);
  ASSERT_FALSE(token.empty());
  auto result = jot::try_verify(token, rsa_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kAlgNotAllowed);
  EXPECT_EQ(result.error().message(), "invalid algorithm");
  // Even if the caller wrongly allows HS256, the RSA key cannot verify an HMAC.
  jot::VerifyOptions lax = signature_only();
  lax.algorithms = {Algorithm::kHS256};
  auto forced = jot::try_verify(token, rsa_key(), lax);
  ASSERT_FALSE(forced);
  EXPECT_EQ(forced.error().code(), Errc::kKeyMismatch);
}

TEST(SignatureAttacks, EcdsaTokenWithTheWrongCurveIsRejected) {
  const jot::Key p384 = jot::Key::generate(Algorithm::kES384).value();
  const std::string token = sign_token(server_key(), Algorithm::kES256);
  jot::VerifyOptions options = signature_only();
  options.algorithms = {Algorithm::kES256};
  auto result = jot::try_verify(token, p384, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyMismatch);
}

// --- ECDSA signature encoding ------------------------------------------------------------

TEST(SignatureAttacks, EcdsaPsychicSignatureZeroZeroIsRejected) {  // CVE-2022-21449
  struct Case {
    Algorithm alg;
    const char* name;
    std::size_t size;
    jot::Key key;
  };
  const Case cases[] = {
      {Algorithm::kES256, "ES256", 64, server_key()},
      {Algorithm::kES384, "ES384", 96, jot::Key::generate(Algorithm::kES384).value()},
      {Algorithm::kES512, "ES512", 132, jot::Key::generate(Algorithm::kES512).value()},
  };
  for (const auto& c : cases) {
    const std::string header = std::string(R"({"alg":")") + c.name + R"("})";
    const std::string token = forge(header, kPayload, std::string(c.size, '\0'));
    auto result = jot::try_verify(token, c.key, signature_only());
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code(), Errc::kInvalidSignature) << c.name;
  }
}

TEST(SignatureAttacks, EcdsaDerEncodedSignatureIsRejected) {
  const std::string token = sign_token(server_key(), Algorithm::kES256);
  const std::string raw = signature_bytes(token);
  ASSERT_EQ(raw.size(), 64u);
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  ASSERT_EQ(ECDSA_SIG_set0(sig.get(), r, s), 1);
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
  ASSERT_GT(der_len, 0);
  const std::string der_sig(reinterpret_cast<const char*>(der), static_cast<std::size_t>(der_len));
  OPENSSL_free(der);
  auto result =
      jot::try_verify(signing_input(token) + "." + b64(der_sig), server_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kInvalidSignature);
  // The genuine raw signature passes.
  EXPECT_TRUE(jot::try_verify(token, server_key(), signature_only()));
}

TEST(SignatureAttacks, EcdsaHighSSignatureIsStillAccepted) {
  // ECDSA signatures are malleable: (r, n - s) is valid too. JWS does not require low-S,
  // and other libraries produce both forms, so rejecting it would be a false reject.
  const std::string token = sign_token(server_key(), Algorithm::kES256);
  const std::string raw = signature_bytes(token);
  std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> group(
      EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), EC_GROUP_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> s(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr), BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> flipped(BN_new(), BN_free);
  ASSERT_EQ(BN_sub(flipped.get(), EC_GROUP_get0_order(group.get()), s.get()), 1);
  unsigned char s_bytes[32];
  ASSERT_EQ(BN_bn2binpad(flipped.get(), s_bytes, 32), 32);
  const std::string high_s = raw.substr(0, 32) + std::string(reinterpret_cast<char*>(s_bytes), 32);
  ASSERT_NE(high_s, raw);
  EXPECT_TRUE(
      jot::try_verify(signing_input(token) + "." + b64(high_s), server_key(), signature_only()));
}

TEST(SignatureAttacks, EcdsaSignatureWithROrSOutOfRangeIsRejected) {
  const std::string token = sign_token(server_key(), Algorithm::kES256);
  const std::string raw = signature_bytes(token);
  std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> group(
      EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), EC_GROUP_free);
  unsigned char n[32];
  ASSERT_EQ(BN_bn2binpad(EC_GROUP_get0_order(group.get()), n, 32), 32);
  const std::string order(reinterpret_cast<char*>(n), 32);
  for (const std::string& forged : {order + raw.substr(32), raw.substr(0, 32) + order,
                                    std::string(32, '\xff') + raw.substr(32)}) {
    auto result =
        jot::try_verify(signing_input(token) + "." + b64(forged), server_key(), signature_only());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), Errc::kInvalidSignature);
  }
}

// --- RSA ---------------------------------------------------------------------------------

TEST(SignatureAttacks, RsaSignatureOfTheWrongLengthIsRejected) {
  for (Algorithm alg : {Algorithm::kRS256, Algorithm::kPS256}) {
    const std::string token = sign_token(rsa_key(), alg);
    const std::string raw = signature_bytes(token);
    // A leading zero byte stripped, or one added: both must fail (no lenient padding).
    for (const std::string& forged :
         {raw.substr(1), std::string(1, '\0') + raw, raw.substr(0, 128)}) {
      auto result =
          jot::try_verify(signing_input(token) + "." + b64(forged), rsa_key(), signature_only());
      ASSERT_FALSE(result);
      EXPECT_EQ(result.error().code(), Errc::kInvalidSignature);
    }
    EXPECT_TRUE(jot::try_verify(token, rsa_key(), signature_only()));
  }
}

TEST(SignatureAttacks, RsaPublicExponentOneIsRefused) {
  // n is a real 2048-bit modulus; with e = 1 "signatures" are the padded message itself.
  const std::string jwk = rsa_key().public_jwk().value();
  auto parsed = jot::JsonObject::parse(jwk).value();
  const std::string n(parsed.get_string("n").value());
  for (const char* e : {"AQ", "Ag", "AAE"}) {  // 1, 2, 1 with a leading zero
    auto key = jot::Key::from_jwk(R"({"kty":"RSA","n":")" + n + R"(","e":")" + e + R"("})");
    ASSERT_FALSE(key) << e;
  }
}

// --- Every bit of the signature matters --------------------------------------------------

TEST(SignatureAttacks, ChangingAnySignatureByteIsDetectedForEveryAlgorithm) {
  for (Algorithm alg : {Algorithm::kHS256, Algorithm::kHS384, Algorithm::kHS512, Algorithm::kRS256,
                        Algorithm::kPS512, Algorithm::kES256, Algorithm::kES384, Algorithm::kES512,
                        Algorithm::kES256K, Algorithm::kEdDSA}) {
    const jot::Key key = jot::Key::generate(alg).value();
    const std::string token = sign_token(key, alg);
    ASSERT_TRUE(jot::try_verify(token, key, signature_only())) << jot::to_string(alg);
    const std::string raw = signature_bytes(token);
    for (std::size_t i = 0; i < raw.size(); i += 7) {
      std::string forged = raw;
      forged[i] = static_cast<char>(forged[i] ^ 0x01);
      auto result =
          jot::try_verify(signing_input(token) + "." + b64(forged), key, signature_only());
      ASSERT_FALSE(result) << jot::to_string(alg) << " byte " << i;
      EXPECT_EQ(result.error().code(), Errc::kInvalidSignature);
    }
  }
}

TEST(SignatureAttacks, SignatureStrippedTokenIsRejected) {
  const std::string token = sign_token(hs256_key(), Algorithm::kHS256);
  auto result = jot::try_verify(signing_input(token) + ".", hs256_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "jwt signature is required");
}

TEST(SignatureAttacks, AlgorithmNamesAreCaseSensitive) {
  const std::string header = R"({"alg":"hs256","typ":"JWT"})";
  const std::string input = b64(header) + "." + b64(kPayload);
  const std::string token = input + "." + b64(std::string(32, 'x'));
  auto result = jot::try_verify(token, hs256_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kAlgNotAllowed);
}

}  // namespace
