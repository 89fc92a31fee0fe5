// Tests of the shared test helpers (tests/support): other layers' vector tests rely on them.

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/vectors.hpp"

namespace {

TEST(TestSupport, HexDecodeAndEncode) {
  EXPECT_EQ(jot_test::hex_decode(""), "");
  EXPECT_EQ(jot_test::hex_decode("00ff7Fa0"), std::string("\x00\xff\x7f\xa0", 4));
  EXPECT_EQ(jot_test::hex_encode(std::string("\x00\xff\x7f\xa0", 4)), "00ff7fa0");
  EXPECT_THROW((void)jot_test::hex_decode("abc"), std::runtime_error);
  EXPECT_THROW((void)jot_test::hex_decode("zz"), std::runtime_error);
  EXPECT_THROW((void)jot_test::hex_decode("0g"), std::runtime_error);
}

TEST(TestSupport, SharedPathJoinsTheSharedDirectory) {
  EXPECT_EQ(jot_test::shared_path("vectors/README.md"),
            std::string(JOT_SHARED_DIR) + "/vectors/README.md");
  EXPECT_FALSE(jot_test::read_file(jot_test::shared_path("vectors/README.md")).empty());
  EXPECT_THROW((void)jot_test::read_file(jot_test::shared_path("no/such/file")),
               std::runtime_error);
}

TEST(TestSupport, LoadsRfcAndWycheproofVectors) {
  const boost::json::value rfc = jot_test::load_json("vectors/rfc/rfc7515.json");
  ASSERT_TRUE(rfc.is_array());
  ASSERT_FALSE(rfc.as_array().empty());
  EXPECT_EQ(rfc.as_array()[0].as_object().at("alg").as_string(), "HS256");

  const boost::json::value mac =
      jot_test::load_json("vectors/wycheproof/testvectors_v1/hmac_sha256_test.json");
  ASSERT_TRUE(mac.is_object());
  EXPECT_EQ(mac.as_object().at("algorithm").as_string(), "HMACSHA256");
  // Every key and tag in the file is valid hex.
  std::size_t count = 0;
  for (const auto& group : mac.as_object().at("testGroups").as_array()) {
    for (const auto& test : group.as_object().at("tests").as_array()) {
      const auto& t = test.as_object();
      const std::string_view tag_hex = t.at("tag").as_string();
      EXPECT_EQ(jot_test::hex_decode(tag_hex).size() * 2, tag_hex.size());
      ++count;
    }
  }
  EXPECT_EQ(count, static_cast<std::size_t>(mac.as_object().at("numberOfTests").as_int64()));
  EXPECT_THROW((void)jot_test::load_json("vectors/does-not-exist.json"), std::runtime_error);
}

}  // namespace
