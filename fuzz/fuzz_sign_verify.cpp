// Round trip over every (key, algorithm) pair jot can sign with: whatever header and payload
// jot agrees to sign, it verifies with the same claims; and it never accepts the token once
// one character of its header, payload or signature segment is changed.
//
// Input: byte 0 picks the (key, algorithm) pair, byte 1 the character to change; the rest
// is `header_json` + '\n' + `payload_json` (no '\n': all payload, no extra header).
#include <cstdint>
#include <jot/jwt.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_keyring.hpp"
#include "fuzz_support.hpp"

using jot::fuzz::require;

namespace {

const std::vector<std::pair<jot::Key, jot::Algorithm>>& signing_pairs() {
  static const auto pairs = [] {
    std::vector<std::pair<jot::Key, jot::Algorithm>> out;
    for (const auto& key : jot::fuzz::every_family_keys()) {
      for (auto alg : jot::all_algorithms()) {
        if (key.check_sign(alg)) out.emplace_back(key, alg);
      }
    }
    return out;
  }();
  return pairs;
}

// A different base64url character, so that only the bytes change, not the token's shape.
char other_b64url_char(char c) {
  return c == 'A' ? 'B' : 'A';
}

// Changes one character of segment `index` (0 header, 1 payload, 2 signature).
std::string tamper(const std::string& token, int index, std::size_t where) {
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = token.rfind('.');
  const std::size_t begin = index == 0 ? 0 : index == 1 ? dot1 + 1 : dot2 + 1;
  const std::size_t end = index == 0 ? dot1 : index == 1 ? dot2 : token.size();
  std::string out = token;
  if (begin < end)
    out[begin + where % (end - begin)] = other_b64url_char(out[begin + where % (end - begin)]);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const auto& [key, alg] = signing_pairs()[data[0] % signing_pairs().size()];
  const std::size_t where = data[1];
  const std::string_view rest = jot::fuzz::as_text(data + 2, size - 2);
  const std::size_t newline = rest.find('\n');
  const std::string_view header_json =
      newline == std::string_view::npos ? std::string_view() : rest.substr(0, newline);
  const std::string_view payload =
      newline == std::string_view::npos ? rest : rest.substr(newline + 1);

  jot::SignOptions sign_options;
  sign_options.algorithm = alg;
  sign_options.timestamp = 1700000000;
  sign_options.header_json = std::string(header_json);
  auto token = jot::try_sign(payload, key, sign_options);
  if (!token) {
    require(!token.error().message().empty(), "sign rejection has a message");
    return 0;
  }

  jot::VerifyOptions options;
  options.clock_timestamp = 1700000000;
  options.allow_unexpected_audience = true;
  options.ignore_expiration = true;
  options.ignore_not_before = true;
  auto verified = jot::try_verify(*token, key, options);
  if (!verified) {
    // The only refusals of a token jot signed itself: a well-formed caller-supplied header
    // "crit" (RFC 7515 §4.1.11) that this verifier does not understand (sign refuses a
    // malformed one), and a registered claim of the wrong type in the caller's payload (e.g.
    // "aud":{}), which sign passes through as jsonwebtoken does and verify refuses
    // (RFC 7519 §4.1).
    const auto code = verified.error().code();
    require(code == jot::Errc::kCritUnsupported || code == jot::Errc::kClaimInvalid,
            "jot rejects a token it signed");
    return 0;
  }

  // Same claims: every member signed comes back unchanged (iat is jot's to set).
  auto signed_payload = jot::JsonObject::parse(payload);
  require(signed_payload.has_value(), "signed payload parses");
  for (auto name : signed_payload->names()) {
    if (name == "iat") continue;
    require(verified->payload().get_json(name) == signed_payload->get_json(name),
            "claim changed by the round trip");
  }
  for (auto name : verified->payload().names()) {
    require(name == "iat" || signed_payload->contains(name), "claim added by the round trip");
  }

  for (int segment = 0; segment < 3; ++segment) {
    require(!jot::try_verify(tamper(*token, segment, where), key, options),
            "tampered token accepted");
  }
  return 0;
}
