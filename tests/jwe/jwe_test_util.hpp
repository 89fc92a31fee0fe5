#pragma once

// Helpers shared by the JWE test files.

#include "jot/jwe.hpp"

namespace jot::jwe::test {

// Decrypt options that accept exactly `alg` (and every content encryption).
inline DecryptOptions allow(KeyManagement alg) {
  DecryptOptions options;
  options.algorithms = {alg};
  return options;
}

}  // namespace jot::jwe::test
