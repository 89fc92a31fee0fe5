// The RFC example tokens through the JWT API: JSON claim sets verify (with a clock before
// their 2011 expiry, and are "jwt expired" with the real clock); non-JSON payloads (RFC 7515
// A.4, RFC 7520 §4, RFC 8037) are refused as claims; unsecured tokens are refused.

#include <gtest/gtest.h>

#include <iostream>

#include "jwt/jwt_test_util.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;

TEST(RfcVectors, ThroughTheJwtApi) {
  int ran = 0;
  int failed = 0;
  for (const char* file : {"rfc7515.json", "rfc7519.json", "rfc7520.json", "rfc8037.json"}) {
    // Keep the document alive: a range-for over a temporary's member would dangle.
    const json::value vectors = jot_test::load_json(std::string("vectors/rfc/") + file);
    for (const json::value& entry : vectors.as_array()) {
      const json::object& v = entry.as_object();
      const std::string name =
          std::string(file) + " " + json::value_to<std::string>(v.at("section"));
      const std::string token = json::value_to<std::string>(v.at("token"));
      ++ran;
      bool ok = false;
      if (json::value_to<std::string>(v.at("expect")) == "invalid") {
        const auto r = jot::try_verify(token, jot_test::secret_key());
        jot::VerifyOptions none;
        none.clock_timestamp = 1300819000;
        const auto u = jot::try_verify_unsecured(token, none);  // opt-ins not given
        ok = !r && !u;
      } else {
        const jot::Key key = jot::Key::from_jwk(json::serialize(v.at("public_jwk"))).value();
        jot::VerifyOptions options;
        options.clock_timestamp = 1300819000;
        const auto result = jot::try_verify(token, key, options);
        if (v.at("payload_is_json_object").as_bool()) {
          ok = result.has_value();
          EXPECT_TRUE(result) << name << ": " << (result ? "" : result.error().message());
          if (result && v.contains("claims")) {
            EXPECT_EQ(result->payload().get_string("iss"), "joe") << name;
          }
          // With the real clock the 2011 tokens have expired.
          const auto now = jot::try_verify(token, key);
          EXPECT_FALSE(now) << name;
          if (!now) {
            EXPECT_EQ(now.error().message(), "jwt expired") << name;
          }
        } else {
          ok = !result && result.error().code() == jot::Errc::kMalformed &&
               result.error().subject() == "payload";
          EXPECT_TRUE(ok) << name << ": " << (result ? "accepted" : result.error().message());
        }
      }
      if (!ok) ++failed;
      EXPECT_TRUE(ok) << name;
    }
  }
  std::cout << "[ vectors  ] RFC vectors through the JWT API: " << ran << " ran, " << failed
            << " failed\n";
  EXPECT_EQ(ran, 12);
  EXPECT_EQ(failed, 0);
}

}  // namespace
