#include "key_functions.hpp"

#include <string>
#include <string_view>

#include "jot/key.hpp"
#include "key_handle.hpp"
#include "napi_bytes.hpp"

namespace jot::node {
namespace {

// jsonwebtoken accepts what Node's crypto accepts: short HMAC secrets (even empty ones) and,
// for verification, RSA keys under 2048 bits (sign() enforces its own 2048-bit rule in JS).
// The binding therefore opts in to both; the JS layer applies jsonwebtoken's own rules.
KeyOptions binding_key_options(std::string_view passphrase = {}) {
  KeyOptions options;
  options.insecure_allow_weak_secret = true;
  options.insecure_allow_small_rsa = true;
  options.passphrase = passphrase;
  return options;
}

Napi::Value finish(Napi::Env env, Result<Key> key) {
  if (!key) {
    Napi::Error::New(env, std::string(key.error().message())).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  return wrap_key(env, std::move(*key));
}

// keyFromPem(pem: string|Buffer, passphrase?: string)
Napi::Value key_from_pem(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string pem;
  if (!read_bytes(env, info[0], pem)) return env.Undefined();
  std::string passphrase;
  if (info.Length() > 1 && !info[1].IsUndefined()) {
    if (!read_bytes(env, info[1], passphrase)) return env.Undefined();
  }
  return finish(env, Key::from_pem(pem, binding_key_options(passphrase)));
}

// keyFromDer(der: Buffer): PKCS#8 private key or SPKI public key.
Napi::Value key_from_der(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string der;
  if (!read_bytes(env, info[0], der)) return env.Undefined();
  return finish(env, Key::from_der(der, binding_key_options()));
}

// keyFromSecret(bytes: Buffer): HMAC secret.
Napi::Value key_from_secret(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string secret;
  if (!read_bytes(env, info[0], secret)) return env.Undefined();
  return finish(env, Key::from_secret(secret, binding_key_options()));
}

// publicPem(handle): SPKI PEM of the public half (the JS layer checks that libjot parsed the
// same key as Node).
Napi::Value public_pem(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Key* key = unwrap_key(env, info[0]);
  if (key == nullptr) return env.Undefined();
  auto pem = key->public_pem();
  if (!pem) {
    Napi::Error::New(env, std::string(pem.error().message())).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  return Napi::String::New(env, *pem);
}

}  // namespace

void register_key_functions(Napi::Env env, Napi::Object exports) {
  exports.Set("keyFromPem", Napi::Function::New(env, guarded<key_from_pem>, "keyFromPem"));
  exports.Set("keyFromDer", Napi::Function::New(env, guarded<key_from_der>, "keyFromDer"));
  exports.Set("keyFromSecret", Napi::Function::New(env, guarded<key_from_secret>, "keyFromSecret"));
  exports.Set("publicPem", Napi::Function::New(env, guarded<public_pem>, "publicPem"));
}

}  // namespace jot::node
