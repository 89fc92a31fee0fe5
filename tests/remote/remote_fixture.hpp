#pragma once

#include <chrono>
#include <memory>

#include "jot/remote_jwks.hpp"
#include "jwks_server.hpp"

namespace jot::test {

using namespace std::chrono_literals;

// Options for a plain-HTTP test server, with short times so every test stays well under 2 s.
inline RemoteJwksOptions fast_options(const JwksServer& server) {
  RemoteJwksOptions options;
  options.url = server.url();
  options.allow_insecure_http = true;
  options.timeout = 1000ms;
  options.cooldown = 200ms;
  return options;
}

inline RemoteJwks make_remote(RemoteJwksOptions options) {
  return RemoteJwks::create(std::move(options)).value();
}

}  // namespace jot::test
