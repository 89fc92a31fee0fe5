// Key rotation: a kid the cached set does not know triggers one refetch, at most once per
// cooldown, also when many threads ask at once.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "remote_fixture.hpp"
#include "signing_keys.hpp"

namespace jot::test {
namespace {

using Clock = std::chrono::steady_clock;

class RemoteRotation : public ::testing::Test {
 protected:
  SigningKey old_key_ = make_signing_key("old");
  SigningKey new_key_ = make_signing_key("new");
  JwksServer server_;
};

TEST_F(RemoteRotation, NewKidAfterTheCooldownIsFetchedOnceAndVerifies) {
  server_.set_jwks(jwks_of({&old_key_}));
  auto remote = make_remote(fast_options(server_));  // cooldown 200 ms
  ASSERT_TRUE(try_verify(token_signed_by(old_key_), remote.resolver()));
  EXPECT_EQ(server_.requests(), 1);

  // The provider rotates: the new key is published, the old one withdrawn.
  server_.set_jwks(jwks_of({&new_key_}));
  std::this_thread::sleep_for(250ms);
  const auto verified = try_verify(token_signed_by(new_key_), remote.resolver());
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(server_.requests(), 2);
  // The withdrawn key is gone from the cache with the refetch.
  const auto withdrawn = remote.resolve(header_with_kid("old"));
  ASSERT_FALSE(withdrawn);
  EXPECT_EQ(withdrawn.error().code(), Errc::kNoMatchingKey);
  EXPECT_EQ(server_.requests(), 2);  // within the cooldown again
}

TEST_F(RemoteRotation, NewKidWithinTheCooldownIsNotFetched) {
  server_.set_jwks(jwks_of({&old_key_}));
  auto remote = make_remote(fast_options(server_));
  ASSERT_TRUE(remote.resolve(header_with_kid("old")));
  server_.set_jwks(jwks_of({&old_key_, &new_key_}));
  const auto result = remote.resolve(header_with_kid("new"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kNoMatchingKey);
  EXPECT_NE(result.error().message().find("\"new\""), std::string_view::npos);
  EXPECT_EQ(server_.requests(), 1);
  // Once the cooldown has passed the same token succeeds.
  std::this_thread::sleep_for(250ms);
  EXPECT_TRUE(try_verify(token_signed_by(new_key_), remote.resolver()));
  EXPECT_EQ(server_.requests(), 2);
}

// An attacker sending tokens with made-up kids costs the provider one request per cooldown.
TEST_F(RemoteRotation, HundredUnknownKidsCauseExactlyOneRequest) {
  server_.set_jwks(jwks_of({&old_key_}));
  auto remote = make_remote(fast_options(server_));
  ASSERT_TRUE(remote.resolve(header_with_kid("old")));
  std::this_thread::sleep_for(250ms);  // past the cooldown: the next unknown kid may fetch
  for (int i = 0; i < 100; ++i) {
    const auto result = remote.resolve(header_with_kid("random-" + std::to_string(i)));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), Errc::kNoMatchingKey);
  }
  EXPECT_EQ(server_.requests(), 2);
  // Known kids keep working without requests.
  EXPECT_TRUE(remote.resolve(header_with_kid("old")));
  EXPECT_EQ(server_.requests(), 2);
}

TEST_F(RemoteRotation, FailedRefetchForUnknownKidKeepsTheFreshSet) {
  server_.set_jwks(jwks_of({&old_key_}));
  auto remote = make_remote(fast_options(server_));
  ASSERT_TRUE(remote.resolve(header_with_kid("old")));
  server_.set_reply(Reply::with_status(502));
  std::this_thread::sleep_for(250ms);
  const auto result = remote.resolve(header_with_kid("new"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_NE(result.error().message().find("no key in the set has kid \"new\""),
            std::string_view::npos)
      << result.error().message();
  EXPECT_NE(result.error().message().find("HTTP status 502"), std::string_view::npos);
  // Tokens of the known key are not taken down by the provider's trouble.
  EXPECT_TRUE(try_verify(token_signed_by(old_key_), remote.resolver()));
  EXPECT_EQ(server_.requests(), 2);
}

// Many threads verify while the provider rotates. Every answer is a verified token or, for
// the new kid before its refetch, kNoMatchingKey; the new key is fetched with few requests.
// Run under the asan preset too.
TEST_F(RemoteRotation, ConcurrentResolvesDuringRotation) {
  server_.set_jwks(jwks_of({&old_key_}));
  RemoteJwksOptions options = fast_options(server_);
  options.cooldown = 100ms;
  auto remote = make_remote(options);
  const KeyResolver resolver = remote.resolver();
  const std::string old_token = token_signed_by(old_key_);
  const std::string new_token = token_signed_by(new_key_);

  constexpr int kThreads = 4;
  std::atomic<bool> rotated{false};
  std::atomic<int> unexpected{0};
  std::atomic<int> new_verified{0};
  std::vector<std::thread> threads;
  const auto started = Clock::now();
  const auto deadline = started + 1500ms;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      bool saw_new = false;
      while (!saw_new && Clock::now() < deadline) {
        if (!try_verify(old_token, resolver)) ++unexpected;
        const auto result = try_verify(new_token, resolver);
        if (result) {
          saw_new = true;
        } else if (result.error().code() != Errc::kNoMatchingKey) {
          ++unexpected;
        }
        // A token with the new kid verifies only after the rotation.
        if (result && !rotated.load()) ++unexpected;
      }
      if (saw_new) ++new_verified;
    });
  }
  std::this_thread::sleep_for(150ms);
  rotated = true;  // first: no thread can see the new set before this is set
  server_.set_jwks(jwks_of({&old_key_, &new_key_}));
  for (std::thread& thread : threads) thread.join();
  const auto elapsed = Clock::now() - started;

  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(new_verified.load(), kThreads);
  // At most one request per cooldown window: the first fetch, then one unknown-kid refetch
  // per 100 ms that passed until the new key was found. The bound follows the time the test
  // really took, so a loaded machine (sleep_for overshooting) cannot fail it.
  const auto windows = elapsed / options.cooldown;
  EXPECT_GE(server_.requests(), 2);
  EXPECT_LE(server_.requests(), 2 + windows) << "elapsed " << elapsed / 1ms << " ms";
}

// A refetch for an unknown kid that waits on a slow provider holds up no token whose key is
// in the fresh cached set.
TEST_F(RemoteRotation, KnownKidsDoNotWaitForARefetch) {
  server_.set_jwks(jwks_of({&old_key_}));
  auto remote = make_remote(fast_options(server_));
  ASSERT_TRUE(remote.resolve(header_with_kid("old")));
  server_.set_reply(Reply::delayed(jwks_of({&old_key_}), 600ms));
  std::this_thread::sleep_for(250ms);  // past the cooldown
  std::thread refetching([&] { EXPECT_FALSE(remote.resolve(header_with_kid("unknown"))); });
  // Until the refetch is under way (bounded, should it never start).
  const auto give_up = Clock::now() + 1s;
  while (server_.requests() < 2 && Clock::now() < give_up) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(server_.requests(), 2) << "the refetch did not start";
  const auto start = Clock::now();
  EXPECT_TRUE(remote.resolve(header_with_kid("old")));
  // Waiting for the refetch would take most of its 600 ms; a cached key takes microseconds.
  EXPECT_LT(Clock::now() - start, 400ms);
  refetching.join();
  EXPECT_EQ(server_.requests(), 2);
}

// A cold start under load: threads that wait for the first fetch use its result.
TEST_F(RemoteRotation, ConcurrentFirstUseFetchesOnce) {
  server_.set_reply(Reply::delayed(jwks_of({&old_key_}), 100ms));
  auto remote = make_remote(fast_options(server_));
  const std::string token = token_signed_by(old_key_);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      if (!try_verify(token, remote.resolver())) ++failures;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(server_.requests(), 1);
}

}  // namespace
}  // namespace jot::test
