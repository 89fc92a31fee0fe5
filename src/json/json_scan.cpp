// scan_json_object: strict validation of an object text plus its registered claims, with
// no document. The handler mirrors StrictHandler (json_parse.cpp) event for event, so that
// both refuse the same texts with the same first error:
//  * lexing, UTF-8, depth and syntax are Boost's, with the same parse options;
//  * numbers go through the same exact_double;
//  * a duplicate name is reported when its object ends (where StrictHandler finds it), the
//    first repeated name of that object, so an earlier error elsewhere still wins.
// Names are compared by a linear scan over the open object's names: cheapest for claim sets.
// An object with more than kLinearNames members would make that quadratic, so the scan
// hands such texts to the DOM parser (which indexes names) and reads the claims from it.

#include "json/json_scan.hpp"

#include <boost/json/basic_parser_impl.hpp>  // basic_parser's template definitions
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "json/json_doc.hpp"
#include "json/json_strict.hpp"

namespace jot::detail {
namespace {

using boost::system::error_code;

constexpr std::size_t kLinearNames = 32;

// A cheap summary of a name (its size and first and last eight bytes): names with different
// tags differ, so the linear duplicate search compares whole names only on a tag match.
std::uint64_t tag_of(std::string_view name) noexcept {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
  if (name.size() >= 8) {
    std::memcpy(&head, name.data(), 8);
    std::memcpy(&tail, name.data() + name.size() - 8, 8);
  } else {
    std::memcpy(&head, name.data(), name.size());
  }
  return head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ name.size();
}

struct Name {
  std::string_view text;
  std::uint64_t tag;
};

class ScanHandler {
 public:
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  ScanHandler(std::pmr::memory_resource* temp, std::string_view input, bool allow_duplicates,
              ObjectScan& out)
      : temp_(temp),
        input_(input),
        allow_duplicates_(allow_duplicates),
        out_(out),
        frames_(temp),
        names_(temp),
        text_(temp),
        aud_items_(&out.storage()) {
    frames_.reserve(16);
    names_.reserve(32);
  }

  const std::optional<Error>& error() const noexcept { return error_; }
  bool too_many_names() const noexcept { return too_many_names_; }
  bool root_is_object() const noexcept { return root_is_object_; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    begin_container(false);
    frames_.push_back(Frame{names_.size(), {}, false});
    return true;
  }
  bool on_array_begin(error_code&) {
    begin_container(true);
    frames_.push_back(Frame{names_.size(), {}, false});
    return true;
  }

  bool on_object_end(std::size_t, error_code& ec) {
    const Frame frame = frames_.back();
    if (frame.has_duplicate) return fail(duplicate_member(frame.duplicate), ec);
    names_.resize(frame.names_begin);
    frames_.pop_back();
    return true;
  }
  bool on_array_end(std::size_t, error_code&) {
    frames_.pop_back();
    if (collecting_aud_ && frames_.size() == 1) {
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
    return true;
  }

  bool on_key_part(boost::json::string_view part, std::size_t, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view last, std::size_t, error_code& ec) {
    const std::size_t depth = frames_.size();
    if (!allow_duplicates_) {
      const std::string_view name = stable(std::string_view(last.data(), last.size()), temp_);
      Frame& frame = frames_.back();
      if (names_.size() - frame.names_begin >= kLinearNames) {
        too_many_names_ = true;
        ec = boost::json::error::exception;
        return false;
      }
      const std::uint64_t tag = tag_of(name);
      if (!frame.has_duplicate) {
        for (std::size_t i = frame.names_begin; i < names_.size(); ++i) {
          if (names_[i].tag == tag && names_[i].text == name) {
            frame.has_duplicate = true;
            frame.duplicate = name;
            break;
          }
        }
      }
      names_.push_back(Name{name, tag});
      if (depth == 1) set_claim(name);
    } else {
      // No name is kept: only a top-level name is looked at, now.
      std::string_view name(last.data(), last.size());
      if (!text_.empty()) {
        text_.append(last.data(), last.size());
        name = text_;
      }
      if (depth == 1) set_claim(name);
      text_.clear();
    }
    return true;
  }

  bool on_string_part(boost::json::string_view part, std::size_t, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_string(boost::json::string_view last, std::size_t, error_code&) {
    const std::string_view piece(last.data(), last.size());
    if (claim_ != kNotAClaim && frames_.size() == 1) {
      ScannedValue value;
      value.kind = ScannedValue::Kind::kString;
      value.text = stable(piece, &out_.storage());
      scalar(value);
    } else if (collecting_aud_ && frames_.size() == 2) {
      aud_items_.push_back(stable(piece, &out_.storage()));
    } else {
      text_.clear();
      scalar(ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}});
    }
    return true;
  }

  bool on_number_part(boost::json::string_view part, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_int64(std::int64_t i, boost::json::string_view, error_code&) {
    text_.clear();
    return number(static_cast<double>(i));
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, error_code&) {
    text_.clear();
    return number(static_cast<double>(u));
  }
  bool on_double(double approximate, boost::json::string_view last, error_code& ec) {
    std::string_view text(last.data(), last.size());
    if (!text_.empty()) {
      text_.append(last.data(), last.size());
      text = text_;
    }
    const std::optional<double> d = exact_double(approximate, text);
    text_.clear();
    if (!d) return fail(number_out_of_range(), ec);
    return number(*d);
  }
  bool on_bool(bool, error_code&) {
    scalar(ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}});
    return true;
  }
  bool on_null(error_code&) {
    scalar(ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}});
    return true;
  }

  // Comments are disabled in the parse options; these are never called.
  bool on_comment_part(boost::json::string_view, error_code&) { return true; }
  bool on_comment(boost::json::string_view, error_code&) { return true; }

 private:
  // An open object or array. Names of open objects stay in names_ until the object ends.
  struct Frame {
    std::size_t names_begin;
    std::string_view duplicate;  // the first repeated name, reported when the object ends
    bool has_duplicate;
  };

  void set_claim(std::string_view name) noexcept {
    ++out_.members;
    claim_ = claim_index(name);
  }

  bool number(double d) {
    scalar(ScannedValue{ScannedValue::Kind::kNumber, d, {}, {}});
    return true;
  }

  // A scalar value: a top-level claim's value, an element of an aud array, or neither.
  void scalar(const ScannedValue& value) {
    if (frames_.empty()) return;  // a scalar root: not an object, refused after the parse
    if (frames_.size() == 1) {
      if (claim_ != kNotAClaim) out_.claims[claim_] = value;
      claim_ = kNotAClaim;
    } else if (collecting_aud_ && frames_.size() == 2) {
      aud_bad_ = true;  // a non-string element (strings are handled in on_string)
    }
  }

  void begin_container(bool array) {
    if (frames_.empty()) {
      root_is_object_ = !array;
      return;
    }
    if (frames_.size() == 1) {
      if (claim_ == static_cast<std::uint8_t>(Claim::kAud) && array) {
        collecting_aud_ = true;
        aud_bad_ = false;
        aud_items_.clear();
      } else if (claim_ != kNotAClaim) {
        out_.claims[claim_] = ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}};
      }
      claim_ = kNotAClaim;
    } else if (collecting_aud_ && frames_.size() == 2) {
      aud_bad_ = true;  // an array or object inside aud
    }
  }

  // A string that stays valid after the parse: a slice of the input when it has no escapes,
  // else a copy (the parser's own buffer is reused) into `memory`.
  std::string_view stable(std::string_view last, std::pmr::memory_resource* memory) {
    if (text_.empty() && within(input_, last)) return last;
    text_.append(last.data(), last.size());
    char* copy = static_cast<char*>(memory->allocate(text_.size() + 1, 1));
    std::memcpy(copy, text_.data(), text_.size());
    const std::string_view result(copy, text_.size());
    text_.clear();
    return result;
  }

  bool fail(Error error, error_code& ec) {
    error_ = std::move(error);
    ec = boost::json::error::exception;
    return false;
  }

  std::pmr::memory_resource* temp_;
  std::string_view input_;
  bool allow_duplicates_;
  ObjectScan& out_;
  std::pmr::vector<Frame> frames_;
  std::pmr::vector<Name> names_;
  std::pmr::string text_;  // pieces of a key, string or number split by escapes
  std::pmr::vector<std::string_view> aud_items_;
  std::uint8_t claim_ = kNotAClaim;  // the claim whose value comes next
  bool collecting_aud_ = false;
  bool aud_bad_ = false;
  bool root_is_object_ = false;
  bool too_many_names_ = false;
  std::optional<Error> error_;
};

// A copy of `text` in `memory`.
std::string_view keep(std::string_view text, std::pmr::memory_resource& memory) {
  char* copy = static_cast<char*>(memory.allocate(text.size() + 1, 1));
  std::memcpy(copy, text.data(), text.size());
  return std::string_view(copy, text.size());
}

// The fallback for objects with many members: a DOM parse (names indexed by hash), then the
// claims copied out of it.
Result<void> scan_with_dom(std::string_view text, const JsonLimits& limits, ObjectScan& out) {
  auto parsed = parse_json_object(text, limits);
  if (!parsed) return std::move(parsed).error();
  out.claims = {};
  out.members = parsed->size();
  for (const auto& member : *parsed) {
    const std::uint8_t claim =
        claim_index(std::string_view(member.key().data(), member.key().size()));
    if (claim == kNotAClaim) continue;
    const boost::json::value& value = member.value();
    ScannedValue& scanned = out.claims[claim];
    scanned = ScannedValue{ScannedValue::Kind::kOther, 0, {}, {}};
    if (const auto number = as_number(value)) {
      scanned.kind = ScannedValue::Kind::kNumber;
      scanned.number = *number;
    } else if (const auto string = as_string(value)) {
      scanned.kind = ScannedValue::Kind::kString;
      scanned.text = keep(*string, out.storage());
    } else if (const auto* array = value.if_array();
               array && claim == static_cast<std::uint8_t>(Claim::kAud)) {
      auto* items = static_cast<std::string_view*>(out.storage().allocate(
          sizeof(std::string_view) * array->size(), alignof(std::string_view)));
      bool all_strings = true;
      for (std::size_t i = 0; i < array->size() && all_strings; ++i) {
        const auto item = as_string((*array)[i]);
        all_strings = item.has_value();
        if (all_strings) new (items + i) std::string_view(keep(*item, out.storage()));
      }
      if (all_strings) {
        scanned.kind = ScannedValue::Kind::kStringArray;
        scanned.items = std::span<const std::string_view>(items, array->size());
      }
    }
  }
  return {};
}

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
    // Working memory for the handler (names of open objects, escaped pieces).
    alignas(std::max_align_t) unsigned char scratch[2048];
    std::pmr::monotonic_buffer_resource temp(scratch, sizeof scratch,
                                             std::pmr::new_delete_resource());
    boost::json::parse_options options;
    options.max_depth = max_depth;  // comments, trailing commas, bad UTF-8: off by default
    boost::json::basic_parser<ScanHandler> parser(options, &temp, text,
                                                  limits.allow_duplicate_members, out);
    error_code ec;
    const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
    if (parser.handler().too_many_names()) return scan_with_dom(text, limits, out);
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
