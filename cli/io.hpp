#pragma once

// Reading inputs (files, stdin, arguments) and writing key files.

#include <jot/error.hpp>
#include <string>
#include <string_view>

namespace jot::cli {

// Inputs larger than this are refused: no legitimate token, key or key set comes close,
// and `jot verify < /dev/zero` must fail, not eat the memory.
inline constexpr std::size_t kMaxInputBytes = 4 * 1024 * 1024;

// The whole content of `path`, or of stdin when `path` is "-". Binary-safe. `what` names
// the input in error messages ("key file", "token" ...). stdin can be consumed only once
// per run: a second "-" is a usage error rather than a silent empty read.
Result<std::string> read_input(const std::string& path, std::string_view what);

// An argument that may be given inline or as "-" (stdin). When `arg` is empty the input
// comes from stdin too, unless stdin is a terminal: then the command would wait for
// typing that the user did not mean to give, so it is a usage error instead.
Result<std::string> read_inline_or_stdin(const std::string& arg, std::string_view what);

// `text` without leading and trailing ASCII whitespace (a token piped from `echo`).
std::string_view trim(std::string_view text) noexcept;

// Creates `path` with `content`. Private files get mode 0600. An existing file is never
// replaced unless `overwrite` is set.
Result<void> write_file(const std::string& path, std::string_view content, bool is_private,
                        bool overwrite);

// Whether something (a file, a link, a directory) already has this name.
bool path_exists(const std::string& path) noexcept;

// Whether stdout is a terminal (for colour; NO_COLOR is honoured by the caller).
bool stdout_is_terminal() noexcept;

}  // namespace jot::cli
