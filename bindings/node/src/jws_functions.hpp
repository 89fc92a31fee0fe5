#pragma once

// The hot path: sign(handle, alg, headerJson, payload) → token and
// verify(handle, alg, token, lastDot) → boolean, one native call each.

#include <napi.h>

namespace jot::node {

void register_jws_functions(Napi::Env env, Napi::Object exports);

}  // namespace jot::node
