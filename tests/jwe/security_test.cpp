// The JWE security rules (docs/security.md, "JWE"), one test each.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "jot/base64url.hpp"
#include "jot/jwe.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"
#include "jwe_test_util.hpp"
#include "support/alloc_counter.hpp"

namespace {

using jot::ContentEncryption;
using jot::Curve;
using jot::Errc;
using jot::Key;
using jot::KeyManagement;
namespace jwe = jot::jwe;

using jwe::test::allow;

std::string segment(const std::string& token, int index) {
  std::size_t begin = 0;
  for (int i = 0; i < index; ++i) begin = token.find('.', begin) + 1;
  const std::size_t end = token.find('.', begin);
  return token.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

std::string replace_segment(const std::string& token, int index, const std::string& value) {
  std::string out;
  for (int i = 0; i < 5; ++i) {
    if (i > 0) out += '.';
    out += i == index ? value : segment(token, i);
  }
  return out;
}

std::string header_of(const std::string& token) {
  return jot::base64url::decode(segment(token, 0)).value();
}

std::string with_header(const std::string& token, const std::string& header_json) {
  return replace_segment(token, 0, jot::base64url::encode(header_json));
}

// Replaces the value of `member` (a JSON string or object value) in a compact header text.
std::string replace_member(std::string header, const std::string& member,
                           const std::string& value) {
  const jot::JsonObject parsed = jot::JsonObject::parse(header).value();
  jot::JsonObject::Builder builder(parsed);
  EXPECT_TRUE(builder.set_json(member, value));
  return std::move(builder).build().to_json();
}

std::string flip_first(std::string text) {
  text[0] = text[0] == 'A' ? 'B' : 'A';
  return text;
}

void expect_decryption_failed(const jot::Result<jwe::Decrypted>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kInvalidSignature);
  EXPECT_EQ(result.error().message(), "decryption failed");
}

TEST(JweSecurity, EpkOnAnotherCurveIsRefused) {
  const Key key = Key::generate(Curve::kP256).value();
  const std::string token =
      jwe::encrypt("x", key, {KeyManagement::kEcdhEs, ContentEncryption::kA128GCM});
  ASSERT_TRUE(jwe::try_decrypt(token, key, allow(KeyManagement::kEcdhEs)));
  const std::string p384 = Key::generate(Curve::kP384).value().public_jwk().value();
  const std::string x25519 = Key::generate(Curve::kX25519).value().public_jwk().value();
  for (const std::string& epk : {p384, x25519}) {
    auto refused =
        jwe::try_decrypt(with_header(token, replace_member(header_of(token), "epk", epk)), key,
                         allow(KeyManagement::kEcdhEs));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), Errc::kMalformed);
    EXPECT_NE(refused.error().message().find("epk"), std::string_view::npos);
  }
}

TEST(JweSecurity, EpkOffTheCurveIsRefused) {
  const Key key = Key::generate(Curve::kP256).value();
  const std::string token =
      jwe::encrypt("x", key, {KeyManagement::kEcdhEs, ContentEncryption::kA128GCM});
  const jot::JsonObject header = jot::JsonObject::parse(header_of(token)).value();
  const jot::JsonObject epk = jot::JsonObject::parse(header.get_json("epk").value()).value();
  // (x, y+1) is not on P-256: the invalid-curve attack's probe point.
  std::string y = jot::base64url::decode(epk.get_string("y").value()).value();
  y.back() = static_cast<char>(y.back() ^ 1);
  jot::JsonObject::Builder changed(epk);
  changed.set("y", jot::base64url::encode(y));
  const std::string bad_epk = std::move(changed).build().to_json();
  auto refused =
      jwe::try_decrypt(with_header(token, replace_member(header_of(token), "epk", bad_epk)), key,
                       allow(KeyManagement::kEcdhEs));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kMalformed);
}

TEST(JweSecurity, AllZeroX25519SharedSecretIsRefused) {
  for (Curve curve : {Curve::kX25519, Curve::kX448}) {
    const Key key = Key::generate(curve).value();
    const std::string token =
        jwe::encrypt("x", key, {KeyManagement::kEcdhEs, ContentEncryption::kA128GCM});
    // u = 0 is a point of small order: every scalar maps it to the all-zero secret.
    const std::size_t size = curve == Curve::kX25519 ? 32 : 56;
    const std::string zero = std::string(R"({"kty":"OKP","crv":")") +
                             (curve == Curve::kX25519 ? "X25519" : "X448") + R"(","x":")" +
                             jot::base64url::encode(std::string(size, '\0')) + R"("})";
    expect_decryption_failed(
        jwe::try_decrypt(with_header(token, replace_member(header_of(token), "epk", zero)), key,
                         allow(KeyManagement::kEcdhEs)));
  }
}

TEST(JweSecurity, Pbes2CountAboveTheCapIsRefusedBeforeAnyWork) {
  const Key key = Key::from_password("hunter2 hunter2").value();
  jwe::EncryptOptions how{KeyManagement::kPbes2Hs256A128KW, ContentEncryption::kA128GCM};
  how.pbes2_count = 1000;
  const std::string token = jwe::encrypt("x", key, how);
  const auto started = std::chrono::steady_clock::now();
  for (const char* count : {"10001", "2000000000", "0", "-5", "1.5", "\"1000\""}) {
    auto refused =
        jwe::try_decrypt(with_header(token, replace_member(header_of(token), "p2c", count)), key,
                         allow(KeyManagement::kPbes2Hs256A128KW));
    ASSERT_FALSE(refused) << count;
    EXPECT_EQ(refused.error().code(),
              std::string(count) == "10001" || std::string(count) == "2000000000"
                  ? Errc::kLimitExceeded
                  : Errc::kMalformed)
        << count;
  }
  // Two billion PBKDF2 iterations would take minutes: the refusal took no work.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  // The cap itself can be lowered, never raised above kMaxPbes2Count.
  jwe::DecryptOptions options = allow(KeyManagement::kPbes2Hs256A128KW);
  options.max_pbes2_count = 4000000000U;
  auto refused = jwe::try_decrypt(
      with_header(token, replace_member(header_of(token), "p2c", "1000001")), key, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kLimitExceeded);
  // Encrypting below RFC 7518's minimum of 1000 iterations is refused.
  how.pbes2_count = 999;
  EXPECT_EQ(jwe::try_encrypt("x", key, how).error().code(), Errc::kInvalidOption);
}

TEST(JweSecurity, Pbes2SaltOfFewerThanEightBytesIsRefused) {
  const Key key = Key::from_password("hunter2 hunter2").value();
  jwe::EncryptOptions how{KeyManagement::kPbes2Hs256A128KW, ContentEncryption::kA128GCM};
  how.pbes2_count = 1000;
  const std::string token = jwe::encrypt("x", key, how);
  const std::string short_salt = "\"" + jot::base64url::encode("1234567") + "\"";
  auto refused =
      jwe::try_decrypt(with_header(token, replace_member(header_of(token), "p2s", short_salt)), key,
                       allow(KeyManagement::kPbes2Hs256A128KW));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kMalformed);
  how.pbes2_salt_bytes = 7;
  EXPECT_EQ(jwe::try_encrypt("x", key, how).error().code(), Errc::kInvalidOption);
}

TEST(JweSecurity, IvAndTagLengthsAreExact) {
  for (ContentEncryption enc : jot::all_content_encryption()) {
    const Key key = Key::generate(enc).value();
    const std::string token = jwe::encrypt("payload", key, {KeyManagement::kDir, enc});
    const std::string iv = jot::base64url::decode(segment(token, 2)).value();
    const std::string tag = jot::base64url::decode(segment(token, 4)).value();
    // A truncated tag (a 96-bit GCM tag, a half CBC-HS tag), a longer one, a short or long IV.
    for (const std::string& bad_tag :
         {tag.substr(0, 12), tag.substr(0, tag.size() / 2), tag + "x"}) {
      auto refused = jwe::try_decrypt(replace_segment(token, 4, jot::base64url::encode(bad_tag)),
                                      key, allow(KeyManagement::kDir));
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code(), Errc::kMalformed);
      EXPECT_EQ(refused.error().subject(), "tag");
    }
    for (const std::string& bad_iv : {iv.substr(0, 8), iv + "1234"}) {
      auto refused = jwe::try_decrypt(replace_segment(token, 2, jot::base64url::encode(bad_iv)),
                                      key, allow(KeyManagement::kDir));
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code(), Errc::kMalformed);
      EXPECT_EQ(refused.error().subject(), "iv");
    }
  }
}

TEST(JweSecurity, KeyLengthsAreExact) {
  const Key k16 = Key::generate(KeyManagement::kA128KW).value();
  EXPECT_EQ(jwe::try_encrypt("x", k16, {KeyManagement::kA256KW, ContentEncryption::kA128GCM})
                .error()
                .code(),
            Errc::kKeyMismatch);
  EXPECT_EQ(
      jwe::try_encrypt("x", k16, {KeyManagement::kDir, ContentEncryption::kA256GCM}).error().code(),
      Errc::kKeyMismatch);
  EXPECT_TRUE(jwe::try_encrypt("x", k16, {KeyManagement::kDir, ContentEncryption::kA128GCM}));
}

TEST(JweSecurity, AesKeyWrapIntegrityIsChecked) {
  for (KeyManagement alg : {KeyManagement::kA128KW, KeyManagement::kA256GCMKW,
                            KeyManagement::kEcdhEsA128KW, KeyManagement::kPbes2Hs256A128KW}) {
    const Key key = alg == KeyManagement::kEcdhEsA128KW ? Key::generate(Curve::kP256).value()
                                                        : Key::generate(alg).value();
    jwe::EncryptOptions how{alg, ContentEncryption::kA128GCM};
    how.pbes2_count = 1000;
    const std::string token = jwe::encrypt("x", key, how);
    expect_decryption_failed(jwe::try_decrypt(
        replace_segment(token, 1, flip_first(segment(token, 1))), key, allow(alg)));
  }
}

TEST(JweSecurity, CbcHmacPaddingAndTagFailuresLookTheSame) {
  const Key key = Key::generate(ContentEncryption::kA128CbcHs256).value();
  const std::string token = jwe::encrypt("sixteen bytes!!!", key,
                                         {KeyManagement::kDir, ContentEncryption::kA128CbcHs256});
  // A changed last ciphertext block breaks the padding and the tag; a changed tag only the
  // tag; a changed IV both. The tag is checked first, so all three read the same.
  const std::string ct = jot::base64url::decode(segment(token, 3)).value();
  std::string last_changed = ct;
  last_changed.back() = static_cast<char>(last_changed.back() ^ 0x01);
  expect_decryption_failed(
      jwe::try_decrypt(replace_segment(token, 3, jot::base64url::encode(last_changed)), key,
                       allow(KeyManagement::kDir)));
  expect_decryption_failed(jwe::try_decrypt(
      replace_segment(token, 4, flip_first(segment(token, 4))), key, allow(KeyManagement::kDir)));
  expect_decryption_failed(jwe::try_decrypt(
      replace_segment(token, 2, flip_first(segment(token, 2))), key, allow(KeyManagement::kDir)));
}

TEST(JweSecurity, RsaFailuresAreIndistinguishableFromTagFailures) {
  const Key key = Key::generate(KeyManagement::kRsaOaep256).value();
  const std::string token =
      jwe::encrypt("x", key, {KeyManagement::kRsaOaep256, ContentEncryption::kA256GCM});
  expect_decryption_failed(
      jwe::try_decrypt(replace_segment(token, 1, flip_first(segment(token, 1))), key,
                       allow(KeyManagement::kRsaOaep256)));
  // A block of the wrong length, too.
  expect_decryption_failed(
      jwe::try_decrypt(replace_segment(token, 1, "AAAA"), key, allow(KeyManagement::kRsaOaep256)));
  expect_decryption_failed(
      jwe::try_decrypt(replace_segment(token, 4, flip_first(segment(token, 4))), key,
                       allow(KeyManagement::kRsaOaep256)));
}

TEST(JweSecurity, Rsa1_5IsRefusedByDefault) {
  const Key key = Key::generate(KeyManagement::kRsa1_5).value();
  jwe::EncryptOptions how{KeyManagement::kRsa1_5, ContentEncryption::kA128CbcHs256};
  EXPECT_EQ(jwe::try_encrypt("x", key, how).error().code(), Errc::kAlgNotAllowed);
  how.insecure_allow_rsa1_5 = true;
  const std::string token = jwe::encrypt("x", key, how);
  jwe::DecryptOptions options = allow(KeyManagement::kRsa1_5);
  EXPECT_EQ(jwe::try_decrypt(token, key, options).error().code(), Errc::kAlgNotAllowed);
  options.insecure_allow_rsa1_5 = true;
  EXPECT_EQ(jwe::decrypt(token, key, options).plaintext, "x");
  expect_decryption_failed(
      jwe::try_decrypt(replace_segment(token, 1, flip_first(segment(token, 1))), key, options));
}

TEST(JweSecurity, CritIsHandledAsForJws) {
  const Key key = Key::generate(ContentEncryption::kA128GCM).value();
  jwe::EncryptOptions how{KeyManagement::kDir, ContentEncryption::kA128GCM};
  how.header_json = R"({"crit":["exp"],"exp":1})";
  const std::string token = jwe::encrypt("x", key, how);
  auto refused = jwe::try_decrypt(token, key, allow(KeyManagement::kDir));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kCritUnsupported);
  jwe::DecryptOptions options = allow(KeyManagement::kDir);
  options.understood_crit = {"exp"};
  EXPECT_TRUE(jwe::try_decrypt(token, key, options));
  // A malformed crit (naming a registered parameter) is refused on both sides.
  how.header_json = R"({"crit":["enc"]})";
  EXPECT_EQ(jwe::try_encrypt("x", key, how).error().code(), Errc::kInvalidOption);
}

TEST(JweSecurity, HeaderKeysAndUrlsAreNeverUsed) {
  // jku/x5u point at a port nothing listens on and jwk at another key: decryption uses the
  // caller's key and fetches nothing.
  const Key key = Key::generate(KeyManagement::kA128KW).value();
  const Key other = Key::generate(KeyManagement::kA128KW).value();
  jwe::EncryptOptions how{KeyManagement::kA128KW, ContentEncryption::kA128GCM};
  how.header_json = R"({"jku":"http://127.0.0.1:1/jwks","x5u":"http://127.0.0.1:1/cert","jwk":)" +
                    other.private_jwk().value() + "}";
  const std::string token = jwe::encrypt("x", key, how);
  EXPECT_EQ(jwe::decrypt(token, key, allow(KeyManagement::kA128KW)).plaintext, "x");
  expect_decryption_failed(jwe::try_decrypt(token, other, allow(KeyManagement::kA128KW)));
}

TEST(JweSecurity, SizeLimits) {
  const Key key = Key::generate(KeyManagement::kA128KW).value();
  const std::string token = jwe::encrypt(std::string(2000, 'a'), key,
                                         {KeyManagement::kA128KW, ContentEncryption::kA128GCM});
  jwe::DecryptOptions options = allow(KeyManagement::kA128KW);
  options.max_token_bytes = token.size() - 1;
  EXPECT_EQ(jwe::try_decrypt(token, key, options).error().code(), Errc::kLimitExceeded);
  options = allow(KeyManagement::kA128KW);
  options.max_encrypted_key_bytes = 16;
  EXPECT_EQ(jwe::try_decrypt(token, key, options).error().code(), Errc::kLimitExceeded);
  options = allow(KeyManagement::kA128KW);
  options.limits.max_bytes = 20;
  EXPECT_EQ(jwe::try_decrypt(token, key, options).error().code(), Errc::kLimitExceeded);
}

TEST(JweSecurity, AJwsIsNotAJwe) {
  const Key key = Key::generate(jot::Algorithm::kHS256).value();
  const std::string jws = jot::sign(R"({"sub":"a"})", key);
  auto refused = jwe::try_decrypt(jws, key, allow(KeyManagement::kDir));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kMalformed);
  EXPECT_NE(refused.error().message().find("JWS"), std::string_view::npos);
}

TEST(JweSecurity, AllowListsAreExplicit) {
  const Key key = Key::generate(KeyManagement::kA128KW).value();
  const std::string token =
      jwe::encrypt("x", key, {KeyManagement::kA128KW, ContentEncryption::kA128GCM});
  EXPECT_EQ(jwe::try_decrypt(token, key, jwe::DecryptOptions{}).error().code(),
            Errc::kInvalidOption);
  EXPECT_EQ(jwe::try_decrypt(token, key, allow(KeyManagement::kA256KW)).error().code(),
            Errc::kAlgNotAllowed);
  jwe::DecryptOptions options = allow(KeyManagement::kA128KW);
  options.encryptions = {ContentEncryption::kA256GCM};
  EXPECT_EQ(jwe::try_decrypt(token, key, options).error().code(), Errc::kAlgNotAllowed);
  options.encryptions = {ContentEncryption::kA128GCM};
  EXPECT_TRUE(jwe::try_decrypt(token, key, options));
}

// A token with a wrong tag is rejected without a heap allocation on jot's side, for the
// symmetric key-management algorithms (the asymmetric ones allocate inside OpenSSL).
TEST(JweSecurity, WrongTagIsRejectedWithoutHeapAllocation) {
  struct Case {
    KeyManagement alg;
    ContentEncryption enc;
  };
  for (const Case& c : {Case{KeyManagement::kDir, ContentEncryption::kA256GCM},
                        Case{KeyManagement::kDir, ContentEncryption::kA128CbcHs256},
                        Case{KeyManagement::kA256KW, ContentEncryption::kA256GCM},
                        Case{KeyManagement::kA128GCMKW, ContentEncryption::kA256CbcHs512}}) {
    SCOPED_TRACE(std::string(jot::to_string(c.alg)) + " " + std::string(jot::to_string(c.enc)));
    const Key key =
        c.alg == KeyManagement::kDir ? Key::generate(c.enc).value() : Key::generate(c.alg).value();
    const std::string token = jwe::encrypt(std::string(1024, 'p'), key, {c.alg, c.enc});
    const std::string bad = replace_segment(token, 4, flip_first(segment(token, 4)));
    const jwe::DecryptOptions options = allow(c.alg);
    ASSERT_TRUE(jwe::try_decrypt(token, key, options));  // warms the thread's contexts
    expect_decryption_failed(jwe::try_decrypt(bad, key, options));
    const long allocations = jot_test::count_allocations([&] {
      auto result = jwe::try_decrypt(bad, key, options);
      EXPECT_FALSE(result);
    });
    EXPECT_EQ(allocations, 0);
  }
}

}  // namespace
