// Strict JSON parsing (detail::parse_json): what RFC 8259 allows and nothing more.

#include <gtest/gtest.h>

#include <string>

#include "json/json_doc.hpp"

namespace {

using jot::Errc;
using jot::JsonLimits;
using jot::detail::parse_json;
using jot::detail::parse_json_object;

void expect_error(std::string_view text, Errc code, std::string_view message,
                  const JsonLimits& limits = {}) {
  const auto result = parse_json(text, limits);
  ASSERT_FALSE(result) << text;
  EXPECT_EQ(result.error().code(), code) << text;
  EXPECT_EQ(result.error().message(), message) << text;
}

void expect_malformed(std::string_view text) {
  const auto result = parse_json(text, JsonLimits{});
  ASSERT_FALSE(result) << text;
  EXPECT_EQ(result.error().code(), Errc::kMalformed) << text;
}

TEST(JsonParse, AcceptsEveryJsonType) {
  const auto result = parse_json(R"( {"s":"x\u00e9\n","i":-12,"u":18446744073709551615,"d":1.5,)"
                                 R"("t":true,"f":false,"n":null,"a":[1,[2,{}]],"o":{"k":[]}} )",
                                 JsonLimits{});
  ASSERT_TRUE(result) << result.error().message();
  const boost::json::object& o = result->as_object();
  EXPECT_EQ(o.at("s").as_string(), "x\xc3\xa9\n");
  EXPECT_EQ(o.at("i").as_int64(), -12);
  EXPECT_EQ(o.at("u").as_uint64(), 18446744073709551615ULL);
  EXPECT_EQ(o.at("d").as_double(), 1.5);
  EXPECT_TRUE(o.at("t").as_bool());
  EXPECT_FALSE(o.at("f").as_bool());
  EXPECT_TRUE(o.at("n").is_null());
  EXPECT_EQ(o.at("a").as_array().size(), 2U);
  EXPECT_TRUE(o.at("o").as_object().at("k").as_array().empty());
  // Scalars at the top level are JSON too.
  EXPECT_EQ(parse_json("42", JsonLimits{})->as_int64(), 42);
  EXPECT_EQ(parse_json("\"s\"", JsonLimits{})->as_string(), "s");
}

TEST(JsonParse, KeepsMemberOrder) {
  const auto result = parse_json(R"({"z":1,"a":2,"m":3,"b":4})", JsonLimits{});
  ASSERT_TRUE(result);
  std::string order;
  for (const auto& member : result->as_object()) order += member.key();
  EXPECT_EQ(order, "zamb");
}

TEST(JsonParse, RejectsDuplicateMemberNames) {
  expect_error(R"({"exp":1,"exp":2})", Errc::kMalformed, R"(duplicate member name "exp")");
  // The same name spelled with an escape is the same name.
  expect_error(R"({"exp":1,"\u0065xp":2})", Errc::kMalformed, R"(duplicate member name "exp")");
  // Nested objects are checked too; the same name in different objects is fine.
  expect_error(R"({"a":{"b":1,"c":2,"b":3}})", Errc::kMalformed, R"(duplicate member name "b")");
  EXPECT_TRUE(parse_json(R"({"a":{"a":1},"b":{"a":2}})", JsonLimits{}));
  // The name in the message is escaped: it is untrusted text.
  expect_error("{\"a\\\"\\n\":1,\"a\\\"\\n\":2}", Errc::kMalformed,
               R"(duplicate member name "a\"\n")");
  // ... and capped.
  const std::string long_name(300, 'k');
  const auto result = parse_json("{\"" + long_name + "\":1,\"" + long_name + "\":2}", JsonLimits{});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "duplicate member name \"" + std::string(100, 'k') + "\"...");
}

TEST(JsonParse, DuplicatesAllowedOnRequestLastWinsFirstPositionKept) {
  JsonLimits limits;
  limits.allow_duplicate_members = true;
  const auto result = parse_json(R"({"a":1,"b":2,"a":{"x":3},"c":4,"a":5})", limits);
  ASSERT_TRUE(result) << result.error().message();
  const boost::json::object& o = result->as_object();
  ASSERT_EQ(o.size(), 3U);
  EXPECT_EQ(o.begin()->key(), "a");
  EXPECT_EQ(o.at("a").as_int64(), 5);
  EXPECT_EQ(jot::detail::serialize_json(o), R"({"a":5,"b":2,"c":4})");
}

TEST(JsonParse, RejectsNonStandardSyntax) {
  for (const char* text : {
           "",             // nothing
           "   ",          // only whitespace
           "{",            // incomplete
           R"({"a":1,})",  // trailing comma in object
           "[1,2,]",       // trailing comma in array
           R"({"a":1 // c
}")",
           R"({"a":/* c */1})",  // comments
           R"({'a':1})",         // single quotes
           R"({a:1})",           // bare names
           R"({"a":01})",        // leading zero
           R"({"a":+1})",        // plus sign
           R"({"a":.5})",        // no integer part
           R"({"a":1.})",        // no fraction digits
           R"({"a":NaN})",
           R"({"a":Infinity})",
           R"({"a":-Infinity})",
           R"({"a":undefined})",
           R"({"a":0x10})",      // hex
           "{\"a\":\"x\ty\"}",   // raw control character in a string
           "{\"a\":\"x\ny\"}",   // raw line break in a string
           R"({"a":"\x41"})",    // invalid escape
           R"({"a":"\u00g0"})",  // bad \u escape
           R"({"a":"\ud800"})",  // lone leading surrogate
           R"({"a":"\udc00"})",  // lone trailing surrogate
           R"({"a":True})",      // case of literals
           "\xef\xbb\xbf{}",     // byte order mark
       }) {
    expect_malformed(text);
  }
}

TEST(JsonParse, RejectsInvalidUtf8) {
  for (const char* text : {
           "{\"a\":\"\xff\"}",              // never valid
           "{\"a\":\"\xc3\"}",              // truncated sequence
           "{\"a\":\"\xc0\xaf\"}",          // overlong '/'
           "{\"a\":\"\xe0\x80\xaf\"}",      // overlong
           "{\"a\":\"\xed\xa0\x80\"}",      // encoded surrogate
           "{\"a\":\"\xf4\x90\x80\x80\"}",  // above U+10FFFF
           "{\"\xff\":1}",                  // in a name
       }) {
    expect_malformed(text);
  }
  // Valid multi-byte UTF-8 is kept as is.
  const auto ok = parse_json("{\"\xe2\x82\xac\":\"\xf0\x9f\x98\x80\"}", JsonLimits{});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->as_object().at("\xe2\x82\xac").as_string(), "\xf0\x9f\x98\x80");
}

TEST(JsonParse, RejectsTrailingGarbageWithOffset) {
  expect_error(R"({"a":1} x)", Errc::kMalformed, "invalid JSON: extra data at offset 8");
  expect_error(R"({"a":1}{})", Errc::kMalformed, "invalid JSON: extra data at offset 7");
  expect_error(std::string_view("{}\0", 3), Errc::kMalformed,
               "invalid JSON: extra data at offset 2");
  // Trailing whitespace is allowed.
  EXPECT_TRUE(parse_json("{} \r\n\t", JsonLimits{}));
}

TEST(JsonParse, SyntaxErrorsNameTheOffset) {
  expect_error(R"({"a":1,})", Errc::kMalformed, "invalid JSON: syntax error at offset 7");
  expect_error(R"({"a":tru})", Errc::kMalformed, "invalid JSON: syntax error at offset 5");
  expect_error(R"({"a":)", Errc::kMalformed, "invalid JSON: incomplete JSON at offset 5");
}

TEST(JsonParse, SizeLimit) {
  JsonLimits limits;
  limits.max_bytes = 10;
  EXPECT_TRUE(parse_json(R"({"a":1234})", limits));  // exactly 10 bytes
  expect_error(R"({"a":12345})", Errc::kLimitExceeded, "JSON text larger than 10 bytes", limits);
  // The default is 64 KiB.
  const std::string big = "\"" + std::string(64 * 1024, 'x') + "\"";
  expect_error(big, Errc::kLimitExceeded, "JSON text larger than 65536 bytes");
}

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonParse, DepthLimit) {
  // The default allows 16 nested objects/arrays, the top level counting as one.
  EXPECT_TRUE(parse_json(nested(16), JsonLimits{}));
  expect_error(nested(17), Errc::kLimitExceeded, "JSON nesting deeper than 16 levels");
  JsonLimits limits;
  limits.max_depth = 2;
  EXPECT_TRUE(parse_json(R"({"a":{"b":1}})", limits));
  expect_error(R"({"a":{"b":[]}})", Errc::kLimitExceeded, "JSON nesting deeper than 2 levels",
               limits);
  limits.max_depth = 0;
  expect_error("{}", Errc::kLimitExceeded, "JSON nesting deeper than 0 levels", limits);
  EXPECT_TRUE(parse_json("1", limits));
  // Whatever the caller asks, jot stops at kMaxJsonDepth; deep input never crashes.
  limits.max_depth = 1'000'000;
  limits.max_bytes = 1'000'000;
  expect_error(nested(100'000), Errc::kLimitExceeded, "JSON nesting deeper than 512 levels",
               limits);
  EXPECT_TRUE(parse_json(nested(jot::detail::kMaxJsonDepth), limits));
}

TEST(JsonParse, NumbersOutOfDoubleRangeAreRejected) {
  expect_error(R"({"exp":1e400})", Errc::kMalformed, "number out of range");
  expect_error(R"({"exp":-1e400})", Errc::kMalformed, "number out of range");
  expect_error("[" + std::string(400, '9') + "]", Errc::kMalformed, "number out of range");
  // Underflow gives 0, as in JavaScript; large integers beyond uint64 become doubles.
  EXPECT_EQ(parse_json("1e-400", JsonLimits{})->as_double(), 0.0);
  EXPECT_EQ(parse_json("-1e-400", JsonLimits{})->as_double(), 0.0);
  EXPECT_EQ(parse_json("0." + std::string(400, '0') + "1", JsonLimits{})->as_double(), 0.0);
  EXPECT_EQ(parse_json("4.9e-324", JsonLimits{})->as_double(), 5e-324);  // denormal kept
  EXPECT_EQ(parse_json("1.7976931348623157e308", JsonLimits{})->as_double(),
            1.7976931348623157e308);
  expect_error("1.7976931348623159e308", Errc::kMalformed, "number out of range");
  expect_error("1e99999999999999999999", Errc::kMalformed, "number out of range");
  EXPECT_EQ(parse_json("123456789012345678901234567890", JsonLimits{})->as_double(),
            1.2345678901234568e29);
  EXPECT_EQ(parse_json("-9223372036854775808", JsonLimits{})->as_int64(), INT64_MIN);
}

TEST(JsonParse, LongAndEscapedStringsAndNames) {
  // Long enough that Boost hands them over in several parts.
  std::string long_value;
  for (int i = 0; i < 5000; ++i) long_value += "ab\\n\\u00e9";
  std::string long_name(3000, 'n');
  long_name += "\\t";
  const std::string text = "{\"" + long_name + "\":\"" + long_value + "\",\"" + long_name +
                           "x\":[\"" + long_value + "\"]}";
  JsonLimits limits;
  limits.max_bytes = 1 << 20;
  const auto result = parse_json(text, limits);
  ASSERT_TRUE(result) << result.error().message();
  std::string expected_value;
  for (int i = 0; i < 5000; ++i) expected_value += "ab\n\xc3\xa9";
  const std::string expected_name = std::string(3000, 'n') + "\t";
  const auto& o = result->as_object();
  EXPECT_EQ(o.at(expected_name).as_string(), expected_value);
  EXPECT_EQ(o.at(expected_name + "x").as_array().at(0).as_string(), expected_value);
  // Duplicate detection also works on names the parser had to unescape in parts.
  const std::string dup = "{\"" + long_name + "\":1,\"" + long_name + "\":2}";
  const auto dup_result = parse_json(dup, limits);
  ASSERT_FALSE(dup_result);
  EXPECT_EQ(dup_result.error().code(), Errc::kMalformed);
}

TEST(JsonParse, ManyMembersAndElements) {
  std::string text = "{";
  for (int i = 0; i < 2000; ++i) {
    if (i != 0) text += ',';
    text += "\"k" + std::to_string(i) + "\":[" + std::to_string(i) +
            ",{\"x\":" + std::to_string(i) + "}]";
  }
  text += '}';
  const auto result = parse_json(text, JsonLimits{});
  ASSERT_TRUE(result) << result.error().message();
  const auto& o = result->as_object();
  ASSERT_EQ(o.size(), 2000U);
  EXPECT_EQ(o.at("k1234").as_array().at(1).as_object().at("x").as_int64(), 1234);
  EXPECT_EQ(jot::detail::serialize_json(o), text);
  // One duplicate among many is still found.
  std::string dup = text;
  dup.back() = ',';
  dup += "\"k1999\":0}";
  expect_error(dup, Errc::kMalformed, R"(duplicate member name "k1999")");
}

TEST(JsonParse, ObjectOnly) {
  EXPECT_TRUE(parse_json_object("{}", JsonLimits{}));
  for (const char* text : {"[]", "1", "\"s\"", "null", "true"}) {
    const auto result = parse_json_object(text, JsonLimits{});
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().code(), Errc::kMalformed);
    EXPECT_EQ(result.error().message(), "JSON text is not an object");
  }
  const auto bad = parse_json_object("{", JsonLimits{});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "invalid JSON: incomplete JSON at offset 1");
}

TEST(JsonParse, UsesTheGivenStorage) {
  boost::json::monotonic_resource arena;
  const boost::json::storage_ptr storage(&arena);
  const auto result =
      parse_json_object(R"({"a":[{"b":"a long string value, no SSO"}]})", JsonLimits{}, storage);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->storage().get(), &arena);
  EXPECT_EQ(result->at("a").as_array().storage().get(), &arena);
  EXPECT_EQ(result->at("a").as_array()[0].as_object().at("b").as_string().storage().get(), &arena);
}

}  // namespace
