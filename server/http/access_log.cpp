#include "http/access_log.hpp"

#include <unistd.h>

#include <cstdio>
#include <ctime>

namespace jot::server {

namespace {

// Control characters (and quotes) in a client-chosen path must not forge log lines.
void append_sanitized(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7F || c == '"' || c == '\\' ? '?' : c);
  }
}

}  // namespace

std::string format_access_line(const AccessRecord& r) {
  char time_text[32] = "";
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  if (gmtime_r(&now, &utc) != nullptr) {
    std::strftime(time_text, sizeof time_text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  }
  const double ms = std::chrono::duration<double, std::milli>(r.elapsed).count();
  char tail[96];
  std::snprintf(tail, sizeof tail, " HTTP/%u.%u\" %u %zu %.1fms\n", r.version / 10, r.version % 10,
                r.status, r.body_bytes, ms);
  std::string line;
  line.reserve(96 + r.path.size());
  line += time_text;
  line += ' ';
  line += r.peer;
  line += " \"";
  append_sanitized(line, r.method);
  line += ' ';
  append_sanitized(line, r.path.substr(0, 256));
  line += tail;
  return line;
}

void write_log_line(std::string_view line) noexcept {
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) return;  // a closed stderr must not stop the server
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace jot::server
