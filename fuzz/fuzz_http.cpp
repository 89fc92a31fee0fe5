// The server's HTTP/1.1 framing on raw bytes: a connection's input through RequestReader, the
// code `jot serve` reads every request with, exactly as the session drives it (bytes appended
// as they arrive, consumed bytes dropped, pipelined requests one after the other).
//
// Input: byte 0 chooses the limits (the server's defaults, or small ones that the fuzzer
// reaches more easily), byte 1 seeds the sizes of the pieces the rest arrives in; the rest is
// what the client sends on one connection.
//
// Invariants:
// - the outcome depends on the bytes only: read whole, or in pieces of 1 to 64 bytes, the
//   connection yields the same requests (method, target, version, every field, body) and the
//   same refusal;
// - while the reader waits for more, the bytes it has not consumed stay within its limits;
// - an accepted request keeps its limits (head, body), has exactly one Host in HTTP/1.1, and
//   Transfer-Encoding only as chunked alone, in HTTP/1.1 and never with Content-Length;
// - a refusal is 400, 413, 431 or 501, and nothing after it is read.
// FUZZ_HTTP_DEBUG=1 prints the three readings of each input (to see which way they differ).
#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "http/request_reader.hpp"

namespace http = boost::beast::http;
using jot::fuzz::require;
using jot::server::FramingLimits;
using jot::server::HttpRequest;
using jot::server::RequestReader;

namespace {

// At most this many requests per connection are followed (the rest of the input is ignored).
constexpr int kMaxRequests = 8;

// Everything the router would see of a request, or the refusal, as one comparable string.
std::string describe(const HttpRequest& request) {
  std::string out(request.method_string());
  out += ' ';
  out += request.target();
  out += ' ';
  out += std::to_string(request.version());
  for (const auto& field : request) {
    out += '\n';
    out += field.name_string();
    out += ": ";
    out += field.value();
  }
  out += "\n\n";
  out += request.body();
  return out;
}

std::string describe(const jot::server::Refusal& refusal) {
  return "refused " + std::to_string(refusal.status) + " " + std::string(refusal.message);
}

void check_request(const HttpRequest& request, const FramingLimits& limits) {
  require(request.body().size() <= limits.body_bytes, "body over its limit");
  std::size_t head = request.method_string().size() + request.target().size();
  for (const auto& field : request) head += field.name_string().size() + field.value().size();
  require(head <= limits.head_bytes, "head over its limit");
  const auto hosts = request.count(http::field::host);
  require(hosts <= 1 && (request.version() < 11 || hosts == 1), "Host missing or repeated");
  const auto te = request.count(http::field::transfer_encoding);
  if (te != 0) {
    require(request.version() == 11, "Transfer-Encoding accepted outside HTTP/1.1");
    require(request.count(http::field::content_length) == 0,
            "Transfer-Encoding accepted with Content-Length");
    std::string codings;
    const auto [first, last] = request.equal_range(http::field::transfer_encoding);
    for (auto it = first; it != last; ++it) {
      for (const char c : it->value()) {
        if (c != ' ' && c != '\t' && c != ',') codings += c;
      }
    }
    require(boost::beast::iequals(codings, "chunked"), "a transfer coding other than chunked");
  }
  require(request.count(http::field::content_length) <= 1, "several Content-Length fields");
}

// Parses `stream` as the session does, with the bytes arriving in pieces of the given sizes
// (cycled; an empty list: all at once). Returns what each request turned into.
std::vector<std::string> read_connection(std::string_view stream, const FramingLimits& limits,
                                         const std::vector<std::size_t>& pieces) {
  std::vector<std::string> outcomes;
  const std::size_t max_pending =
      std::max(limits.head_bytes, limits.chunk_line_bytes + limits.trailer_bytes + 6);
  std::string pending;
  std::size_t next_piece = 0;
  auto reader = std::make_unique<RequestReader>(limits);
  bool started = false;  // the current request has had some of its bytes consumed
  while (static_cast<int>(outcomes.size()) < kMaxRequests) {
    std::size_t used = 0;
    const auto status = reader->feed(pending, used);
    require(used <= pending.size(), "consumed more than given");
    pending.erase(0, used);
    started = started || used > 0;
    if (status == RequestReader::Status::kRefused) {
      const auto& refusal = reader->refusal();
      require(refusal.status == 400 || refusal.status == 413 || refusal.status == 431 ||
                  refusal.status == 501,
              "unexpected refusal status");
      outcomes.push_back(describe(refusal));
      break;  // the connection closes: nothing after it is read
    }
    if (status == RequestReader::Status::kComplete) {
      const HttpRequest request = reader->release();
      check_request(request, limits);
      outcomes.push_back(describe(request));
      reader = std::make_unique<RequestReader>(limits);
      started = false;
      continue;  // the next request may already be buffered
    }
    require(pending.size() <= max_pending, "waits holding more than its limits");
    if (stream.empty()) {
      if (started || !pending.empty()) outcomes.emplace_back("incomplete");
      break;
    }
    const std::size_t n = pieces.empty()
                              ? stream.size()
                              : std::min(stream.size(), pieces[next_piece++ % pieces.size()]);
    pending.append(stream.substr(0, n));
    stream.remove_prefix(n);
  }
  return outcomes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  FramingLimits limits;  // the server's defaults
  if (data[0] & 1) limits = FramingLimits{256, 64, 32, 32};
  std::vector<std::size_t> pieces;
  std::uint32_t state = data[1] * 2654435761u + 1;
  for (int i = 0; i < 64; ++i) {
    state = state * 1103515245u + 12345u;
    pieces.push_back(1 + (state >> 16) % 64);
  }
  const auto stream = jot::fuzz::as_text(data + 2, size - 2);
  const auto whole = read_connection(stream, limits, {});
  const auto piecewise = read_connection(stream, limits, pieces);
  const auto bytewise = read_connection(stream, limits, {1});
  if (std::getenv("FUZZ_HTTP_DEBUG")) {
    for (const auto* v : {&whole, &piecewise, &bytewise}) {
      std::fprintf(stderr, "----\n");
      for (const auto& o : *v) std::fprintf(stderr, "[%s]\n", o.c_str());
    }
  }
  require(whole == piecewise, "the outcome depends on how the bytes were split");
  require(whole == bytewise, "the outcome differs when read byte by byte");
  return 0;
}
