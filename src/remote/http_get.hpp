#pragma once

// A minimal HTTPS GET on libcurl, with the rules a key-set fetch needs and no way to weaken
// TLS: peer and host-name verification always on, redirects never followed, only http(s),
// the body capped while it downloads, one deadline for the whole exchange.

#include <chrono>
#include <cstddef>
#include <string>

#include "jot/error.hpp"

namespace jot::remote {

struct HttpGetRequest {
  std::string url;
  std::string accept;  // the Accept header
  std::chrono::milliseconds timeout;
  std::size_t max_body_bytes = 0;
  std::string ca_file;  // empty: the system's CA store
  bool allow_http = false;
};

// The body of a 200 answer. Any failure (network, TLS, another status, a body over the cap)
// is kKeyFetch with a message that names it; the message does not repeat the URL.
Result<std::string> http_get(const HttpGetRequest& request);

// Whether libcurl parses `url` with scheme https (or http when allowed) and a host name.
// Returns the problem, or an empty string.
std::string url_problem(const std::string& url, bool allow_http);

}  // namespace jot::remote
