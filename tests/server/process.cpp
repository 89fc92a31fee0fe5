#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace jot::server::test {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (const auto& a : argv) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

int wait_exit(pid_t pid, Clock::time_point deadline) {
  int status = 0;
  while (true) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    if (Clock::now() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::string& input,
                          std::chrono::seconds timeout) {
  int in[2];
  int out[2];
  int err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe");
  auto args = c_argv(argv);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  // Small inputs fit the pipe buffer; write, then close so the child sees EOF.
  if (!input.empty() && write(in[1], input.data(), input.size()) < 0) { /* child gone */
  }
  close(in[1]);

  CommandResult result;
  const auto deadline = Clock::now() + timeout;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0 && Clock::now() < deadline) {
    if (poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  result.exit_code = wait_exit(pid, deadline + std::chrono::seconds(1));
  return result;
}

ServerProcess::ServerProcess(std::vector<std::string> argv, std::string log_path,
                             const std::map<std::string, std::string>& env)
    : log_path_(std::move(log_path)) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  auto args = c_argv(argv);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork");
  if (pid_ == 0) {
    const int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(out[1], 1);
    if (log >= 0) dup2(log, 2);
    close(out[0]);
    close(out[1]);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  stdout_fd_ = out[0];
  // Wait (at most 30 s: the machine may be busy) for the listening line.
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  char buf[4096];
  while (Clock::now() < deadline) {
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) break;
    banner_.append(buf, static_cast<std::size_t>(n));
    const auto at = banner_.find("listening on http");  // http:// or https://
    const auto eol = at == std::string::npos ? at : banner_.find('\n', at);
    if (eol != std::string::npos) {
      url_ = banner_.substr(at + std::strlen("listening on "),
                            eol - at - std::strlen("listening on "));
      break;
    }
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate(std::chrono::seconds(5));
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::string ServerProcess::host() const {
  const auto start = url_.find("://") + 3;
  return url_.substr(start, url_.rfind(':') - start);
}

int ServerProcess::port() const {
  return std::atoi(url_.substr(url_.rfind(':') + 1).c_str());
}

std::string ServerProcess::log() const {
  return read_text_file(log_path_);
}

void ServerProcess::send_signal(int sig) const {
  if (pid_ > 0) kill(pid_, sig);
}

int ServerProcess::terminate(std::chrono::seconds grace) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int code = wait_exit(pid_, Clock::now() + grace);
  pid_ = -1;
  return code;
}

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "jot-server-test-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::write(const std::string& name, const std::string& content) const {
  std::ofstream f(file(name), std::ios::binary);
  f << content;
}

std::string read_text_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace jot::server::test
