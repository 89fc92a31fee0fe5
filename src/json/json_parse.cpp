// Strict JSON parsing on boost::json::basic_parser.
//
// Boost.JSON 1.81 silently keeps the last of duplicate member names and has no option to
// refuse them, so jot drives the SAX-level basic_parser with its own handler that builds
// the value; the names are checked by the strict base it shares with the claim scan
// (json_strict_handler.hpp). Boost still does the lexing: strict RFC 8259 syntax,
// UTF-8 validation, no comments, no trailing commas, and the depth limit.
//
// Memory: values are allocated once, in their final storage (the caller's arena). The
// handler's own working set (pending members and elements, keys that had to be copied)
// lives in a stack buffer and spills to the heap only for large documents.

#include <array>
#include <boost/json/basic_parser_impl.hpp>  // basic_parser's template definitions
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <memory_resource>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "json/json_doc.hpp"
#include "json/json_strict.hpp"
#include "json/json_strict_handler.hpp"

namespace jot::detail {
namespace {

using boost::system::error_code;

// A member or element parsed but not yet placed into its container.
struct Pending {
  std::string_view key;  // empty for array elements and the root
  boost::json::value value;
};

// Builds the document; every rule that refuses a text is the base's (shared with the
// claim scan, json_scan.cpp).
class StrictHandler : public StrictHandlerBase<StrictHandler> {
 public:
  StrictHandler(boost::json::storage_ptr storage, std::pmr::memory_resource* temp,
                std::string_view input, bool allow_duplicates)
      : StrictHandlerBase(temp, input, allow_duplicates),
        storage_(std::move(storage)),
        pending_(temp),
        container_keys_(temp) {
    pending_.reserve(32);
    container_keys_.reserve(8);
  }

  boost::json::value take_root() { return std::move(pending_.front().value); }
  bool has_single_root() const noexcept { return pending_.size() == 1; }

  // The hooks of StrictHandlerBase.
  void object_begin() { open_container(); }
  void array_begin() { open_container(); }

  void object_end(std::size_t n) {
    boost::json::object object(n, storage_);
    const std::size_t first = pending_.size() - n;
    for (std::size_t i = first; i < pending_.size(); ++i) {
      Pending& member = pending_[i];
      // One lookup: emplace leaves its argument untouched when the name exists (relied on
      // below; JsonParse.DuplicatesAllowedOnRequest... checks the last value still wins).
      // A repeated name gets here only when the limits allow it (the base refuses it
      // otherwise): RFC 7159 §4 leaves duplicates to the implementation; like JSON.parse,
      // the last value wins and the first position is kept.
      auto [existing, inserted] = object.emplace(member.key, std::move(member.value));
      if (!inserted) existing->value() = std::move(member.value);
    }
    close_container(first, boost::json::value(std::move(object)));
  }

  void array_end(std::size_t n) {
    boost::json::array array(storage_);
    array.reserve(n);
    const std::size_t first = pending_.size() - n;
    for (std::size_t i = first; i < pending_.size(); ++i) {
      array.emplace_back(std::move(pending_[i].value));
    }
    close_container(first, boost::json::value(std::move(array)));
  }

  void key(std::string_view name) { key_ = name; }
  void string(std::string_view text) {
    push(boost::json::value(boost::json::string_view(text.data(), text.size()), storage_));
  }
  void int64(std::int64_t i) { push(boost::json::value(i, storage_)); }
  void uint64(std::uint64_t u) { push(boost::json::value(u, storage_)); }
  void real(double d) { push(boost::json::value(d, storage_)); }
  void boolean(bool b) { push(boost::json::value(b, storage_)); }
  void null() { push(boost::json::value(nullptr, storage_)); }

 private:
  void push(boost::json::value&& value) {
    pending_.push_back(Pending{key_, std::move(value)});
    key_ = {};
  }

  void open_container() {
    // The container's own key waits until the container is complete.
    container_keys_.push_back(key_);
    key_ = {};
  }

  void close_container(std::size_t first, boost::json::value&& container) {
    pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(first), pending_.end());
    key_ = container_keys_.back();
    container_keys_.pop_back();
    push(std::move(container));
  }

  boost::json::storage_ptr storage_;
  std::pmr::vector<Pending> pending_;
  std::pmr::vector<std::string_view> container_keys_;
  std::string_view key_;  // name of the next member
};

Error invalid_json(const error_code& ec, std::size_t offset) {
  return Error(Errc::kMalformed,
               "invalid JSON: " + ec.message() + " at offset " + std::to_string(offset));
}

}  // namespace

std::optional<double> exact_double(double approximate, std::string_view text) noexcept {
  double d = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), d);
  const bool complete = end == text.data() + text.size();
  if (status == std::errc::result_out_of_range && complete) {
    // Overflow or underflow: Boost's approximation tells which.
    if (std::isinf(approximate) || std::abs(approximate) > 1.0) return std::nullopt;
    return 0.0;
  }
  if (status != std::errc() || !complete || !std::isfinite(d)) return std::nullopt;
  return d;
}

Error number_out_of_range() {
  return Error(Errc::kMalformed, "number out of range");
}

Error duplicate_member(std::string_view name) {
  std::string message = "duplicate member name ";
  // Quoted and escaped: the name is untrusted text. Capped to keep messages short.
  constexpr std::size_t kMaxShown = 100;
  append_json_string(name.substr(0, kMaxShown), message);
  if (name.size() > kMaxShown) message += "...";
  return Error(Errc::kMalformed, std::move(message));
}

Error json_parse_error(const error_code& ec, std::size_t consumed, std::size_t max_depth) {
  if (ec == boost::json::error::too_deep) {
    return Error(Errc::kLimitExceeded,
                 "JSON nesting deeper than " + std::to_string(max_depth) + " levels");
  }
  // Boost stops on exponents too long to hold (1e99999999999999999999) by itself.
  if (ec == boost::json::error::exponent_overflow) return number_out_of_range();
  return invalid_json(ec, consumed);
}

bool within(std::string_view outer, std::string_view inner) noexcept {
  // std::less: a total order even for pointers into different objects.
  std::less<const char*> before;
  return !before(inner.data(), outer.data()) &&
         !before(outer.data() + outer.size(), inner.data() + inner.size());
}

Result<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits,
                                      boost::json::storage_ptr storage) {
  if (text.size() > limits.max_bytes) {
    return Error(Errc::kLimitExceeded,
                 "JSON text larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  const std::size_t max_depth = std::min(limits.max_depth, kMaxJsonDepth);
  if (text.data() == nullptr) text = std::string_view("", 0);

  try {
    // Working memory for the handler; only large documents go past it to the heap.
    alignas(std::max_align_t) std::array<unsigned char, 4096> scratch;
    std::pmr::monotonic_buffer_resource temp(scratch.data(), scratch.size(),
                                             std::pmr::new_delete_resource());
    boost::json::parse_options options;
    options.max_depth = max_depth;  // comments, trailing commas, bad UTF-8: off by default
    boost::json::basic_parser<StrictHandler> parser(options, std::move(storage), &temp, text,
                                                    limits.allow_duplicate_members);
    error_code ec;
    const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
    if (const auto& refused = parser.handler().error()) return *refused;
    if (ec) return json_parse_error(ec, consumed, max_depth);
    if (consumed != text.size()) {
      return json_parse_error(boost::json::error::extra_data, consumed, max_depth);
    }
    if (!parser.handler().has_single_root()) {
      return Error(Errc::kInternal, "JSON parser produced no single value");
    }
    return parser.handler().take_root();
  } catch (const std::bad_alloc&) {
    return Error(Errc::kLimitExceeded, "out of memory while parsing JSON");
  } catch (const std::length_error&) {
    return Error(Errc::kLimitExceeded, "JSON value too large");
  }
}

Result<boost::json::object> parse_json_object(std::string_view text, const JsonLimits& limits,
                                              boost::json::storage_ptr storage) {
  Result<boost::json::value> parsed = parse_json(text, limits, std::move(storage));
  if (!parsed) return std::move(parsed).error();
  if (boost::json::object* object = parsed->if_object()) return std::move(*object);
  return Error(Errc::kMalformed, "JSON text is not an object");
}

}  // namespace jot::detail
