// POST /logout through the Router (no sockets): statuses, headers and bodies, on a real
// AuthService with SQLite stores in a temporary directory.

#include <gtest/gtest.h>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <ctime>
#include <optional>

#include "auth/auth_service.hpp"
#include "auth/password_hasher.hpp"
#include "auth/router.hpp"
#include "jot/json_object.hpp"
#include "process.hpp"
#include "store/revocation_store.hpp"
#include "store/sqlite_user_store.hpp"

namespace jot::server {
namespace {

namespace http = boost::beast::http;
using test::TempDir;

class RouterLogoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteUserStore::open(dir_.file("users.db"));
    ASSERT_TRUE(store) << store.error().message();
    auto hash = PasswordHasher().hash("pw");
    ASSERT_TRUE(hash);
    ASSERT_TRUE((*store)->add_user("alice", *hash));
    auto key = Key::generate(Algorithm::kES256);
    ASSERT_TRUE(key);
    auto ring = KeyRing::from_keys({*key}, std::nullopt);
    ASSERT_TRUE(ring);
    RevocationLimits limits;
    limits.max_entries = 2;
    auto revocations = RevocationStore::open(dir_.file("users.db"), limits);
    ASSERT_TRUE(revocations) << revocations.error().message();
    revocations_ = std::shared_ptr<RevocationStore>(std::move(*revocations));
    auth_.emplace(std::move(*ring), std::shared_ptr<UserStore>(std::move(*store)), TokenPolicy{},
                  revocations_);
    router_.emplace(*auth_);
  }

  std::string login() {
    const auto result = auth_->login("alice", "pw");
    EXPECT_EQ(result.outcome, LoginOutcome::kOk) << result.detail;
    return result.issued.token;
  }

  HttpResponse send(http::verb method, const char* path,
                    const std::optional<std::string>& token) const {
    HttpRequest request{method, path, 11};
    if (token) request.set(http::field::authorization, "Bearer " + *token);
    request.prepare_payload();
    return router_->handle(request);
  }

  static std::string header(const HttpResponse& res, http::field field) {
    const auto it = res.find(field);
    return it == res.end() ? std::string() : std::string(it->value());
  }

  static std::string error_of(const HttpResponse& res) {
    auto body = JsonObject::parse(res.body());
    return body ? std::string(body->get_string("error").value_or("")) : std::string();
  }

  TempDir dir_;
  std::shared_ptr<RevocationStore> revocations_;
  std::optional<AuthService> auth_;
  std::optional<Router> router_;
};

constexpr const char* kRevokedChallenge =
    R"(Bearer realm="jot", error="invalid_token", error_description="token revoked")";

TEST_F(RouterLogoutTest, LogoutAnswers204AndTheTokenIsRefusedEverywhere) {
  const std::string token = login();
  EXPECT_EQ(send(http::verb::get, "/protected", token).result_int(), 200u);

  const auto out = send(http::verb::post, "/logout", token);
  EXPECT_EQ(out.result_int(), 204u);
  EXPECT_TRUE(out.body().empty());
  EXPECT_EQ(header(out, http::field::cache_control), "no-store");
  EXPECT_EQ(out.find(http::field::content_type), out.end());

  for (const char* path : {"/protected", "/me"}) {
    const auto res = send(http::verb::get, path, token);
    EXPECT_EQ(res.result_int(), 401u) << path;
    EXPECT_EQ(header(res, http::field::www_authenticate), kRevokedChallenge) << path;
    EXPECT_EQ(error_of(res), "invalid_token") << path;
  }
  const auto again = send(http::verb::post, "/logout", token);
  EXPECT_EQ(again.result_int(), 401u);
  EXPECT_EQ(header(again, http::field::www_authenticate), kRevokedChallenge);
}

TEST_F(RouterLogoutTest, LogoutVerifiesLikeProtected) {
  const auto missing = send(http::verb::post, "/logout", std::nullopt);
  EXPECT_EQ(missing.result_int(), 401u);
  EXPECT_EQ(
      header(missing, http::field::www_authenticate),
      R"(Bearer realm="jot", error="invalid_request", error_description="missing Authorization header")");
  for (const std::string bad : {"abc.def", "a.b.c"}) {
    const auto logout = send(http::verb::post, "/logout", bad);
    const auto prot = send(http::verb::get, "/protected", bad);
    EXPECT_EQ(logout.result_int(), 401u) << bad;
    EXPECT_EQ(header(logout, http::field::www_authenticate),
              header(prot, http::field::www_authenticate))
        << bad;
    EXPECT_EQ(logout.body(), prot.body()) << bad;
  }
}

TEST_F(RouterLogoutTest, OnlyPost) {
  const std::string token = login();
  for (const auto method : {http::verb::get, http::verb::put, http::verb::delete_}) {
    const auto res = send(method, "/logout", token);
    EXPECT_EQ(res.result_int(), 405u);
    EXPECT_EQ(header(res, http::field::allow), "POST");
  }
  // Nothing was revoked by those.
  EXPECT_EQ(send(http::verb::get, "/protected", token).result_int(), 200u);
}

TEST_F(RouterLogoutTest, ATokenWithoutJtiGets400) {
  SignOptions options;
  options.expires_in = std::chrono::seconds(60);
  options.subject = "alice";
  auto token = try_sign(JsonObject(), auth_->keys()->signing_key(), options);
  ASSERT_TRUE(token);
  const auto res = send(http::verb::post, "/logout", *token);
  EXPECT_EQ(res.result_int(), 400u);
  EXPECT_EQ(error_of(res), "invalid_request");
  auto body = JsonObject::parse(res.body());
  ASSERT_TRUE(body);
  EXPECT_NE(body->get_string("error_description").value_or("").find("jti"), std::string_view::npos);
}

TEST_F(RouterLogoutTest, AFullTableAnswers503AndRevokesNothing) {
  const std::int64_t exp = static_cast<std::int64_t>(std::time(nullptr)) + 600;
  ASSERT_TRUE(revocations_->revoke("x1", exp));
  ASSERT_TRUE(revocations_->revoke("x2", exp));
  const std::string token = login();
  const auto res = send(http::verb::post, "/logout", token);
  EXPECT_EQ(res.result_int(), 503u);
  EXPECT_EQ(error_of(res), "temporarily_unavailable");
  EXPECT_EQ(header(res, http::field::retry_after), "60");
  EXPECT_EQ(send(http::verb::get, "/protected", token).result_int(), 200u);
}

}  // namespace
}  // namespace jot::server
