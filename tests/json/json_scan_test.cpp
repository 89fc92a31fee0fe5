// scan_json_object must accept and refuse exactly what parse_json_object does, with the same
// first error, and read the registered claims as the document holds them; make_lazy_object
// must give the same object as an eager parse, also when first read from several threads.

#include "json/json_scan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "json/json_doc.hpp"
#include "support/json_internals.hpp"
#include "support/payload_shapes.hpp"

namespace {

using jot::JsonLimits;
using jot::detail::Claim;
using jot::detail::ObjectScan;
using jot::detail::ScannedValue;

// Texts on both sides of every rule: syntax, UTF-8, escapes, numbers, depth, size,
// duplicates (at each level, and behind other errors), roots that are not objects.
std::vector<std::string> corpus() {
  std::vector<std::string> texts = {
      "{}",
      " { } ",
      R"({"userId":123,"iat":1700000000,"exp":1700003600})",
      R"({"iss":"a\"b\u00e9","sub":"x","jti":"j","nonce":"n","aud":["a","b\n"]})",
      R"({"aud":"only"})",
      R"({"aud":[]})",
      R"({"aud":["a",1]})",
      R"({"aud":[["a"]]})",
      R"({"aud":[{"a":1}]})",
      R"({"aud":{"a":"b"}})",
      R"({"aud":null})",
      R"({"exp":"1"})",
      R"({"exp":1.5,"nbf":-0.0,"iat":1e3})",
      R"({"exp":18446744073709551615,"nbf":-9223372036854775808})",
      R"({"exp":1e400})",
      R"({"exp":-1e400})",
      R"({"exp":1e-400})",
      R"({"exp":1e99999999999999999999})",
      R"({"exp":true,"nbf":false,"iat":null})",
      R"({"nested":{"exp":"not a claim","aud":[1]},"exp":5})",
      R"({"a":1,"a":2})",
      R"({"a":1,"b":2,"a":3,"b":4})",
      R"({"x":{"a":1,"a":2},"x":3})",
      R"({"a":1,"a":2,"b":1e400})",
      R"({"a":1,"a":2,)",
      R"({"a\u0062":1,"ab":2})",
      R"({"\u0000":1,"\u0000":2})",
      R"([{"a":1,"a":2}])",
      R"([1,2,3])",
      R"("text")",
      "42",
      "null",
      "",
      " ",
      "{",
      "}",
      R"({"a":1,})",
      R"({"a":1}x)",
      R"({"a":1} {"b":2})",
      R"({"a":01})",
      R"({"a":.5})",
      R"({"a":'x'})",
      R"({"a":"\x"})",
      R"({"a":"tab	inside"})",
      "{\"a\":\"\xff\"}",
      "{\"a\":\"\xc3\xa9\"}",
      "{\"\xed\xa0\x80\":1}",
      R"({"a":"\ud800"})",
      R"({/*c*/"a":1})",
      R"({"a":[1,2,]})",
      R"({"a":{"b":{"c":{"d":{}}}}})",
      R"({"exp":1,"exp":2})",
      // The edges of the fast path's subset (json_flat_scan.cpp): on each side of every
      // rule, so that what it declines, Boost's pass decides the same way.
      R"({"a":123456789012345})",
      R"({"a":1234567890123456})",
      R"({"a":9007199254740993})",
      R"({"a":0})",
      R"({"a":00})",
      R"({"a":01,"b":2})",
      R"({"a":-1})",
      R"({"a":-0})",
      R"({"a":1.0})",
      R"({"a":1e3})",
      R"({"a":1E3})",
      R"({"a":1.})",
      R"({ "a" : "x" , "b" : true ,"c":false, "d":null } )",
      "\t\r\n{\"a\":1}\n",
      R"({"a":"~ !#$%&'()*+,-./:;<=>?@[]^_`{|}"})",
      "{\"a\":\"\x7f\"}",
      "{\"a\":\"\x1f\"}",
      R"({"a":tru})",
      R"({"a":nul})",
      R"({"a":falsey})",
      R"({"a":truefalse})",
      R"({"a":"x")",
      R"({"a")",
      R"({"a":})",
      R"({,})",
      R"({"a":1,,"b":2})",
      R"({"a":1 "b":2})",
      R"({"a"1})",
      R"({"":1})",
      R"({"":1,"":2})",
      R"({"exp":1700000000,"iat":1700000000,"nbf":0,"iss":"i","sub":"s","aud":"a","jti":"j"})",
      R"({"aud":["a","b"],"roles":["x",1,true,null],"exp":1})",
      R"({"aud": [ "a" , "b" ] ,"iss":"https://issuer.example/"})",
      R"({"aud":["a","a"]})",
      R"({"aud":["x"],"aud":"y"})",
      R"({"aud":"y","aud":["x","z"]})",
      R"({"aud":["x"],"aud":[1]})",
      R"({"aud":["a",[]]})",
      R"({"aud":["a",{}]})",
      R"({"aud":["a",]})",
      R"({"aud":[,"a"]})",
      R"({"aud":["a" "b"]})",
      R"({"aud":["a")",
      R"({"aud":["\u0061"]})",
      R"({"exp":[1],"iat":[],"nbf":["x"],"sub":["s"]})",
      R"({"x":[[]]})",
      std::string("{\"a\":1}\0", 8),
      std::string("{\"a\0\":1}", 8),
  };
  // Long aud arrays and objects of many members, with and without a repeated name, at the
  // top level and nested: no bound sends them elsewhere (json_names.hpp).
  for (const int n : {8, 9, 33, 200}) {
    std::string aud = "{\"aud\":[";
    for (int i = 0; i < n; ++i) aud += (i ? ",\"a" : "\"a") + std::to_string(i) + "\"";
    texts.push_back(aud + "]}");
    std::string flat = "{";
    for (int i = 0; i < n; ++i) flat += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    texts.push_back(flat + "\"exp\":5}");
    texts.push_back(flat + "\"m0\":5}");
    texts.push_back(flat + "\"m" + std::to_string(n - 1) + "\":5}");
    texts.push_back(flat + "\"exp\":1e400}");
    texts.push_back("{\"o\":" + flat + "\"m1\":5},\"o\":1}");
    texts.push_back("{\"o\":" + flat + "\"x\":5},\"exp\":1}");
  }
  for (const auto& shape : jot_test::payload_shapes(1700000000)) texts.push_back(shape.json);
  std::string deep;
  for (int i = 0; i < 20; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 20; ++i) deep += "}";
  texts.push_back(deep);
  return texts;
}

// The registered claims as the eager document holds them (an array of strings is one only
// for aud: the other claims are numbers or strings, and any array there is invalid).
ScannedValue from_dom(const boost::json::object& object, std::string_view name) {
  ScannedValue v;
  const boost::json::value* value = object.if_contains(name);
  if (value == nullptr) return v;
  v.kind = ScannedValue::Kind::kOther;
  if (const auto n = jot::detail::as_number(*value)) {
    v.kind = ScannedValue::Kind::kNumber;
    v.number = *n;
  } else if (const auto s = jot::detail::as_string(*value)) {
    v.kind = ScannedValue::Kind::kString;
    v.text = *s;
  } else if (const auto* array = value->if_array(); array && name == "aud") {
    bool strings = true;
    for (const auto& e : *array) strings = strings && e.is_string();
    if (strings) v.kind = ScannedValue::Kind::kStringArray;
  }
  return v;
}

void expect_same(const std::string& text, const JsonLimits& limits) {
  const auto dom = jot::detail::parse_json_object(text, limits);
  ObjectScan scan;
  const auto scanned = jot::detail::scan_json_object(text, limits, scan);
  ASSERT_EQ(static_cast<bool>(dom), static_cast<bool>(scanned)) << text;
  if (!dom) {
    EXPECT_EQ(scanned.error().code(), dom.error().code()) << text;
    EXPECT_EQ(scanned.error().message(), dom.error().message()) << text;
    return;
  }
  EXPECT_EQ(scan.members == 0, dom->empty()) << text;
  static constexpr std::pair<Claim, const char*> kNames[] = {
      {Claim::kIat, "iat"}, {Claim::kExp, "exp"}, {Claim::kNbf, "nbf"}, {Claim::kAud, "aud"},
      {Claim::kIss, "iss"}, {Claim::kSub, "sub"}, {Claim::kJti, "jti"}, {Claim::kNonce, "nonce"}};
  for (const auto& [claim, name] : kNames) {
    const ScannedValue expected = from_dom(*dom, name);
    const ScannedValue& got = scan[claim];
    ASSERT_EQ(got.kind, expected.kind) << text << " " << name;
    if (got.kind == ScannedValue::Kind::kNumber) {
      EXPECT_EQ(got.number, expected.number) << text;
    }
    if (got.kind == ScannedValue::Kind::kString) {
      EXPECT_EQ(got.text, expected.text) << text;
    }
    if (got.kind == ScannedValue::Kind::kStringArray) {
      const auto& array = dom->at(name).as_array();
      ASSERT_EQ(got.items.size(), array.size()) << text;
      for (std::size_t i = 0; i < array.size(); ++i) {
        EXPECT_EQ(got.items[i], std::string_view(array[i].as_string())) << text;
      }
    }
  }
}

TEST(JsonScan, AgreesWithTheDocumentParser) {
  for (const std::string& text : corpus()) expect_same(text, JsonLimits{});
}

TEST(JsonScan, AgreesUnderOtherLimits) {
  JsonLimits duplicates;
  duplicates.allow_duplicate_members = true;  // the last value wins
  JsonLimits shallow;
  shallow.max_depth = 3;
  JsonLimits small;
  small.max_bytes = 20;
  for (const JsonLimits& limits : {duplicates, shallow, small}) {
    for (const std::string& text : corpus()) expect_same(text, limits);
  }
}

TEST(JsonScan, AgreesAtTheDepthEdges) {
  for (const std::size_t depth : {0, 1, 2}) {
    JsonLimits limits;
    limits.max_depth = depth;
    for (const std::string& text : corpus()) expect_same(text, limits);
  }
}

// Whatever the fast path accepts, Boost's pass accepts with the same claims and count.
TEST(JsonScan, FastPathAgreesWithBoostsPass) {
  JsonLimits duplicates;
  duplicates.allow_duplicate_members = true;
  for (const JsonLimits& limits : {JsonLimits{}, duplicates}) {
    for (const std::string& text : corpus()) {
      ObjectScan flat;
      if (!jot::detail::scan_flat_object(text, limits, flat)) {
        EXPECT_EQ(flat.members, 0U) << text;
        for (const ScannedValue& v : flat.claims) EXPECT_FALSE(v.present()) << text;
        continue;
      }
      ObjectScan boost;
      ASSERT_TRUE(jot::detail::scan_json_object_with_boost(text, limits, boost)) << text;
      EXPECT_EQ(flat.members, boost.members) << text;
      for (std::size_t i = 0; i < flat.claims.size(); ++i) {
        ASSERT_EQ(flat.claims[i].kind, boost.claims[i].kind) << text << " claim " << i;
        EXPECT_EQ(flat.claims[i].number, boost.claims[i].number) << text;
        EXPECT_EQ(flat.claims[i].text, boost.claims[i].text) << text;
        ASSERT_EQ(flat.claims[i].items.size(), boost.claims[i].items.size()) << text;
        for (std::size_t k = 0; k < flat.claims[i].items.size(); ++k) {
          EXPECT_EQ(flat.claims[i].items[k], boost.claims[i].items[k]) << text;
        }
      }
    }
  }
}

// The shapes issuers send take the fast path (if this stops, verify silently slows down);
// anything it cannot be sure of does not, whatever Boost's pass then says.
TEST(JsonScan, FastPathTakesRealClaimSetsDeclinesTheRest) {
  const auto flat = [](std::string_view text, JsonLimits limits = {}) {
    ObjectScan scan;
    return jot::detail::scan_flat_object(text, limits, scan);
  };
  EXPECT_TRUE(flat(R"({"userId":123,"iat":1700000000,"exp":1700003600})"));
  EXPECT_TRUE(flat(R"({"sub":"user-1","name":"A B","admin":true,"iat":1,"exp":2,"aud":"api"})"));
  EXPECT_TRUE(flat("{ \"a\" : null }\n"));
  EXPECT_TRUE(flat("{}"));
  EXPECT_TRUE(flat(R"({"a":"\u0041\/\n","\u00e9":"\ud83d\ude80"})"));     // escapes, pairs
  EXPECT_TRUE(flat("{\"a\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x9a\x80\"}"));  // UTF-8
  EXPECT_TRUE(flat(R"({"iss":"https://id.example/","sub":"auth0|42","aud":["api","userinfo"],)"
                   R"("iat":1,"exp":2,"scope":"openid profile","amr":["pwd"]})"));
  EXPECT_TRUE(flat(R"({"aud":[["a"]],"a":{"b":{"c":[{}]}}})"));  // nesting
  EXPECT_TRUE(flat(R"({"a":-1,"b":1.5,"c":-0.25e-3,"d":12345678901234567890123})"));
  EXPECT_FALSE(flat(R"({"aud":["a"]})", {.max_depth = 1}));  // the array is a second level
  EXPECT_FALSE(flat(R"({"a":{"b":{}}})", {.max_depth = 2}));
  EXPECT_FALSE(flat(R"({"a":"\ud800"})"));             // a lone surrogate
  EXPECT_FALSE(flat(R"({"a":"\udc00\ud800"})"));       // a pair in the wrong order
  EXPECT_FALSE(flat("{\"a\":\"\xed\xa0\x80\"}"));      // an encoded surrogate
  EXPECT_FALSE(flat("{\"a\":\"\xc0\xaf\"}"));          // an overlong form
  EXPECT_FALSE(flat("{\"a\":\"\xf4\x90\x80\x80\"}"));  // past U+10FFFF
  EXPECT_FALSE(flat(R"({"a":1e400})"));                // out of range
  EXPECT_FALSE(flat(R"({"a":1e-400})"));  // Boost's pass decides what underflow reads as
  EXPECT_FALSE(flat(R"({"a":01})"));
  EXPECT_FALSE(flat(R"({"a":1,"a":2})"));  // duplicates: Boost reports them
  EXPECT_FALSE(flat(R"({"x":{"a":1,"b":2,"a":3}})"));
  EXPECT_TRUE(flat(R"({"a":1,"a":2})", {.allow_duplicate_members = true}));
  EXPECT_FALSE(flat(R"({"a":1})", {.max_bytes = 6}));  // over the size limit
  EXPECT_FALSE(flat(R"({"a":1})", {.max_depth = 0}));  // over the depth limit
}

// Real issuers' claim sets are read in the fast path's one pass, whatever their shape, with
// the claims the document holds.
TEST(JsonScan, IssuerShapesTakeTheFastPath) {
  for (const auto& shape : jot_test::payload_shapes(1700000000)) {
    EXPECT_GE(shape.json.size(), 600U) << shape.name;
    EXPECT_LE(shape.json.size(), 1500U) << shape.name;
    ObjectScan scan;
    EXPECT_TRUE(jot::detail::scan_flat_object(shape.json, {}, scan)) << shape.name;
    EXPECT_EQ(scan[Claim::kIss].as_string(), shape.issuer) << shape.name;
    expect_same(shape.json, {});
  }
}

// Duplicate detection has no bound on the number of names and stays linear: an object of
// many names, a repeat at the very end, at the top level and nested.
TEST(JsonScan, DuplicatesAmongManyNames) {
  for (const bool nested : {false, true}) {
    std::string text = nested ? "{\"o\":{" : "{";
    for (int i = 0; i < 5000; ++i)
      text += "\"n" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    const std::string unique = text + "\"last\":0}" + (nested ? "}" : "");
    const std::string repeated = text + "\"n4321\":0}" + (nested ? "}" : "");
    ObjectScan scan;
    EXPECT_TRUE(jot::detail::scan_flat_object(unique, {.max_bytes = 1 << 20}, scan));
    ObjectScan again;
    const auto result = jot::detail::scan_json_object(repeated, {.max_bytes = 1 << 20}, again);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message(), "duplicate member name \"n4321\"");
    expect_same(unique, {.max_bytes = 1 << 20});
    expect_same(repeated, {.max_bytes = 1 << 20});
  }
}

TEST(JsonScan, ReportsTheFirstDuplicateOfAnObjectWhenItEnds) {
  ObjectScan scan;
  const auto result = jot::detail::scan_json_object(R"({"a":1,"b":2,"b":3,"a":4})", {}, scan);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "duplicate member name \"b\"");
}

TEST(JsonScan, ClaimsFromEscapedTextAreUnescaped) {
  ObjectScan scan;
  ASSERT_TRUE(jot::detail::scan_json_object(
      R"({"\u0069ss":"a\u00e9","aud":["x\"y","plain"],"exp":1700000000})", {}, scan));
  EXPECT_EQ(scan[Claim::kIss].as_string(), "a\xc3\xa9");
  ASSERT_EQ(scan[Claim::kAud].items.size(), 2U);
  EXPECT_EQ(scan[Claim::kAud].items[0], "x\"y");
  EXPECT_EQ(scan[Claim::kAud].items[1], "plain");
  EXPECT_EQ(scan[Claim::kExp].as_number(), 1700000000.0);
  EXPECT_EQ(scan.members, 3U);
}

TEST(JsonLazyObject, SameAsAnEagerParse) {
  for (const std::string& text : corpus()) {
    const auto eager = jot::JsonObject::parse(text);
    if (!eager) continue;
    std::string copy = text;
    const jot::JsonObject lazy = jot::detail::make_lazy_object(copy, {});
    copy.assign(copy.size(), '#');  // the lazy object keeps its own copy of the text
    EXPECT_EQ(lazy.to_json(), eager->to_json()) << text;
    EXPECT_EQ(jot_test::json_of(lazy), jot_test::json_of(*eager)) << text;
  }
}

TEST(JsonLazyObject, KeepsTheLastOfDuplicatesWhenAllowed) {
  JsonLimits limits;
  limits.allow_duplicate_members = true;
  const jot::JsonObject lazy = jot::detail::make_lazy_object(R"({"a":1,"a":2})", limits);
  EXPECT_EQ(lazy.get_integer("a"), 2);
  EXPECT_EQ(lazy.size(), 1U);
}

TEST(JsonLazyObject, FirstReadFromManyThreadsBuildsOneDocument) {
  for (int round = 0; round < 20; ++round) {
    const jot::JsonObject lazy = jot::detail::make_lazy_object(
        R"({"userId":123,"exp":1700003600,"aud":["a","b"],"n":{"x":[1,2]}})", {});
    std::vector<const jot::detail::JsonDoc*> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t) {
      threads.emplace_back([&, t] {
        EXPECT_EQ(lazy.get_integer("exp"), 1700003600);
        EXPECT_EQ(lazy.get_json("n"), R"({"x":[1,2]})");
        seen[t] = &jot_test::json_doc(lazy);
      });
    }
    for (auto& thread : threads) thread.join();
    for (const auto* doc : seen) EXPECT_EQ(doc, seen[0]);
    EXPECT_EQ(lazy.size(), 4U);
  }
}

}  // namespace
