#pragma once

// Key construction for the JavaScript layer: keyFromPem, keyFromDer, keyFromSecret, publicPem.

#include <napi.h>

namespace jot::node {

void register_key_functions(Napi::Env env, Napi::Object exports);

}  // namespace jot::node
