// RemoteJwks::create: options are checked up front, precisely, and nothing is fetched.

#include <gtest/gtest.h>

#include "remote_fixture.hpp"

namespace jot::test {
namespace {

Error create_error(RemoteJwksOptions options) {
  auto created = RemoteJwks::create(std::move(options));
  EXPECT_FALSE(created);
  if (created) return Error();
  EXPECT_EQ(created.error().code(), Errc::kInvalidOption);
  return created.error();
}

RemoteJwksOptions with_url(std::string url) {
  RemoteJwksOptions options;
  options.url = std::move(url);
  return options;
}

TEST(RemoteJwksOptions, DefaultsFollowJose) {
  const RemoteJwksOptions options;
  EXPECT_EQ(options.timeout, 5s);
  EXPECT_EQ(options.cache_max_age, 10min);
  EXPECT_EQ(options.cooldown, 30s);
  EXPECT_EQ(options.max_response_bytes, 512u * 1024u);
  EXPECT_FALSE(options.allow_insecure_http);
}

TEST(RemoteJwksOptions, HttpsUrlIsAccepted) {
  EXPECT_TRUE(RemoteJwks::create(with_url("https://idp.example/.well-known/jwks.json")));
}

TEST(RemoteJwksOptions, HttpNeedsTheOptIn) {
  const Error error = create_error(with_url("http://idp.example/jwks.json"));
  EXPECT_NE(error.message().find("https://"), std::string_view::npos) << error.message();
  EXPECT_NE(error.message().find("allow_insecure_http"), std::string_view::npos);

  RemoteJwksOptions opted_in = with_url("http://idp.example/jwks.json");
  opted_in.allow_insecure_http = true;
  EXPECT_TRUE(RemoteJwks::create(opted_in));
}

TEST(RemoteJwksOptions, UrlMustParseWithAHost) {
  EXPECT_NE(create_error(with_url("")).message().find("url is empty"), std::string_view::npos);
  EXPECT_NE(create_error(with_url("not a url")).message().find("url"), std::string_view::npos);
  EXPECT_NE(create_error(with_url("https://")).message().find("url"), std::string_view::npos);
}

TEST(RemoteJwksOptions, UrlMustNotHoldCredentials) {
  for (const char* url :
       {"https://user:secret@idp.example/jwks.json", "https://user@idp.example/"}) {
    const Error error = create_error(with_url(url));
    EXPECT_NE(error.message().find("credentials"), std::string_view::npos) << error.message();
    EXPECT_EQ(error.message().find("secret"), std::string_view::npos) << error.message();
  }
}

TEST(RemoteJwksOptions, OnlyHttpSchemes) {
  for (const char* url : {"ftp://idp.example/jwks.json", "file:///etc/jwks.json"}) {
    const Error error = create_error(with_url(url));
    EXPECT_NE(error.message().find("scheme"), std::string_view::npos) << error.message();
  }
}

TEST(RemoteJwksOptions, DurationsAndSizeMustBePositive) {
  RemoteJwksOptions options = with_url("https://idp.example/jwks.json");
  options.timeout = 0ms;
  EXPECT_NE(create_error(options).message().find("timeout"), std::string_view::npos);
  options = with_url("https://idp.example/jwks.json");
  options.cache_max_age = -1ms;
  EXPECT_NE(create_error(options).message().find("cache_max_age"), std::string_view::npos);
  options = with_url("https://idp.example/jwks.json");
  options.cooldown = 0ms;
  EXPECT_NE(create_error(options).message().find("cooldown"), std::string_view::npos);
  options = with_url("https://idp.example/jwks.json");
  options.max_response_bytes = 0;
  EXPECT_NE(create_error(options).message().find("max_response_bytes"), std::string_view::npos);
}

TEST(RemoteJwksOptions, CaFileMustExist) {
  RemoteJwksOptions options = with_url("https://idp.example/jwks.json");
  options.ca_file = "/nonexistent/ca.pem";
  EXPECT_NE(create_error(options).message().find("ca_file"), std::string_view::npos);
}

TEST(RemoteJwksOptions, CreateDoesNotFetch) {
  JwksServer server;
  auto remote = make_remote(fast_options(server));
  EXPECT_EQ(server.requests(), 0);
  EXPECT_TRUE(remote.cached_keys().keys().empty());
}

}  // namespace
}  // namespace jot::test
