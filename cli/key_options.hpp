#pragma once

// The key options shared by `jot sign` and `jot verify`, and loading a key from them.

#include <jot/key.hpp>
#include <string>
#include <variant>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace jot::cli {

struct KeyArgs {
  std::string secret;
  std::string secret_file;
  std::string secret_base64url;
  std::string key_file;
  std::string passphrase;
  bool allow_weak_secret = false;
  bool allow_insecure_key = false;

  CLI::Option* secret_opt = nullptr;
  CLI::Option* secret_file_opt = nullptr;
  CLI::Option* secret_base64url_opt = nullptr;
  CLI::Option* key_opt = nullptr;
};

// Adds --secret, --secret-file, --secret-base64url, --key, --passphrase,
// --allow-weak-secret and --allow-insecure-key to `command` (in their own help group).
void add_key_options(CLI::App& command, KeyArgs& args);

// What the options name: one key, or a JWK Set (from a --key file holding {"keys":[...]}).
using LoadedKey = std::variant<Key, KeySet>;

// Whether any of --secret, --secret-file, --secret-base64url, --key was given.
bool key_source_given(const KeyArgs& args);

// The key policy the options ask for (--allow-weak-secret, --allow-insecure-key,
// --passphrase).
KeyOptions key_policy(const KeyArgs& args);

// Loads the key the options name. Exactly one of the four sources must be given. --key
// content is detected: PEM, JWK, JWK Set or DER (never a secret); secrets come only from
// the --secret* options. Errors are usage errors (exit 2).
Result<LoadedKey> load_key(const KeyArgs& args);

// The one key to sign or encrypt with: the key itself, or from a JWK Set the key whose kid
// is `*kid`, or the set's only key.
Result<Key> choose_key(const LoadedKey& loaded, const std::string* kid);

// Reads key material (PEM, DER, JWK or JWKS, detected from the content).
Result<LoadedKey> parse_key_material(std::string_view material, const KeyOptions& options);

}  // namespace jot::cli
