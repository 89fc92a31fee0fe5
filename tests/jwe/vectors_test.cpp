// Compact JWEs written by others, read in place: the JOSE cookbook (RFC 7520 §5), its
// X25519 ECDH-ES example (RFC 8037 §3.2), and Wycheproof's json_web_encryption_test.json.

#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <string>

#include "jot/jwe.hpp"
#include "jot/key.hpp"

namespace {

namespace json = boost::json;
using jot::Errc;
using jot::KeyManagement;

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

json::value cookbook(const std::string& name) {
  return jot_test::load_json("vectors/jose-cookbook/" + name);
}

// Every key-management algorithm, RSA1_5 included only with its opt-in.
jot::jwe::DecryptOptions every_algorithm(bool allow_rsa1_5) {
  jot::jwe::DecryptOptions options;
  for (KeyManagement alg : jot::all_key_management()) {
    if (alg != KeyManagement::kRsa1_5 || allow_rsa1_5) options.algorithms.push_back(alg);
  }
  options.insecure_allow_rsa1_5 = allow_rsa1_5;
  return options;
}

jot::Key cookbook_key(const json::object& input) {
  if (const json::value* pwd = input.if_contains("pwd")) {
    return jot::Key::from_password(str(*pwd)).value();
  }
  return jot::Key::from_jwk(json::serialize(input.at("key"))).value();
}

struct CookbookCase {
  const char* file;
  bool needs_rsa1_5;
};

TEST(JweCookbook, CompactFormsDecrypt) {
  const CookbookCase cases[] = {
      {"jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json", true},
      {"jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json", false},
      {"jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json", false},
      {"jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
       false},
      {"jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json", false},
      {"jwe/5_6.direct_encryption_using_aes-gcm.json", false},
      {"jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json", false},
      {"jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json", false},
      {"curve25519/ecdh-es.json", false},
  };
  for (const CookbookCase& c : cases) {
    SCOPED_TRACE(c.file);
    const json::value vector = cookbook(c.file);
    const json::object& input = vector.at("input").as_object();
    const jot::Key key = cookbook_key(input);
    const std::string token = str(vector.at("output").at("compact"));
    auto decrypted = jot::jwe::try_decrypt(token, key, every_algorithm(c.needs_rsa1_5));
    ASSERT_TRUE(decrypted) << decrypted.error().message();
    EXPECT_EQ(decrypted->plaintext, str(input.at("plaintext")));
    EXPECT_EQ(jot::to_string(decrypted->alg), str(input.at("alg")));
    EXPECT_EQ(jot::to_string(decrypted->enc), str(input.at("enc")));
    if (c.needs_rsa1_5) {
      // Without the opt-in, RSA1_5 is refused before the key is touched.
      auto refused = jot::jwe::try_decrypt(token, key, every_algorithm(false));
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code(), Errc::kAlgNotAllowed);
      jot::jwe::DecryptOptions listed_only = every_algorithm(false);
      listed_only.algorithms.push_back(KeyManagement::kRsa1_5);
      refused = jot::jwe::try_decrypt(token, key, listed_only);
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code(), Errc::kAlgNotAllowed);
    }
  }
}

TEST(JweCookbook, CompressedContentIsRefused) {
  const json::value vector = cookbook("jwe/5_9.compressed_content.json");
  const jot::Key key = cookbook_key(vector.at("input").as_object());
  auto refused =
      jot::jwe::try_decrypt(str(vector.at("output").at("compact")), key, every_algorithm(false));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kUnsupported);
  EXPECT_EQ(refused.error().subject(), "zip");
}

TEST(JweCookbook, ThePbes2CountAboveTheCapIsRefusedBeforeAnyWork) {
  const json::value vector =
      cookbook("jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json");
  const jot::Key key = cookbook_key(vector.at("input").as_object());
  jot::jwe::DecryptOptions options = every_algorithm(false);
  options.max_pbes2_count = 8191;  // the vector's p2c is 8192
  auto refused = jot::jwe::try_decrypt(str(vector.at("output").at("compact")), key, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kLimitExceeded);
  EXPECT_EQ(refused.error().subject(), "p2c");
}

// Wycheproof json_web_encryption_test.json: every vector under every algorithm allowed
// (RSA1_5 with its opt-in), so that the key's own binding (its JWK "alg") must refuse the
// cross-algorithm vectors.
TEST(JweWycheproof, JsonWebEncryption) {
  const json::value file =
      jot_test::load_json("vectors/wycheproof/testvectors_v1/json_web_encryption_test.json");
  int valid = 0;
  int invalid = 0;
  for (const json::value& group : file.at("testGroups").as_array()) {
    const jot::Key key = jot::Key::from_jwk(json::serialize(group.at("private"))).value();
    for (const json::value& test : group.at("tests").as_array()) {
      const json::object& t = test.as_object();
      SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").to_number<int>()) + " " +
                   str(t.at("comment")));
      const std::string jwe =
          t.at("jwe").is_string() ? str(t.at("jwe")) : json::serialize(t.at("jwe"));
      bool compressed = false;
      for (const json::value& flag : t.at("flags").as_array()) {
        compressed = compressed || flag.as_string() == "CompressedPlaintext";
      }
      auto result = jot::jwe::try_decrypt(jwe, key, every_algorithm(true));
      if (str(t.at("result")) == "valid" && !compressed) {
        ASSERT_TRUE(result) << result.error().message();
        EXPECT_EQ(result->plaintext, jot_test::hex_decode(str(t.at("pt"))));
        ++valid;
      } else {
        // Compressed plaintext ("zip") is refused: jot does not inflate.
        EXPECT_FALSE(result);
        ++invalid;
      }
    }
  }
  EXPECT_GT(valid, 50);
  EXPECT_GT(invalid, 60);
}

}  // namespace
