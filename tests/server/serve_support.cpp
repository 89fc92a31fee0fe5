#include "serve_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "curl_client.hpp"
#include "jot/json_object.hpp"

#ifndef JOT_BINARY
#error "JOT_BINARY must name the jot executable"
#endif

namespace jot::server::test {

std::unique_ptr<ServedDir> serve_with_user(const std::vector<std::string>& args) {
  auto served = std::make_unique<ServedDir>();
  const std::string db = served->dir.file("users.db");
  const auto added = run_command({JOT_BINARY, "user", "add", kOpsUser, "--db", db},
                                 std::string(kOpsPassword) + "\n");
  EXPECT_EQ(added.exit_code, 0) << added.out << added.err;
  std::vector<std::string> argv = {JOT_BINARY,  "serve", "--port", "0",
                                   "--threads", "2",     "--db",   db};
  argv.insert(argv.end(), args.begin(), args.end());
  served->server = std::make_unique<ServerProcess>(argv, served->dir.file("server.log"));
  EXPECT_TRUE(served->server->started()) << served->server->banner() << served->server->log();
  return served;
}

LoginReply login_as(const std::string& base_url, const std::string& password,
                    const std::vector<std::string>& headers,
                    const std::vector<std::string>& curl_options) {
  auto all = headers;
  all.push_back("Content-Type: application/json");
  const std::string body =
      std::string(R"({"username":")") + kOpsUser + R"(","password":")" + password + "\"}";
  const auto reply = http_request("POST", base_url + "/login", all, &body, curl_options);
  LoginReply out{reply.status, {}, reply.body};
  if (reply.status == 200) {
    if (auto o = JsonObject::parse(reply.body)) {
      out.token = std::string(o->get_string("token").value_or(""));
    }
  }
  return out;
}

bool wait_for_log(const ServerProcess& server, const std::string& text, int count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string log = server.log();
    int seen = 0;
    for (auto at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++seen;
    if (seen >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace jot::server::test
