#pragma once

// What the end-to-end tests of the operations features (TLS, metrics, readiness, logs,
// proxies, CORS) share: a `jot serve` on a fresh directory with one user.

#include <memory>
#include <string>
#include <vector>

#include "process.hpp"

namespace jot::server::test {

inline constexpr const char* kOpsUser = "olivia";
inline constexpr const char* kOpsPassword = "operations-password-1";

// A temporary directory with users.db holding kOpsUser, and the server started on it
// (`jot serve --port 0 --threads 2 --db users.db ARGS…`).
struct ServedDir {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
};
std::unique_ptr<ServedDir> serve_with_user(const std::vector<std::string>& args);

// POST /login as kOpsUser (or with `password`) through curl; returns the status and body.
struct LoginReply {
  int status = 0;
  std::string token;  // when 200
  std::string body;
};
LoginReply login_as(const std::string& base_url, const std::string& password = kOpsPassword,
                    const std::vector<std::string>& headers = {},
                    const std::vector<std::string>& curl_options = {});

// Polls the server's log until `text` occurs at least `count` times (at most 20 s).
bool wait_for_log(const ServerProcess& server, const std::string& text, int count = 1);

}  // namespace jot::server::test
