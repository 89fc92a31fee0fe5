// Round trip: whatever payload jot agrees to sign, it verifies, with the same claims; and it
// never accepts the token once a byte of its signature or payload segment is changed.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <jot/jwt.hpp>
#include <string>
#include <string_view>

namespace {

constexpr std::array kAlgs = {jot::Algorithm::kHS256,  jot::Algorithm::kHS512,
                              jot::Algorithm::kRS256,  jot::Algorithm::kPS384,
                              jot::Algorithm::kES256,  jot::Algorithm::kES384,
                              jot::Algorithm::kES256K, jot::Algorithm::kEdDSA};

const jot::Key& key_for(std::size_t index) {
  static const auto keys = [] {
    std::array<std::optional<jot::Key>, kAlgs.size()> out;
    for (std::size_t i = 0; i < kAlgs.size(); ++i) out[i] = jot::Key::generate(kAlgs[i]).value();
    return out;
  }();
  return *keys[index];
}

char other_b64url_char(char c) {
  return c == 'A' ? 'B' : 'A';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::size_t alg_index = data[0] % kAlgs.size();
  const std::size_t flip = data[1];
  const std::string_view payload(reinterpret_cast<const char*>(data + 2), size - 2);
  const jot::Key& key = key_for(alg_index);

  jot::SignOptions sign_options;
  sign_options.algorithm = kAlgs[alg_index];
  sign_options.timestamp = 1700000000;
  auto token = jot::try_sign(payload, key, sign_options);
  if (!token) return 0;

  jot::VerifyOptions options;
  options.clock_timestamp = 1700000000;
  options.allow_unexpected_audience = true;
  options.ignore_expiration = true;
  options.ignore_not_before = true;
  auto verified = jot::try_verify(*token, key, options);
  if (!verified) std::abort();
  auto reparsed = jot::JsonObject::parse(payload);
  if (!reparsed) std::abort();

  // Change one character of the signature segment, then one of the payload segment.
  std::string forged = *token;
  const std::size_t sig_start = forged.rfind('.') + 1;
  if (sig_start < forged.size()) {
    const std::size_t at = sig_start + flip % (forged.size() - sig_start);
    forged[at] = other_b64url_char(forged[at]);
    if (jot::try_verify(forged, key, options)) std::abort();
  }
  forged = *token;
  const std::size_t payload_start = forged.find('.') + 1;
  const std::size_t payload_len = forged.rfind('.') - payload_start;
  const std::size_t at = payload_start + flip % payload_len;
  forged[at] = other_b64url_char(forged[at]);
  if (jot::try_verify(forged, key, options)) std::abort();
  return 0;
}
