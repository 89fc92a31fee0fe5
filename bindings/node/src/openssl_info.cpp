#include "openssl_info.hpp"

#include <dlfcn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/provider.h>

#include <string>

#include "napi_bytes.hpp"

namespace jot::node {
namespace {

// The file of the shared object that defines the code at `address` (dladdr): tells whether a
// symbol the addon calls was bound to the system libcrypto or to the copy inside `node`.
std::string defining_object(const void* address) {
  Dl_info dl_info{};
  if (dladdr(address, &dl_info) == 0 || dl_info.dli_fname == nullptr) return "";
  return dl_info.dli_fname;
}

template <typename F>
const void* address_of(F* function) {
  // Function → object pointer conversion is conditionally supported; POSIX (dlsym) requires it.
  return reinterpret_cast<const void*>(function);
}

Napi::Value openssl_info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto result = Napi::Object::New(env);
  // What the addon was compiled against…
  result.Set("headerVersion", Napi::String::New(env, OPENSSL_VERSION_TEXT));
  // …and what answers its calls at run time.
  result.Set("version", Napi::String::New(env, OpenSSL_version(OPENSSL_VERSION)));
  result.Set("major", Napi::Number::New(env, OPENSSL_version_major()));
  result.Set("minor", Napi::Number::New(env, OPENSSL_version_minor()));
  result.Set("patch", Napi::Number::New(env, OPENSSL_version_patch()));
  result.Set("versionSymbolFrom",
             Napi::String::New(env, defining_object(address_of(&OpenSSL_version))));
  result.Set("digestSymbolFrom",
             Napi::String::New(env, defining_object(address_of(&EVP_MD_fetch))));
  // The default provider's SHA-256 implementation, as resolved by whichever libcrypto the
  // addon talks to: its code must live in that same library.
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::string provider;
  if (sha256 != nullptr) {
    provider = OSSL_PROVIDER_get0_name(EVP_MD_get0_provider(sha256));
    EVP_MD_free(sha256);
  }
  result.Set("sha256Provider", Napi::String::New(env, provider));
  return result;
}

}  // namespace

void register_openssl_info(Napi::Env env, Napi::Object exports) {
  exports.Set("opensslInfo", Napi::Function::New(env, guarded<openssl_info>, "opensslInfo"));
}

}  // namespace jot::node
