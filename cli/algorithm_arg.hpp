#pragma once

// --alg values.

#include <jot/algorithm.hpp>
#include <jot/error.hpp>
#include <string>
#include <string_view>

namespace jot::cli {

// A JOSE algorithm name (case-sensitive, e.g. "ES256K", "EdDSA"). "none" is refused: the
// CLI never produces or accepts unsecured tokens.
Result<Algorithm> parse_algorithm_arg(std::string_view name);

// "HS256, HS384, ..., EdDSA" for help texts and error messages.
std::string algorithm_list();

}  // namespace jot::cli
