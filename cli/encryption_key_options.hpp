#pragma once

// The key options of `jot encrypt` and `jot decrypt`: those of sign/verify (key_options.hpp)
// plus a PBES2 password (--password, --password-file), which is a key source of its own so
// that a password can never be taken for an AES key or an HMAC secret.

#include <string>

#include "key_options.hpp"

namespace jot::cli {

struct EncryptionKeyArgs {
  KeyArgs key;
  std::string password;
  std::string password_file;
  CLI::Option* password_opt = nullptr;
  CLI::Option* password_file_opt = nullptr;
};

// add_key_options() and the two password options.
void add_encryption_key_options(CLI::App& command, EncryptionKeyArgs& args);

// Loads the key the options name: exactly one of --secret, --secret-file, --secret-base64url,
// --key, --password, --password-file. A password becomes a PBES2-only key
// (Key::from_password). Errors are usage errors (exit 2).
Result<LoadedKey> load_encryption_key(const EncryptionKeyArgs& args);

}  // namespace jot::cli
