// Strict JSON parsing on boost::json::basic_parser.
//
// Boost.JSON 1.81 silently keeps the last of duplicate member names and has no option to
// refuse them, so jot drives the SAX-level basic_parser with its own handler that builds
// the value and checks names itself. Boost still does the lexing: strict RFC 8259 syntax,
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

namespace jot::detail {
namespace {

using boost::system::error_code;

// A member or element parsed but not yet placed into its container.
struct Pending {
  std::string_view key;  // empty for array elements and the root
  boost::json::value value;
};

class StrictHandler {
 public:
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  StrictHandler(boost::json::storage_ptr storage, std::pmr::memory_resource* temp,
                std::string_view input, bool allow_duplicates)
      : storage_(std::move(storage)),
        temp_(temp),
        input_(input),
        allow_duplicates_(allow_duplicates),
        pending_(temp),
        container_keys_(temp),
        text_(temp) {
    pending_.reserve(32);
    container_keys_.reserve(8);
  }

  // Set when the handler itself refused the document (duplicate name, number range).
  const std::optional<Error>& error() const noexcept { return error_; }
  boost::json::value take_root() { return std::move(pending_.front().value); }
  bool has_single_root() const noexcept { return pending_.size() == 1; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) { return open_container(); }
  bool on_array_begin(error_code&) { return open_container(); }

  bool on_object_end(std::size_t n, error_code& ec) {
    boost::json::object object(n, storage_);
    const std::size_t first = pending_.size() - n;
    for (std::size_t i = first; i < pending_.size(); ++i) {
      Pending& member = pending_[i];
      // One lookup: emplace leaves its argument untouched when the name exists (relied on
      // below; JsonParse.DuplicatesAllowedOnRequest... checks the last value still wins).
      auto [existing, inserted] = object.emplace(member.key, std::move(member.value));
      if (!inserted) {
        if (!allow_duplicates_) return fail_duplicate(member.key, ec);
        // RFC 7159 §4 leaves duplicates to the implementation; like JSON.parse, the last
        // value wins and the first position is kept.
        existing->value() = std::move(member.value);
      }
    }
    return close_container(first, boost::json::value(std::move(object)));
  }

  bool on_array_end(std::size_t n, error_code&) {
    boost::json::array array(storage_);
    array.reserve(n);
    const std::size_t first = pending_.size() - n;
    for (std::size_t i = first; i < pending_.size(); ++i) {
      array.emplace_back(std::move(pending_[i].value));
    }
    return close_container(first, boost::json::value(std::move(array)));
  }

  bool on_key_part(boost::json::string_view part, std::size_t, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view last, std::size_t, error_code&) {
    key_ = stable_key(std::string_view(last.data(), last.size()));
    return true;
  }

  bool on_string_part(boost::json::string_view part, std::size_t, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_string(boost::json::string_view last, std::size_t, error_code&) {
    if (text_.empty()) {
      return push(boost::json::value(boost::json::string_view(last), storage_));
    }
    text_.append(last.data(), last.size());
    const bool ok = push(boost::json::value(boost::json::string_view(text_), storage_));
    text_.clear();
    return ok;
  }

  bool on_number_part(boost::json::string_view part, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_int64(std::int64_t i, boost::json::string_view, error_code&) {
    text_.clear();
    return push(boost::json::value(i, storage_));
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, error_code&) {
    text_.clear();
    return push(boost::json::value(u, storage_));
  }
  bool on_double(double approximate, boost::json::string_view last, error_code& ec) {
    std::string_view number(last.data(), last.size());
    if (!text_.empty()) {
      text_.append(last.data(), last.size());
      number = text_;
    }
    const std::optional<double> d = exact_double(approximate, number);
    text_.clear();
    if (!d) return fail(number_out_of_range(), ec);
    return push(boost::json::value(*d, storage_));
  }
  bool on_bool(bool b, error_code&) { return push(boost::json::value(b, storage_)); }
  bool on_null(error_code&) { return push(boost::json::value(nullptr, storage_)); }

  // Comments are disabled in the parse options; these are never called.
  bool on_comment_part(boost::json::string_view, error_code&) { return true; }
  bool on_comment(boost::json::string_view, error_code&) { return true; }

 private:
  bool push(boost::json::value&& value) {
    pending_.push_back(Pending{key_, std::move(value)});
    key_ = {};
    return true;
  }

  bool open_container() {
    // The container's own key waits until the container is complete.
    container_keys_.push_back(key_);
    key_ = {};
    return true;
  }

  bool close_container(std::size_t first, boost::json::value&& container) {
    pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(first), pending_.end());
    key_ = container_keys_.back();
    container_keys_.pop_back();
    return push(std::move(container));
  }

  // A key that stays valid until the end of the parse. Keys without escapes are slices of
  // the input, which outlives the parse; others come from the parser's scratch buffer and
  // are copied into the temporary arena.
  std::string_view stable_key(std::string_view last) {
    if (text_.empty() && within(input_, last)) return last;
    text_.append(last.data(), last.size());
    char* copy = static_cast<char*>(temp_->allocate(text_.size() + 1, 1));
    std::memcpy(copy, text_.data(), text_.size());
    const std::string_view key(copy, text_.size());
    text_.clear();
    return key;
  }

  bool fail_duplicate(std::string_view name, error_code& ec) {
    return fail(duplicate_member(name), ec);
  }

  bool fail(Error error, error_code& ec) {
    error_ = std::move(error);
    // Any code stops the parser; the recorded Error is what the caller reports.
    ec = boost::json::error::exception;
    return false;
  }

  boost::json::storage_ptr storage_;
  std::pmr::memory_resource* temp_;
  std::string_view input_;
  bool allow_duplicates_;
  std::pmr::vector<Pending> pending_;
  std::pmr::vector<std::string_view> container_keys_;
  std::pmr::string text_;  // pieces of a key or string split by escapes
  std::string_view key_;   // name of the next member
  std::optional<Error> error_;
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
