#include "cmd/password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace jot::server {

namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;

// One line from `in`, without its line ending.
bool read_line(std::istream& in, std::string& out) {
  if (!std::getline(in, out)) return false;
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

// Turns terminal echo off for its lifetime, and back on even on early return.
class NoEcho {
 public:
  NoEcho() {
    if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  }
  ~NoEcho() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

Result<std::string> prompt(const char* text) {
  std::cerr << text << std::flush;
  std::string password;
  bool ok = false;
  {
    NoEcho no_echo;
    ok = read_line(std::cin, password);
  }
  std::cerr << '\n';
  if (!ok) return Error(Errc::kInvalidOption, "no password given");
  return password;
}

}  // namespace

Result<std::string> read_new_password() {
  std::string password;
  if (isatty(STDIN_FILENO) == 0) {
    if (!read_line(std::cin, password)) {
      return Error(Errc::kInvalidOption, "no password on standard input");
    }
  } else {
    auto first = prompt("Password: ");
    if (!first) return first;
    auto second = prompt("Repeat password: ");
    if (!second) return second;
    if (*first != *second) return Error(Errc::kInvalidOption, "the passwords differ");
    password = std::move(*first);
  }
  if (password.empty()) return Error(Errc::kInvalidOption, "empty password");
  if (password.size() > kMaxPasswordBytes) {
    return Error(Errc::kLimitExceeded, "password longer than 1024 bytes");
  }
  return password;
}

}  // namespace jot::server
