#include "auth/router.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>
#include <variant>

#include "http/access_log.hpp"
#include "http/bearer.hpp"

namespace jot::server {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

constexpr std::string_view kJson = "application/json";

HttpResponse json_response(const HttpRequest& request, http::status status, std::string body) {
  HttpResponse res{status, request.version()};
  res.set(http::field::content_type, kJson);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

std::string error_body(std::string_view error, std::string_view description) {
  json::object o;
  o["error"] = error;
  o["error_description"] = description;
  return json::serialize(o);
}

// 401 with the RFC 6750 §3 challenge. `error` is "invalid_request" (no or malformed
// Authorization header) or "invalid_token" (with the library's message as description).
HttpResponse unauthorized(const HttpRequest& request, std::string_view error,
                          std::string_view description) {
  auto res = json_response(request, http::status::unauthorized, error_body(error, description));
  std::string challenge = "Bearer realm=\"jot\", error=\"";
  challenge += error;
  challenge += "\", error_description=\"";
  challenge += quoted_string_safe(description);
  challenge += '"';
  res.set(http::field::www_authenticate, challenge);
  return res;
}

// The bearer token of a request, or the 401 that answers a missing or malformed one.
std::variant<std::string_view, HttpResponse> bearer_token(const HttpRequest& request) {
  const auto header = request.find(http::field::authorization);
  if (header == request.end()) {
    return unauthorized(request, "invalid_request", "missing Authorization header");
  }
  if (request.count(http::field::authorization) != 1) {
    return unauthorized(request, "invalid_request", "several Authorization headers");
  }
  const auto token = parse_bearer(header->value());
  if (!token) {
    return unauthorized(request, "invalid_request",
                        "Authorization header is not of the form 'Bearer <token>'");
  }
  return *token;
}

HttpResponse method_not_allowed(const HttpRequest& request, std::string_view allow) {
  auto res = json_response(request, http::status::method_not_allowed,
                           error_body("method_not_allowed", "method not allowed"));
  res.set(http::field::allow, allow);
  return res;
}

// The store did not answer (outage, overload): the client may retry in a few seconds, by
// which time the store has usually reconnected.
HttpResponse store_unavailable(const HttpRequest& request, const std::string& detail) {
  write_log_line("store unavailable: " + detail + "\n");
  auto res = json_response(
      request, http::status::service_unavailable,
      error_body("temporarily_unavailable", "the user database is unavailable; try again later"));
  res.set(http::field::retry_after, "5");
  return res;
}

}  // namespace

std::string_view target_path(std::string_view target) noexcept {
  const auto q = target.find_first_of("?#");
  return q == std::string_view::npos ? target : target.substr(0, q);
}

bool Router::is_slow(const HttpRequest& request) noexcept {
  return is_login(request) ||
         (request.method() == http::verb::get && target_path(request.target()) == "/ready");
}

bool Router::is_login(const HttpRequest& request) noexcept {
  return request.method() == http::verb::post && target_path(request.target()) == "/login";
}

HttpResponse Router::error_response(unsigned status, std::string_view error,
                                    std::string_view description, unsigned version) {
  HttpResponse res{static_cast<http::status>(status), version};
  res.set(http::field::content_type, kJson);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(false);
  res.body() = error_body(error, description);
  res.prepare_payload();
  return res;
}

HttpResponse Router::handle(const HttpRequest& request, std::string_view client) const {
  const std::string_view path = target_path(request.target());
  const bool get = request.method() == http::verb::get;
  if (path == "/health") {
    if (!get) return method_not_allowed(request, "GET");
    return json_response(request, http::status::ok, R"({"status":"ok"})");
  }
  if (path == "/login") {
    if (request.method() != http::verb::post) return method_not_allowed(request, "POST");
    return login(request, client);
  }
  if (path == "/protected" || path == "/me") {
    if (!get) return method_not_allowed(request, "GET");
    return protected_resource(request, path == "/me");
  }
  if (path == "/logout") {
    if (request.method() != http::verb::post) return method_not_allowed(request, "POST");
    return logout(request, client);
  }
  if (path == "/.well-known/jwks.json") {
    if (!get) return method_not_allowed(request, "GET");
    return jwks(request);
  }
  if (path == "/ready") {
    if (!get) return method_not_allowed(request, "GET");
    return ready(request);
  }
  if (path == "/metrics" && metrics_on_api_ && metrics_ != nullptr) {
    if (!get) return method_not_allowed(request, "GET");
    return metrics_text(request);
  }
  return json_response(request, http::status::not_found, error_body("not_found", "no such route"));
}

HttpResponse Router::handle_metrics_only(const HttpRequest& request) const {
  if (target_path(request.target()) == "/metrics" && metrics_ != nullptr) {
    if (request.method() != http::verb::get) return method_not_allowed(request, "GET");
    return metrics_text(request);
  }
  return json_response(request, http::status::not_found, error_body("not_found", "no such route"));
}

HttpResponse Router::ready(const HttpRequest& request) const {
  const auto ready = auth_.ready();
  if (ready) return json_response(request, http::status::ok, R"({"status":"ready"})");
  if (metrics_ != nullptr && ready.error().code() == Errc::kInternal) {
    metrics_->count_store_error(StoreKind::kUsers);
  }
  json::object o;
  o["status"] = "not ready";
  o["reason"] = ready.error().message();
  auto res = json_response(request, http::status::service_unavailable, json::serialize(o));
  res.set(http::field::retry_after, "5");
  return res;
}

HttpResponse Router::metrics_text(const HttpRequest& request) const {
  HttpResponse res{http::status::ok, request.version()};
  res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(request.keep_alive());
  res.body() = metrics_->render();
  res.prepare_payload();
  return res;
}

HttpResponse Router::refused(const HttpRequest& request, const Error& error) const {
  if (metrics_ != nullptr) {
    // The revocation check reports kClaimMismatch: told apart here, by its fixed message.
    if (error.code() == Errc::kClaimMismatch && error.message() == kTokenRevoked) {
      metrics_->count_auth_failure(AuthFailure::kRevoked);
    } else {
      metrics_->count_auth_failure(error.code());
    }
  }
  return unauthorized(request, "invalid_token", error.message());
}

HttpResponse Router::login(const HttpRequest& request, std::string_view client) const {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 4;
  const json::value body = json::parse(request.body(), ec, {}, options);
  const json::object* o = ec ? nullptr : body.if_object();
  const json::string* username =
      o != nullptr && o->contains("username") ? o->at("username").if_string() : nullptr;
  const json::string* password =
      o != nullptr && o->contains("password") ? o->at("password").if_string() : nullptr;
  if (username == nullptr || password == nullptr) {
    return json_response(
        request, http::status::bad_request,
        error_body("invalid_request", R"(expected a JSON object {"username":"…","password":"…"})"));
  }
  const LoginResult result = auth_.login(*username, *password, client);
  switch (result.outcome) {
    case LoginOutcome::kOk: {
      json::object out;
      out["token"] = result.issued.token;
      out["token_type"] = "Bearer";
      out["expires_in"] = result.issued.expires_in;
      return json_response(request, http::status::ok, json::serialize(out));
    }
    case LoginOutcome::kInvalidCredentials:
      return json_response(request, http::status::unauthorized,
                           error_body("invalid_credentials", "invalid username or password"));
    case LoginOutcome::kRateLimited: {
      auto res = json_response(
          request, http::status::too_many_requests,
          error_body("too_many_requests", "too many login attempts from this address"));
      res.set(http::field::retry_after, std::to_string(result.retry_after.count()));
      return res;
    }
    case LoginOutcome::kUnavailable:
      if (metrics_ != nullptr) metrics_->count_store_error(StoreKind::kUsers);
      return store_unavailable(request, result.detail);
    case LoginOutcome::kInternalError:
      break;
  }
  return json_response(request, http::status::internal_server_error,
                       error_body("server_error", "internal error"));
}

HttpResponse Router::protected_resource(const HttpRequest& request, bool me) const {
  auto token = bearer_token(request);
  if (auto* bad_header = std::get_if<HttpResponse>(&token)) {
    if (metrics_ != nullptr) metrics_->count_auth_failure(AuthFailure::kBadAuthorizationHeader);
    return std::move(*bad_header);
  }
  const auto verified = auth_.check(std::get<std::string_view>(token));
  if (!verified) return refused(request, verified.error());

  // The claims are written once, by the library's writer, into the body: no second parse of
  // the claim set and no document for the response (this route's own cost is most of
  // /protected's gap to /health under load).
  std::string body = R"({"message":"access granted",)";
  if (me) {
    body += R"("user":)";
    body += json::serialize(json::string_view(verified->payload().get_string("sub").value_or("")));
    body += ',';
  }
  body += R"("claims":)";
  body += verified->payload().to_json();
  body += '}';
  return json_response(request, http::status::ok, std::move(body));
}

HttpResponse Router::logout(const HttpRequest& request, std::string_view client) const {
  auto token = bearer_token(request);
  if (auto* bad_header = std::get_if<HttpResponse>(&token)) {
    if (metrics_ != nullptr) metrics_->count_auth_failure(AuthFailure::kBadAuthorizationHeader);
    return std::move(*bad_header);
  }
  const LogoutResult result = auth_.logout(std::get<std::string_view>(token), client);
  switch (result.outcome) {
    case LogoutOutcome::kOk: {
      HttpResponse res{http::status::no_content, request.version()};
      res.set(http::field::cache_control, "no-store");
      res.keep_alive(request.keep_alive());
      res.prepare_payload();
      return res;
    }
    case LogoutOutcome::kInvalidToken:
      return refused(request, Error(result.error_code, result.detail));
    case LogoutOutcome::kNotRevocable:
      return json_response(request, http::status::bad_request,
                           error_body("invalid_request", result.detail));
    case LogoutOutcome::kFull: {
      auto res = json_response(
          request, http::status::service_unavailable,
          error_body("temporarily_unavailable", "too many revoked tokens; try again later"));
      res.set(http::field::retry_after, "60");
      return res;
    }
    case LogoutOutcome::kShareExceeded: {
      auto res = json_response(request, http::status::too_many_requests,
                               error_body("too_many_requests", result.detail));
      res.set(http::field::retry_after, "60");
      return res;
    }
    case LogoutOutcome::kUnavailable:
      if (metrics_ != nullptr) metrics_->count_store_error(StoreKind::kRevocations);
      return store_unavailable(request, result.detail);
    case LogoutOutcome::kInternalError:
      break;
  }
  return json_response(request, http::status::internal_server_error,
                       error_body("server_error", "internal error"));
}

HttpResponse Router::jwks(const HttpRequest& request) const {
  auto res = json_response(request, http::status::ok, auth_.keys()->jwks_json());
  res.set(http::field::content_type, "application/jwk-set+json");
  // Public keys may be cached briefly; a rotation shows within five minutes.
  res.set(http::field::cache_control, "public, max-age=300");
  return res;
}

}  // namespace jot::server
