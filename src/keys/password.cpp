// Key::from_password: a PBES2 password (RFC 7518 §4.8), kept apart from HMAC and AES keys so
// that a human-chosen password is never used as one.

#include <memory>

#include "jot/key.hpp"
#include "keys/key_data.hpp"

namespace jot {

Result<Key> Key::from_password(std::string_view password) {
  if (password.empty()) return Error(Errc::kWeakKey, "a PBES2 password must not be empty");
  auto data = std::make_shared<detail::KeyData>();
  data->type = KeyType::kSecret;
  data->has_private = true;
  data->password = true;
  data->secret.assign(password.data(), password.size());
  data->bits = static_cast<int>(password.size() * 8);
  return Key(std::move(data));
}

}  // namespace jot
