#include "curl_client.hpp"

#include <cctype>
#include <cstdlib>

#include "process.hpp"

namespace jot::server::test {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Splits curl -i output: status line, header lines, blank line, body.
HttpReply parse(const std::string& raw) {
  HttpReply reply;
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.rfind("HTTP/", 0) != 0) return reply;
  const std::string head = raw.substr(0, head_end);
  reply.body = raw.substr(head_end + 4);
  std::size_t pos = head.find("\r\n");
  const std::string status_line = head.substr(0, pos);
  const auto sp = status_line.find(' ');
  if (sp != std::string::npos) reply.status = std::atoi(status_line.c_str() + sp + 1);
  while (pos != std::string::npos && pos < head.size()) {
    const std::size_t start = pos + 2;
    pos = head.find("\r\n", start);
    const std::string line = head.substr(start, pos == std::string::npos ? pos : pos - start);
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    reply.headers[lower(line.substr(0, colon))] = value;
  }
  return reply;
}

}  // namespace

HttpReply http_request(const std::string& method, const std::string& url,
                       const std::vector<std::string>& headers, const std::string* body,
                       const std::vector<std::string>& curl_options) {
  std::vector<std::string> argv = {"curl", "-s", "-i", "--max-time", "30", "-X", method};
  argv.insert(argv.end(), curl_options.begin(), curl_options.end());
  for (const auto& h : headers) {
    argv.push_back("-H");
    argv.push_back(h);
  }
  if (body != nullptr) {
    argv.push_back("-H");
    argv.push_back("Expect:");  // no 100-continue round trip for large bodies
    argv.push_back("--data-binary");
    argv.push_back("@-");  // the body on stdin: no size limit from argv, no shell quoting
  }
  argv.push_back(url);
  const auto result = run_command(argv, body != nullptr ? *body : std::string());
  return parse(result.out);
}

HttpReply http_get(const std::string& url, const std::vector<std::string>& headers) {
  return http_request("GET", url, headers, nullptr);
}

HttpReply http_post_json(const std::string& url, const std::string& json,
                         const std::vector<std::string>& headers) {
  auto all = headers;
  all.push_back("Content-Type: application/json");
  return http_request("POST", url, all, &json);
}

}  // namespace jot::server::test
