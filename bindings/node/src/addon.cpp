// jot.node: the native half of the jsonwebtoken-compatible binding. JavaScript (../lib) does
// jsonwebtoken's option handling, messages and JSON; this addon holds parsed jot::Keys and signs
// and verifies with libjot, one call per token.

#include <napi.h>

#include "jot/version.hpp"
#include "jws_functions.hpp"
#include "key_functions.hpp"
#include "openssl_info.hpp"

namespace {

Napi::Object init(Napi::Env env, Napi::Object exports) {
  jot::node::register_key_functions(env, exports);
  jot::node::register_jws_functions(env, exports);
  jot::node::register_openssl_info(env, exports);
  exports.Set("jotVersion", Napi::String::New(env, JOT_VERSION_STRING));
  return exports;
}

}  // namespace

NODE_API_MODULE(jot, init)
