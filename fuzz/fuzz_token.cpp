// The compact-token parser and header/payload JSON handling on their own, without a key:
// jws::split and jot::unverified_decode. Checks that
//  - split accepts exactly the texts with two dots, and its segments rebuild the token;
//  - unverified_decode accepts only tokens whose three segments are strict base64url and
//    whose header and payload are JSON objects, and returns exactly those objects;
//  - every rejection carries a code and a message.
#include <algorithm>
#include <cstdint>
#include <jot/base64url.hpp>
#include <jot/jws.hpp>
#include <jot/jwt.hpp>
#include <string>

#include "fuzz_support.hpp"

using jot::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token = jot::fuzz::as_text(data, size);

  auto segments = jot::jws::split(token);
  const auto dots = std::count(token.begin(), token.end(), '.');
  require(segments.has_value() == (dots == 2), "split accepts exactly two dots");
  if (!segments) {
    require(segments.error().code() == jot::Errc::kMalformed, "split error is kMalformed");
    require(segments.error().message() == "jwt malformed", "split message");
  } else {
    std::string rebuilt(segments->header);
    rebuilt += '.';
    rebuilt += segments->payload;
    require(segments->signing_input() == rebuilt, "signing input is header.payload");
    rebuilt += '.';
    rebuilt += segments->signature;
    require(rebuilt == token, "segments rebuild the token");
  }

  auto decoded = jot::unverified_decode(token);
  if (!decoded) {
    require(decoded.error().code() != jot::Errc::kOk, "rejection has a code");
    require(!decoded.error().message().empty(), "rejection has a message");
    return 0;
  }
  require(segments.has_value(), "decoded token splits");
  auto header = jot::base64url::decode(segments->header);
  auto payload = jot::base64url::decode(segments->payload);
  require(header && payload && jot::base64url::decode(segments->signature).has_value(),
          "decoded token has strict base64url segments");
  require(!segments->header.empty(), "decoded token has a header");
  require(decoded->signature() == segments->signature, "signature text kept");
  auto header_json = jot::JsonObject::parse(*header);
  auto payload_json = jot::JsonObject::parse(*payload);
  require(header_json && payload_json, "header and payload are JSON objects");
  require(header_json->to_json() == decoded->header().to_json(), "header is the decoded header");
  require(payload_json->to_json() == decoded->payload().to_json(),
          "payload is the decoded payload");
  return 0;
}
