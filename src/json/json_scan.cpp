// scan_json_object: strict validation of an object text plus its registered claims, with
// no document. Every rule that refuses a text is StrictHandlerBase's (json_strict_handler.hpp),
// the same base as the document parser's: both refuse the same texts with the same first
// error by construction. This handler only keeps the registered claims.
//
// The fast path (json_flat_scan.cpp) comes first and reads the texts issuers send in one
// pass; this pass over Boost's lexer runs for everything the fast path declines, and is
// what words every error.

#include "json/json_scan.hpp"

#include <boost/json/basic_parser_impl.hpp>  // basic_parser's template definitions
#include <cstring>
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

class ScanHandler : public StrictHandlerBase<ScanHandler> {
 public:
  ScanHandler(std::pmr::memory_resource* temp, std::string_view input, bool allow_duplicates,
              ObjectScan& out)
      : StrictHandlerBase(temp, input, allow_duplicates),
        input_(input),
        out_(out),
        aud_items_(&out.storage()) {}

  bool root_is_object() const noexcept { return root_is_object_; }

  // The hooks of StrictHandlerBase. depth() is 0 for the root container's own begin and
  // end, 1 for the root's members.
  void object_begin() { begin_container(false); }
  void array_begin() { begin_container(true); }
  void object_end(std::size_t) {}
  void array_end(std::size_t) {
    if (collecting_aud_ && depth() == 1) {
      collecting_aud_ = false;
      ScannedValue& aud = out_.claims[static_cast<std::size_t>(Claim::kAud)];
      aud = ScannedValue{};
      if (aud_bad_) {
        aud.kind = ScannedValue::Kind::kOther;
      } else {
        aud.kind = ScannedValue::Kind::kStringArray;
        aud.items = std::span<const std::string_view>(aud_items_.data(), aud_items_.size());
      }
    }
  }

  void key(std::string_view name) {
    if (depth() != 1) return;
    ++out_.members;
    claim_ = claim_index(name);
  }

  void string(std::string_view text) {
    if (claim_ != kNotAClaim && depth() == 1) {
      ScannedValue value;
      value.kind = ScannedValue::Kind::kString;
      value.text = stable(text);
      scalar(value);
    } else if (collecting_aud_ && depth() == 2) {
      aud_items_.push_back(stable(text));
    } else {
      scalar(ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}});
    }
  }
  void int64(std::int64_t i) { number(static_cast<double>(i)); }
  void uint64(std::uint64_t u) { number(static_cast<double>(u)); }
  void real(double d) { number(d); }
  void boolean(bool) { scalar(ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}}); }
  void null() { scalar(ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}}); }

 private:
  void number(double d) { scalar(ScannedValue{ScannedValue::Kind::kNumber, d, {}, {}}); }

  // A scalar value: a top-level claim's value, an element of an aud array, or neither.
  void scalar(const ScannedValue& value) {
    if (depth() == 0) return;  // a scalar root: not an object, refused after the parse
    if (depth() == 1) {
      if (claim_ != kNotAClaim) out_.claims[claim_] = value;
      claim_ = kNotAClaim;
    } else if (collecting_aud_ && depth() == 2) {
      aud_bad_ = true;  // a non-string element (strings are handled in string())
    }
  }

  void begin_container(bool array) {
    if (depth() == 0) {
      root_is_object_ = !array;
      return;
    }
    if (depth() == 1) {
      if (claim_ == static_cast<std::uint8_t>(Claim::kAud) && array) {
        collecting_aud_ = true;
        aud_bad_ = false;
        aud_items_.clear();
      } else if (claim_ != kNotAClaim) {
        out_.claims[claim_] = ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}};
      }
      claim_ = kNotAClaim;
    } else if (collecting_aud_ && depth() == 2) {
      aud_bad_ = true;  // an array or object inside aud
    }
  }

  // A claim's text that stays valid after the parse: a slice of the input, or a copy in
  // the scan's storage (the parser's buffer is reused, and joined pieces are temporary).
  std::string_view stable(std::string_view text) {
    if (within(input_, text)) return text;
    char* copy = static_cast<char*>(out_.storage().allocate(text.size() + 1, 1));
    std::memcpy(copy, text.data(), text.size());
    return std::string_view(copy, text.size());
  }

  std::string_view input_;
  ObjectScan& out_;
  std::pmr::vector<std::string_view> aud_items_;
  std::uint8_t claim_ = kNotAClaim;  // the claim whose value comes next
  bool collecting_aud_ = false;
  bool aud_bad_ = false;
  bool root_is_object_ = false;
};

}  // namespace

Result<void> scan_json_object(std::string_view text, const JsonLimits& limits, ObjectScan& out) {
  if (scan_flat_object(text, limits, out)) return {};
  return scan_json_object_with_boost(text, limits, out);
}

Result<void> scan_json_object_with_boost(std::string_view text, const JsonLimits& limits,
                                         ObjectScan& out) {
  if (text.size() > limits.max_bytes) {
    return Error(Errc::kLimitExceeded,
                 "JSON text larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  const std::size_t max_depth = std::min(limits.max_depth, kMaxJsonDepth);
  if (text.data() == nullptr) text = std::string_view("", 0);

  try {
    // Working memory for the handler (names of open objects, escaped pieces): enough for
    // the claim sets of real issuers, past it the heap in a few geometric steps.
    alignas(std::max_align_t) unsigned char scratch[4096];
    std::pmr::monotonic_buffer_resource temp(scratch, sizeof scratch,
                                             std::pmr::new_delete_resource());
    boost::json::parse_options options;
    options.max_depth = max_depth;  // comments, trailing commas, bad UTF-8: off by default
    boost::json::basic_parser<ScanHandler> parser(options, &temp, text,
                                                  limits.allow_duplicate_members, out);
    error_code ec;
    const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
    if (const auto& refused = parser.handler().error()) return *refused;
    if (ec) return json_parse_error(ec, consumed, max_depth);
    if (consumed != text.size()) {
      return json_parse_error(boost::json::error::extra_data, consumed, max_depth);
    }
    if (!parser.handler().root_is_object()) {
      return Error(Errc::kMalformed, "JSON text is not an object");
    }
    return {};
  } catch (const std::bad_alloc&) {
    return Error(Errc::kLimitExceeded, "out of memory while parsing JSON");
  } catch (const std::length_error&) {
    return Error(Errc::kLimitExceeded, "JSON value too large");
  }
}

}  // namespace jot::detail
