// Measures the verify hot path's allocation budget: JsonObject::parse of a small object
// costs exactly one heap allocation (the shared document with its inline arena).
// Allocations are counted by tests/support/alloc_counter.hpp.

#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "jot/base64url.hpp"
#include "jot/json_object.hpp"
#include "support/alloc_counter.hpp"

namespace {

using jot_test::count_allocations;

std::string twenty_claims() {
  std::string text = "{";
  for (int i = 0; i < 20; ++i) {
    if (i != 0) text += ',';
    if (i % 2 == 0) {
      text += "\"claim_name_" + std::to_string(i) +
              "\":\"a string value of some length, a bit longer: " + std::to_string(i) + "\"";
    } else {
      text += "\"numeric_claim_" + std::to_string(i) + "\":" + std::to_string(1700000000 + i);
    }
  }
  text += '}';
  return text;
}

TEST(JsonAllocations, CounterWorks) {
  // A direct call of the global function (a new-expression may be elided by the optimiser).
  EXPECT_EQ(count_allocations([] { ::operator delete(::operator new(16)); }), 1U);
  EXPECT_EQ(count_allocations([] { std::string s(100, 'x'); }), 1U);
}

TEST(JsonAllocations, SeedPayloadParsesWithOneAllocation) {
  const std::string payload = R"({"userId":123,"iat":1700000000,"exp":1700003600})";
  std::size_t count = count_allocations([&] {
    const auto parsed = jot::JsonObject::parse(payload);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->get_integer("exp"), 1700003600);
  });
  EXPECT_LE(count, 1U);
  EXPECT_EQ(count, 1U);  // the document itself is one
}

TEST(JsonAllocations, TwentyClaimKilobyteObjectParsesWithOneAllocation) {
  const std::string payload = twenty_claims();
  ASSERT_GE(payload.size(), 900U);
  ASSERT_LE(payload.size(), 1100U);
  const std::size_t count = count_allocations([&] {
    const auto parsed = jot::JsonObject::parse(payload);
    ASSERT_TRUE(parsed) << parsed.error().message();
    EXPECT_EQ(parsed->size(), 20U);
    EXPECT_EQ(parsed->get_string("claim_name_18"),
              "a string value of some length, a bit longer: 18");
  });
  EXPECT_EQ(count, 1U) << payload.size() << " bytes";
}

TEST(JsonAllocations, EscapedNamesAndNestingStayInBudget) {
  const std::string payload =
      R"({"iss":"https://issuer.example.com/","aud":["a","b","c"],"n\u00e9ste":{"x":[1,2,)"
      R"({"y":null}]},"scope":"read write\nadmin","exp":1700003600.5})";
  std::optional<jot::JsonObject> kept;
  const std::size_t count = count_allocations([&] {
    auto parsed = jot::JsonObject::parse(payload);
    ASSERT_TRUE(parsed) << parsed.error().message();
    kept = std::move(*parsed);
  });
  EXPECT_EQ(count, 1U);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->get_string_array("aud"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(kept->get_string("scope"), "read write\nadmin");
  EXPECT_EQ(kept->get_json("n\xc3\xa9ste"), R"({"x":[1,2,{"y":null}]})");
}

TEST(JsonAllocations, RejectionsOfOversizedInputDoNotAllocateTheDocument) {
  jot::JsonLimits limits;
  limits.max_bytes = 8;
  const std::string payload = R"({"userId":123})";
  const std::size_t count = count_allocations([&] {
    const auto parsed = jot::JsonObject::parse(payload, limits);
    EXPECT_FALSE(parsed);
  });
  EXPECT_LE(count, 1U);  // the error message only
}

TEST(JsonAllocations, Base64urlDecodeIntoReusesCapacity) {
  std::string out;
  out.reserve(256);
  const std::size_t count = count_allocations([&] {
    EXPECT_TRUE(jot::base64url::decode_into("eyJ1c2VySWQiOjEyMywiaWF0IjoxNzAwMDAwMDAwfQ", out));
    std::string encoded;
    encoded.reserve(256);
    jot::base64url::encode_append(out, encoded);
  });
  EXPECT_EQ(count, 1U);  // only the reserve of `encoded`
}

}  // namespace
