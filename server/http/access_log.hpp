#pragma once

// One line per request on stderr:
//   2026-11-28T18:40:00Z 127.0.0.1:51234 "POST /login HTTP/1.1" 200 412 31.2ms
// or, with --log-format json, one JSON object per line:
//   {"time":"2026-11-28T18:40:00.123Z","remote":"127.0.0.1:51234","method":"GET",
//    "path":"/protected","status":401,"bytes":98,"duration_ms":0.21,"reason":"jwt expired"}
// Behind a trusted proxy (--trusted-proxy) the remote is the client the proxy named, without
// a port, and the proxy follows: `... 200 412 31.2ms via 10.0.0.2:40112` in text, a
// "via":"10.0.0.2:40112" member in JSON.
// The path is logged without its query string, and never a header or body: tokens and
// passwords stay out of logs. `reason` (401 only) is the error description the server itself
// wrote into the response: a library message, never a token.

#include <chrono>
#include <string>
#include <string_view>

namespace jot::server {

struct AccessRecord {
  std::string_view peer;
  std::string_view method;
  std::string_view path;
  unsigned version = 11;
  unsigned status = 0;
  std::size_t body_bytes = 0;
  std::chrono::steady_clock::duration elapsed{};
  std::string_view reason;  // JSON-escaped text (from the response body); empty: none
  // The trusted proxy the request came through when `peer` is the client X-Forwarded-For
  // named (--trusted-proxy); empty otherwise.
  std::string_view via;
};

std::string format_access_line(const AccessRecord& record);
std::string format_access_json(const AccessRecord& record);
// The "error_description" of a JSON error body the router wrote, still JSON-escaped (so it
// can be copied into a JSON log line as is); empty when there is none.
std::string_view error_description_of(std::string_view body) noexcept;
// Writes `line` with one write(2), so lines from several threads never interleave.
void write_log_line(std::string_view line) noexcept;

}  // namespace jot::server
