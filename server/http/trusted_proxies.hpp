#pragma once

// --trusted-proxy: which TCP peers may say who the client is, and the client address a
// request comes from once they have.
//
// A reverse proxy appends the address it received a request from to X-Forwarded-For, so the
// header reads "client, proxy1, proxy2" and the TCP peer is the last proxy. Every entry left
// of the first address we do not trust was written by whoever that address is, so only the
// rightmost untrusted entry is worth anything: the client as a trusted proxy saw it. Anything
// further left is the client's own claim. Without a trusted peer the header is the client's
// claim too, and is ignored.

#include <array>
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jot/error.hpp"

namespace jot::server {

// An IPv4 or IPv6 network, "10.0.0.0/8", "2001:db8::/32", or one host ("10.0.0.7", "::1").
class Cidr {
 public:
  // Strict: the address as inet_pton reads it (no zone id, no IPv4-mapped IPv6: write those
  // as IPv4), a decimal prefix length without sign or leading zero within the family's
  // width, and no bits set after the prefix ("10.0.0.1/8" is refused: it names 10.0.0.0/8
  // and the address part suggests a mistake).
  static Result<Cidr> parse(std::string_view text);

  // IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
  bool contains(const boost::asio::ip::address& address) const noexcept;
  std::string to_string() const;

 private:
  bool v6_ = false;
  std::array<unsigned char, 16> bytes_{};  // IPv4: the first four
  unsigned prefix_ = 0;
};

// What X-Forwarded-For said about a request from a trusted peer.
enum class Forwarded {
  kNotTrusted,  // the peer is not a trusted proxy: the peer is the client
  kNone,        // a trusted peer sent no X-Forwarded-For: the peer is the client
  kUsed,        // the client is the rightmost untrusted entry
  kAllTrusted,  // every entry is a trusted proxy: the leftmost one is the client
  kMalformed,   // an entry that is no address stopped the walk: the last trusted hop is the
                // client (never an address the client could have chosen)
};

struct ClientAddress {
  boost::asio::ip::address address;
  Forwarded forwarded = Forwarded::kNotTrusted;
};

class TrustedProxies {
 public:
  TrustedProxies() = default;
  explicit TrustedProxies(std::vector<Cidr> networks) : networks_(std::move(networks)) {}
  // Every CIDR of --trusted-proxy, or the first that does not parse ("--trusted-proxy
  // '10.0.0.1/8': ...").
  static Result<TrustedProxies> parse(const std::vector<std::string>& texts);

  bool empty() const noexcept { return networks_.empty(); }
  bool trusts(const boost::asio::ip::address& address) const noexcept;

  // The client of a request from `peer` whose X-Forwarded-For fields are `fields` (in the
  // order they came; several fields are one comma-separated list, RFC 9110 §5.3). Entries
  // are bare addresses, "[IPv6]" or with a port ("192.0.2.1:4711", "[2001:db8::1]:4711");
  // empty list elements are skipped.
  ClientAddress client_of(const boost::asio::ip::address& peer,
                          const std::vector<std::string_view>& fields) const;

 private:
  std::vector<Cidr> networks_;
};

}  // namespace jot::server
