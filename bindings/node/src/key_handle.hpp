#pragma once

// A jot::Key held by JavaScript: an External tagged with a private type tag, so that only
// objects made by this addon are ever taken for keys.

#include <napi.h>

#include "jot/key.hpp"

namespace jot::node {

// Wraps `key` for JavaScript; the key is released when the JS object is collected.
Napi::Value wrap_key(Napi::Env env, Key key);

// The key behind `value`, or nullptr (and a pending JS TypeError) if `value` is not one.
const Key* unwrap_key(Napi::Env env, const Napi::Value& value);

}  // namespace jot::node
