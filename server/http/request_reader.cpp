#include "http/request_reader.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace jot::server {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr std::string_view kCrlf = "\r\n";

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The transfer codings of every Transfer-Encoding field line, in order (RFC 9110 §5.6.1:
// empty list elements do not count).
std::vector<std::string_view> transfer_codings(const HttpRequest& request) {
  std::vector<std::string_view> codings;
  const auto [first, last] = request.equal_range(http::field::transfer_encoding);
  for (auto it = first; it != last; ++it) {
    std::string_view rest(it->value().data(), it->value().size());
    while (true) {
      const auto comma = rest.find(',');
      const auto coding = trim_ows(rest.substr(0, comma));
      if (!coding.empty()) codings.push_back(coding);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return codings;
}

bool is_chunked(std::string_view coding) {
  return beast::iequals(coding, "chunked");
}

// Where the head in `bytes` ends: after the first empty line, whether its line ends are CRLF
// or bare LF (which Beast then refuses); npos while there is none. `from`: bytes already
// searched.
std::size_t head_end(std::string_view bytes, std::size_t from) {
  for (std::size_t i = from < 2 ? 0 : from - 2; i < bytes.size(); ++i) {
    if (bytes[i] != '\n') continue;
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
    if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

}  // namespace

// Beast's parser with the request stored as the server needs it: header fields only from the
// head (trailer fields are dropped), and where the next bytes of a chunked body are a
// chunk-size line, which the reader bounds.
class RequestReader::Parser final : public http::basic_parser<true> {
 public:
  HttpRequest request;
  bool at_chunk_line = false;     // next: a chunk-size line (or the last chunk and trailers)
  bool after_chunk_data = false;  // ... after the CRLF that ends the previous chunk's data

 private:
  void on_request_impl(http::verb method, beast::string_view method_string,
                       beast::string_view target, int version, beast::error_code& ec) override {
    ec = {};
    if (method == http::verb::unknown) {
      request.method_string(method_string);
    } else {
      request.method(method);
    }
    request.target(target);
    request.version(version);
  }

  void on_response_impl(int, beast::string_view, int, beast::error_code& ec) override {
    ec = http::error::bad_version;  // a request parser never reads a status line
  }

  void on_field_impl(http::field name, beast::string_view name_string, beast::string_view value,
                     beast::error_code& ec) override {
    ec = {};
    if (!is_header_done()) request.insert(name, name_string, value);
  }

  void on_header_impl(beast::error_code& ec) override {
    ec = {};
    at_chunk_line = chunked();
  }

  void on_body_init_impl(const boost::optional<std::uint64_t>&, beast::error_code& ec) override {
    ec = {};
  }

  std::size_t on_body_impl(beast::string_view body, beast::error_code& ec) override {
    ec = {};
    request.body().append(body.data(), body.size());
    return body.size();
  }

  void on_chunk_header_impl(std::uint64_t size, beast::string_view,
                            beast::error_code& ec) override {
    ec = {};
    if (size != 0) at_chunk_line = false;
  }

  std::size_t on_chunk_body_impl(std::uint64_t remain, beast::string_view body,
                                 beast::error_code& ec) override {
    ec = {};
    request.body().append(body.data(), body.size());
    if (body.size() == remain) at_chunk_line = after_chunk_data = true;
    return body.size();
  }

  void on_finish_impl(beast::error_code& ec) override { ec = {}; }
};

RequestReader::RequestReader(const FramingLimits& limits)
    : limits_(limits), parser_(std::make_unique<Parser>()) {
  parser_->eager(false);  // one element per put(): each is given its own window
  parser_->header_limit(static_cast<std::uint32_t>(limits.head_bytes));
  parser_->body_limit(limits.body_bytes);
}

RequestReader::~RequestReader() = default;

bool RequestReader::header_done() const noexcept {
  return parser_->is_header_done();
}

HttpRequest RequestReader::release() {
  return std::move(parser_->request);
}

RequestReader::Status RequestReader::refuse(unsigned status, std::string_view message) {
  refusal_ = Refusal{status, message};
  return status_ = Status::kRefused;
}

RequestReader::Status RequestReader::feed(std::string_view input, std::size_t& consumed) {
  while (status_ == Status::kNeedMore) {
    std::size_t used = 0;
    step(input, used);
    consumed += used;
    input.remove_prefix(used);
    if (used == 0) break;  // waits for more bytes
  }
  return status_;
}

// One element through Beast: the head, a piece of the body, a chunk-size line, or the last
// chunk with its trailer section. Beast is shown an element only once it is all there, or
// once more bytes are there than its limit allows (then it is refused): what Beast says of a
// part of one (an error at once, a wait, a limit counted twice on a retry) would depend on
// where the bytes were split, and the outcome must depend on the bytes alone.
RequestReader::Status RequestReader::step(std::string_view input, std::size_t& used) {
  Parser& parser = *parser_;
  const bool in_head = !parser.is_header_done();
  const bool at_line = !in_head && parser.at_chunk_line;
  std::size_t shown_size = input.size();
  std::size_t line_end = 0;  // at_line: where the chunk-size line ends (at its CRLF)
  bool whole_head = false;   // in_head: Beast is shown a head up to its empty line
  if (in_head) {
    const std::size_t window = limits_.head_bytes - head_used_;
    if (window == 0) return refuse(431, "request header too large");
    const std::size_t end = head_end(input.substr(0, window), head_searched_);
    if (end == std::string_view::npos) {
      head_searched_ = input.size();
      if (input.size() < window) return status_;
      shown_size = window;  // Beast finds the first error in it, or asks for more: 431
    } else {
      shown_size = end;
      whole_head = true;
    }
  } else if (at_line) {
    const std::size_t lead = parser.after_chunk_data ? kCrlf.size() : 0;
    if (input.size() < lead) return status_;
    if (input.substr(0, lead) != kCrlf.substr(0, lead)) {
      return refuse(400, "malformed chunked body");  // chunk data longer than its size
    }
    const std::size_t lines_left = limits_.chunk_line_bytes - chunk_lines_used_;
    const std::size_t line_window = lead + lines_left + kCrlf.size();
    line_end = input.substr(0, line_window).find(kCrlf, lead);
    if (line_end == std::string_view::npos) {
      if (input.size() < line_window) return status_;
      return refuse(413, "chunk-size lines too long");
    }
    shown_size = line_end + kCrlf.size();
    const auto size = input.substr(lead, line_end - lead);
    const auto digits = size.substr(0, size.find_first_not_of("0123456789abcdefABCDEF"));
    if (!digits.empty() && digits.find_first_not_of('0') == std::string_view::npos) {
      // The last chunk: Beast takes it with the trailer section and the final CRLF.
      const std::size_t window = shown_size + limits_.trailer_bytes + kCrlf.size();
      const auto end = input.substr(0, window).find("\r\n\r\n", line_end);
      if (end == std::string_view::npos) {
        if (input.size() < window) return status_;
        return refuse(431, "trailer section too large");
      }
      shown_size = end + 2 * kCrlf.size();
    }
    chunk_lines_used_ += line_end - lead;
  }
  const std::string_view shown = input.substr(0, shown_size);
  if (shown.empty()) return status_;

  beast::error_code ec;
  used = parser.put(boost::asio::const_buffer(shown.data(), shown.size()), ec);
  if (ec && ec != http::error::need_more) {
    if (ec == http::error::header_limit) return refuse(431, "request header too large");
    if (ec == http::error::body_limit) return refuse(413, "request body too large");
    if (ec == http::error::bad_content_length || ec == http::error::multiple_content_length) {
      return refuse(400, "invalid Content-Length");
    }
    if (ec == http::error::bad_transfer_encoding) return refuse(400, "invalid Transfer-Encoding");
    if (ec == http::error::bad_chunk || ec == http::error::bad_chunk_extension) {
      return refuse(400, "malformed chunked body");
    }
    if (ec == http::error::bad_line_ending) return refuse(400, "lines must end in CRLF");
    return refuse(400, "malformed HTTP request");
  }

  if (in_head) {
    // RFC 9112 §5.2: obsolete line folding (a field line that starts with SP or HTAB) is
    // refused; Beast would join it to the previous field's value.
    for (const char c : shown.substr(0, used)) {
      if (last_was_line_end_ && (c == ' ' || c == '\t')) {
        return refuse(400, "obsolete line folding is not accepted");
      }
      last_was_line_end_ = c == '\n';
    }
    head_used_ += used;
    head_searched_ = 0;
    if (parser.is_header_done()) {
      if (check_head() == Status::kRefused) return status_;
    } else if (used == 0) {
      // Beast wants more than a whole head, or than the limit allows.
      return whole_head ? refuse(400, "malformed HTTP request")
                        : refuse(431, "request header too large");
    }
  } else if (at_line && used != shown_size) {
    // A whole chunk-size line (or last chunk) that Beast neither took nor refused.
    return refuse(400, "malformed chunked body");
  }
  if (parser.is_done()) status_ = Status::kComplete;
  return status_;
}

// The framing rules Beast leaves to the server (RFC 9112 §3.2, §6.1, §6.3; RFC 9110 §8.6),
// checked once the head is complete and before any body byte is read.
RequestReader::Status RequestReader::check_head() {
  const HttpRequest& request = parser_->request;
  const auto hosts = request.count(http::field::host);
  if (hosts > 1 || (hosts == 0 && request.version() >= 11)) {
    return refuse(400, "exactly one Host header field is required");
  }
  const auto lengths = request.count(http::field::content_length);
  if (lengths > 1) return refuse(400, "more than one Content-Length");
  if (lengths == 1) {
    const auto value = request[http::field::content_length];
    if (!is_digits(std::string_view(value.data(), value.size()))) {
      return refuse(400, "invalid Content-Length");
    }
  }
  if (request.count(http::field::transfer_encoding) == 0) return status_;
  if (request.version() < 11) return refuse(400, "Transfer-Encoding in an HTTP/1.0 request");
  if (lengths != 0) return refuse(400, "both Transfer-Encoding and Content-Length");
  const auto codings = transfer_codings(request);
  if (codings.empty() || !is_chunked(codings.back())) {
    return refuse(400, "Transfer-Encoding must end in chunked");
  }
  for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
    if (is_chunked(codings[i])) return refuse(400, "chunked applied more than once");
  }
  if (codings.size() > 1) return refuse(501, "only the chunked transfer coding is implemented");
  return status_;
}

}  // namespace jot::server
