// ConnectionsPerAddress: each address's share of the connection slots, keyed as the login
// limiter keys addresses (an IPv6 /64 is one client).

#include "http/connections_per_address.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>

#include "auth/login_limiter.hpp"

namespace jot::server {
namespace {

TEST(ConnectionsPerAddress, RefusesAnAddressAtItsLimitAndFreesSlotsOnClose) {
  ConnectionsPerAddress table(2);
  EXPECT_TRUE(table.try_open("10.0.0.1"));
  EXPECT_TRUE(table.try_open("10.0.0.1"));
  EXPECT_FALSE(table.try_open("10.0.0.1"));
  EXPECT_EQ(table.open("10.0.0.1"), 2u);
  EXPECT_TRUE(table.try_open("10.0.0.2")) << "another address has its own share";
  table.close("10.0.0.1");
  EXPECT_TRUE(table.try_open("10.0.0.1"));
  EXPECT_FALSE(table.try_open("10.0.0.1"));
}

TEST(ConnectionsPerAddress, ForgetsAddressesWithoutConnections) {
  ConnectionsPerAddress table(1);
  EXPECT_TRUE(table.try_open("a"));
  EXPECT_FALSE(table.try_open("a"));
  EXPECT_FALSE(table.try_open("b") && table.try_open("b"));
  table.close("a");
  table.close("b");
  table.close("never-opened");
  EXPECT_EQ(table.addresses(), 0u);
}

TEST(ConnectionsPerAddress, ZeroMeansNoLimit) {
  ConnectionsPerAddress table(0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(table.try_open("a"));
  EXPECT_EQ(table.open("a"), 1000u);
}

TEST(ConnectionsPerAddress, OneIpv6Slash64IsOneAddress) {
  ConnectionsPerAddress table(2);
  const auto key = [](const char* text) {
    return LoginLimiter::client_key(boost::asio::ip::make_address(text));
  };
  EXPECT_TRUE(table.try_open(key("2001:db8:1:2::1")));
  EXPECT_TRUE(table.try_open(key("2001:db8:1:2:ffff::9")));
  EXPECT_FALSE(table.try_open(key("2001:db8:1:2:abcd:1234:5678:9abc")));
  EXPECT_TRUE(table.try_open(key("2001:db8:1:3::1"))) << "the next /64 is another client";
  // IPv4-mapped IPv6 counts as the IPv4 address.
  EXPECT_TRUE(table.try_open(key("192.0.2.7")));
  EXPECT_TRUE(table.try_open(key("::ffff:192.0.2.7")));
  EXPECT_FALSE(table.try_open(key("192.0.2.7")));
}

}  // namespace
}  // namespace jot::server
