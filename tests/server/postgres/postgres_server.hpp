#pragma once

// A real PostgreSQL server for the tests, started by the tests themselves: `initdb` into a
// temporary directory, `pg_ctl start` on a free loopback port, stopped and removed at the
// end. PostgreSQL refuses to run as root, so when the tests run as root (CI) its commands run
// as the unprivileged `postgres` user (runuser), which then owns the directory.

#include <string>
#include <vector>

namespace jot::server::test {

class PostgresServer {
 public:
  // initdb and start; check ok() (and error()).
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  bool ok() const noexcept { return error_.empty(); }
  const std::string& error() const noexcept { return error_; }
  int port() const noexcept { return port_; }
  static constexpr const char* kUser = "jot";
  static constexpr const char* kPassword = "pg-test-password";

  // postgresql://jot@127.0.0.1:PORT/<db>, without the password / with it.
  std::string uri(const std::string& db) const;
  std::string uri_with_password(const std::string& db) const;
  // Creates a fresh database; returns its name.
  std::string create_database();
  // Runs SQL on `db` as the superuser; returns the first value of the first row (or the
  // error message, prefixed "ERROR: ").
  std::string query(const std::string& db, const std::string& sql) const;

  // Stops (fast shutdown: connections are cut) / starts again on the same port.
  bool stop();
  bool start();

 private:
  std::string run_as_postgres(const std::vector<std::string>& argv) const;
  std::string bin_;  // the directory of initdb, pg_ctl
  std::string dir_;  // owned by the postgres user when running as root
  int port_ = 0;
  int databases_ = 0;
  bool running_ = false;
  std::string error_;
};

}  // namespace jot::server::test
