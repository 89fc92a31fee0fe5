#pragma once

// opensslInfo(): which OpenSSL the addon really runs with, seen from inside the addon.

#include <napi.h>

namespace jot::node {

void register_openssl_info(Napi::Env env, Napi::Object exports);

}  // namespace jot::node
