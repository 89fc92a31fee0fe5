// base64url: the strict decoder must never crash, and every accepted text must be the one
// canonical encoding of its bytes (decode → encode gives the input back). The allocation-free
// forms (decode_into, encode_append) agree with the plain ones, and the size helpers are
// exact for encoding and an upper bound for decoding.
#include <cstdint>
#include <jot/base64url.hpp>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"

using jot::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = jot::fuzz::as_text(data, size);
  auto decoded = jot::base64url::decode(text);
  std::string into = "stale";
  const bool ok = jot::base64url::decode_into(text, into);
  require(ok == decoded.has_value(), "decode_into agrees with decode");
  if (decoded) {
    require(into == *decoded, "decode_into gives the same bytes");
    require(decoded->size() <= jot::base64url::decoded_size(text.size()), "decoded_size bound");
    require(jot::base64url::encode(*decoded) == text, "accepted text is the canonical encoding");
  }
  // Any bytes encode to text that decodes back to them.
  const std::string encoded = jot::base64url::encode(text);
  require(encoded.size() == jot::base64url::encoded_size(text.size()), "encoded_size exact");
  std::string appended = "x.";
  jot::base64url::encode_append(text, appended);
  require(appended == "x." + encoded, "encode_append appends the encoding");
  auto round = jot::base64url::decode(encoded);
  require(round.has_value() && *round == text, "encode then decode is the identity");
  return 0;
}
