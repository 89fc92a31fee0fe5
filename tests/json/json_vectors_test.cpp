// The RFC examples' headers and payloads through JsonObject: every header and JSON payload
// parses strictly, re-serialises to an equivalent compact text, and that text is stable.

#include <gtest/gtest.h>

#include "jot/base64url.hpp"
#include "jot/json_object.hpp"
#include "json/json_doc.hpp"
#include "support/json_internals.hpp"
#include "support/vectors.hpp"

namespace {

void check_round_trip(std::string_view text, const std::string& label) {
  const auto parsed = jot::JsonObject::parse(text);
  ASSERT_TRUE(parsed) << label << ": " << parsed.error().message();
  const std::string compact = parsed->to_json();
  const auto again = jot::JsonObject::parse(compact);
  ASSERT_TRUE(again) << label;
  EXPECT_EQ(again->to_json(), compact) << label;
  // Same members, same order, same values.
  EXPECT_EQ(again->names(), parsed->names()) << label;
  EXPECT_EQ(jot_test::json_of(*again), jot_test::json_of(*parsed)) << label;
}

TEST(JsonVectors, RfcHeadersAndPayloads) {
  std::size_t checked = 0;
  for (const char* file : {"vectors/rfc/rfc7515.json", "vectors/rfc/rfc7519.json",
                           "vectors/rfc/rfc7520.json", "vectors/rfc/rfc8037.json"}) {
    const boost::json::value vectors = jot_test::load_json(file);
    for (const auto& entry : vectors.as_array()) {
      const auto& obj = entry.as_object();
      const std::string label =
          std::string(file) + " " + std::string(obj.at("section").as_string());
      const std::string_view token = obj.at("token").as_string();
      const auto header = jot::base64url::decode(token.substr(0, token.find('.')));
      ASSERT_TRUE(header) << label;
      check_round_trip(*header, label + " header");
      if (obj.contains("payload_is_json_object") && obj.at("payload_is_json_object").as_bool()) {
        check_round_trip(obj.at("payload").as_string(), label + " payload");
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 10U);
}

TEST(JsonVectors, Rfc7519ClaimsMatchTheTranscription) {
  const boost::json::value vectors = jot_test::load_json("vectors/rfc/rfc7519.json");
  std::size_t checked = 0;
  for (const auto& entry : vectors.as_array()) {
    const auto& obj = entry.as_object();
    if (!obj.contains("claims")) continue;
    const auto parsed = jot::JsonObject::parse(obj.at("payload").as_string());
    ASSERT_TRUE(parsed);
    // The transcribed claims, compared member by member with what jot parsed.
    const auto& claims = obj.at("claims").as_object();
    EXPECT_EQ(parsed->size(), claims.size());
    for (const auto& claim : claims) {
      const std::string_view name(claim.key().data(), claim.key().size());
      ASSERT_TRUE(parsed->contains(name)) << name;
      EXPECT_EQ(parsed->get_json(name), jot::detail::serialize_json(claim.value())) << name;
    }
    ++checked;
  }
  EXPECT_GE(checked, 1U);
}

}  // namespace
