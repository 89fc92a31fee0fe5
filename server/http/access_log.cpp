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

// A client-chosen text as the contents of a JSON string: quotes, backslashes and control
// characters escaped; bytes beyond ASCII replaced, so that the line stays valid UTF-8.
void append_json_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out += escaped;
    } else {
      out += u < 0x80 ? c : '?';
    }
  }
}

}  // namespace

std::string_view error_description_of(std::string_view body) noexcept {
  constexpr std::string_view kKey = "\"error_description\":\"";
  const auto at = body.find(kKey);
  if (at == std::string_view::npos) return {};
  const auto start = at + kKey.size();
  for (auto i = start; i < body.size(); ++i) {
    if (body[i] == '\\') {
      ++i;  // an escape: skip the escaped character
    } else if (body[i] == '"') {
      return body.substr(start, i - start);
    }
  }
  return {};
}

std::string format_access_json(const AccessRecord& r) {
  using std::chrono::system_clock;
  const auto now = system_clock::now();
  const std::time_t seconds = system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  char time_text[40] = "";
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) != nullptr) {
    char whole[32];
    std::strftime(whole, sizeof whole, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(time_text, sizeof time_text, "%s.%03dZ", whole, static_cast<int>(millis));
  }
  const double ms = std::chrono::duration<double, std::milli>(r.elapsed).count();
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "\",\"status\":%u,\"bytes\":%zu,\"duration_ms\":%.3f",
                r.status, r.body_bytes, ms);
  std::string line;
  line.reserve(160 + r.path.size() + r.reason.size());
  line += "{\"time\":\"";
  line += time_text;
  line += "\",\"remote\":\"";
  append_json_text(line, r.peer);
  line += "\",\"method\":\"";
  append_json_text(line, r.method);
  line += "\",\"path\":\"";
  append_json_text(line, r.path.substr(0, 256));
  line += numbers;
  if (!r.via.empty()) {
    line += ",\"via\":\"";
    append_json_text(line, r.via);
    line += '"';
  }
  if (!r.reason.empty()) {
    line += ",\"reason\":\"";
    line += r.reason;  // already JSON-escaped
    line += '"';
  }
  line += "}\n";
  return line;
}

std::string format_access_line(const AccessRecord& r) {
  char time_text[32] = "";
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  if (gmtime_r(&now, &utc) != nullptr) {
    std::strftime(time_text, sizeof time_text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  }
  const double ms = std::chrono::duration<double, std::milli>(r.elapsed).count();
  char tail[96];
  std::snprintf(tail, sizeof tail, " HTTP/%u.%u\" %u %zu %.1fms", r.version / 10, r.version % 10,
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
  if (!r.via.empty()) {
    line += " via ";
    line += r.via;
  }
  line += '\n';
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
