#pragma once

// One line per request on stderr:
//   2026-11-28T18:40:00Z 127.0.0.1:51234 "POST /login HTTP/1.1" 200 412 31.2ms
// The path is logged without its query string, and never a header or body: tokens and
// passwords stay out of logs.

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
};

std::string format_access_line(const AccessRecord& record);
// Writes `line` with one write(2), so lines from several threads never interleave.
void write_log_line(std::string_view line) noexcept;

}  // namespace jot::server
