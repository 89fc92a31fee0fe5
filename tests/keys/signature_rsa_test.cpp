// RSA specifics: RSASSA-PSS parameters are exactly those of RFC 7518 §3.5 (MGF1 with the
// signature hash, salt = hash length) on sign and demanded on verify; signatures are exactly
// the modulus length; PKCS#1 v1.5 and PSS never verify each other's signatures.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <cstddef>
#include <string>

#include "signature_test_helpers.hpp"
#include "support/key_internals.hpp"

namespace {

using jot::Algorithm;
using jot_sig_test::generated;
using jot_sig_test::sign;
using jot_sig_test::verify;

// Signs with OpenSSL directly: RSASSA-PSS with the given hash, MGF1 hash and salt length.
std::string openssl_pss_sign(EVP_PKEY* pkey, const char* md, const char* mgf1_md, int salt,
                             std::string_view input) {
  jot::detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  EXPECT_EQ(EVP_DigestSignInit_ex(ctx.get(), &pctx, md, nullptr, nullptr, pkey, nullptr), 1);
  EXPECT_GT(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), 0);
  EXPECT_GT(EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, mgf1_md, nullptr), 0);
  EXPECT_GT(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt), 0);
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()), 1);
  std::string sig(length, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &length, data,
                           input.size()),
            1);
  sig.resize(length);
  return sig;
}

TEST(RsaPss, SaltLengthMustBeTheHashLength) {
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kPS256);
  EVP_PKEY* pkey = jot_test::pkey_of(key);
  const std::string input = "header.payload";
  // The harness itself: OpenSSL's PSS with salt = 32 is exactly jot's PS256.
  EXPECT_TRUE(
      verify(Algorithm::kPS256, key, input, openssl_pss_sign(pkey, "SHA256", "SHA256", 32, input)));
  for (int salt : {0, 20, 31, 33, 64, RSA_PSS_SALTLEN_MAX}) {
    const std::string sig = openssl_pss_sign(pkey, "SHA256", "SHA256", salt, input);
    EXPECT_FALSE(verify(Algorithm::kPS256, key, input, sig)) << "salt " << salt;
  }
}

TEST(RsaPss, Ps512SaltLengthMustBe64) {
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kPS512);
  EVP_PKEY* pkey = jot_test::pkey_of(key);
  EXPECT_TRUE(
      verify(Algorithm::kPS512, key, "x", openssl_pss_sign(pkey, "SHA512", "SHA512", 64, "x")));
  EXPECT_FALSE(
      verify(Algorithm::kPS512, key, "x", openssl_pss_sign(pkey, "SHA512", "SHA512", 32, "x")));
  EXPECT_FALSE(
      verify(Algorithm::kPS512, key, "x", openssl_pss_sign(pkey, "SHA512", "SHA512", 0, "x")));
}

TEST(RsaPss, Mgf1HashMustBeTheSignatureHash) {
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kPS384);
  EVP_PKEY* pkey = jot_test::pkey_of(key);
  EXPECT_TRUE(
      verify(Algorithm::kPS384, key, "x", openssl_pss_sign(pkey, "SHA384", "SHA384", 48, "x")));
  EXPECT_FALSE(
      verify(Algorithm::kPS384, key, "x", openssl_pss_sign(pkey, "SHA384", "SHA1", 48, "x")));
  EXPECT_FALSE(
      verify(Algorithm::kPS384, key, "x", openssl_pss_sign(pkey, "SHA384", "SHA256", 48, "x")));
}

TEST(RsaPss, JotSignaturesUseTheHashLengthSalt) {
  // jot's own PS256 signature verifies under OpenSSL with salt fixed to 32 (not "auto").
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kPS256);
  const std::string sig = sign(Algorithm::kPS256, key, "msg");
  jot::detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  ASSERT_EQ(EVP_DigestVerifyInit_ex(ctx.get(), &pctx, "SHA256", nullptr, nullptr,
                                    jot_test::pkey_of(key), nullptr),
            1);
  ASSERT_GT(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), 0);
  ASSERT_GT(EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, "SHA256", nullptr), 0);
  ASSERT_GT(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32), 0);
  EXPECT_EQ(EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()),
                             sig.size(), reinterpret_cast<const unsigned char*>("msg"), 3),
            1);
  // PSS is randomised: two signatures of one message differ, both verify.
  const std::string again = sign(Algorithm::kPS256, key, "msg");
  EXPECT_NE(sig, again);
  EXPECT_TRUE(verify(Algorithm::kPS256, key, "msg", again));
}

TEST(Rsa, Pkcs1AndPssNeverCrossVerify) {
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kRS256);
  const std::string rs = sign(Algorithm::kRS256, key, "m");
  const std::string ps = sign(Algorithm::kPS256, key, "m");
  EXPECT_TRUE(verify(Algorithm::kRS256, key, "m", rs));
  EXPECT_TRUE(verify(Algorithm::kPS256, key, "m", ps));
  EXPECT_FALSE(verify(Algorithm::kPS256, key, "m", rs));
  EXPECT_FALSE(verify(Algorithm::kRS256, key, "m", ps));
  // Same padding, other hash.
  EXPECT_FALSE(verify(Algorithm::kRS384, key, "m", rs));
  EXPECT_FALSE(verify(Algorithm::kPS512, key, "m", ps));
}

TEST(Rsa, SignatureWithLeadingZeroStrippedIsRejected) {
  // PKCS#1 v1.5 is deterministic: vary the message until a signature starts with 0x00
  // (probability 1/256 each), then present it without that byte.
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kRS256);
  std::string input;
  std::string sig;
  for (int i = 0; i < 5000; ++i) {
    input = "message " + std::to_string(i);
    sig = sign(Algorithm::kRS256, key, input);
    if (sig[0] == '\0') break;
  }
  ASSERT_EQ(sig[0], '\0') << "no signature with a leading zero found";
  ASSERT_EQ(sig.size(), 256U);
  EXPECT_TRUE(verify(Algorithm::kRS256, key, input, sig));
  EXPECT_FALSE(verify(Algorithm::kRS256, key, input, sig.substr(1)));
}

TEST(Rsa, SignatureLengthFollowsTheModulus) {
  const jot::Key key = generated(Algorithm::kRS512, 3072);
  const std::string rs = sign(Algorithm::kRS512, key, "m");
  const std::string ps = sign(Algorithm::kPS512, key, "m");
  EXPECT_EQ(rs.size(), 384U);
  EXPECT_EQ(ps.size(), 384U);
  EXPECT_TRUE(verify(Algorithm::kRS512, key, "m", rs));
  EXPECT_TRUE(verify(Algorithm::kPS512, key, "m", ps));
  // A signature the size of a 2048-bit modulus (a value below n, zero-extended) is refused.
  EXPECT_FALSE(verify(Algorithm::kRS512, key, "m", rs.substr(128)));
}

TEST(Rsa, RsaPssKeysSignAndVerifyPs) {
  // An RSA-PSS key without parameter restrictions (EVP_PKEY_Q_keygen sets no size for it).
  jot::detail::PkeyCtxPtr gen(EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr));
  ASSERT_TRUE(gen);
  ASSERT_EQ(EVP_PKEY_keygen_init(gen.get()), 1);
  ASSERT_GT(EVP_PKEY_CTX_set_rsa_keygen_bits(gen.get(), 2048), 0);
  EVP_PKEY* raw = nullptr;
  ASSERT_EQ(EVP_PKEY_generate(gen.get(), &raw), 1);
  jot::detail::PkeyPtr pkey(raw);
  const jot::Key key = jot_sig_test::from_private_pkey(pkey.get());
  ASSERT_EQ(key.type(), jot::KeyType::kRsaPss);
  const std::string sig = sign(Algorithm::kPS256, key, "m");
  EXPECT_EQ(sig.size(), 256U);
  EXPECT_TRUE(verify(Algorithm::kPS256, key, "m", sig));
  EXPECT_FALSE(verify(Algorithm::kPS256, key, "M", sig));
  // An RSA-PSS key can never do PKCS#1 v1.5.
  std::string out;
  EXPECT_FALSE(jot::detail::sign_bytes(Algorithm::kRS256, jot_test::key_data(key), "m", out));
  EXPECT_FALSE(verify(Algorithm::kRS256, key, "m", sig));
}

}  // namespace
