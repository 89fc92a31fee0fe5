// The RFC examples (RFC 7515 App. A, RFC 7519 §3.1/§6.1, RFC 7520 §4, RFC 8037 App. A)
// through the JWS layer: every valid token verifies with its public JWK and yields the exact
// payload; deterministic algorithms (HMAC, RSASSA-PKCS1-v1_5, EdDSA) re-signed with the
// original header text reproduce the token byte for byte; unsecured (alg none) tokens are
// rejected.

#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "jot/base64url.hpp"
#include "jot/jws.hpp"
#include "jws/forge.hpp"
#include "support/vectors.hpp"

namespace {

using jot::Algorithm;
namespace json = boost::json;

bool deterministic(Algorithm alg) {
  const auto family = jot::family_of(alg);
  return family == jot::AlgorithmFamily::kHmac || family == jot::AlgorithmFamily::kRsaPkcs1 ||
         family == jot::AlgorithmFamily::kEdDSA;
}

struct Counts {
  int ran = 0;
  int failed = 0;
  int resigned = 0;
};

void run_file(const char* file, Counts& counts) {
  const json::array vectors = jot_test::load_json(std::string("vectors/rfc/") + file).as_array();
  ASSERT_FALSE(vectors.empty()) << file;
  for (const json::value& entry : vectors) {
    const json::object& v = entry.as_object();
    const std::string name = std::string(file) + " " + json::value_to<std::string>(v.at("section"));
    const std::string token = json::value_to<std::string>(v.at("token"));
    const std::string payload = json::value_to<std::string>(v.at("payload"));
    const std::string expect = json::value_to<std::string>(v.at("expect"));
    const std::string alg_name = json::value_to<std::string>(v.at("alg"));
    ++counts.ran;
    bool ok = true;

    if (expect == "invalid") {
      // Unsecured tokens: refused whatever key the caller has.
      const jot::Key any = jot::Key::from_secret(jot_test::kSecret32).value();
      const auto result = jot::jws::verify(token, any);
      EXPECT_FALSE(result) << name;
      ok = !result;
    } else {
      const auto alg = jot::algorithm_from_string(alg_name);
      ASSERT_TRUE(alg) << name;
      const auto pub = jot::Key::from_jwk(json::serialize(v.at("public_jwk")));
      ASSERT_TRUE(pub) << name << ": " << pub.error().message();
      jot::jws::VerifyOptions options;
      options.algorithms = {*alg};
      const auto verified = jot::jws::verify(token, *pub, options);
      EXPECT_TRUE(verified) << name << ": " << (verified ? "" : verified.error().message());
      if (verified) {
        EXPECT_EQ(verified->payload, payload) << name;
        EXPECT_EQ(verified->alg, *alg) << name;
        ok = verified->payload == payload;
      } else {
        ok = false;
      }

      // Tampering with the payload must break every one of them.
      std::string tampered = token;
      const auto dot = tampered.find('.');
      tampered[dot + 2] = tampered[dot + 2] == 'A' ? 'B' : 'A';
      const bool tampered_ok = jot::jws::verify(tampered, *pub, options).has_value();
      EXPECT_FALSE(tampered_ok) << name;
      ok = ok && !tampered_ok;

      if (deterministic(*alg)) {
        const auto priv = jot::Key::from_jwk(json::serialize(v.at("key_jwk")));
        ASSERT_TRUE(priv) << name << ": " << priv.error().message();
        const auto segments = jot::jws::split(token).value();
        const std::string header = jot::base64url::decode(segments.header).value();
        const auto resigned = jot::jws::sign(header, payload, *priv, *alg);
        ASSERT_TRUE(resigned) << name << ": " << resigned.error().message();
        EXPECT_EQ(*resigned, token) << name;
        ok = ok && *resigned == token;
        ++counts.resigned;
      } else {
        // Randomised signatures: a fresh one differs but verifies.
        const auto priv = jot::Key::from_jwk(json::serialize(v.at("key_jwk")));
        ASSERT_TRUE(priv) << name;
        const auto segments = jot::jws::split(token).value();
        const std::string header = jot::base64url::decode(segments.header).value();
        const auto fresh = jot::jws::sign(header, payload, *priv, *alg);
        ASSERT_TRUE(fresh) << name;
        const bool fresh_ok = jot::jws::verify(*fresh, *pub, options).has_value();
        EXPECT_TRUE(fresh_ok) << name;
        ok = ok && fresh_ok;
      }
    }
    if (!ok) ++counts.failed;
  }
}

TEST(RfcVectors, ThroughTheJwsLayer) {
  Counts counts;
  for (const char* file : {"rfc7515.json", "rfc7519.json", "rfc7520.json", "rfc8037.json"}) {
    run_file(file, counts);
  }
  std::cout << "[ vectors  ] RFC JWS vectors: " << counts.ran << " ran, " << counts.failed
            << " failed, " << counts.resigned << " re-signed byte for byte\n";
  EXPECT_EQ(counts.ran, 12);
  EXPECT_EQ(counts.failed, 0);
}

}  // namespace
