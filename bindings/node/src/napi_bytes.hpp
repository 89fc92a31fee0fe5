#pragma once

// Moving bytes across the Node-API boundary, and a guard that turns any C++ exception into a
// JavaScript one (an exception escaping into Node would abort the process).

#include <napi.h>

#include <exception>
#include <string>

namespace jot::node {

// Copies a string (as UTF-8, lone surrogates becoming U+FFFD like Buffer.from) or the bytes of
// a Buffer / Uint8Array into `out`. Returns false with a pending TypeError otherwise.
bool read_bytes(Napi::Env env, const Napi::Value& value, std::string& out);

// Copies a string as latin1 (each UTF-16 unit truncated to its low byte, as
// Buffer.from(text, 'latin1') does). Returns false with a pending TypeError otherwise.
bool read_latin1(Napi::Env env, const Napi::Value& value, std::string& out);

template <Napi::Value (*F)(const Napi::CallbackInfo&)>
Napi::Value guarded(const Napi::CallbackInfo& info) {
  try {
    return F(info);
  } catch (const Napi::Error& e) {
    e.ThrowAsJavaScriptException();
  } catch (const std::exception& e) {
    Napi::Error::New(info.Env(), std::string("jot: ") + e.what()).ThrowAsJavaScriptException();
  } catch (...) {
    Napi::Error::New(info.Env(), "jot: unexpected native error").ThrowAsJavaScriptException();
  }
  return info.Env().Undefined();
}

}  // namespace jot::node
