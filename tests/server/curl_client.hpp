#pragma once

// Real HTTP for the end-to-end tests, spoken by the curl command-line tool.

#include <map>
#include <string>
#include <vector>

namespace jot::server::test {

struct HttpReply {
  int status = 0;  // 0: no HTTP response (connection refused, reset ...)
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  std::string body;
};

// `headers` are "Name: value" lines passed to curl -H.
HttpReply http_get(const std::string& url, const std::vector<std::string>& headers = {});
HttpReply http_post_json(const std::string& url, const std::string& json,
                         const std::vector<std::string>& headers = {});
// `curl_options`: more arguments for curl (--cacert FILE, --tlsv1.3 ...).
HttpReply http_request(const std::string& method, const std::string& url,
                       const std::vector<std::string>& headers, const std::string* body,
                       const std::vector<std::string>& curl_options = {});

}  // namespace jot::server::test
