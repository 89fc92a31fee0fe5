// Known answers from the RFCs (RFC 7515 App. A, RFC 7520 §4, RFC 8037 App. A): the
// signatures printed there verify with jot, and for the deterministic algorithms (HMAC,
// RSASSA-PKCS1-v1_5, Ed25519) jot re-signs the same input to the very same bytes. This pins
// the wire formats (raw r‖s for ECDSA, full-length RSA signatures) to the standards, not
// just to jot's own round trips.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "jot/base64url.hpp"
#include "signature_test_helpers.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;

struct Counts {
  int verified = 0;
  int resigned = 0;
};

Counts run_file(const char* file) {
  Counts counts;
  const json::value doc = jot_test::load_json(std::string("vectors/rfc/") + file);
  for (const json::value& v : doc.as_array()) {
    const json::object& vector = v.as_object();
    const std::string section(vector.at("section").as_string());
    if (vector.at("expect").as_string() != "valid") continue;  // alg none: not a signature
    const auto alg = jot::algorithm_from_string(vector.at("alg").as_string());
    EXPECT_TRUE(alg.has_value()) << section;
    if (!alg) continue;

    const std::string token(vector.at("token").as_string());
    const std::size_t last_dot = token.rfind('.');
    const std::string input = token.substr(0, last_dot);
    auto signature = jot::base64url::decode(std::string_view(token).substr(last_dot + 1));
    EXPECT_TRUE(signature) << section;
    if (!signature) continue;

    auto pub = jot::Key::from_jwk(json::serialize(vector.at("public_jwk")));
    EXPECT_TRUE(pub) << section << ": " << (pub ? "" : pub.error().message());
    if (!pub) continue;
    EXPECT_TRUE(jot_sig_test::verify(*alg, *pub, input, *signature)) << file << " " << section;
    EXPECT_FALSE(jot_sig_test::verify(*alg, *pub, input + "x", *signature)) << section;
    ++counts.verified;

    const json::value* resign = vector.if_contains("deterministic_resign_matches");
    if (resign != nullptr && resign->is_bool() && resign->as_bool()) {
      auto priv = jot::Key::from_jwk(json::serialize(vector.at("key_jwk")));
      EXPECT_TRUE(priv) << section;
      if (!priv) continue;
      EXPECT_EQ(jot_test::hex_encode(jot_sig_test::sign(*alg, *priv, input)),
                jot_test::hex_encode(*signature))
          << file << " " << section;
      ++counts.resigned;
    }
  }
  return counts;
}

TEST(SignatureKat, Rfc7515AppendixA) {
  const Counts c = run_file("rfc7515.json");
  EXPECT_EQ(c.verified, 4);  // HS256, RS256, ES256, ES512
  EXPECT_EQ(c.resigned, 2);  // HS256, RS256
}

TEST(SignatureKat, Rfc7520Section4) {
  const Counts c = run_file("rfc7520.json");
  EXPECT_EQ(c.verified, 4);  // RS256, PS384, ES512, HS256
  EXPECT_EQ(c.resigned, 2);  // RS256, HS256
}

TEST(SignatureKat, Rfc8037Ed25519) {
  const Counts c = run_file("rfc8037.json");
  EXPECT_EQ(c.verified, 1);
  EXPECT_EQ(c.resigned, 1);
}

}  // namespace
