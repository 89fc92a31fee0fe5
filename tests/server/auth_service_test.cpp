// Login and token checks without HTTP, on a real SQLite store and real Argon2id.

#include "auth/auth_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <thread>
#include <vector>

#include "auth/password_hasher.hpp"
#include "process.hpp"
#include "store/revocation_store.hpp"
#include "store/sqlite_user_store.hpp"

namespace jot::server {
namespace {

using test::TempDir;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteUserStore::open(dir_.file("users.db"));
    ASSERT_TRUE(store) << store.error().message();
    auto hash = PasswordHasher().hash("correct horse");
    ASSERT_TRUE(hash) << hash.error().message();
    ASSERT_TRUE((*store)->add_user("alice", *hash));
    auto key = Key::generate(Algorithm::kES256);
    ASSERT_TRUE(key);
    auto ring = KeyRing::from_keys({*key}, std::nullopt);
    ASSERT_TRUE(ring);
    RevocationLimits limits;
    limits.max_entries = 4;  // small, so that a test can fill the table
    auto revocations = RevocationStore::open(dir_.file("users.db"), limits);
    ASSERT_TRUE(revocations) << revocations.error().message();
    revocations_ = std::shared_ptr<RevocationStore>(std::move(*revocations));
    auth_.emplace(std::move(*ring), std::shared_ptr<UserStore>(std::move(*store)),
                  TokenPolicy{60, "jot-test", "jot-api"}, revocations_);
  }

  TempDir dir_;
  std::shared_ptr<RevocationStore> revocations_;
  std::optional<AuthService> auth_;
};

TEST_F(AuthServiceTest, IssuesATokenThatChecksOut) {
  const auto result = auth_->login("alice", "correct horse");
  ASSERT_EQ(result.outcome, LoginOutcome::kOk) << result.detail;
  EXPECT_EQ(result.issued.expires_in, 60);
  auto token = auth_->check(result.issued.token);
  ASSERT_TRUE(token) << token.error().message();
  EXPECT_EQ(token->payload().get_string("sub"), "alice");
  EXPECT_EQ(token->payload().get_string("iss"), "jot-test");
  EXPECT_EQ(token->payload().get_string("aud"), "jot-api");
  EXPECT_EQ(*token->payload().get_integer("exp") - *token->payload().get_integer("iat"), 60);
  EXPECT_EQ(token->header().get_string("kid"), auth_->keys()->signing_key().kid());
}

TEST_F(AuthServiceTest, ReplacedKeysSignTheNextTokensAndSnapshotsStay) {
  const auto before = auth_->login("alice", "correct horse");
  ASSERT_EQ(before.outcome, LoginOutcome::kOk);
  const auto old_ring = auth_->keys();
  auto fresh = Key::generate(Algorithm::kEdDSA);
  ASSERT_TRUE(fresh);
  auto ring = KeyRing::from_keys({*fresh}, std::nullopt);
  ASSERT_TRUE(ring);
  auth_->replace_keys(std::move(*ring));
  // The old ring is gone: its tokens fail, the new key signs and verifies.
  EXPECT_FALSE(auth_->check(before.issued.token));
  const auto after = auth_->login("alice", "correct horse");
  ASSERT_EQ(after.outcome, LoginOutcome::kOk);
  auto token = auth_->check(after.issued.token);
  ASSERT_TRUE(token) << token.error().message();
  EXPECT_EQ(token->header().get_string("alg"), "EdDSA");
  EXPECT_EQ(token->header().get_string("kid"), auth_->keys()->signing_key().kid());
  // A snapshot taken before the swap still holds the old keys.
  EXPECT_NE(old_ring->signing_key().kid(), auth_->keys()->signing_key().kid());
  // Another thread sees the new keys too (its per-thread copy is refreshed).
  bool other_thread_ok = false;
  std::thread([&] {
    other_thread_ok = static_cast<bool>(auth_->check(after.issued.token));
  }).join();
  EXPECT_TRUE(other_thread_ok);
}

TEST_F(AuthServiceTest, RefusesWrongPasswordsAndUnknownUsers) {
  EXPECT_EQ(auth_->login("alice", "wrong").outcome, LoginOutcome::kInvalidCredentials);
  EXPECT_EQ(auth_->login("alice", "").outcome, LoginOutcome::kInvalidCredentials);
  EXPECT_EQ(auth_->login("bob", "correct horse").outcome, LoginOutcome::kInvalidCredentials);
  EXPECT_EQ(auth_->login("", "x").outcome, LoginOutcome::kInvalidCredentials);
  EXPECT_EQ(auth_->login("alice' OR '1'='1", "x").outcome, LoginOutcome::kInvalidCredentials);
}

// Unknown users cost one Argon2id verification too: their login takes about as long as a
// wrong password's, so response times do not reveal which user names exist.
TEST_F(AuthServiceTest, UnknownUserTakesAsLongAsWrongPassword) {
  // The two kinds of login alternate, so that a change in the machine's load (CI runs other
  // tests beside this one) weighs on both medians alike instead of on one of them.
  std::vector<double> wrong_times;
  std::vector<double> unknown_times;
  const auto time_ms = [&](const char* user) {
    const auto start = std::chrono::steady_clock::now();
    (void)auth_->login(user, "wrong password");
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  };
  for (int i = 0; i < 7; ++i) {
    wrong_times.push_back(time_ms("alice"));
    unknown_times.push_back(time_ms("nobody"));
  }
  const auto median = [](std::vector<double> times) {
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
  };
  const double wrong = median(wrong_times);
  const double unknown = median(unknown_times);
  EXPECT_GT(wrong, 1.0);  // Argon2id with 19 MiB is never this fast
  EXPECT_GT(unknown, wrong * 0.5) << "unknown " << unknown << " ms, wrong " << wrong << " ms";
  EXPECT_LT(unknown, wrong * 2.0) << "unknown " << unknown << " ms, wrong " << wrong << " ms";
}

TEST_F(AuthServiceTest, RefusesTokensOfAnotherIssuer) {
  SignOptions options;
  options.expires_in = std::chrono::seconds(60);
  options.subject = "alice";
  options.issuer = "someone-else";
  options.audience = {"jot-api"};
  // Signed with the server's own key: only the claim is wrong.
  auto token = try_sign(JsonObject(), auth_->keys()->signing_key(), options);
  ASSERT_TRUE(token) << token.error().message();
  auto checked = auth_->check(*token);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code(), Errc::kClaimMismatch);
  EXPECT_EQ(checked.error().message(), "jwt issuer invalid. expected: jot-test");
}

TEST_F(AuthServiceTest, EveryTokenCarriesItsOwnJti) {
  const auto a = auth_->login("alice", "correct horse");
  const auto b = auth_->login("alice", "correct horse");
  ASSERT_EQ(a.outcome, LoginOutcome::kOk);
  ASSERT_EQ(b.outcome, LoginOutcome::kOk);
  const auto ta = auth_->check(a.issued.token);
  const auto tb = auth_->check(b.issued.token);
  ASSERT_TRUE(ta && tb);
  const std::string ja(ta->payload().get_string("jti").value_or(""));
  const std::string jb(tb->payload().get_string("jti").value_or(""));
  EXPECT_EQ(ja.size(), 22u) << ja;  // 16 bytes, base64url without padding
  EXPECT_TRUE(std::all_of(ja.begin(), ja.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  })) << ja;
  EXPECT_NE(ja, jb);
  // The other claims are as before.
  for (const char* claim : {"sub", "iat", "exp", "iss", "aud"}) {
    EXPECT_TRUE(ta->payload().contains(claim)) << claim;
  }
}

TEST_F(AuthServiceTest, LogoutRevokesThatTokenOnly) {
  const auto a = auth_->login("alice", "correct horse");
  const auto b = auth_->login("alice", "correct horse");
  ASSERT_EQ(a.outcome, LoginOutcome::kOk);
  ASSERT_EQ(b.outcome, LoginOutcome::kOk);
  const auto out = auth_->logout(a.issued.token);
  EXPECT_EQ(out.outcome, LogoutOutcome::kOk) << out.detail;
  const auto refused = auth_->check(a.issued.token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "token revoked");
  EXPECT_TRUE(auth_->check(b.issued.token));
  // Twice: the second is refused like any revoked token.
  const auto again = auth_->logout(a.issued.token);
  EXPECT_EQ(again.outcome, LogoutOutcome::kInvalidToken);
  EXPECT_EQ(again.detail, "token revoked");
  EXPECT_EQ(revocations_->size(), 1u);
}

TEST_F(AuthServiceTest, LogoutChecksTheTokenFirst) {
  const auto bad = auth_->logout("abc.def");
  EXPECT_EQ(bad.outcome, LogoutOutcome::kInvalidToken);
  EXPECT_EQ(bad.detail, "jwt malformed");
  EXPECT_EQ(revocations_->size(), 0u);
}

TEST_F(AuthServiceTest, TokensWithoutJtiCannotBeLoggedOutButStillCheck) {
  SignOptions options;
  options.expires_in = std::chrono::seconds(60);
  options.subject = "alice";
  options.issuer = "jot-test";
  options.audience = {"jot-api"};
  auto token = try_sign(JsonObject(), auth_->keys()->signing_key(), options);
  ASSERT_TRUE(token) << token.error().message();
  const auto out = auth_->logout(*token);
  EXPECT_EQ(out.outcome, LogoutOutcome::kNotRevocable);
  EXPECT_NE(out.detail.find("no jti"), std::string::npos) << out.detail;
  EXPECT_TRUE(auth_->check(*token));
}

TEST_F(AuthServiceTest, AFullRevocationTableRefusesTheLogout) {
  const std::int64_t exp = static_cast<std::int64_t>(std::time(nullptr)) + 600;
  for (std::size_t i = revocations_->size(); i < revocations_->limits().max_entries; ++i) {
    ASSERT_TRUE(revocations_->revoke("filler-" + std::to_string(i), exp));
  }
  const auto a = auth_->login("alice", "correct horse");
  ASSERT_EQ(a.outcome, LoginOutcome::kOk);
  const auto out = auth_->logout(a.issued.token);
  EXPECT_EQ(out.outcome, LogoutOutcome::kFull);
  EXPECT_TRUE(auth_->check(a.issued.token));  // not revoked: the client was told
}

TEST(SqliteUserStore, PersistsUsersAndRefusesDuplicates) {
  TempDir dir;
  {
    auto store = SqliteUserStore::open(dir.file("u.db"));
    ASSERT_TRUE(store) << store.error().message();
    ASSERT_TRUE((*store)->add_user("carol", "$argon2id$fake"));
    auto again = (*store)->add_user("carol", "$argon2id$other");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message(), "user 'carol' already exists");
  }
  auto reopened = SqliteUserStore::open(dir.file("u.db"));
  ASSERT_TRUE(reopened);
  auto found = (*reopened)->find_password_hash("carol");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, std::optional<std::string>("$argon2id$fake"));
  auto missing = (*reopened)->find_password_hash("dave");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST(SqliteUserStore, ReportsAnUnopenableDatabase) {
  auto store = SqliteUserStore::open("/nonexistent-dir/x/users.db");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("cannot open"), std::string_view::npos);
}

TEST(PasswordHasher, ProducesSaltedArgon2idHashes) {
  PasswordHasher hasher;
  auto a = hasher.hash("pw");
  auto b = hasher.hash("pw");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *a;
  EXPECT_NE(*a, *b);  // fresh salt each time
  EXPECT_TRUE(hasher.verify(*a, "pw"));
  EXPECT_FALSE(hasher.verify(*a, "pW"));
  EXPECT_FALSE(hasher.verify("not a hash", "pw"));
  EXPECT_FALSE(hasher.verify("", "pw"));
}

}  // namespace
}  // namespace jot::server
