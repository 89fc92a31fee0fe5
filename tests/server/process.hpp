#pragma once

// Child processes for the end-to-end tests: one-shot commands (curl, `jot user add`) and a
// long-running `jot serve` whose "listening on" line is awaited.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace jot::server::test {

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal or not started
  std::string out;
  std::string err;
};

// Runs `argv` with `input` on its stdin; kills it after `timeout`.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = {},
                          std::chrono::seconds timeout = std::chrono::seconds(60));

class ServerProcess {
 public:
  // Starts `argv` (stderr to `log_path`) and waits for "listening on http://…" (or https).
  ServerProcess(std::vector<std::string> argv, std::string log_path,
                const std::map<std::string, std::string>& env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const noexcept { return !url_.empty(); }
  pid_t pid() const noexcept { return pid_; }
  const std::string& url() const noexcept { return url_; }
  std::string host() const;  // "127.0.0.1"
  int port() const;
  // What the server printed before (and including) the listening line.
  const std::string& banner() const noexcept { return banner_; }
  std::string log() const;
  // Sends `sig` and returns at once.
  void send_signal(int sig) const;
  // SIGTERM, then waits; returns the exit code (-1 if it had to be killed).
  int terminate(std::chrono::seconds grace = std::chrono::seconds(15));

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string url_;
  std::string banner_;
  std::string log_path_;
};

// A fresh temporary directory, removed with its contents at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const noexcept { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

std::string read_text_file(const std::string& path);

}  // namespace jot::server::test
