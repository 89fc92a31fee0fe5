#include "json_print.hpp"

#include <cstdio>

namespace jot::cli {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kName = "\x1b[1;34m";   // bold blue
constexpr std::string_view kString = "\x1b[32m";   // green
constexpr std::string_view kNumber = "\x1b[36m";   // cyan
constexpr std::string_view kLiteral = "\x1b[35m";  // magenta: true, false, null

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Index one past the string literal that starts at `begin` (a quote).
std::size_t end_of_string(std::string_view json, std::size_t begin) {
  std::size_t i = begin + 1;
  while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
  return i < json.size() ? i + 1 : json.size();
}

std::size_t next_non_space(std::string_view json, std::size_t i) {
  while (i < json.size() && is_space(json[i])) ++i;
  return i;
}

class Printer {
 public:
  explicit Printer(bool colour) : colour_(colour) {}

  void painted(std::string_view colour, std::string_view text) {
    if (colour_) out_ += colour;
    out_ += text;
    if (colour_) out_ += kReset;
  }
  void newline(int depth) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
  }
  std::string& out() { return out_; }

 private:
  bool colour_;
  std::string out_;
};

}  // namespace

std::string pretty_json(std::string_view json, bool colour) {
  Printer p(colour);
  int depth = 0;
  std::size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '"') {
      const std::size_t end = end_of_string(json, i);
      const std::size_t after = next_non_space(json, end);
      const bool is_name = after < json.size() && json[after] == ':';
      p.painted(is_name ? kName : kString, json.substr(i, end - i));
      i = end;
    } else if (c == '{' || c == '[') {
      const std::size_t after = next_non_space(json, i + 1);
      const char close = c == '{' ? '}' : ']';
      if (after < json.size() && json[after] == close) {  // {} and [] stay on one line
        p.out() += c;
        p.out() += close;
        i = after + 1;
      } else {
        p.out() += c;
        p.newline(++depth);
        ++i;
      }
    } else if (c == '}' || c == ']') {
      depth = depth > 0 ? depth - 1 : 0;  // never negative, even on bad input
      p.newline(depth);
      p.out() += c;
      ++i;
    } else if (c == ',') {
      p.out() += ',';
      p.newline(depth);
      ++i;
    } else if (c == ':') {
      p.out() += ": ";
      ++i;
    } else {
      std::size_t end = i;
      while (end < json.size() && !is_space(json[end]) && json[end] != ',' && json[end] != '}' &&
             json[end] != ']') {
        ++end;
      }
      const bool literal = c == 't' || c == 'f' || c == 'n';
      p.painted(literal ? kLiteral : kNumber, json.substr(i, end - i));
      i = end;
    }
  }
  return std::move(p.out());
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace jot::cli
