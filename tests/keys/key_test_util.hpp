#pragma once

// Small helpers for the key tests (tests/keys/key_*_test.cpp, json_web_key_test.cpp).
// They throw on unexpected failures, which GoogleTest reports as a failed test with the
// message: a helper can never make a test pass vacuously.

#include <openssl/pem.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "jot/base64url.hpp"
#include "jot/key.hpp"

namespace jot_key_test {

inline jot::Key must(jot::Result<jot::Key> result, std::string_view what = "key") {
  if (!result) {
    throw std::runtime_error(std::string(what) + ": " + std::string(result.error().message()));
  }
  return std::move(*result);
}

inline std::string must(jot::Result<std::string> result, std::string_view what = "export") {
  if (!result) {
    throw std::runtime_error(std::string(what) + ": " + std::string(result.error().message()));
  }
  return std::move(*result);
}

inline std::string thumb(const jot::Key& key) {
  return must(key.thumbprint(), "thumbprint");
}

// The DER bytes of the first PEM block labelled `label` in `pem` (OpenSSL's own decoder,
// independent of jot's PEM reader).
inline std::string pem_block_der(std::string_view pem, std::string_view label) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  std::string der;
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long len = 0;
  while (PEM_read_bio(bio, &name, &header, &data, &len) == 1) {
    const bool match = label == name;
    if (match) der.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    if (match) break;
  }
  BIO_free(bio);
  if (der.empty()) throw std::runtime_error("no PEM block " + std::string(label));
  return der;
}

inline boost::json::object json_object(std::string_view text) {
  return boost::json::parse(text).as_object();
}

// `jwk` with member `name` set to `value` (or removed when value is null).
inline std::string jwk_with(std::string_view jwk, std::string_view name,
                            const boost::json::value& value) {
  boost::json::object object = json_object(jwk);
  if (value.is_null()) {
    object.erase(name);
  } else {
    object[name] = value;
  }
  return boost::json::serialize(object);
}

inline std::string b64(std::string_view bytes) {
  return jot::base64url::encode(bytes);
}

inline std::string unb64(std::string_view text) {
  jot::Result<std::string> bytes = jot::base64url::decode(text);
  if (!bytes) throw std::runtime_error("bad base64url in test data: " + std::string(text));
  return *bytes;
}

}  // namespace jot_key_test
