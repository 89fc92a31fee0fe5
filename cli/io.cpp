#include "io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace jot::cli {

namespace {

bool g_stdin_consumed = false;

std::string errno_text(int err) {
  return std::strerror(err);
}

Result<std::string> read_stream(std::FILE* file, std::string_view what, const std::string& name) {
  std::string content;
  char buf[16384];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, file);
    content.append(buf, n);
    if (content.size() > kMaxInputBytes) {
      return Error(Errc::kLimitExceeded, std::string(what) + " " + name + " is larger than " +
                                             std::to_string(kMaxInputBytes) + " bytes");
    }
    if (n < sizeof buf) break;
  }
  if (std::ferror(file) != 0) {
    return Error(Errc::kInvalidOption,
                 "cannot read " + std::string(what) + " " + name + ": " + errno_text(errno));
  }
  return content;
}

}  // namespace

Result<std::string> read_input(const std::string& path, std::string_view what) {
  if (path == "-") {
    if (g_stdin_consumed) {
      return Error(Errc::kInvalidOption,
                   "stdin was already read; only one input can be given as '-'");
    }
    g_stdin_consumed = true;
    return read_stream(stdin, what, "from stdin");
  }
  if (path.empty()) return Error(Errc::kInvalidOption, std::string(what) + ": empty file name");
  struct Closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return Error(Errc::kInvalidOption,
                 "cannot open " + std::string(what) + " '" + path + "': " + errno_text(errno));
  }
  return read_stream(file.get(), what, "'" + path + "'");
}

Result<std::string> read_inline_or_stdin(const std::string& arg, std::string_view what) {
  if (!arg.empty() && arg != "-") return arg;
  if (arg.empty() && isatty(STDIN_FILENO) == 1) {
    return Error(Errc::kInvalidOption, "no " + std::string(what) +
                                           " given (pass it as an argument, or '-' to read stdin)");
  }
  return read_input("-", what);
}

std::string_view trim(std::string_view text) noexcept {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

Result<void> write_file(const std::string& path, std::string_view content, bool is_private,
                        bool overwrite) {
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL);
  const mode_t mode = is_private ? 0600 : 0644;
  const int fd = ::open(path.c_str(), flags, mode);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) {
      return Error(Errc::kInvalidOption,
                   "'" + path + "' already exists (use --force to overwrite it)");
    }
    return Error(Errc::kInvalidOption, "cannot create '" + path + "': " + errno_text(err));
  }
  // An overwritten private file keeps its old mode; make sure a key never stays readable.
  if (is_private && ::fchmod(fd, 0600) != 0) {
    const int err = errno;
    ::close(fd);
    return Error(Errc::kInvalidOption, "cannot restrict '" + path + "': " + errno_text(err));
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Error(Errc::kInvalidOption, "cannot write '" + path + "': " + errno_text(err));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    return Error(Errc::kInvalidOption, "cannot write '" + path + "': " + errno_text(errno));
  }
  return {};
}

bool path_exists(const std::string& path) noexcept {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

bool stdout_is_terminal() noexcept {
  return isatty(STDOUT_FILENO) == 1;
}

}  // namespace jot::cli
