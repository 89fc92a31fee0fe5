// `jot serve --log-format json`: one JSON object per request on stderr, and never a token,
// a password or a secret in it.

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "curl_client.hpp"
#include "jot/json_object.hpp"
#include "serve_support.hpp"

namespace jot::server::test {
namespace {

// The log's JSON lines (the start-up and shutdown messages are text).
std::vector<JsonObject> json_lines(const std::string& log) {
  std::vector<JsonObject> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '{') continue;
    auto o = JsonObject::parse(line);
    EXPECT_TRUE(o) << "not a JSON object: " << line;
    if (o) out.push_back(*o);
  }
  return out;
}

TEST(ServeLog, JsonLinesCarryTheRequestAndTheReasonOfA401ButNoSecret) {
  const std::string secret = "0123456789abcdef0123456789abcdef-log-test-secret";
  TempDir secrets;
  secrets.write("secret", secret);
  auto served = serve_with_user(
      {"--log-format", "json", "--secret-file", secrets.file("secret"), "--login-rate", "0"});
  const std::string url = served->server->url();
  const auto ok = login_as(url);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(login_as(url, "a-wrong-password-42").status, 401);
  EXPECT_EQ(http_get(url + "/protected", {"Authorization: Bearer " + ok.token}).status, 200);
  std::string tampered = ok.token;
  // 'A' and 'Q' differ only above the low four bits, which may be base64url padding bits that
  // must stay zero: the token stays well formed and only its signature is wrong.
  tampered.back() = tampered.back() == 'A' ? 'Q' : 'A';
  EXPECT_EQ(http_get(url + "/protected", {"Authorization: Bearer " + tampered}).status, 401);
  // A token in the query string and a quote and a control character in the path.
  EXPECT_EQ(http_get(url + "/protected%22%0A?access_token=" + ok.token).status, 404);
  served->server->terminate();

  const std::string log = served->server->log();
  for (const std::string& never : {ok.token, tampered, std::string(kOpsPassword),
                                   std::string("a-wrong-password-42"), secret}) {
    EXPECT_EQ(log.find(never), std::string::npos) << "leaked into the log: " << never;
  }
  const auto lines = json_lines(log);
  ASSERT_EQ(lines.size(), 5u) << log;
  for (const auto& line : lines) {
    for (const char* field : {"time", "remote", "method", "path"}) {
      EXPECT_TRUE(line.get_string(field)) << field << " in " << line.to_json();
    }
    EXPECT_TRUE(line.get_integer("status")) << line.to_json();
    EXPECT_TRUE(line.get_integer("bytes")) << line.to_json();
    EXPECT_TRUE(line.contains("duration_ms")) << line.to_json();
    EXPECT_EQ(std::string(line.get_string("remote").value_or("")).rfind("127.0.0.1:", 0), 0u);
  }
  EXPECT_EQ(lines[0].get_string("path").value_or(""), "/login");
  EXPECT_EQ(lines[0].get_integer("status").value_or(0), 200);
  EXPECT_FALSE(lines[0].contains("reason"));
  EXPECT_EQ(lines[1].get_string("reason").value_or(""), "invalid username or password");
  EXPECT_EQ(lines[3].get_integer("status").value_or(0), 401);
  EXPECT_EQ(lines[3].get_string("reason").value_or(""), "invalid signature");
  EXPECT_EQ(lines[4].get_string("path").value_or(""), "/protected%22%0A");  // no query string
  EXPECT_EQ(lines[4].get_string("method").value_or(""), "GET");
}

TEST(ServeLog, TextStaysTheDefaultAndOtherFormatsAreRefused) {
  auto served = serve_with_user({});
  EXPECT_EQ(http_get(served->server->url() + "/health").status, 200);
  served->server->terminate();
  EXPECT_NE(served->server->log().find("\"GET /health HTTP/1.1\" 200"), std::string::npos)
      << served->server->log();
  const auto bad = run_command({JOT_BINARY, "serve", "--port", "0", "--log-format", "xml"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

}  // namespace
}  // namespace jot::server::test
