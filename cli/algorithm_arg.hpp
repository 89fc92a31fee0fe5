#pragma once

// --alg and --enc values.

#include <jot/algorithm.hpp>
#include <jot/error.hpp>
#include <jot/jwe_algorithm.hpp>
#include <string>
#include <string_view>

namespace jot::cli {

// A JOSE algorithm name (case-sensitive, e.g. "ES256K", "EdDSA"). "none" is refused: the
// CLI never produces or accepts unsecured tokens.
Result<Algorithm> parse_algorithm_arg(std::string_view name);

// "HS256, HS384, ..., EdDSA" for help texts and error messages.
std::string algorithm_list();

// A JWE key-management algorithm ("A256KW", "ECDH-ES+A128KW", "RSA1_5" ...), case-sensitive.
// RSA1_5 is parsed here; the commands refuse it unless its opt-in is given.
Result<KeyManagement> parse_key_management_arg(std::string_view name);
// A JWE content encryption ("A256GCM", "A128CBC-HS256" ...), case-sensitive.
Result<ContentEncryption> parse_content_encryption_arg(std::string_view name);

// "dir, A128KW, ..., RSA1_5" and "A128GCM, ..., A256CBC-HS512".
std::string key_management_list();
std::string content_encryption_list();

}  // namespace jot::cli
