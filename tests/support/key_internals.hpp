#pragma once

// For tests of the keys layer's private code (signature primitives, key agreement, the key
// policy): the material behind a Key, which the public interface does not show. Tests of
// behaviour go through the public calls (Key, sign_raw/verify_raw) instead.

#include <openssl/evp.h>

#include "jot/key.hpp"
#include "keys/key_data.hpp"

namespace jot_test {

inline const jot::detail::KeyData& key_data(const jot::Key& key) noexcept {
  return jot::detail::key_data(key);
}

// The parsed OpenSSL key (null for secrets); owned by the Key.
inline EVP_PKEY* pkey_of(const jot::Key& key) noexcept {
  return key_data(key).pkey.get();
}

}  // namespace jot_test
