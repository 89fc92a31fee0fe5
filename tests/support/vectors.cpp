#include "support/vectors.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#ifndef JOT_SHARED_DIR
#error "JOT_SHARED_DIR must be defined by the test build (tests/CMakeLists.txt)"
#endif

namespace jot_test {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test file: " + path);
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read test file: " + path);
  return std::move(content).str();
}

std::string shared_path(std::string_view relative) {
  std::string path = JOT_SHARED_DIR;
  if (!relative.empty() && relative.front() != '/') path += '/';
  path += relative;
  return path;
}

boost::json::value load_json(std::string_view relative) {
  const std::string path = shared_path(relative);
  const std::string text = read_file(path);
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 1024;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) throw std::runtime_error("invalid JSON in " + path + ": " + ec.message());
  return value;
}

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0) throw std::runtime_error("odd-length hex: " + std::string(hex));
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]);
    const int lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) throw std::runtime_error("invalid hex: " + std::string(hex));
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

}  // namespace jot_test
