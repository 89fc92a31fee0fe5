#include "http_get.hpp"

#include <curl/curl.h>

#include <memory>
#include <string_view>

#include "jot/version.hpp"

namespace jot::remote {

namespace {

// curl_global_init is not guaranteed thread-safe on every libcurl build: run it once, on the
// first fetch, under the thread-safe initialisation of a function-local static. It is never
// undone (curl_global_cleanup at exit would race with threads still fetching).
bool curl_ready() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};

struct BodySink {
  std::string body;
  std::size_t limit = 0;
  bool over_limit = false;
};

// Returning less than was given makes libcurl abort the transfer: the cap holds while the
// body downloads, whatever Content-Length said (or if it said nothing).
std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const std::size_t bytes = size * count;
  if (bytes > sink->limit - sink->body.size()) {
    sink->over_limit = true;
    return 0;
  }
  sink->body.append(data, bytes);
  return bytes;
}

Error fetch_error(std::string message) {
  return Error(Errc::kKeyFetch, std::move(message));
}

// Every option below is set explicitly, even where it is libcurl's default, so that the
// rules stay visible and a libcurl with other defaults cannot loosen them.
bool configure(CURL* curl, const HttpGetRequest& request, curl_slist* headers, BodySink& sink,
               char* error_buffer) {
  const char* protocols = request.allow_http ? "http,https" : "https";
  const long timeout_ms = static_cast<long>(request.timeout.count());
  bool ok = true;
  const auto set = [&](CURLoption option, auto value) {
    ok = ok && curl_easy_setopt(curl, option, value) == CURLE_OK;
  };
  set(CURLOPT_ERRORBUFFER, error_buffer);
  set(CURLOPT_URL, request.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, protocols);
  set(CURLOPT_REDIR_PROTOCOLS_STR, protocols);
  set(CURLOPT_HTTPGET, 1L);
  set(CURLOPT_FOLLOWLOCATION, 0L);
  // Proxies from the environment (https_proxy, ...) are ignored, as Node's https module does
  // for jose: where the keys come from must not depend on variables the caller never set.
  set(CURLOPT_PROXY, "");
  // Threads: no SIGALRM-based DNS timeouts.
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_TIMEOUT_MS, timeout_ms);
  set(CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  if (!request.ca_file.empty()) set(CURLOPT_CAINFO, request.ca_file.c_str());
  set(CURLOPT_USERAGENT, "jot/" JOT_VERSION_STRING);
  set(CURLOPT_HTTPHEADER, headers);
  // A declared Content-Length over the cap fails before the body is read at all.
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body_bytes));
  set(CURLOPT_WRITEFUNCTION, &append_body);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&sink));
  return ok;
}

std::string too_large(std::size_t limit) {
  return "response body larger than " + std::to_string(limit) + " bytes (max_response_bytes)";
}

}  // namespace

std::string url_problem(const std::string& url, bool allow_http) {
  if (url.empty()) return "url is empty";
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) return "out of memory";
  if (const CURLUcode rc = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0);
      rc != CURLUE_OK) {
    return std::string("url does not parse: ") + curl_url_strerror(rc);
  }
  char* scheme = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
    return "url has no scheme";
  }
  const std::string scheme_text(scheme);
  curl_free(scheme);
  if (scheme_text == "http" && !allow_http) {
    return "url must be https:// (http:// needs allow_insecure_http)";
  }
  if (scheme_text != "https" && scheme_text != "http") {
    return "url scheme must be https, not " + scheme_text;
  }
  char* user = nullptr;
  const bool has_user = curl_url_get(parsed.get(), CURLUPART_USER, &user, 0) == CURLUE_OK;
  curl_free(user);
  // A key set is public: credentials in its URL would only end up in error messages and logs.
  if (has_user) return "url must not hold credentials (user@ or user:password@)";
  char* host = nullptr;
  const bool has_host = curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK &&
                        host != nullptr && *host != '\0';
  curl_free(host);
  if (!has_host) return "url has no host";
  return {};
}

Result<std::string> http_get(const HttpGetRequest& request) {
  if (!curl_ready()) return fetch_error("libcurl could not be initialised");
  const std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  std::unique_ptr<curl_slist, HeaderListDeleter> headers(
      curl_slist_append(nullptr, ("Accept: " + request.accept).c_str()));
  if (!curl || !headers) return fetch_error("libcurl could not allocate a request");

  BodySink sink;
  sink.limit = request.max_body_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  if (!configure(curl.get(), request, headers.get(), sink, error_buffer)) {
    return fetch_error("libcurl refused an option (too old a libcurl?)");
  }

  const CURLcode rc = curl_easy_perform(curl.get());
  if (sink.over_limit || rc == CURLE_FILESIZE_EXCEEDED) {
    return fetch_error(too_large(request.max_body_bytes));
  }
  if (rc != CURLE_OK) {
    const std::string_view detail =
        error_buffer[0] != '\0' ? std::string_view(error_buffer) : curl_easy_strerror(rc);
    return fetch_error(std::string(detail));
  }
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status >= 300 && status < 400) {
    return fetch_error("HTTP status " + std::to_string(status) +
                       " (redirects are not followed; configure the final URL)");
  }
  if (status != 200) {
    return fetch_error("HTTP status " + std::to_string(status) + ", expected 200");
  }
  return std::move(sink.body);
}

}  // namespace jot::remote
