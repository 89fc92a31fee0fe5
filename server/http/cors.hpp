#pragma once

// --cors-origin: which web origins a browser may let call the API from their pages.
//
// Only exact origins, as browsers serialise them (RFC 6454 §6.2: "https://app.example.com",
// "http://localhost:5173"), never a wildcard or "null" (sandboxed frames and file: pages all
// send "null": allowing it allows any of them). No credentials mode: the API takes its
// token from the Authorization header, which a page sets itself, so there are no cookies
// for a browser to attach and Access-Control-Allow-Credentials is never sent.
//
// Only the routes a browser calls take part (login, the token-protected ones, log-out, the
// key set, and the token routes of the session lifecycle); /health, /ready and /metrics are
// for operators and answer no CORS request.

#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.hpp"
#include "jot/error.hpp"

namespace jot::server {

class CorsPolicy {
 public:
  CorsPolicy() = default;
  // Every origin of --cors-origin, or the first that is not an exact origin, with why.
  static Result<CorsPolicy> parse(const std::vector<std::string>& origins);
  // One origin: "http" or "https", "://", a lower-case host name, IPv4 address or [IPv6]
  // address, an optional port (not the scheme's default, which browsers leave out), nothing
  // after (no path, not even "/").
  static Result<std::string> check_origin(std::string_view text);

  bool empty() const noexcept { return origins_.empty(); }

  // The methods of a route browsers may call cross-origin ("GET", "POST"), empty for any
  // other path.
  static std::string_view methods_of(std::string_view path) noexcept;
  // OPTIONS with Origin and Access-Control-Request-Method on such a route.
  static bool is_preflight(const HttpRequest& request) noexcept;

  // The answer to a preflight (or to a plain OPTIONS on a CORS route): 204 with the
  // Access-Control-Allow-* fields when the origin is listed and the method and every
  // requested header are allowed; otherwise 403 with the reason and no Access-Control-*
  // field, so the browser refuses the call.
  HttpResponse preflight(const HttpRequest& request) const;
  // Adds to the response of an ordinary request on a CORS route: Vary: Origin always (a
  // cache must not serve one origin's answer to another), and for a listed origin
  // Access-Control-Allow-Origin and the response fields a page may read.
  void decorate(const HttpRequest& request, HttpResponse& response) const;

 private:
  // The request's Origin when it is exactly one listed origin, else empty.
  std::string_view allowed_origin(const HttpRequest& request) const noexcept;

  std::vector<std::string> origins_;
};

}  // namespace jot::server
