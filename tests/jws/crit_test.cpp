// RFC 7515 §4.1.11 "crit": well-formedness and understood extensions.

#include <gtest/gtest.h>

#include "jot/jws.hpp"
#include "jws/forge.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;

struct CritCase {
  const char* header;
  std::vector<std::string> understood;
  bool accepted;
  Errc code;  // when rejected
};

TEST(JwsCrit, Rules) {
  const jot::Key key = jot::Key::from_secret(jot_test::kSecret32).value();
  const CritCase cases[] = {
      // No crit: nothing to understand.
      {R"({"alg":"HS256","exp_ext":1})", {}, true, Errc::kOk},
      // Understood and present.
      {R"({"alg":"HS256","crit":["ext"],"ext":1})", {"ext"}, true, Errc::kOk},
      {R"({"alg":"HS256","crit":["a","b"],"a":1,"b":2})", {"b", "a"}, true, Errc::kOk},
      // Not understood.
      {R"({"alg":"HS256","crit":["ext"],"ext":1})", {}, false, Errc::kCritUnsupported},
      {R"({"alg":"HS256","crit":["a","b"],"a":1,"b":2})", {"a"}, false, Errc::kCritUnsupported},
      // Malformed: empty, not an array, non-string element, registered name, absent member,
      // repeated name, empty name.
      {R"({"alg":"HS256","crit":[]})", {}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":"ext","ext":1})", {"ext"}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":[1]})", {}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":null})", {}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":["alg"]})", {"alg"}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":["kid"],"kid":"k"})", {"kid"}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":["ext"]})", {"ext"}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":["ext","ext"],"ext":1})", {"ext"}, false, Errc::kMalformed},
      {R"({"alg":"HS256","crit":[""],"":1})", {""}, false, Errc::kMalformed},
  };
  for (const CritCase& c : cases) {
    const std::string token = jot_test::forge(c.header, "p", key, Algorithm::kHS256);
    jot::jws::VerifyOptions options;
    options.understood_crit = c.understood;
    const auto result = jot::jws::verify(token, key, options);
    EXPECT_EQ(result.has_value(), c.accepted) << c.header;
    if (!c.accepted && !result) {
      EXPECT_EQ(result.error().code(), c.code) << c.header << ": " << result.error().message();
      EXPECT_EQ(result.error().subject(), "crit") << c.header;
    }
  }
}

TEST(JwsCrit, MessageNamesTheExtension) {
  const jot::Key key = jot::Key::from_secret(jot_test::kSecret32).value();
  const std::string token =
      jot_test::forge(R"({"alg":"HS256","crit":["b64"],"b64":false})", "p", key, Algorithm::kHS256);
  const auto result = jot::jws::verify(token, key);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("\"b64\""), std::string_view::npos)
      << result.error().message();
}

}  // namespace
