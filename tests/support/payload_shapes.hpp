#pragma once

// Claim sets shaped like the tokens real issuers send, for the tests (correctness) and the
// benchmarks (bench/, speed on the same bytes). The values are invented; the shapes —
// nesting, claim counts, name styles, array sizes, escapes, UTF-8 — follow what each kind
// of issuer puts in its access or ID tokens. Each text is 600-1,500 bytes, and carries an
// `iss` and an `aud` that a service would configure as expected.

#include <cstdint>
#include <string>
#include <vector>

namespace jot_test {

struct PayloadShape {
  std::string name;      // "keycloak", "azure-ad", ... (used in benchmark names)
  std::string json;      // the claim set, as the issuer writes it
  std::string issuer;    // the `iss` a service expects
  std::string audience;  // one `aud` value a service expects
};

// Every shape, with iat/nbf/auth_time shortly before `now` and exp a day after it.
std::vector<PayloadShape> payload_shapes(std::int64_t now);

}  // namespace jot_test
