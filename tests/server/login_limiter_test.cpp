// LoginLimiter: a token bucket per client address, with an injected clock.

#include "auth/login_limiter.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>
#include <chrono>

namespace jot::server {
namespace {

using std::chrono::seconds;
using Clock = LoginLimiter::Clock;

TEST(LoginLimiter, AllowsABurstThenAsksToWait) {
  LoginLimiter limiter(3);
  const Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.acquire("192.0.2.1", t0)) << i;
  const auto wait = limiter.acquire("192.0.2.1", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds(20));  // 3 per minute: one attempt back every 20 s
}

TEST(LoginLimiter, RefillsEvenlyOverAMinute) {
  LoginLimiter limiter(6);  // one attempt every 10 s
  const Clock::time_point t0{};
  for (int i = 0; i < 6; ++i) ASSERT_FALSE(limiter.acquire("a", t0));
  EXPECT_TRUE(limiter.acquire("a", t0 + seconds(9)));
  EXPECT_FALSE(limiter.acquire("a", t0 + seconds(10)));  // one attempt back after 10 s
  EXPECT_TRUE(limiter.acquire("a", t0 + seconds(11)));
  // After a long pause the bucket is full again, but never fuller than the burst.
  const auto later = t0 + seconds(3600);
  for (int i = 0; i < 6; ++i) EXPECT_FALSE(limiter.acquire("a", later)) << i;
  EXPECT_TRUE(limiter.acquire("a", later));
}

TEST(LoginLimiter, ClientsAreIndependent) {
  LoginLimiter limiter(1);
  const Clock::time_point t0{};
  EXPECT_FALSE(limiter.acquire("192.0.2.1", t0));
  EXPECT_TRUE(limiter.acquire("192.0.2.1", t0));
  EXPECT_FALSE(limiter.acquire("192.0.2.2", t0));
}

TEST(LoginLimiter, ZeroDisablesIt) {
  LoginLimiter limiter(0);
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(limiter.acquire("a", Clock::time_point{}));
  EXPECT_EQ(limiter.tracked_clients(), 0u);
}

TEST(LoginLimiter, TableIsBoundedByForgettingTheLeastRecentClient) {
  LoginLimiter limiter(1, 2);
  const Clock::time_point t0{};
  EXPECT_FALSE(limiter.acquire("a", t0));
  EXPECT_FALSE(limiter.acquire("b", t0 + seconds(1)));
  EXPECT_TRUE(limiter.acquire("b", t0 + seconds(2)));   // b is now the most recent
  EXPECT_FALSE(limiter.acquire("c", t0 + seconds(3)));  // forgets a, the least recent
  EXPECT_EQ(limiter.tracked_clients(), 2u);
  EXPECT_TRUE(limiter.acquire("b", t0 + seconds(4)));  // b was kept, still spent
}

TEST(LoginLimiter, ClientKeys) {
  namespace ip = boost::asio::ip;
  EXPECT_EQ(LoginLimiter::client_key(ip::make_address("192.0.2.7")), "192.0.2.7");
  EXPECT_EQ(LoginLimiter::client_key(ip::make_address("::ffff:192.0.2.7")), "192.0.2.7");
  // One IPv6 host usually holds a whole /64: its addresses share one bucket.
  EXPECT_EQ(LoginLimiter::client_key(ip::make_address("2001:db8:1:2:aaaa::1")),
            LoginLimiter::client_key(ip::make_address("2001:db8:1:2:bbbb::2")));
  EXPECT_EQ(LoginLimiter::client_key(ip::make_address("2001:db8:1:2:aaaa::1")),
            "2001:db8:1:2::/64");
  EXPECT_NE(LoginLimiter::client_key(ip::make_address("2001:db8:1:2::1")),
            LoginLimiter::client_key(ip::make_address("2001:db8:1:3::1")));
}

}  // namespace
}  // namespace jot::server
