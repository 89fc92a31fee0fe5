#include "postgres_server.hpp"

#include <arpa/inet.h>
#include <glob.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "process.hpp"

namespace jot::server::test {

namespace {

// A port nothing listens on now (the kernel's choice for port 0).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin).
std::string find_bin() {
  glob_t g{};
  std::string found;
  if (::glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0 && g.gl_pathc > 0) {
    found = std::filesystem::path(g.gl_pathv[g.gl_pathc - 1]).parent_path().string();
  }
  ::globfree(&g);
  return found;
}

}  // namespace

std::string PostgresServer::run_as_postgres(const std::vector<std::string>& argv) const {
  std::vector<std::string> full;
  if (::geteuid() == 0) full = {"runuser", "-u", "postgres", "--"};
  full.insert(full.end(), argv.begin(), argv.end());
  const auto r = run_command(full, "", std::chrono::seconds(120));
  return r.exit_code == 0 ? std::string() : "`" + argv[0] + "` failed: " + r.out + r.err;
}

PostgresServer::PostgresServer() {
  bin_ = find_bin();
  if (bin_.empty()) {
    error_ = "no PostgreSQL server installed (scripts/deps.sh test installs it)";
    return;
  }
  char tmpl[] = "/tmp/jot-pg-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    error_ = "mkdtemp failed";
    return;
  }
  dir_ = tmpl;
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr || ::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      error_ = "no `postgres` user to run the server as (the postgresql package makes it)";
      return;
    }
  }
  const std::string pwfile = dir_ + "/pw";
  std::ofstream(pwfile) << kPassword << "\n";
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    (void)::chown(pwfile.c_str(), pw->pw_uid, pw->pw_gid);
  }
  error_ = run_as_postgres({bin_ + "/initdb", "-D", dir_ + "/data", "-U", kUser, "--pwfile", pwfile,
                            "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                            "--no-sync", "--no-instructions"});
  if (!error_.empty()) return;
  port_ = free_port();
  if (!start()) return;
}

PostgresServer::~PostgresServer() {
  if (running_) stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

bool PostgresServer::start() {
  // A postmaster that is still exiting holds the lock file: wait for it to go.
  for (int i = 0; i < 600 && std::filesystem::exists(dir_ + "/data/postmaster.pid"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // fsync off: a test database need not survive a power cut, and it saves seconds.
  const std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " +
                              dir_ + " -c fsync=off -c synchronous_commit=off" +
                              " -c full_page_writes=off -c max_connections=200";
  error_ = run_as_postgres({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/log", "-o",
                            options, "-w", "-t", "90", "start"});
  running_ = error_.empty();
  if (!running_) {
    const std::string log = read_text_file(dir_ + "/log");
    error_ += "\nserver log (end): " + log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  }
  return running_;
}

bool PostgresServer::stop() {
  const std::string e = run_as_postgres(
      {bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "fast", "-w", "-t", "90", "stop"});
  running_ = !e.empty();
  return e.empty();
}

std::string PostgresServer::uri(const std::string& db) const {
  return std::string("postgresql://") + kUser + "@127.0.0.1:" + std::to_string(port_) + "/" + db;
}

std::string PostgresServer::uri_with_password(const std::string& db) const {
  return std::string("postgresql://") + kUser + ":" + kPassword +
         "@127.0.0.1:" + std::to_string(port_) + "/" + db;
}

std::string PostgresServer::query(const std::string& db, const std::string& sql) const {
  PGconn* c = PQconnectdb(uri_with_password(db).c_str());
  std::string out;
  if (PQstatus(c) != CONNECTION_OK) {
    out = std::string("ERROR: ") + PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    const auto status = PQresultStatus(r);
    if (status == PGRES_TUPLES_OK && PQntuples(r) > 0) {
      out = PQgetvalue(r, 0, 0);
    } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      out = std::string("ERROR: ") + PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(c);
  return out;
}

std::string PostgresServer::create_database() {
  const std::string name = "t" + std::to_string(++databases_);
  const std::string made = query("postgres", "CREATE DATABASE " + name);
  if (made.rfind("ERROR", 0) == 0) error_ = made;
  return name;
}

}  // namespace jot::server::test
