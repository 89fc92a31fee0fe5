#pragma once

// The HTTP/1.1 server under `jot serve` (Boost.Beast on Asio).
//
// - Asynchronous: N I/O threads serve any number of connections; an idle or slow client
//   costs a socket and a timer, never a thread. Keep-alive is on.
// - Per-phase deadlines: the request head must arrive within header_timeout (which is also
//   the keep-alive idle limit), the body within body_timeout, the response must drain within
//   write_timeout; a client that dawdles is disconnected.
// - Limits: head and body sizes (431 / 413), number of connections, number of concurrent
//   slow requests (logins; 503 beyond).
// - Slow requests (Router::is_slow: Argon2 work) run on a separate pool, so a burst of
//   logins cannot stall token checks.
// - Graceful shutdown on SIGTERM/SIGINT or stop(): stop accepting, close idle connections,
//   let requests in flight finish (their responses say Connection: close), force-close what
//   is left after shutdown_grace.
// - One access log line per request (access_log.hpp), and the request's metrics
//   (metrics.hpp) unless the router has none.
// - HTTPS instead of HTTP with use_tls() (tls_context.hpp); the certificate is read again on
//   SIGHUP, after the reload handler.
// - Behind trusted proxies (trust_proxies()), the client of each request is the one
//   X-Forwarded-For names: the login limiter, the revocation shares and the access log key
//   on it. Connections from a trusted proxy are not capped per address (one proxy carries
//   many clients); every other peer is, by its own address.
// - CORS (allow_origins()): preflights answered here, before the router, and the responses
//   of the routes browsers call marked for the listed origins.
// - listen_metrics(): a second, plain-HTTP listener that answers GET /metrics only.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "auth/router.hpp"
#include "cmd/serve_options.hpp"
#include "http/cors.hpp"
#include "http/trusted_proxies.hpp"
#include "jot/error.hpp"

namespace jot::server {

class HttpServer {
 public:
  HttpServer(const ServeOptions& options, const Router& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serve HTTPS with this certificate (chain) and key, both PEM; before run().
  Result<void> use_tls(const std::string& cert_file, const std::string& key_file);
  // --trusted-proxy: whose X-Forwarded-For names the client (trusted_proxies.hpp); before run().
  void trust_proxies(TrustedProxies proxies);
  // --cors-origin: the origins browsers may call the API from (cors.hpp); before run().
  void allow_origins(CorsPolicy cors);
  // The certificate's subject and expiry, for the log; empty without TLS.
  std::string tls_description() const;

  // Binds and listens on `address`:`port` (port 0: a free port).
  Result<void> listen(const std::string& address, std::uint16_t port);
  // The same, for a listener that serves GET /metrics only (--metrics-bind).
  Result<void> listen_metrics(const std::string& address, std::uint16_t port);
  // "http://ADDR:PORT" (or "https://") of the bound socket (IPv6 addresses in brackets).
  std::string url() const;
  // "http://ADDR:PORT" of the metrics listener; empty without one.
  std::string metrics_url() const;

  // Serves on `threads` threads (the caller's included) until SIGTERM/SIGINT or stop(), then
  // shuts down gracefully and returns.
  void run(unsigned threads);
  // Begins the graceful shutdown; callable from any thread.
  void stop();
  // What SIGHUP does (reload the keys); set before run(). Without one, SIGHUP is logged and
  // ignored. Runs on the server's signal strand, one at a time.
  void on_reload(std::function<void()> handler);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jot::server
