#include "napi_bytes.hpp"

namespace jot::node {

bool read_bytes(Napi::Env env, const Napi::Value& value, std::string& out) {
  if (value.IsString()) {
    size_t length = 0;
    napi_status status = napi_get_value_string_utf8(env, value, nullptr, 0, &length);
    if (status != napi_ok) return false;
    // Node-API writes a terminating NUL: size for it, then drop it.
    out.resize(length + 1);
    status = napi_get_value_string_utf8(env, value, out.data(), out.size(), &length);
    if (status != napi_ok) return false;
    out.resize(length);
    return true;
  }
  if (value.IsTypedArray()) {
    auto array = value.As<Napi::TypedArray>();
    if (array.TypedArrayType() == napi_uint8_array) {
      auto bytes = value.As<Napi::Uint8Array>();
      out.assign(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
      return true;
    }
  }
  Napi::TypeError::New(env, "jot: expected a string or a Buffer").ThrowAsJavaScriptException();
  return false;
}

bool read_latin1(Napi::Env env, const Napi::Value& value, std::string& out) {
  if (!value.IsString()) {
    Napi::TypeError::New(env, "jot: expected a string").ThrowAsJavaScriptException();
    return false;
  }
  size_t length = 0;
  napi_status status = napi_get_value_string_latin1(env, value, nullptr, 0, &length);
  if (status != napi_ok) return false;
  out.resize(length + 1);
  status = napi_get_value_string_latin1(env, value, out.data(), out.size(), &length);
  if (status != napi_ok) return false;
  out.resize(length);
  return true;
}

}  // namespace jot::node
