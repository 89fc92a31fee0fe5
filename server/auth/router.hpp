#pragma once

// Maps a request to a response: the routes of `jot serve`.
//   GET  /health                  200 {"status":"ok"}
//   POST /login                   {"username","password"} → 200 {"token","token_type","expires_in"}
//                                 or 401 {"error":"invalid_credentials"}; 429 when the
//                                 client's budget shared by all instances is spent
//   (login and logout: 503 + Retry-After while the store does not answer)
//   GET  /protected, /me          Bearer token → 200 {"message":"access granted","claims":{…}}
//                                 or 401 + WWW-Authenticate (RFC 6750 §3)
//   POST /logout                  Bearer token → 204, its jti revoked until its exp; 401 as
//                                 above (a revoked token: "token revoked"); 400 without jti;
//                                 429 when the user's or address's share is full
//   GET  /.well-known/jwks.json   the public keys
//   GET  /ready                   200 when the keys are loaded and the user store answers, else 503
//   GET  /metrics                 the counters (metrics.hpp), Prometheus text format 0.0.4
// Pure: no I/O besides the stores; the HTTP server decides threads and connections.

#include <string>
#include <string_view>

#include "auth/auth_service.hpp"
#include "http/http_types.hpp"
#include "http/metrics.hpp"

namespace jot::server {

class Router {
 public:
  // `metrics`: where requests and refusals are counted, null for none (then /metrics is
  // 404). `metrics_on_api`: false when /metrics has a listener of its own (--metrics-bind).
  explicit Router(const AuthService& auth, Metrics* metrics = nullptr, bool metrics_on_api = true)
      : auth_(auth), metrics_(metrics), metrics_on_api_(metrics_on_api) {}

  // True for requests that may block for milliseconds or more (password hashing, a store
  // round trip for /ready): the server runs them off its I/O threads.
  static bool is_slow(const HttpRequest& request) noexcept;
  // POST /login: the requests the login limiter counts.
  static bool is_login(const HttpRequest& request) noexcept;

  // `client`: the login limiter's key of the peer's address (LoginLimiter::client_key),
  // which the login budget and the revocation shares are counted by.
  HttpResponse handle(const HttpRequest& request, std::string_view client = {}) const;
  // What the metrics listener answers: GET /metrics, 404 for anything else.
  HttpResponse handle_metrics_only(const HttpRequest& request) const;

  Metrics* metrics() const noexcept { return metrics_; }

  // A response for a request the server could not read (400, 408, 413, 431, 503 ...).
  static HttpResponse error_response(unsigned status, std::string_view error,
                                     std::string_view description, unsigned version = 11);

 private:
  HttpResponse login(const HttpRequest& request, std::string_view client) const;
  HttpResponse protected_resource(const HttpRequest& request, bool me) const;
  HttpResponse logout(const HttpRequest& request, std::string_view client) const;
  HttpResponse jwks(const HttpRequest& request) const;
  HttpResponse ready(const HttpRequest& request) const;
  HttpResponse metrics_text(const HttpRequest& request) const;
  // A refused token or Authorization header, counted by reason.
  HttpResponse refused(const HttpRequest& request, const Error& error) const;

  const AuthService& auth_;
  Metrics* metrics_;
  bool metrics_on_api_;
};

// The path of a request target without its query string.
std::string_view target_path(std::string_view target) noexcept;

}  // namespace jot::server
