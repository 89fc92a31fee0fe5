#include "http/cors.hpp"

#include <arpa/inet.h>

#include <array>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>

#include "auth/router.hpp"

namespace jot::server {

namespace http = boost::beast::http;

namespace {

struct CorsRoute {
  std::string_view path;
  std::string_view methods;
};
// The routes pages call. /token, /revoke, /logout/all and the authorization server's
// metadata are the session lifecycle's (refresh tokens): listed here so that a browser can
// reach them the day they exist; until then the call itself answers 404.
constexpr std::array<CorsRoute, 9> kRoutes = {{
    {"/login", "POST"},
    {"/protected", "GET"},
    {"/me", "GET"},
    {"/logout", "POST"},
    {"/logout/all", "POST"},
    {"/token", "POST"},
    {"/revoke", "POST"},
    {"/.well-known/jwks.json", "GET"},
    {"/.well-known/oauth-authorization-server", "GET"},
}};

// What a page may send beyond the CORS-safelisted fields: the bearer token, and a JSON body.
constexpr std::string_view kAllowedHeaders = "Authorization, Content-Type";
// What a page may read beyond the safelisted response fields: the challenge of a 401
// (RFC 6750 §3) and the wait of a 429 or 503.
constexpr std::string_view kExposedHeaders = "WWW-Authenticate, Retry-After";
// Seconds a browser may reuse a preflight answer (browsers cap it: Chromium at 7200).
constexpr std::string_view kMaxAge = "600";

Error bad_origin(std::string_view text, const std::string& why) {
  return Error(Errc::kInvalidOption, "--cors-origin '" + std::string(text) + "': " + why);
}

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// A DNS name as browsers serialise it: lower-case ASCII labels of letters, digits and
// hyphens (internationalised names in their xn-- form).
std::string check_host_name(std::string_view host) {
  if (host.size() > 253) return "the host name is longer than 253 characters";
  std::size_t label = 0;
  char previous = '.';
  for (const char c : host) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return "a non-ASCII host name; write its xn-- (punycode) form";
    if (c >= 'A' && c <= 'Z') return "upper case in the host; browsers send it in lower case";
    if (c == '.') {
      if (label == 0) return "an empty label in the host name";
      if (previous == '-') return "a host name label ends with '-'";
      label = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      if (label == 0 && c == '-') return "a host name label begins with '-'";
      if (++label > 63) return "a host name label is longer than 63 characters";
    } else {
      return std::string("the character '") + c + "' cannot be in a host name";
    }
    previous = c;
  }
  if (label == 0) return "an empty label in the host name";
  if (previous == '-') return "a host name label ends with '-'";
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

HttpResponse options_response(const HttpRequest& request, std::string_view methods) {
  HttpResponse res{http::status::no_content, request.version()};
  std::string allow(methods);
  allow += ", OPTIONS";
  res.set(http::field::allow, allow);
  res.set(http::field::vary,
          "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  res.keep_alive(request.keep_alive());
  res.prepare_payload();
  return res;
}

}  // namespace

Result<std::string> CorsPolicy::check_origin(std::string_view text) {
  if (text == "*" || text.find('*') != std::string_view::npos) {
    return bad_origin(text, "wildcards are not allowed; list each origin");
  }
  if (text == "null") {
    return bad_origin(text,
                      "'null' is the origin of every sandboxed frame and file: page; allowing it "
                      "allows any of them");
  }
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) {
    return bad_origin(text, "expected SCHEME://HOST[:PORT], e.g. https://app.example.com");
  }
  const std::string_view scheme = text.substr(0, sep);
  if (lower(scheme) != scheme) return bad_origin(text, "the scheme must be in lower case");
  if (scheme != "http" && scheme != "https") {
    return bad_origin(text, "the scheme must be http or https");
  }
  std::string_view rest = text.substr(sep + 3);
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return bad_origin(text, "an origin has no path, query or fragment (not even a trailing '/')");
  }
  if (rest.find('@') != std::string_view::npos) {
    return bad_origin(text, "an origin has no user name or password");
  }
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return bad_origin(text, "an IPv6 address without ']'");
    host = rest.substr(0, close + 1);
    const auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_origin(text, "expected ':PORT' after the IPv6 address");
      port = after.substr(1);
      if (port.empty()) return bad_origin(text, "an empty port");
    }
    const std::string inner(host.substr(1, host.size() - 2));
    unsigned char bytes[16];
    if (inet_pton(AF_INET6, inner.c_str(), bytes) != 1) {
      return bad_origin(text, "'" + inner + "' is not an IPv6 address");
    }
    if (lower(inner) != inner) return bad_origin(text, "upper case in the host");
  } else {
    const auto colon = rest.rfind(':');
    if (colon != std::string_view::npos) {
      host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
      if (port.empty()) return bad_origin(text, "an empty port");
    }
    if (host.empty()) return bad_origin(text, "no host");
    const bool numeric = host.find_first_not_of("0123456789.") == std::string_view::npos;
    if (numeric) {
      const std::string h(host);
      unsigned char bytes[4];
      if (inet_pton(AF_INET, h.c_str(), bytes) != 1) {
        return bad_origin(text, "'" + h + "' is not an IPv4 address");
      }
    } else if (auto why = check_host_name(host); !why.empty()) {
      return bad_origin(text, why);
    }
  }
  if (!port.empty()) {
    if (!is_digits(port) || (port.size() > 1 && port.front() == '0') || port.size() > 5 ||
        std::stoul(std::string(port)) == 0 || std::stoul(std::string(port)) > 65535) {
      return bad_origin(text, "the port must be a number from 1 to 65535, without leading zeros");
    }
    const std::string_view default_port = scheme == "https" ? "443" : "80";
    if (port == default_port) {
      return bad_origin(text, "browsers leave out the default port: write '" + std::string(scheme) +
                                  "://" + std::string(host) + "'");
    }
  }
  return std::string(text);
}

Result<CorsPolicy> CorsPolicy::parse(const std::vector<std::string>& origins) {
  CorsPolicy policy;
  for (const auto& text : origins) {
    auto origin = check_origin(text);
    if (!origin) return origin.error();
    policy.origins_.push_back(std::move(*origin));
  }
  return policy;
}

std::string_view CorsPolicy::methods_of(std::string_view path) noexcept {
  for (const auto& route : kRoutes) {
    if (route.path == path) return route.methods;
  }
  return {};
}

bool CorsPolicy::is_preflight(const HttpRequest& request) noexcept {
  return request.method() == http::verb::options &&
         !methods_of(target_path(request.target())).empty();
}

std::string_view CorsPolicy::allowed_origin(const HttpRequest& request) const noexcept {
  if (request.count(http::field::origin) != 1) return {};
  const std::string_view origin = request[http::field::origin];
  for (const auto& listed : origins_) {
    if (listed == origin) return origin;
  }
  return {};
}

HttpResponse CorsPolicy::preflight(const HttpRequest& request) const {
  const std::string_view methods = methods_of(target_path(request.target()));
  auto res = options_response(request, methods);
  const auto method = request.find(http::field::access_control_request_method);
  if (request.find(http::field::origin) == request.end() || method == request.end()) {
    return res;  // a plain OPTIONS: which methods the route takes
  }
  const auto refuse = [&](const std::string& why) {
    boost::json::object o;
    o["error"] = "cors_refused";
    o["error_description"] = why;
    res.result(http::status::forbidden);
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = boost::json::serialize(o);
    res.prepare_payload();
    return std::move(res);
  };
  const std::string_view origin = allowed_origin(request);
  if (origin.empty()) return refuse("origin not allowed");
  const std::string_view wanted = method->value();
  bool method_ok = false;
  for (std::string_view rest = methods; !rest.empty();) {
    const auto comma = rest.find(',');
    if (trimmed(rest.substr(0, comma)) == wanted) method_ok = true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (!method_ok) {
    return refuse("method " + std::string(wanted.substr(0, 32)) + " not allowed on this route");
  }
  // Access-Control-Request-Headers: every field the page wants to set must be allowed.
  for (auto [it, end] = request.equal_range(http::field::access_control_request_headers); it != end;
       ++it) {
    for (std::string_view rest = it->value(); !rest.empty();) {
      const auto comma = rest.find(',');
      const auto name = lower(trimmed(rest.substr(0, comma)));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (name.empty() || name == "authorization" || name == "content-type") continue;
      std::string shown;
      for (const char c : name.substr(0, 64)) {
        shown += (c > 0x20 && c < 0x7F && c != '"' && c != '\\') ? c : '?';
      }
      return refuse("request header '" + shown + "' not allowed");
    }
  }
  res.set(http::field::access_control_allow_origin, origin);
  res.set(http::field::access_control_allow_methods, methods);
  res.set(http::field::access_control_allow_headers, kAllowedHeaders);
  res.set(http::field::access_control_max_age, kMaxAge);
  return res;
}

void CorsPolicy::decorate(const HttpRequest& request, HttpResponse& response) const {
  if (request.method() == http::verb::options) return;  // preflight() answered it
  if (methods_of(target_path(request.target())).empty()) return;
  response.set(http::field::vary, "Origin");
  const std::string_view origin = allowed_origin(request);
  if (origin.empty()) return;
  response.set(http::field::access_control_allow_origin, origin);
  response.set(http::field::access_control_expose_headers, kExposedHeaders);
}

}  // namespace jot::server
