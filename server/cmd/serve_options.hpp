#pragma once

// Settings of `jot serve`, as given by flags or environment (flags win), before they are
// turned into keys and limits.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace jot::server {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  // A SQLite file path, or a postgresql:// URI (libpq's syntax).
  std::string db_path = "jot-users.db";
  std::string db_password_file;  // PostgreSQL password when the URI carries none
  std::string alg;  // empty: the signing key's natural algorithm (ES256 for the default key)
  std::string secret;
  std::string secret_file;
  std::vector<std::string> key_files;  // oldest first; the last one signs
  std::string ttl = "15m";
  std::string issuer;
  std::string audience;
  unsigned threads = 0;  // 0: one per core, at least 2

  // HTTPS: both set, or neither (plain HTTP).
  std::string tls_cert_file;  // PEM certificate, chain after the leaf
  std::string tls_key_file;   // PEM private key
  // GET /metrics: counted unless `metrics` is false; served on the API's listener unless
  // `metrics_bind` ("ADDR:PORT", "[v6]:PORT") gives it a listener of its own.
  bool metrics = true;
  std::string metrics_bind;
  std::string log_format = "text";  // of the access log: "text" or "json"
  // Peers whose X-Forwarded-For names the client (CIDRs, TrustedProxies); empty: nobody's.
  std::vector<std::string> trusted_proxies;
  // Origins browsers may call the API from (CorsPolicy); empty: no CORS.
  std::vector<std::string> cors_origins;

  // Limits against hostile clients.
  // Per request (docs/server.md, "HTTP framing"): head, decoded body, the chunk-size lines of
  // a chunked body together (extensions included), its trailer section.
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 8 * 1024;
  std::size_t max_chunk_line_bytes = 1024;
  std::size_t max_trailer_bytes = 1024;
  std::chrono::milliseconds header_timeout{10'000};  // also the keep-alive idle timeout
  std::chrono::milliseconds body_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::size_t max_connections = 10'000;
  // Open connections per client address (IPv6: per /64); 0: no per-address limit.
  std::size_t max_connections_per_address = 100;
  // POST /login attempts per client address and minute (also the burst); 0: no limit.
  unsigned login_per_minute = 20;
  // Unexpired revoked tokens: in all, per user, per client address (RevocationLimits).
  std::size_t max_revocations = 100'000;
  std::size_t revocations_per_user = 100;
  std::size_t revocations_per_address = 1'000;
  // The longest a request waits on the database (StoreOptions::request_deadline).
  std::chrono::milliseconds db_deadline{500};
  unsigned db_pool = 4;  // PostgreSQL connections for requests
};

}  // namespace jot::server
