// The Authorization header parser and the WWW-Authenticate quoting (RFC 6750).

#include "http/bearer.hpp"

#include <gtest/gtest.h>

namespace jot::server {
namespace {

TEST(Bearer, AcceptsTheSchemeInAnyCase) {
  EXPECT_EQ(parse_bearer("Bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(parse_bearer("bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(parse_bearer("BEARER  abc-_~+/=="), "abc-_~+/==");
}

TEST(Bearer, RejectsOtherSchemesAndShapes) {
  EXPECT_FALSE(parse_bearer(""));
  EXPECT_FALSE(parse_bearer("Bearer"));
  EXPECT_FALSE(parse_bearer("Bearer "));
  EXPECT_FALSE(parse_bearer("Bearerabc"));
  EXPECT_FALSE(parse_bearer("Basic dXNlcjpwYXNz"));
  EXPECT_FALSE(parse_bearer("Bearer a b"));
  EXPECT_FALSE(parse_bearer("Bearer a=b"));  // '=' only at the end
  EXPECT_FALSE(parse_bearer("Bearer abc,def"));
  EXPECT_FALSE(parse_bearer("Bearer \"abc\""));
}

TEST(Bearer, QuotedStringSafeReplacesQuotesBackslashesAndControls) {
  EXPECT_EQ(quoted_string_safe("jwt expired"), "jwt expired");
  EXPECT_EQ(quoted_string_safe("a\"b\\c\nd\x7f"), "a?b?c?d?");
}

}  // namespace
}  // namespace jot::server
