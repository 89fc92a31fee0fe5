// RemoteJwks against a real HTTP server: fetching, caching, and every way a fetch can fail.

#include <gtest/gtest.h>

#include <thread>

#include "remote_fixture.hpp"
#include "signing_keys.hpp"

namespace jot::test {
namespace {

using Clock = std::chrono::steady_clock;

class RemoteFetch : public ::testing::Test {
 protected:
  SigningKey key_a_ = make_signing_key("a");
  JwksServer server_;
};

// The first resolve fetches; the key verifies a token of the provider.
TEST_F(RemoteFetch, FetchesOnFirstUseAndVerifies) {
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  const auto verified = try_verify(token_signed_by(key_a_), remote.resolver());
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->payload().get_string("sub"), "alice");
  EXPECT_EQ(server_.requests(), 1);
  EXPECT_EQ(remote.cached_keys().keys().size(), 1u);
}

TEST_F(RemoteFetch, RequestIsAPlainGetForJson) {
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  ASSERT_TRUE(remote.refresh());
  const SeenRequest seen = server_.last_request();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/jwks.json");
  EXPECT_EQ(seen.accept, "application/json");
  EXPECT_EQ(seen.user_agent, "jot/" JOT_VERSION_STRING);
}

TEST_F(RemoteFetch, FreshCacheIsReusedWithoutRequests) {
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  const std::string token = token_signed_by(key_a_);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(try_verify(token, remote.resolver()));
  EXPECT_EQ(server_.requests(), 1);
}

TEST_F(RemoteFetch, CacheOlderThanMaxAgeIsFetchedAgain) {
  server_.set_jwks(jwks_of({&key_a_}));
  RemoteJwksOptions options = fast_options(server_);
  options.cache_max_age = 300ms;
  auto remote = make_remote(options);
  ASSERT_TRUE(remote.resolve(header_with_kid("a")));
  ASSERT_TRUE(remote.resolve(header_with_kid("a")));
  EXPECT_EQ(server_.requests(), 1);
  std::this_thread::sleep_for(350ms);
  ASSERT_TRUE(remote.resolve(header_with_kid("a")));
  EXPECT_EQ(server_.requests(), 2);
}

// A stale set whose refresh fails is not used (fails closed, as jose does).
TEST_F(RemoteFetch, StaleCacheWhoseRefreshFailsIsNotUsed) {
  server_.set_jwks(jwks_of({&key_a_}));
  RemoteJwksOptions options = fast_options(server_);
  options.cache_max_age = 300ms;
  auto remote = make_remote(options);
  ASSERT_TRUE(remote.resolve(header_with_kid("a")));
  server_.set_reply(Reply::with_status(503, "down"));
  std::this_thread::sleep_for(350ms);
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_NE(result.error().message().find("HTTP status 503"), std::string_view::npos)
      << result.error().message();
  // The last good set is still what cached_keys() shows.
  EXPECT_EQ(remote.cached_keys().keys().size(), 1u);
}

// A failed attempt is answered from memory until the cooldown passes: a provider that is
// down gets one request per cooldown, not one per token.
TEST_F(RemoteFetch, FailureIsRememberedForTheCooldown) {
  server_.set_reply(Reply::with_status(500));
  auto remote = make_remote(fast_options(server_));  // cooldown 200 ms
  for (int i = 0; i < 10; ++i) {
    const auto result = remote.resolve(header_with_kid("a"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  }
  EXPECT_EQ(server_.requests(), 1);
  server_.set_jwks(jwks_of({&key_a_}));
  std::this_thread::sleep_for(250ms);
  EXPECT_TRUE(remote.resolve(header_with_kid("a")));
  EXPECT_EQ(server_.requests(), 2);
}

TEST_F(RemoteFetch, RefreshFetchesWhateverTheCacheSays) {
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  ASSERT_TRUE(remote.refresh());
  ASSERT_TRUE(remote.refresh());
  EXPECT_EQ(server_.requests(), 2);
  server_.set_reply(Reply::with_status(404));
  const auto failed = remote.refresh();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code(), Errc::kKeyFetch);
  // The fresh cached set still answers.
  EXPECT_TRUE(remote.resolve(header_with_kid("a")));
}

TEST_F(RemoteFetch, HeaderWithoutValidAlgIsRefusedWithoutNetwork) {
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  for (const char* header : {R"({"kid":"a"})", R"({"alg":"XS256","kid":"a"})", R"({"alg":1})"}) {
    const auto result = remote.resolve(JsonObject::parse(header).value());
    ASSERT_FALSE(result) << header;
    EXPECT_EQ(result.error().code(), Errc::kAlgNotAllowed);
  }
  EXPECT_EQ(server_.requests(), 0);
}

TEST_F(RemoteFetch, WithoutKidTheSingleCompatibleKeyIsChosen) {
  const SigningKey key_b = make_signing_key("b");
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  EXPECT_TRUE(remote.resolve(JsonObject::parse(R"({"alg":"ES256"})").value()));
  // The rules are KeySet::select's: two candidates and no kid is ambiguous.
  server_.set_jwks(jwks_of({&key_a_, &key_b}));
  ASSERT_TRUE(remote.refresh());
  const auto ambiguous = remote.resolve(JsonObject::parse(R"({"alg":"ES256"})").value());
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().code(), Errc::kMultipleMatchingKeys);
}

// A kid is a string when present (RFC 7515 §4.1.4): another type is refused before any
// request, never read as "no kid"; an empty kid names no key, and the algorithm does not
// choose one instead (the single ES256 key here would fit).
TEST_F(RemoteFetch, KidThatIsNotAStringOrEmptyNeverFallsBackToTheAlgorithm) {
  server_.set_jwks(jwks_of({&key_a_}));
  auto remote = make_remote(fast_options(server_));
  for (const char* header : {R"({"alg":"ES256","kid":1})", R"({"alg":"ES256","kid":null})"}) {
    const auto result = remote->resolve(JsonObject::parse(header).value());
    ASSERT_FALSE(result) << header;
    EXPECT_EQ(result.error().code(), Errc::kMalformed) << header;
  }
  EXPECT_EQ(server_.requests(), 0);
  const auto empty = remote->resolve(JsonObject::parse(R"({"alg":"ES256","kid":""})").value());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), Errc::kNoMatchingKey);
}

// ---- failures: each is kKeyFetch naming the URL and the cause ----

void expect_fetch_error(const RemoteJwks& remote, std::string_view cause) {
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_NE(result.error().message().find(remote.options().url), std::string_view::npos)
      << result.error().message();
  EXPECT_NE(result.error().message().find(cause), std::string_view::npos)
      << "expected \"" << cause << "\" in: " << result.error().message();
}

TEST_F(RemoteFetch, Non200StatusIsAnError) {
  server_.set_reply(Reply::with_status(404, jwks_of({&key_a_})));
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "HTTP status 404, expected 200");
}

TEST_F(RemoteFetch, OtherSuccessStatusIsAnError) {
  server_.set_reply(Reply::with_status(203, jwks_of({&key_a_})));
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "HTTP status 203");
}

TEST_F(RemoteFetch, RedirectIsNotFollowed) {
  JwksServer target;
  target.set_jwks(jwks_of({&key_a_}));
  server_.set_reply(Reply::redirect_to(target.url()));
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "HTTP status 302 (redirects are not followed");
  EXPECT_EQ(target.requests(), 0);
}

TEST_F(RemoteFetch, InvalidJsonIsAnError) {
  server_.set_jwks("{\"keys\":[");
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "not a usable JWK Set");
}

TEST_F(RemoteFetch, EmptyKeySetIsAnError) {
  server_.set_jwks(R"({"keys":[]})");
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "no usable signing key");
}

TEST_F(RemoteFetch, SetOfOnlyUnusableKeysIsAnError) {
  // Unknown kty and encryption keys are skipped (RFC 7517 §5), leaving nothing.
  server_.set_jwks(R"({"keys":[{"kty":"XYZ","kid":"x"}]})");
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "no usable signing key");
}

TEST_F(RemoteFetch, SecretsInThePublishedSetAreRefused) {
  server_.set_jwks(R"({"keys":[{"kty":"oct","kid":"a","k":")" + std::string(43, 'A') + R"("}]})");
  auto remote = make_remote(fast_options(server_));
  expect_fetch_error(remote, "secrets or private keys");
}

TEST_F(RemoteFetch, DeclaredBodyOverTheLimitIsRefused) {
  server_.set_jwks(jwks_of({&key_a_}) + std::string(4096, ' '));
  RemoteJwksOptions options = fast_options(server_);
  options.max_response_bytes = 1024;
  auto remote = make_remote(options);
  expect_fetch_error(remote, "larger than 1024 bytes");
}

// The body never ends (chunked, no length): only a cap enforced while downloading stops it
// before the timeout.
TEST_F(RemoteFetch, BodyOverTheLimitIsAbortedWhileDownloading) {
  server_.set_reply(Reply::stalling_after(std::string(4096, ' ')));
  RemoteJwksOptions options = fast_options(server_);
  options.max_response_bytes = 1024;
  options.timeout = 1500ms;
  auto remote = make_remote(options);
  const auto start = Clock::now();
  expect_fetch_error(remote, "larger than 1024 bytes");
  EXPECT_LT(Clock::now() - start, 1000ms);
}

TEST_F(RemoteFetch, ServerThatNeverAnswersTimesOut) {
  server_.set_reply(Reply::never_answering());
  RemoteJwksOptions options = fast_options(server_);
  options.timeout = 300ms;
  auto remote = make_remote(options);
  const auto start = Clock::now();
  expect_fetch_error(remote, "imed out");
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 1000ms);
  EXPECT_EQ(server_.requests(), 1);
}

TEST(RemoteFetchRefused, ConnectionRefusedIsAnError) {
  std::string url;
  {
    JwksServer closed;  // a port that was free a moment ago and is closed again
    url = closed.url();
  }
  RemoteJwksOptions options;
  options.url = url;
  options.allow_insecure_http = true;
  options.timeout = 1000ms;
  auto remote = make_remote(options);
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_NE(result.error().message().find("onnect"), std::string_view::npos)
      << result.error().message();
}

}  // namespace
}  // namespace jot::test
