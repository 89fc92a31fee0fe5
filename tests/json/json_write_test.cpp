// JSON output identical to JavaScript's JSON.stringify (checked against Node.js v18).

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>
#include <string>

#include "json/json_doc.hpp"

namespace {

std::string js_number(double number) {
  std::string out;
  jot::detail::format_number(number, out);
  return out;
}

TEST(JsonWrite, NumbersAsJavaScriptWritesThem) {
  // Expected texts are Node.js's JSON.stringify output for the same doubles.
  const std::pair<double, const char*> cases[] = {
      {1.5, "1.5"},
      {1.0, "1"},
      {1e21, "1e+21"},
      {1e20, "100000000000000000000"},
      {0.1, "0.1"},
      {1e-7, "1e-7"},
      {1.5e-7, "1.5e-7"},
      {0.000001, "0.000001"},
      {0.0000015, "0.0000015"},
      {123456789.125, "123456789.125"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {-0.0, "0"},
      {0.0, "0"},
      {-1.5, "-1.5"},
      {-1e-7, "-1e-7"},
      {1700000000.5, "1700000000.5"},
      {1.0000000000017e+21, "1.0000000000017e+21"},
      {0.1 + 0.2, "0.30000000000000004"},
      {9007199254740992.0, "9007199254740992"},
      {9223372036854775808.0, "9223372036854776000"},
      {123e-20, "1.23e-18"},
  };
  for (const auto& [number, text] : cases) EXPECT_EQ(js_number(number), text) << text;
  // Non-finite numbers have no JSON form; JSON.stringify writes null.
  EXPECT_EQ(js_number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(js_number(std::nan("")), "null");
}

TEST(JsonWrite, NumbersRoundTrip) {
  std::mt19937_64 random(12345);
  for (int i = 0; i < 200'000; ++i) {
    const std::uint64_t bits = random();
    double number;
    std::memcpy(&number, &bits, sizeof number);
    if (!std::isfinite(number)) continue;
    const std::string text = js_number(number);
    double back = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_EQ(result.ec, std::errc()) << text;
    ASSERT_EQ(result.ptr, text.data() + text.size()) << text;
    if (number == 0) {
      EXPECT_EQ(back, 0.0);
    } else {
      ASSERT_EQ(back, number) << text;
    }
    // And through the strict parser.
    const auto parsed = jot::detail::parse_json(text, jot::JsonLimits{});
    ASSERT_TRUE(parsed) << text;
    ASSERT_EQ(*jot::detail::as_number(*parsed), number == 0 ? 0.0 : number) << text;
  }
}

std::string js_string(std::string_view text) {
  std::string out;
  jot::detail::append_json_string(text, out);
  return out;
}

TEST(JsonWrite, StringsEscapedAsJsonStringify) {
  EXPECT_EQ(js_string(""), R"("")");
  EXPECT_EQ(js_string("plain text/slash"), R"("plain text/slash")");
  EXPECT_EQ(js_string("\"\\\b\f\n\r\t"), R"("\"\\\b\f\n\r\t")");
  EXPECT_EQ(js_string(std::string_view("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  // DEL, U+2028 and non-ASCII are written as they are.
  EXPECT_EQ(js_string("a\x7f\xe2\x80\xa8\xc3\xa9"), "\"a\x7f\xe2\x80\xa8\xc3\xa9\"");
  EXPECT_EQ(js_string("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
}

TEST(JsonWrite, InvalidUtf8BecomesReplacementCharacters) {
  // Node.js's Buffer.toString() on the same bytes (WHATWG maximal subparts).
  const std::string fffd = "\xef\xbf\xbd";
  const std::pair<std::string, std::string> cases[] = {
      {"\xff", fffd},
      {"\xe0\x80", fffd + fffd},
      {"\xf0\x90\x80"
       "a",
       fffd + "a"},
      {"\xed\xa0\x80", fffd + fffd + fffd},
      {"\xc0\xaf", fffd + fffd},
      {"\xf4\x90\x80\x80", fffd + fffd + fffd + fffd},
      {"\xe2\x82", fffd},
      {"a\xc3", "a" + fffd},
  };
  for (const auto& [bytes, expected] : cases) {
    EXPECT_EQ(js_string(bytes), "\"" + expected + "\"")
        << jot::detail::serialize_json(boost::json::value(boost::json::string_view(bytes)));
  }
}

TEST(JsonWrite, CompactValues) {
  const auto parsed = jot::detail::parse_json(
      R"( { "b" : [ 1 , -2 , 1.5 , 1E21 , true , false , null , "s" , { } , [ ] ] ,
            "a" : { "x" : 18446744073709551615 } } )",
      jot::JsonLimits{});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(jot::detail::serialize_json(*parsed),
            R"({"b":[1,-2,1.5,1e+21,true,false,null,"s",{},[]],"a":{"x":18446744073709551615}})");
  std::string out = "prefix:";
  jot::detail::serialize_json_append(parsed->as_object().at("a"), out);
  EXPECT_EQ(out, R"(prefix:{"x":18446744073709551615})");
}

TEST(JsonWrite, ArrayIndexNamesFirstAsV8OrdersThem) {
  // Node.js: JSON.stringify(JSON.parse(the same text)).
  const auto parsed = jot::detail::parse_json(
      R"({"b":1,"2":1,"a":1,"1":1,"01":2,"4294967294":3,"4294967295":4,"-1":5,"0":6,)"
      R"("x":{"10":1,"9":2}})",
      jot::JsonLimits{});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(jot::detail::serialize_json(*parsed),
            R"({"0":6,"1":1,"2":1,"4294967294":3,"b":1,"a":1,"01":2,"4294967295":4,"-1":5,)"
            R"("x":{"9":2,"10":1}})");
  // The spec's example.
  const auto example = jot::detail::parse_json(R"({"b":1,"2":1,"a":1,"1":1})", jot::JsonLimits{});
  EXPECT_EQ(jot::detail::serialize_json(*example), R"({"1":1,"2":1,"b":1,"a":1})");
}

}  // namespace
