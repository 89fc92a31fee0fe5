// GET /metrics and GET /ready of the real `jot serve`, spoken to with curl.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>
#include <sstream>
#include <string>

#include "curl_client.hpp"
#include "serve_support.hpp"

namespace jot::server::test {
namespace {

// The value of the series `name{labels}` (labels exactly as rendered), or -1 when absent.
double sample(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

std::string scrape(const std::string& url) {
  const auto reply = http_get(url + "/metrics");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers.count("content-type") ? reply.headers.at("content-type") : "",
            "text/plain; version=0.0.4; charset=utf-8");
  return reply.body;
}

// Every line of the exposition is a comment (# HELP / # TYPE) or `name{labels} value`.
void expect_well_formed(const std::string& text) {
  const std::regex sample_line(
      R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\\n]*",?)*\})? -?[0-9.e+]+$)");
  const std::regex comment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  std::istringstream lines(text);
  int samples = 0;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, comment)) continue;
    EXPECT_TRUE(std::regex_match(line, sample_line)) << "not exposition format: " << line;
    ++samples;
  }
  EXPECT_GT(samples, 10);
}

TEST(ServeMetrics, CountsRequestsFailuresLoginsRefusalsAndRevocations) {
  auto served = serve_with_user({"--login-rate", "3"});
  const std::string url = served->server->url();

  const auto ok = login_as(url);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(login_as(url, "wrong password").status, 401);
  EXPECT_EQ(http_post_json(url + "/login", "[]").status, 400);
  EXPECT_EQ(login_as(url).status, 429);  // the fourth attempt of a 3-a-minute budget
  const std::string token = ok.token;
  EXPECT_EQ(http_get(url + "/protected", {"Authorization: Bearer " + token}).status, 200);
  EXPECT_EQ(http_get(url + "/protected", {"Authorization: Bearer not.a.jwt"}).status, 401);
  EXPECT_EQ(http_get(url + "/protected").status, 401);
  // The signature's first character, not its last: the last carries padding bits that must
  // be zero, so changing it can make the token malformed instead of wrongly signed.
  std::string tampered = token;
  char& first = tampered[tampered.rfind('.') + 1];
  first = first == 'A' ? 'B' : 'A';
  EXPECT_EQ(http_get(url + "/protected", {"Authorization: Bearer " + tampered}).status, 401);
  EXPECT_EQ(
      http_request("POST", url + "/logout", {"Authorization: Bearer " + token}, nullptr).status,
      204);
  EXPECT_EQ(http_get(url + "/me", {"Authorization: Bearer " + token}).status, 401);
  EXPECT_EQ(http_get(url + "/no/such/route?secret=x").status, 404);

  const std::string text = scrape(url);
  expect_well_formed(text);
  EXPECT_EQ(sample(text, R"(jot_http_requests_total{route="/login",status="200"})"), 1) << text;
  EXPECT_EQ(sample(text, R"(jot_http_requests_total{route="/protected",status="401"})"), 3);
  EXPECT_EQ(sample(text, R"(jot_http_requests_total{route="other",status="404"})"), 1);
  EXPECT_EQ(text.find("/no/such/route"), std::string::npos);  // no series per client path
  EXPECT_EQ(sample(text, R"(jot_logins_total{outcome="ok"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_logins_total{outcome="invalid_credentials"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_logins_total{outcome="invalid_request"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_logins_total{outcome="rate_limited"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_refusals_total{limiter="login_rate"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_auth_failures_total{reason="malformed"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_auth_failures_total{reason="invalid_signature"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_auth_failures_total{reason="bad_authorization_header"})"), 1);
  EXPECT_EQ(sample(text, R"(jot_auth_failures_total{reason="token_revoked"})"), 1);
  EXPECT_EQ(sample(text, "jot_revoked_tokens"), 1);
  EXPECT_GE(sample(text, "jot_open_connections"), 1);  // this scrape's own
  EXPECT_EQ(sample(text, R"(jot_store_errors_total{store="users"})"), 0);
  // The histogram: the +Inf bucket holds every request of the route, and so does _count.
  EXPECT_EQ(
      sample(text, R"(jot_http_request_duration_seconds_bucket{route="/protected",le="+Inf"})"), 4);
  EXPECT_EQ(sample(text, R"(jot_http_request_duration_seconds_count{route="/protected"})"), 4);
  // Two of the four logins hashed a password (tens of ms); the malformed and the throttled
  // one did not: at most those two fall within 5 ms.
  EXPECT_LE(sample(text, R"(jot_http_request_duration_seconds_bucket{route="/login",le="0.005"})"),
            2);
  EXPECT_EQ(sample(text, R"(jot_http_request_duration_seconds_bucket{route="/login",le="+Inf"})"),
            4);
  EXPECT_GT(sample(text, R"(jot_http_request_duration_seconds_sum{route="/login"})"), 0.005);
}

TEST(ServeMetrics, MetricsBindMovesTheEndpointAndNoMetricsRemovesIt) {
  auto served = serve_with_user({"--metrics-bind", "127.0.0.1:0"});
  const auto& banner = served->server->banner();
  const std::regex line(R"(metrics on (http://127\.0\.0\.1:[0-9]+)/metrics)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(banner, m, line)) << banner;
  const std::string metrics_url = m[1];
  EXPECT_EQ(http_get(served->server->url() + "/health").status, 200);
  EXPECT_EQ(http_get(served->server->url() + "/metrics").status, 404);
  const std::string text = scrape(metrics_url);
  EXPECT_EQ(sample(text, R"(jot_http_requests_total{route="/health",status="200"})"), 1) << text;
  // The metrics listener serves nothing else.
  EXPECT_EQ(http_get(metrics_url + "/health").status, 404);
  EXPECT_EQ(http_post_json(metrics_url + "/login", "{}").status, 404);

  auto quiet = serve_with_user({"--no-metrics"});
  EXPECT_EQ(http_get(quiet->server->url() + "/metrics").status, 404);
  EXPECT_EQ(http_get(quiet->server->url() + "/health").status, 200);

  const auto bad = run_command({JOT_BINARY, "serve", "--port", "0", "--metrics-bind", "nowhere"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid --metrics-bind"), std::string::npos) << bad.err;
}

TEST(ServeReady, ReadyWhileTheStoreAnswersNotReadyWhileItIsLocked) {
  auto served = serve_with_user({});
  const std::string url = served->server->url();
  const auto ready = http_get(url + "/ready");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, R"({"status":"ready"})");

  // Another process holds the database locked (as a stuck writer would): the store cannot
  // answer within its busy timeout, so the server is not ready; /health stays 200.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(served->dir.file("users.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto locked = http_get(url + "/ready");
  EXPECT_EQ(locked.status, 503) << locked.body;
  EXPECT_NE(locked.body.find("\"status\":\"not ready\""), std::string::npos) << locked.body;
  EXPECT_NE(locked.body.find("locked"), std::string::npos) << locked.body;
  EXPECT_EQ(http_get(url + "/health").status, 200);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);

  EXPECT_EQ(http_get(url + "/ready").status, 200);
  const std::string text = scrape(url);
  EXPECT_EQ(sample(text, R"(jot_store_errors_total{store="users"})"), 1) << text;
  EXPECT_EQ(sample(text, R"(jot_http_requests_total{route="/ready",status="503"})"), 1);
  EXPECT_EQ(http_request("POST", url + "/ready", {}, nullptr).status, 405);
}

}  // namespace
}  // namespace jot::server::test
