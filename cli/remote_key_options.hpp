#pragma once

// `jot verify --jwks-url URL`: the verification key comes from an identity provider's JWK
// Set URL (jot::remote), chosen by the token's kid. Built only with jot::remote; without it
// the options are not offered.

#include <jot/jwt.hpp>
#include <jot/key.hpp>
#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace jot::cli {

struct RemoteKeyArgs {
  std::string url;
  std::string ca_file;
  bool insecure_http = false;
  CLI::Option* url_opt = nullptr;
};

// Adds --jwks-url, --jwks-ca-file and --jwks-insecure-http (in their own help group).
void add_remote_key_options(CLI::App& command, RemoteKeyArgs& args);

bool remote_key_given(const RemoteKeyArgs& args);

// A resolver that fetches the set at --jwks-url when a token needs it. Errors: usage errors
// (exit 2) for invalid options; fetch errors surface when verifying, as kKeyFetch.
Result<KeyResolver> make_remote_resolver(const RemoteKeyArgs& args, const KeyOptions& options);

}  // namespace jot::cli
