#pragma once

// The server's keys: one signs (the newest), all verify (key rotation by kid).
//
// Sources, in order of precedence: --secret / --secret-file (one HMAC secret), --key FILE
// ... (PEM, DER or JWK files, oldest first; the last one signs), or, with none of them, an
// ephemeral key generated at start (ES256 unless --alg names another algorithm) so that
// `jot serve` runs with no configuration; its tokens do not survive a restart.

#include <string>
#include <vector>

#include "cmd/serve_options.hpp"
#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/key.hpp"

namespace jot::server {

class KeyRing {
 public:
  static Result<KeyRing> load(const ServeOptions& options);
  // For tests and embedding: `keys` oldest first, the last signs with `alg`.
  static Result<KeyRing> from_keys(std::vector<Key> keys, std::optional<Algorithm> alg);

  const Key& signing_key() const noexcept { return keys_.keys().back(); }
  Algorithm signing_algorithm() const noexcept { return alg_; }
  const KeySet& verification_keys() const noexcept { return keys_; }
  // The algorithms a presented token may use: the union of each key's own. Every key of
  // the ring is bound to its own one (Key::with_algorithm), so a key never verifies under an
  // algorithm other than the one it was configured for, even one another key uses.
  const std::vector<Algorithm>& allowed_algorithms() const noexcept { return allowed_; }
  // {"keys":[...]}: the public JWKs (with kid) of asymmetric keys; secrets never appear.
  const std::string& jwks_json() const noexcept { return jwks_; }
  // Said once in the log at start: which keys, which algorithm, ephemeral or not.
  const std::string& description() const noexcept { return description_; }

 private:
  KeySet keys_;
  Algorithm alg_ = Algorithm::kES256;
  std::vector<Algorithm> allowed_;
  std::string jwks_;
  std::string description_;
};

}  // namespace jot::server
