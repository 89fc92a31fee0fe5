// Differential test: random mutations of JWT-like JSON through jot's strict parser and
// Boost.JSON's own parser (which shares its grammar). jot must never accept what Boost
// refuses, must refuse only for its own stricter rules, and what it accepts must survive
// a serialise/parse round trip unchanged.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "jot/json_object.hpp"
#include "json/json_doc.hpp"

namespace {

const char* const kSeeds[] = {
    R"({"userId":123,"iat":1700000000,"exp":1700003600})",
    R"({"alg":"RS256","typ":"JWT","kid":"k\u00e9y-1"})",
    R"({"iss":"https://a.example/","aud":["x","y"],"nbf":1.5,"n":null,"t":true,"o":{"k":[1,{}]}})",
    R"({"s":"esc \" \\ \/ \b\f\n\r\t \ud83d\ude00","e":-1.25e-3,"big":18446744073709551615})",
};

bool is_jot_specific(std::string_view message) {
  return message.rfind("duplicate member name", 0) == 0 || message == "number out of range" ||
         message == "JSON text is not an object";
}

TEST(JsonMutation, AgreesWithBoostAndRoundTrips) {
  std::mt19937 random(20261128);
  const std::string alphabet = "{}[]\":,.-+eE0123456789 \\/ntrfu\x01\x7f\xc3\xa9\xff";
  std::size_t accepted = 0;
  for (int round = 0; round < 40'000; ++round) {
    std::string text = kSeeds[random() % std::size(kSeeds)];
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t pos = random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          text[pos] = c;
          break;
        case 1:
          text.insert(pos, 1, c);
          break;
        default:
          text.erase(pos, 1);
      }
    }
    boost::system::error_code ec;
    const boost::json::value reference = boost::json::parse(text, ec);
    const auto ours = jot::JsonObject::parse(text);
    if (ec) {
      ASSERT_FALSE(ours) << "accepted what Boost refuses: " << text;
      continue;
    }
    if (!ours) {
      ASSERT_TRUE(is_jot_specific(ours.error().message()))
          << text << " -> " << ours.error().message();
      continue;
    }
    ++accepted;
    ASSERT_TRUE(reference.is_object()) << text;
    const std::string once = ours->to_json();
    const auto again = jot::JsonObject::parse(once);
    ASSERT_TRUE(again) << once;
    ASSERT_EQ(again->to_json(), once);
    ASSERT_EQ(ours->size(), reference.as_object().size()) << text;
  }
  // The mutations must exercise acceptance, not only rejection.
  EXPECT_GT(accepted, 1000U);
}

}  // namespace
