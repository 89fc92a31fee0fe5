#include "jot/json_object.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "json/json_doc.hpp"
#include "support/json_internals.hpp"

namespace {

using jot::Errc;
using jot::JsonLimits;
using jot::JsonObject;

constexpr std::string_view kSeedPayload = R"({"userId":123,"iat":1700000000,"exp":1700003600})";

TEST(JsonObject, DefaultIsEmpty) {
  const JsonObject empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.size(), 0U);
  EXPECT_EQ(empty.to_json(), "{}");
  EXPECT_FALSE(empty.contains("a"));
  EXPECT_TRUE(empty.names().empty());
}

TEST(JsonObject, ParsesTheSeedPayload) {
  const auto parsed = JsonObject::parse(kSeedPayload);
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->size(), 3U);
  EXPECT_EQ(parsed->get_integer("userId"), 123);
  EXPECT_EQ(parsed->get_number("iat"), 1700000000.0);
  EXPECT_EQ(parsed->get_integer("exp"), 1700003600);
  EXPECT_EQ(parsed->to_json(), kSeedPayload);
  EXPECT_EQ(parsed->names(), (std::vector<std::string_view>{"userId", "iat", "exp"}));
  // The layers above read the Boost object directly.
  EXPECT_EQ(jot_test::json_of(*parsed).at("exp").as_int64(), 1700003600);
}

TEST(JsonObject, TypedAccessors) {
  const auto parsed = JsonObject::parse(
      R"({"s":"text","i":7,"f":1.0,"h":1.5,"big":1e19,"neg":-9223372036854775808,)"
      R"("u":18446744073709551615,"t":true,"n":null,"aud":["a","b"],"mixed":["a",1],)"
      R"("o":{"k":[1,"x"]}})");
  ASSERT_TRUE(parsed) << parsed.error().message();
  const JsonObject& o = *parsed;
  EXPECT_EQ(o.get_string("s"), "text");
  EXPECT_FALSE(o.get_string("i"));
  EXPECT_FALSE(o.get_string("missing"));

  EXPECT_EQ(o.get_number("i"), 7.0);
  EXPECT_EQ(o.get_number("h"), 1.5);
  EXPECT_EQ(o.get_number("u"), 18446744073709551615.0);
  EXPECT_FALSE(o.get_number("s"));
  EXPECT_FALSE(o.get_number("t"));

  EXPECT_EQ(o.get_integer("i"), 7);
  EXPECT_EQ(o.get_integer("f"), 1);  // 1.0 counts
  EXPECT_FALSE(o.get_integer("h"));  // 1.5 does not
  EXPECT_FALSE(o.get_integer("big"));
  EXPECT_EQ(o.get_integer("neg"), INT64_MIN);
  EXPECT_FALSE(o.get_integer("u"));
  EXPECT_FALSE(o.get_integer("s"));

  EXPECT_EQ(o.get_bool("t"), true);
  EXPECT_FALSE(o.get_bool("n"));
  EXPECT_TRUE(o.is_null("n"));
  EXPECT_FALSE(o.is_null("missing"));
  EXPECT_FALSE(o.is_null("t"));

  EXPECT_EQ(o.get_string_array("aud"), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(o.get_string_array("mixed"));
  EXPECT_FALSE(o.get_string_array("s"));

  EXPECT_EQ(o.get_json("o"), R"({"k":[1,"x"]})");
  EXPECT_EQ(o.get_json("h"), "1.5");
  EXPECT_EQ(o.get_json("s"), R"("text")");
  EXPECT_FALSE(o.get_json("missing"));
}

TEST(JsonObject, IntegerBoundaries) {
  const auto parsed =
      JsonObject::parse(R"({"max":9223372036854775807,"d2_63":9223372036854775808.0,)"
                        R"("dmin":-9223372036854775808.0,"below":-9223372036854777856.0})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->get_integer("max"), INT64_MAX);
  EXPECT_FALSE(parsed->get_integer("d2_63"));
  EXPECT_EQ(parsed->get_integer("dmin"), INT64_MIN);
  EXPECT_FALSE(parsed->get_integer("below"));
}

TEST(JsonObject, ParseErrors) {
  const auto dup = JsonObject::parse(R"({"exp":1,"exp":2})");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code(), Errc::kMalformed);
  EXPECT_EQ(dup.error().message(), R"(duplicate member name "exp")");

  const auto array = JsonObject::parse("[1]");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().message(), "JSON text is not an object");

  JsonLimits small;
  small.max_bytes = 4;
  const auto big = JsonObject::parse(R"({"a":1})", small);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code(), Errc::kLimitExceeded);

  JsonLimits allow;
  allow.allow_duplicate_members = true;
  const auto last = JsonObject::parse(R"({"exp":1,"exp":2})", allow);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->get_integer("exp"), 2);
  EXPECT_THROW((void)JsonObject::parse("{").value(), jot::JsonWebTokenError);
}

TEST(JsonObject, LargeDocumentsSpillOutOfTheArena) {
  std::string text = "{";
  for (int i = 0; i < 500; ++i) {
    if (i != 0) text += ',';
    text += "\"claim_" + std::to_string(i) + "\":\"value number " + std::to_string(i) + "\"";
  }
  text += '}';
  const auto parsed = JsonObject::parse(text);
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->size(), 500U);
  EXPECT_EQ(parsed->get_string("claim_499"), "value number 499");
  EXPECT_EQ(parsed->to_json(), text);
}

TEST(JsonObject, CopiesShareTheDocumentAcrossThreads) {
  const JsonObject original = JsonObject::parse(kSeedPayload).value();
  JsonObject copy = original;
  EXPECT_EQ(&jot_test::json_doc(copy), &jot_test::json_doc(original));
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([copy, &good] {
      for (int i = 0; i < 1000; ++i) {
        if (copy.get_integer("exp") == 1700003600 && copy.to_json() == kSeedPayload) ++good;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 4000);
}

TEST(JsonObjectBuilder, BuildsInOrder) {
  JsonObject::Builder builder;
  builder.set("s", "text")
      .set("i", 42)
      .set("l", std::int64_t{1700000000})
      .set("d", 1.5)
      .set("b", true)
      .set("aud", std::vector<std::string>{"x", "y"})
      .set("e", std::string_view("esc\"\n"));
  EXPECT_TRUE(builder.contains("i"));
  EXPECT_FALSE(builder.contains("zz"));
  const JsonObject built = std::move(builder).build();
  EXPECT_EQ(built.to_json(),
            R"({"s":"text","i":42,"l":1700000000,"d":1.5,"b":true,"aud":["x","y"],"e":"esc\"\n"})");
  EXPECT_EQ(built.get_string_array("aud"), (std::vector<std::string>{"x", "y"}));
}

TEST(JsonObjectBuilder, ReplaceKeepsPositionEraseKeepsOrder) {
  const JsonObject start = JsonObject::parse(R"({"a":1,"b":2,"c":3,"d":4})").value();
  JsonObject::Builder builder(start);
  builder.set("b", "two").set("e", 5).erase("a").erase("c").erase("missing");
  const JsonObject built = std::move(builder).build();
  EXPECT_EQ(built.to_json(), R"({"b":"two","d":4,"e":5})");
  // Copy-on-write: the start object is unchanged.
  EXPECT_EQ(start.to_json(), R"({"a":1,"b":2,"c":3,"d":4})");
}

TEST(JsonObjectBuilder, OutlivesItsStartObject) {
  std::optional<JsonObject::Builder> builder;
  {
    const JsonObject start =
        JsonObject::parse(R"({"name":"a string longer than the small buffer","n":[1,2]})").value();
    builder.emplace(start);
  }
  builder->set("x", false);
  EXPECT_EQ(std::move(*builder).build().to_json(),
            R"({"name":"a string longer than the small buffer","n":[1,2],"x":false})");
}

TEST(JsonObjectBuilder, SetJsonParsesStrictly) {
  JsonObject::Builder builder;
  ASSERT_TRUE(builder.set_json("obj", R"({"k":[1,2.5,"s"]})"));
  ASSERT_TRUE(builder.set_json("num", "12"));
  const auto dup = builder.set_json("bad", R"({"k":1,"k":2})");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code(), Errc::kMalformed);
  EXPECT_FALSE(builder.set_json("bad", "[1,]"));
  EXPECT_FALSE(builder.set_json("bad", ""));
  EXPECT_FALSE(builder.contains("bad"));
  EXPECT_EQ(std::move(builder).build().to_json(), R"({"obj":{"k":[1,2.5,"s"]},"num":12})");
}

TEST(JsonObjectBuilder, DoublesAndIntegersSerialiseLikeJavaScript) {
  JsonObject::Builder builder;
  builder.set("exp", 1700003600.0).set("frac", 1700000000.5).set("huge", 1e21).set("neg", -1);
  EXPECT_EQ(std::move(builder).build().to_json(),
            R"({"exp":1700003600,"frac":1700000000.5,"huge":1e+21,"neg":-1})");
}

TEST(JsonObjectBuilder, UsableAfterBuildAndMove) {
  JsonObject::Builder builder;
  builder.set("a", 1);
  JsonObject::Builder moved = std::move(builder);
  const JsonObject first = std::move(moved).build();
  EXPECT_EQ(first.to_json(), R"({"a":1})");
  // A consumed builder starts again from {} instead of crashing.
  moved.set("b", 2);
  EXPECT_EQ(std::move(moved).build().to_json(), R"({"b":2})");
  EXPECT_FALSE(builder.contains("a"));
  EXPECT_EQ(std::move(builder).build().to_json(), "{}");
}

TEST(JsonObject, MakeJsonObjectWrapsABoostObject) {
  boost::json::object object;
  object["alg"] = "HS256";
  object["typ"] = "JWT";
  const JsonObject wrapped = jot::detail::make_json_object(std::move(object));
  EXPECT_EQ(wrapped.to_json(), R"({"alg":"HS256","typ":"JWT"})");
}

}  // namespace
