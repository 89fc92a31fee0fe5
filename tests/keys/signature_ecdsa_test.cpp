// ECDSA specifics: the raw r‖s ⇄ DER conversion against OpenSSL's own encoder, and the
// signatures that must fail before any curve arithmetic: other lengths, DER given where raw
// is expected, r or s equal to 0 (CVE-2022-21449, "psychic signatures") or ≥ the order n.

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <cstddef>
#include <string>
#include <vector>

#include "keys/ecdsa.hpp"
#include "signature_test_helpers.hpp"
#include "support/key_internals.hpp"
#include "support/vectors.hpp"

namespace {

using jot::Algorithm;
using jot::Curve;
using jot_sig_test::generated;
using jot_sig_test::sign;
using jot_sig_test::verify;

struct CurveCase {
  Algorithm alg;
  Curve curve;
  int nid;
  std::size_t width;
};

const CurveCase kCurves[] = {
    {Algorithm::kES256, Curve::kP256, NID_X9_62_prime256v1, 32},
    {Algorithm::kES384, Curve::kP384, NID_secp384r1, 48},
    {Algorithm::kES512, Curve::kP521, NID_secp521r1, 66},
    {Algorithm::kES256K, Curve::kSecp256k1, NID_secp256k1, 32},
};

// The group order n of the curve, big-endian, padded to the field width.
std::string order_bytes(const CurveCase& c) {
  EC_GROUP* group = EC_GROUP_new_by_curve_name(c.nid);
  EXPECT_NE(group, nullptr);
  std::string out(c.width, '\0');
  EXPECT_EQ(BN_bn2binpad(EC_GROUP_get0_order(group), reinterpret_cast<unsigned char*>(out.data()),
                         static_cast<int>(c.width)),
            static_cast<int>(c.width));
  EC_GROUP_free(group);
  return out;
}

// OpenSSL's DER encoding of (r, s) given as big-endian bytes.
std::string openssl_der(std::string_view r, std::string_view s) {
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* br = BN_bin2bn(reinterpret_cast<const unsigned char*>(r.data()),
                         static_cast<int>(r.size()), nullptr);
  BIGNUM* bs = BN_bin2bn(reinterpret_cast<const unsigned char*>(s.data()),
                         static_cast<int>(s.size()), nullptr);
  EXPECT_EQ(ECDSA_SIG_set0(sig, br, bs), 1);
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig, &der);
  EXPECT_GT(length, 0);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  return out;
}

std::string jot_der(Curve curve, std::string_view raw) {
  unsigned char der[jot::detail::kMaxEcdsaDer];
  const std::size_t length = jot::detail::ecdsa_raw_to_der(curve, raw, der);
  return std::string(reinterpret_cast<const char*>(der), length);
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  EXPECT_EQ(RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)), 1);
  return out;
}

// A scalar in [1, n-1] from random bytes: clearing the top byte keeps it below n for
// every curve here (all orders have a non-zero top byte), a set last bit keeps it non-zero.
std::string random_scalar(const CurveCase& c) {
  std::string x = random_bytes(c.width);
  x[0] = 0;
  x[c.width - 1] = static_cast<char>(x[c.width - 1] | 1);
  return x;
}

class EachCurve : public ::testing::TestWithParam<CurveCase> {};

TEST_P(EachCurve, RawToDerMatchesOpenSsl) {
  const CurveCase& c = GetParam();
  const std::string n = order_bytes(c);
  std::string n_minus_1 = n;
  n_minus_1.back() = static_cast<char>(n_minus_1.back() - 1);  // n is odd: no borrow
  std::string one(c.width, '\0');
  one.back() = 1;
  std::string top_bit = random_scalar(c);  // largest byte with the top bit set, below n
  top_bit[0] = static_cast<char>(0x80 & n[0]);
  if (top_bit[0] == 0) top_bit[1] = static_cast<char>(0x80);
  std::string leading_zeros(c.width, '\0');
  leading_zeros[c.width - 3] = 0x7f;

  std::vector<std::pair<std::string, std::string>> pairs = {
      {one, one},     {n_minus_1, n_minus_1},   {one, n_minus_1},
      {top_bit, one}, {leading_zeros, top_bit}, {n_minus_1, leading_zeros},
  };
  for (int i = 0; i < 200; ++i) pairs.emplace_back(random_scalar(c), random_scalar(c));
  // Random full-width values below n (top bits as random as the order allows).
  for (int i = 0; i < 200; ++i) {
    std::string r = random_bytes(c.width);
    std::string s = random_bytes(c.width);
    if (r >= n || s >= n) continue;  // byte-string order = numeric order at equal width
    if (r == std::string(c.width, '\0') || s == std::string(c.width, '\0')) continue;
    pairs.emplace_back(r, s);
  }
  for (const auto& [r, s] : pairs) {
    const std::string raw = r + s;
    const std::string der = jot_der(c.curve, raw);
    ASSERT_EQ(der, openssl_der(r, s)) << jot_test::hex_encode(raw);
    std::string back;
    ASSERT_TRUE(jot::detail::ecdsa_der_to_raw(
        c.curve, reinterpret_cast<const unsigned char*>(der.data()), der.size(), back));
    EXPECT_EQ(back, raw);
  }
}

TEST_P(EachCurve, ScalarsOutOfRangeAreRefusedBeforeOpenSsl) {
  const CurveCase& c = GetParam();
  const std::string n = order_bytes(c);
  const std::string zero(c.width, '\0');
  const std::string ones(c.width, '\xff');
  const std::string good = random_scalar(c);
  for (const auto& [r, s] : std::vector<std::pair<std::string, std::string>>{{zero, zero},
                                                                             {zero, good},
                                                                             {good, zero},
                                                                             {n, good},
                                                                             {good, n},
                                                                             {n, n},
                                                                             {ones, good},
                                                                             {good, ones}}) {
    EXPECT_EQ(jot_der(c.curve, r + s), "");
  }
}

TEST_P(EachCurve, InvalidScalarsNeverVerify) {
  const CurveCase& c = GetParam();
  const jot::Key key = jot_sig_test::shared_key(c.alg);
  const std::string input = "header.payload";
  const std::string sig = sign(c.alg, key, input);
  ASSERT_EQ(sig.size(), 2 * c.width);
  ASSERT_TRUE(verify(c.alg, key, input, sig));
  const std::string r = sig.substr(0, c.width);
  const std::string s = sig.substr(c.width);
  const std::string n = order_bytes(c);
  const std::string zero(c.width, '\0');
  // CVE-2022-21449: r = s = 0 "verifies" any message in a broken verifier.
  EXPECT_FALSE(verify(c.alg, key, input, zero + zero));
  EXPECT_FALSE(verify(c.alg, key, "", zero + zero));
  EXPECT_FALSE(verify(c.alg, key, input, zero + s));
  EXPECT_FALSE(verify(c.alg, key, input, r + zero));
  EXPECT_FALSE(verify(c.alg, key, input, n + s));
  EXPECT_FALSE(verify(c.alg, key, input, r + n));
  EXPECT_FALSE(verify(c.alg, key, input, n + n));
}

TEST_P(EachCurve, DerAndOtherLengthsNeverVerify) {
  const CurveCase& c = GetParam();
  const jot::Key key = jot_sig_test::shared_key(c.alg);
  const std::string input = "header.payload";
  const std::string sig = sign(c.alg, key, input);
  const std::string r = sig.substr(0, c.width);
  const std::string s = sig.substr(c.width);
  // The DER form of this very (valid) signature: raw-vs-DER confusion must not verify.
  EXPECT_FALSE(verify(c.alg, key, input, openssl_der(r, s)));
  EXPECT_FALSE(verify(c.alg, key, input, sig.substr(0, sig.size() - 1)));
  EXPECT_FALSE(verify(c.alg, key, input, sig + '\0'));
  EXPECT_FALSE(verify(c.alg, key, input, std::string(1, '\0') + sig));
  // r and s swapped is a different signature.
  EXPECT_FALSE(verify(c.alg, key, input, s + r));
}

std::string curve_case_name(const ::testing::TestParamInfo<CurveCase>& param) {
  return std::string(jot::to_string(param.param.alg));
}

INSTANTIATE_TEST_SUITE_P(Curves, EachCurve, ::testing::ValuesIn(kCurves), curve_case_name);

TEST(Ecdsa, Es256SixtyThreeAndSixtyFiveBytesFail) {
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kES256);
  const std::string sig = sign(Algorithm::kES256, key, "in");
  ASSERT_EQ(sig.size(), 64U);
  EXPECT_FALSE(verify(Algorithm::kES256, key, "in", sig.substr(0, 63)));
  EXPECT_FALSE(verify(Algorithm::kES256, key, "in", sig.substr(1)));
  EXPECT_FALSE(verify(Algorithm::kES256, key, "in", sig + 'x'));
  EXPECT_FALSE(verify(Algorithm::kES256, key, "in", std::string(1, '\0') + sig));
}

TEST(Ecdsa, CurveMustMatchAlgorithm) {
  // An ES256 signature checked as ES384 / ES256K with the same P-256 key: refused.
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kES256);
  const std::string sig = sign(Algorithm::kES256, key, "in");
  EXPECT_FALSE(verify(Algorithm::kES256K, key, "in", sig));
  EXPECT_FALSE(verify(Algorithm::kES384, key, "in", sig));
  std::string out;
  EXPECT_FALSE(jot::detail::sign_bytes(Algorithm::kES384, jot_test::key_data(key), "in", out));
  EXPECT_FALSE(jot::detail::sign_bytes(Algorithm::kES256K, jot_test::key_data(key), "in", out));
}

TEST(Ecdsa, MalformedDerIsRefused) {
  std::string out;
  const unsigned char garbage[] = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01};
  EXPECT_FALSE(jot::detail::ecdsa_der_to_raw(Curve::kP256, garbage, sizeof garbage, out));
  // Trailing bytes after a complete SEQUENCE.
  const unsigned char trailing[] = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00};
  EXPECT_FALSE(jot::detail::ecdsa_der_to_raw(Curve::kP256, trailing, sizeof trailing, out));
  // Only DER's minimal forms: a superfluous leading zero, a negative integer, a long-form
  // length where the short form fits, an empty integer, a length past the end, a value
  // wider than the field, an indefinite length.
  const std::vector<std::vector<unsigned char>> refused = {
      {0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01},
      {0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01},
      {0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},
      {0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01},
      {0x30, 0x06, 0x02, 0x05, 0x01, 0x02, 0x01, 0x01},
      {0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00},
      {0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},
      {0x30, 0x06, 0x03, 0x01, 0x01, 0x02, 0x01, 0x01},
  };
  for (const auto& der : refused) {
    EXPECT_FALSE(jot::detail::ecdsa_der_to_raw(Curve::kP256, der.data(), der.size(), out));
  }
  std::vector<unsigned char> wide = {0x30, 0x26, 0x02, 0x21};
  wide.insert(wide.end(), 33, 0x01);  // 33 significant bytes: wider than P-256's 32
  wide.insert(wide.end(), {0x02, 0x01, 0x01});
  EXPECT_FALSE(jot::detail::ecdsa_der_to_raw(Curve::kP256, wide.data(), wide.size(), out));
  EXPECT_TRUE(out.empty());
  // The smallest well-formed value pads to the field width.
  const unsigned char small[] = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02};
  ASSERT_TRUE(jot::detail::ecdsa_der_to_raw(Curve::kP256, small, sizeof small, out));
  EXPECT_EQ(out, std::string(31, '\0') + '\x01' + std::string(31, '\0') + '\x02');
  ERR_clear_error();
}

}  // namespace
