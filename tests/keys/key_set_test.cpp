// KeySet: JWK Set parsing (skipping rules, errors, mixed sets), find, select, export.

#include <gtest/gtest.h>

#include <string>

#include "jot/key.hpp"
#include "key_test_util.hpp"
#include "test_keys.hpp"

namespace {

namespace json = boost::json;
using jot::Algorithm;
using jot::Errc;
using jot::Key;
using jot::KeySet;
using jot_key_test::jwk_with;
using jot_key_test::must;
using jot_key_test::thumb;
namespace tk = jot_test_keys;

std::string public_jwk(const char* pem, const char* kid) {
  return must(must(Key::from_pem(pem)).with_kid(kid).public_jwk());
}

std::string jwks(std::initializer_list<std::string> members) {
  std::string out = "{\"keys\":[";
  bool first = true;
  for (const std::string& m : members) {
    if (!first) out += ",";
    first = false;
    out += m;
  }
  return out + "]}";
}

KeySet must_set(jot::Result<KeySet> result) {
  if (!result) throw std::runtime_error(std::string(result.error().message()));
  return std::move(*result);
}

TEST(KeySetTest, FindAndSelect) {
  const KeySet set = must_set(
      KeySet::from_jwks(jwks({public_jwk(tk::kRsa2048Spki, "rsa"), public_jwk(tk::kP256Spki, "ec"),
                              public_jwk(tk::kEd25519Pkcs8, "ed")})));
  ASSERT_EQ(set.keys().size(), 3u);
  EXPECT_EQ(must(set.find("ec")).curve(), jot::Curve::kP256);
  EXPECT_EQ(must(set.find("rsa")).type(), jot::KeyType::kRsa);
  const auto missing = set.find("nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), Errc::kNoMatchingKey);
  EXPECT_EQ(missing.error().message(), "no key in the set has kid \"nope\"");

  EXPECT_EQ(must(set.select("ed", Algorithm::kEdDSA)).kid(), "ed");
  // Without kid: the single compatible key.
  EXPECT_EQ(must(set.select(std::nullopt, Algorithm::kES256)).kid(), "ec");
  EXPECT_EQ(must(set.select(std::nullopt, Algorithm::kPS512)).kid(), "rsa");
  EXPECT_EQ(must(set.select(std::nullopt, Algorithm::kEdDSA)).kid(), "ed");
  const auto none = set.select(std::nullopt, Algorithm::kES384);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), Errc::kNoMatchingKey);
  // An empty kid is a kid: it matches no key, and the algorithm does not choose instead.
  const auto empty = set.select("", Algorithm::kES256);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), Errc::kNoMatchingKey);
  EXPECT_EQ(empty.error().message(), "no key in the set has kid \"\"");
  // With a kid, the key is returned; its binding is checked by check_verify afterwards.
  const Key by_kid = must(set.select("ec", Algorithm::kRS256));
  EXPECT_FALSE(by_kid.check_verify(Algorithm::kRS256));
}

TEST(KeySetTest, SeveralCandidates) {
  const KeySet set = must_set(
      KeySet::from_jwks(jwks({public_jwk(tk::kRsa2048Spki, "a"), public_jwk(tk::kRsaE3, "b"),
                              public_jwk(tk::kP256Spki, "a")})));
  const auto ambiguous = set.select(std::nullopt, Algorithm::kRS256);
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().code(), Errc::kMultipleMatchingKeys);
  EXPECT_EQ(ambiguous.error().message(),
            "2 keys in the set can be used with RS256 and the token has no kid to choose");
  const auto duplicate = set.find("a");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), Errc::kMultipleMatchingKeys);
  // The same kid on an RSA and an EC key: the algorithm decides.
  EXPECT_EQ(must(set.select("a", Algorithm::kES256)).type(), jot::KeyType::kEc);
  EXPECT_EQ(must(set.select("a", Algorithm::kRS256)).type(), jot::KeyType::kRsa);
}

TEST(KeySetTest, EncryptionKeysAreKeptButNeverVerify) {
  const std::string ec = public_jwk(tk::kP256Spki, "ec");
  const KeySet set = must_set(KeySet::from_jwks(jwks({
      "{\"kty\":\"foo\",\"kid\":\"x\"}",
      jwk_with(public_jwk(tk::kRsa2048Spki, "enc"), "use", "enc"),
      jwk_with(public_jwk(tk::kRsa2048Spki, "oaep"), "alg", "RSA-OAEP"),
      jwk_with(public_jwk(tk::kRsa2048Spki, "other"), "use", "other"),
      jwk_with(public_jwk(tk::kRsa2048Spki, "unknown-alg"), "alg", "XYZ"),
      "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo\"}",
      ec,
  })));
  // Unknown kty, an unknown "use" and an unknown "alg" are skipped; encryption keys stay.
  ASSERT_EQ(set.keys().size(), 4u);
  EXPECT_EQ(set.keys()[3].kid(), "ec");
  // Only the signature key is ever chosen to verify.
  EXPECT_EQ(must(set.select(std::nullopt, Algorithm::kES256)).kid(), "ec");
  const auto rs256 = set.select(std::nullopt, Algorithm::kRS256);
  ASSERT_FALSE(rs256);
  EXPECT_EQ(rs256.error().code(), Errc::kNoMatchingKey);
  EXPECT_FALSE(must(set.find("enc")).check_verify(Algorithm::kRS256));
  EXPECT_FALSE(must(set.find("oaep")).check_verify(Algorithm::kRS256));
  EXPECT_TRUE(KeySet::from_jwks("{\"keys\":[]}"));
}

TEST(KeySetTest, MalformedMembersFailTheSet) {
  const auto missing_n =
      KeySet::from_jwks(jwks({public_jwk(tk::kP256Spki, "ec"),
                              jwk_with(public_jwk(tk::kRsa2048Spki, "r"), "n", nullptr)}));
  ASSERT_FALSE(missing_n);
  EXPECT_EQ(missing_n.error().code(), Errc::kKeyParse);
  EXPECT_EQ(missing_n.error().message(), "JWK Set member 1: JWK member \"n\" is missing");

  const auto weak_exponent =
      KeySet::from_jwks(jwks({jwk_with(public_jwk(tk::kRsa2048Spki, "r"), "e", "AQ")}));
  ASSERT_FALSE(weak_exponent);
  EXPECT_EQ(weak_exponent.error().code(), Errc::kWeakKey);

  for (const char* text : {"[]", "{}", "{\"keys\":{}}", "{\"keys\":[1]}", "not json"}) {
    const auto result = KeySet::from_jwks(text);
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().code(), Errc::kKeyParse) << text;
  }
}

TEST(KeySetTest, MixedPublicAndPrivateOrSecretIsRefused) {
  const std::string secret =
      "{\"kty\":\"oct\",\"k\":\"" + jot_key_test::b64(std::string(32, 'k')) + "\",\"kid\":\"s\"}";
  const auto mixed = KeySet::from_jwks(jwks({secret, public_jwk(tk::kP256Spki, "ec")}));
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code(), Errc::kKeyParse);
  const std::string private_ec = must(must(Key::from_pem(tk::kP384Sec1)).private_jwk());
  EXPECT_FALSE(KeySet::from_jwks(jwks({private_ec, public_jwk(tk::kP256Spki, "ec")})));
  // Only secrets, or only private keys, are fine.
  EXPECT_TRUE(KeySet::from_jwks(jwks({secret, private_ec})));
}

TEST(KeySetTest, PublicJwksRoundTrip) {
  const KeySet set(std::vector<Key>{must(Key::from_pem(tk::kRsa2048Pkcs1)).with_kid("r"),
                                    must(Key::from_pem(tk::kEd448Pkcs8)).with_kid("e"),
                                    must(Key::from_secret(std::string(32, 's'))).with_kid("s")});
  const std::string text = must(set.public_jwks());
  EXPECT_EQ(text.find("\"d\""), std::string::npos);
  EXPECT_EQ(text.find("\"k\""), std::string::npos);  // secrets are never published
  const KeySet back = must_set(KeySet::from_jwks(text));
  ASSERT_EQ(back.keys().size(), 2u);
  EXPECT_EQ(thumb(must(back.find("r"))), thumb(set.keys()[0]));
  EXPECT_EQ(thumb(must(back.find("e"))), thumb(set.keys()[1]));
  EXPECT_FALSE(must(back.find("r")).has_private());
}

TEST(KeySetTest, FromAnyWithAJwks) {
  const std::string one = jwks({public_jwk(tk::kP256Spki, "ec")});
  EXPECT_EQ(must(Key::from_any(one)).kid(), "ec");
  const auto two =
      Key::from_any(jwks({public_jwk(tk::kP256Spki, "a"), public_jwk(tk::kP384Sec1, "b")}));
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().code(), Errc::kMultipleMatchingKeys);
  const auto zero = Key::from_any("{\"keys\":[]}");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code(), Errc::kNoMatchingKey);
}

}  // namespace
