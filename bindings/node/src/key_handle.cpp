#include "key_handle.hpp"

#include <utility>

namespace jot::node {
namespace {

// Random, fixed: identifies Externals created by wrap_key (napi_type_tag_object).
constexpr napi_type_tag kKeyTag = {0x6a6f745f6b65795fULL, 0x9c41d2e07b35a8f1ULL};

}  // namespace

Napi::Value wrap_key(Napi::Env env, Key key) {
  auto* boxed = new Key(std::move(key));
  auto external = Napi::External<Key>::New(env, boxed, [](Napi::Env, Key* k) { delete k; });
  external.TypeTag(&kKeyTag);
  return external;
}

const Key* unwrap_key(Napi::Env env, const Napi::Value& value) {
  if (!value.IsExternal() || !value.As<Napi::Object>().CheckTypeTag(&kKeyTag)) {
    Napi::TypeError::New(env, "jot: not a key handle").ThrowAsJavaScriptException();
    return nullptr;
  }
  return value.As<Napi::External<Key>>().Data();
}

}  // namespace jot::node
