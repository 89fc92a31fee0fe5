// The server's request handling on raw bytes: what `jot serve` does with a connection's
// input, minus the socket. The bytes go through Beast's request parser with the server's
// limits (8 KiB header, 8 KiB body, several pipelined requests per connection), then through
// the Router with a real AuthService (ES256 key ring, the SQLite store in a temporary
// file).
//
// The server has no function that takes raw request bytes (its parsing is inside the
// asynchronous Session), so this target rebuilds that step with the same parser and limits.
// POST /login is skipped: it costs one Argon2id hash (19 MiB) per request by design.
//
// "@TOKEN@" in the input is replaced by a valid token of the ring's key, so that seeds
// reach the accepting path; it has no jti, so POST /logout answers it 400 and it is never
// revoked. "@RTOKEN@" is a valid token with a jti: the first POST /logout with it revokes it
// (204), and from then on it is refused. Invariants: the router never throws; every response
// is a known status with a JSON object body, except 204 (empty); a 200 from /protected or /me
// and a 204 from /logout only ever answer a bearer token that verifies independently with the
// ring's key, and never one that was revoked before the request; every 401 carries the
// RFC 6750 challenge.
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <jot/jwt.hpp>
#include <string>

#include "auth/auth_service.hpp"
#include "auth/router.hpp"
#include "fuzz_support.hpp"
#include "http/bearer.hpp"
#include "store/revocation_store.hpp"
#include "store/sqlite_store.hpp"

namespace http = boost::beast::http;
using jot::fuzz::require;

namespace {

struct Fixture {
  jot::Key key = jot::Key::generate(jot::Algorithm::kES256).value().with_kid("fuzz");
  // A file, not ":memory:": the store opens a second connection for its revocation feed,
  // and each ":memory:" connection is a database of its own.
  std::shared_ptr<jot::server::Store> store = [] {
    const auto path = std::filesystem::temp_directory_path() /
                      ("jot-fuzz-server-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    std::shared_ptr<jot::server::Store> opened(
        jot::server::SqliteStore::open(path.string()).value());
    opened->migrate().value();
    return opened;
  }();
  std::shared_ptr<jot::server::RevocationStore> revocations{
      jot::server::RevocationStore::open(store).value()};
  jot::server::AuthService auth{
      jot::server::KeyRing::from_keys({key}, jot::Algorithm::kES256).value(), store,
      jot::server::TokenPolicy{}, revocations};
  jot::server::Router router{auth};
  std::string token = [this] {
    jot::SignOptions options;
    options.keyid = "fuzz";
    options.expires_in = std::chrono::seconds(3600);
    return jot::try_sign(R"({"sub":"fuzz"})", key, options).value();
  }();
  std::string revocable = [this] {
    jot::SignOptions options;
    options.keyid = "fuzz";
    options.expires_in = std::chrono::seconds(3600);
    options.jwtid = std::string(kRevocableJti);
    return jot::try_sign(R"({"sub":"fuzz"})", key, options).value();
  }();
  static constexpr std::string_view kRevocableJti = "fuzz-jti";
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

std::string replace_all(std::string_view input, std::string_view mark, const std::string& token) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit; (hit = input.find(mark, at)) != std::string_view::npos;) {
    out.append(input.substr(at, hit - at)).append(token);
    at = hit + mark.size();
  }
  out.append(input.substr(at));
  return out;
}

std::string with_tokens(std::string_view input, const Fixture& f) {
  return replace_all(replace_all(input, "@TOKEN@", f.token), "@RTOKEN@", f.revocable);
}

// Whether the request's bearer token is the revocable one, already revoked.
bool presents_revoked_token(const jot::server::HttpRequest& request) {
  const auto header = request.find(http::field::authorization);
  if (header == request.end()) return false;
  const auto bearer = jot::server::parse_bearer(header->value());
  return bearer && *bearer == fixture().revocable &&
         fixture().revocations->is_revoked(Fixture::kRevocableJti);
}

void check_response(const jot::server::HttpRequest& request,
                    const jot::server::HttpResponse& response, bool was_revoked) {
  const unsigned status = response.result_int();
  require(status == 200 || status == 204 || status == 400 || status == 401 || status == 404 ||
              status == 405 || status == 413 || status == 415,
          "unexpected status");
  if (status == 204) {
    require(response.body().empty(), "204 with a body");
  } else {
    require(jot::JsonObject::parse(response.body()).has_value(), "body is a JSON object");
  }
  if (status == 401) {
    require(response.find(http::field::www_authenticate) != response.end(),
            "401 without WWW-Authenticate");
  }
  const auto path = jot::server::target_path(request.target());
  if ((status == 200 && (path == "/protected" || path == "/me")) ||
      (status == 204 && path == "/logout")) {
    const auto header = request.find(http::field::authorization);
    require(header != request.end(), "200 without Authorization");
    const auto bearer = jot::server::parse_bearer(header->value());
    require(bearer.has_value(), "200 without a bearer token");
    jot::VerifyOptions options;
    options.algorithms = {jot::Algorithm::kES256};
    require(jot::try_verify(*bearer, fixture().key, options).has_value(),
            "200 for a token that does not verify");
    require(!was_revoked, "a revoked token was accepted");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  const std::string input = with_tokens(jot::fuzz::as_text(data, size), f);
  boost::asio::const_buffer rest(input.data(), input.size());
  // A keep-alive connection: requests one after the other until the bytes run out.
  for (int requests = 0; requests < 4 && rest.size() > 0; ++requests) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(8 * 1024);
    parser.body_limit(8 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done() && rest.size() > 0) {
      const std::size_t used = parser.put(rest, ec);
      rest += used;
      if (ec == http::error::need_more) {
        if (used == 0) break;
        ec = {};
        continue;
      }
      if (ec) break;
    }
    if (!parser.is_done()) {
      // What the server answers for unreadable bytes: an error response, never a crash.
      (void)jot::server::Router::error_response(400, "invalid_request", "malformed HTTP request");
      return 0;
    }
    const auto request = parser.release();
    if (jot::server::Router::is_slow(request)) return 0;
    const bool was_revoked = presents_revoked_token(request);
    check_response(request, f.router.handle(request), was_revoked);
  }
  return 0;
}
