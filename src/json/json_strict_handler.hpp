#pragma once

// The strict rules of jot's JSON, as one handler of Boost's basic_parser that both readers
// built on Boost's lexer derive from: the document parser (StrictHandler, json_parse.cpp)
// and the validating claim scan (ScanHandler, json_scan.cpp). Every rule that can refuse a
// text lives here, once — pieces split by escapes joined, numbers re-read exactly
// (exact_double), duplicate names found when their object ends — so the two readers refuse
// the same texts with the same first error by construction. A derived handler only receives
// the values, through hooks that cannot refuse anything:
//   object_begin(), object_end(n), array_begin(), array_end(n), key(name), string(text),
//   int64(i), uint64(u), real(d), boolean(b), null()
// A name passed to key() stays valid until the end of the parse; a text passed to string()
// only during the call.

#include <boost/json/basic_parser.hpp>
#include <boost/json/value.hpp>
#include <cstring>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>

#include "json/json_names.hpp"
#include "json/json_strict.hpp"

namespace jot::detail {

template <typename Derived>
class StrictHandlerBase {
 public:
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  using error_code = boost::system::error_code;

  StrictHandlerBase(std::pmr::memory_resource* temp, std::string_view input, bool allow_duplicates)
      : temp_(temp),
        input_(input),
        allow_duplicates_(allow_duplicates),
        names_(temp),
        text_(temp) {}

  // Set when a rule of the handler refused the text (duplicate name, number range).
  const std::optional<Error>& error() const noexcept { return error_; }

  // Open objects and arrays around the current event (1 inside the root container).
  std::size_t depth() const noexcept { return depth_; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    if (!allow_duplicates_) names_.open();
    self().object_begin();
    ++depth_;
    return true;
  }
  bool on_object_end(std::size_t n, error_code& ec) {
    if (!allow_duplicates_) {
      if (const auto duplicate = names_.close()) return fail(duplicate_member(*duplicate), ec);
    }
    --depth_;
    self().object_end(n);
    return true;
  }
  bool on_array_begin(error_code&) {
    self().array_begin();
    ++depth_;
    return true;
  }
  bool on_array_end(std::size_t n, error_code&) {
    --depth_;
    self().array_end(n);
    return true;
  }

  bool on_key_part(boost::json::string_view part, std::size_t, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view last, std::size_t, error_code&) {
    const std::string_view name = stable(std::string_view(last.data(), last.size()));
    if (!allow_duplicates_) names_.add(name);
    self().key(name);
    return true;
  }

  bool on_string_part(boost::json::string_view part, std::size_t, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_string(boost::json::string_view last, std::size_t, error_code&) {
    if (text_.empty()) {
      self().string(std::string_view(last.data(), last.size()));
    } else {
      text_.append(last.data(), last.size());
      self().string(std::string_view(text_));
      text_.clear();
    }
    return true;
  }

  bool on_number_part(boost::json::string_view part, error_code&) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_int64(std::int64_t i, boost::json::string_view, error_code&) {
    text_.clear();
    self().int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, error_code&) {
    text_.clear();
    self().uint64(u);
    return true;
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
    self().real(*d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    self().boolean(b);
    return true;
  }
  bool on_null(error_code&) {
    self().null();
    return true;
  }

  // Comments are disabled in the parse options; these are never called.
  bool on_comment_part(boost::json::string_view, error_code&) { return true; }
  bool on_comment(boost::json::string_view, error_code&) { return true; }

 private:
  Derived& self() noexcept { return static_cast<Derived&>(*this); }

  // A name that stays valid until the end of the parse: a slice of the input when it has
  // no escapes, else a copy (the parser's own buffer is reused) in the temporary memory.
  std::string_view stable(std::string_view last) {
    if (text_.empty() && within(input_, last)) return last;
    text_.append(last.data(), last.size());
    char* copy = static_cast<char*>(temp_->allocate(text_.size() + 1, 1));
    std::memcpy(copy, text_.data(), text_.size());
    const std::string_view result(copy, text_.size());
    text_.clear();
    return result;
  }

  bool fail(Error error, error_code& ec) {
    error_ = std::move(error);
    // Any code stops the parser; the recorded Error is what the caller reports.
    ec = boost::json::error::exception;
    return false;
  }

  std::pmr::memory_resource* temp_;
  std::string_view input_;
  bool allow_duplicates_;
  NameSet names_;
  std::pmr::string text_;  // pieces of a key, string or number split by escapes
  std::size_t depth_ = 0;
  std::optional<Error> error_;
};

}  // namespace jot::detail
