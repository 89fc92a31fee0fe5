#include "http/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <optional>

namespace jot::server {

namespace ip = boost::asio::ip;

namespace {

// IPv4-mapped IPv6 (::ffff:192.0.2.1, how a dual-stack socket reports IPv4 peers) as IPv4.
ip::address normalized(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

// inet_pton's strict forms only: dotted quad without leading zeros, RFC 4291 text without a
// zone id (asio's parser would accept "fe80::1%eth0").
std::optional<ip::address> parse_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string z(text);
  if (z.find(':') == std::string::npos) {
    ip::address_v4::bytes_type b{};
    if (inet_pton(AF_INET, z.c_str(), b.data()) != 1) return std::nullopt;
    return ip::address(ip::address_v4(b));
  }
  ip::address_v6::bytes_type b{};
  if (inet_pton(AF_INET6, z.c_str(), b.data()) != 1) return std::nullopt;
  return ip::address(ip::address_v6(b));
}

bool is_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return false;
  unsigned value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value <= 65535;
}

// One X-Forwarded-For entry: "192.0.2.1", "192.0.2.1:4711", "2001:db8::1", "[2001:db8::1]",
// "[2001:db8::1]:4711". Anything else ("unknown", obfuscated names, garbage) is nullopt.
std::optional<ip::address> parse_entry(std::string_view entry) {
  if (entry.front() == '[') {
    const auto close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const auto rest = entry.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !is_port(rest.substr(1)))) return std::nullopt;
    auto a = parse_address(entry.substr(1, close - 1));
    if (!a || !a->is_v6()) return std::nullopt;
    return normalized(*a);
  }
  const auto colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
    if (!is_port(entry.substr(colon + 1))) return std::nullopt;
    entry = entry.substr(0, colon);  // IPv4 with a port
    if (entry.find(':') != std::string_view::npos) return std::nullopt;
  }
  auto a = parse_address(entry);
  if (!a) return std::nullopt;
  return normalized(*a);
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<Cidr> Cidr::parse(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  const auto slash = text.find('/');
  const std::string_view address_text = text.substr(0, slash);
  if (address_text.find('%') != std::string_view::npos) {
    return Error(Errc::kInvalidOption, quoted + ": a zone id (%...) is not allowed");
  }
  const auto address = parse_address(address_text);
  if (!address) {
    return Error(Errc::kInvalidOption,
                 quoted + ": '" + std::string(address_text) + "' is not an IPv4 or IPv6 address");
  }
  Cidr cidr;
  cidr.v6_ = address->is_v6();
  if (cidr.v6_ && address->to_v6().is_v4_mapped()) {
    return Error(Errc::kInvalidOption,
                 quoted +
                     ": an IPv4-mapped IPv6 network; write it as IPv4 (IPv4-mapped "
                     "peers are matched against IPv4 networks)");
  }
  const unsigned width = cidr.v6_ ? 128 : 32;
  if (cidr.v6_) {
    const auto b = address->to_v6().to_bytes();
    std::copy(b.begin(), b.end(), cidr.bytes_.begin());
  } else {
    const auto b = address->to_v4().to_bytes();
    std::copy(b.begin(), b.end(), cidr.bytes_.begin());
  }
  cidr.prefix_ = width;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const bool decimal = !digits.empty() && digits.size() <= 3 &&
                         digits.find_first_not_of("0123456789") == std::string_view::npos &&
                         (digits.size() == 1 || digits.front() != '0');
    unsigned prefix = 0;
    for (const char c : digits) prefix = prefix * 10 + static_cast<unsigned>(c - '0');
    if (!decimal || prefix > width) {
      return Error(
          Errc::kInvalidOption,
          quoted + ": the prefix length must be a number from 0 to " + std::to_string(width));
    }
    cidr.prefix_ = prefix;
  }
  for (unsigned bit = cidr.prefix_; bit < width; ++bit) {
    if (cidr.bytes_[bit / 8] & (0x80u >> (bit % 8))) {
      Cidr network = cidr;
      for (unsigned b = cidr.prefix_; b < width; ++b) {
        network.bytes_[b / 8] &= static_cast<unsigned char>(~(0x80u >> (b % 8)));
      }
      return Error(Errc::kInvalidOption,
                   quoted + ": bits set after the /" + std::to_string(cidr.prefix_) +
                       " prefix (the network is " + network.to_string() + ")");
    }
  }
  return cidr;
}

bool Cidr::contains(const ip::address& raw) const noexcept {
  const auto address = normalized(raw);
  if (address.is_v6() != v6_) return false;
  std::array<unsigned char, 16> b{};
  if (v6_) {
    const auto a = address.to_v6().to_bytes();
    std::copy(a.begin(), a.end(), b.begin());
  } else {
    const auto a = address.to_v4().to_bytes();
    std::copy(a.begin(), a.end(), b.begin());
  }
  const unsigned whole = prefix_ / 8;
  for (unsigned i = 0; i < whole; ++i) {
    if (b[i] != bytes_[i]) return false;
  }
  if (prefix_ % 8 == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFFu << (8 - prefix_ % 8));
  return (b[whole] & mask) == (bytes_[whole] & mask);
}

std::string Cidr::to_string() const {
  std::string text;
  if (v6_) {
    ip::address_v6::bytes_type b{};
    std::copy(bytes_.begin(), bytes_.end(), b.begin());
    text = ip::address_v6(b).to_string();
  } else {
    text = ip::address_v4({bytes_[0], bytes_[1], bytes_[2], bytes_[3]}).to_string();
  }
  return text + "/" + std::to_string(prefix_);
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& texts) {
  std::vector<Cidr> networks;
  for (const auto& text : texts) {
    auto cidr = Cidr::parse(text);
    if (!cidr) {
      return Error(Errc::kInvalidOption,
                   "--trusted-proxy " + std::string(cidr.error().message()) +
                       " (expected ADDRESS or ADDRESS/PREFIX, e.g. 10.0.0.0/8 or fd00::/8)");
    }
    networks.push_back(*cidr);
  }
  return TrustedProxies(std::move(networks));
}

bool TrustedProxies::trusts(const ip::address& address) const noexcept {
  for (const auto& network : networks_) {
    if (network.contains(address)) return true;
  }
  return false;
}

ClientAddress TrustedProxies::client_of(const ip::address& raw_peer,
                                        const std::vector<std::string_view>& fields) const {
  const auto peer = normalized(raw_peer);
  if (!trusts(peer)) return {peer, Forwarded::kNotTrusted};
  ip::address last = peer;  // the nearest hop known to be a trusted proxy
  bool any = false;
  for (auto field = fields.rbegin(); field != fields.rend(); ++field) {
    std::string_view rest = *field;
    while (true) {
      const auto comma = rest.rfind(',');
      const auto entry = trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
      if (!entry.empty()) {
        any = true;
        const auto address = parse_entry(entry);
        if (!address) return {last, Forwarded::kMalformed};
        if (!trusts(*address)) return {*address, Forwarded::kUsed};
        last = *address;
      }
      if (comma == std::string_view::npos) break;
      rest = rest.substr(0, comma);
    }
  }
  return {last, any ? Forwarded::kAllTrusted : Forwarded::kNone};
}

}  // namespace jot::server
