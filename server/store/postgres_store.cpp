#include "store/postgres_store.hpp"

#include <poll.h>

#include <cmath>
#include <thread>

namespace jot::server {

namespace {

// Advisory lock keys (one 64-bit space per database, shared with other applications: these
// spell "jot" and a purpose).
constexpr const char* kMigrationLock = "7630580101";
constexpr std::chrono::milliseconds kFeedDeadline{5000};
constexpr std::chrono::milliseconds kBackoffMin{100};
constexpr std::chrono::milliseconds kBackoffMax{5000};

// Migration N takes the schema from version N-1 to N; each runs in one transaction.
constexpr const char* kMigrations[] = {
    // 1: users, revocations (a change feed: seq drawn under a lock so rows commit in seq
    // order; every insert notifies the other instances), login budgets.
    R"sql(
CREATE TABLE users (
  name text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at bigint NOT NULL);
CREATE SEQUENCE revocations_seq;
CREATE TABLE revocations (
  seq bigint PRIMARY KEY,
  jti text NOT NULL UNIQUE,
  exp bigint NOT NULL,
  subject text NOT NULL DEFAULT '',
  client text NOT NULL DEFAULT '');
CREATE INDEX revocations_exp ON revocations (exp);
CREATE FUNCTION jot_revocations_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7630580102);
  NEW.seq := nextval('revocations_seq');
  RETURN NEW;
END $$;
CREATE TRIGGER revocations_order BEFORE INSERT ON revocations
  FOR EACH ROW EXECUTE FUNCTION jot_revocations_order();
CREATE FUNCTION jot_revocations_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jot_revocations', '');
  RETURN NULL;
END $$;
CREATE TRIGGER revocations_notify AFTER INSERT ON revocations
  FOR EACH STATEMENT EXECUTE FUNCTION jot_revocations_notify();
CREATE TABLE login_budgets (
  client text PRIMARY KEY,
  tokens double precision NOT NULL,
  updated_ms bigint NOT NULL,
  allowed boolean NOT NULL);
)sql",
};
static_assert(std::size(kMigrations) == PostgresStore::kSchemaVersion);

// Prepared on every pooled connection.
const std::vector<pg::Prepared> kRequestStatements = {
    {"ping", "SELECT 1"},
    {"find_user", "SELECT password_hash FROM users WHERE name = $1"},
    {"add_user",
     "INSERT INTO users (name, password_hash, created_at) "
     "VALUES ($1, $2, extract(epoch FROM now())::bigint)"},
    {"delete_user", "DELETE FROM users WHERE name = $1"},
    {"list_users", "SELECT name FROM users ORDER BY name"},
    {"add_revocation",
     "INSERT INTO revocations (jti, exp, subject, client) VALUES ($1, $2, $3, $4) "
     "ON CONFLICT (jti) DO NOTHING RETURNING seq"},
    // A token bucket: `per_minute` ($2) attempts, refilled evenly over a minute.
    {"take_login",
     "INSERT INTO login_budgets AS b (client, tokens, updated_ms, allowed) "
     "VALUES ($1, $2::float8 - 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, true) "
     "ON CONFLICT (client) DO UPDATE SET "
     " allowed = LEAST($2::float8, b.tokens + (EXCLUDED.updated_ms - b.updated_ms)"
     "   * $2::float8 / 60000.0) >= 1,"
     " tokens = LEAST($2::float8, b.tokens + (EXCLUDED.updated_ms - b.updated_ms)"
     "   * $2::float8 / 60000.0) - CASE WHEN LEAST($2::float8, b.tokens + (EXCLUDED.updated_ms"
     "   - b.updated_ms) * $2::float8 / 60000.0) >= 1 THEN 1 ELSE 0 END,"
     " updated_ms = EXCLUDED.updated_ms "
     "RETURNING allowed, tokens"},
};

// Prepared on the feed connection.
const std::vector<pg::Prepared> kFeedStatements = {
    {"revocations_after",
     "SELECT seq, jti, exp, subject, client FROM revocations "
     "WHERE seq > $1 AND exp > $2 ORDER BY seq LIMIT $3"},
    {"prune_revocations", "DELETE FROM revocations WHERE exp <= $1"},
    // A bucket untouched for a minute is full again: the same as no row.
    {"prune_budgets",
     "DELETE FROM login_budgets "
     "WHERE updated_ms < (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 60000"},
};

std::string describe(PGconn* c) {
  return std::string("postgresql://") + PQuser(c) + "@" + PQhost(c) + ":" + PQport(c) + "/" +
         PQdb(c);
}

// Runs `sql` (several statements allowed) synchronously: migrations only.
Result<void> exec(PGconn* c, const std::string& sql) {
  pg::ResultPtr r(PQexec(c, sql.c_str()));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string message = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(c);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Error(Errc::kInternal, "PostgreSQL: migrate: " + message);
  }
  return {};
}

}  // namespace

bool is_postgres_uri(std::string_view target) noexcept {
  return pg::is_uri(target);
}

PostgresStore::PostgresStore(const std::string& uri, const StoreOptions& options)
    : options_(options),
      pool_(pg::ConnectSettings{uri, options.password, options.request_deadline},
            kRequestStatements, std::max(1u, options.pool_size)) {}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& uri,
                                                           const StoreOptions& options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(uri, options));
  // One connection first, unprepared: the tables may not exist before migrate().
  auto probe = pg::connect(store->pool_.settings(), {});
  if (!probe) return probe.error();
  store->description_ = describe(probe->get());
  return store;
}

Error PostgresStore::count(Error e) const {
  errors_.fetch_add(1, std::memory_order_relaxed);
  return e;
}

Result<std::pair<int, int>> PostgresStore::migrate() {
  pg::ConnectSettings settings = pool_.settings();
  settings.statement_timeout = std::chrono::milliseconds(0);
  auto conn = pg::connect(settings, {});
  if (!conn) return conn.error();
  PGconn* c = conn->get();
  // Held until this connection closes (on every path): other instances wait here.
  if (auto locked = exec(c, std::string("SELECT pg_advisory_lock(") + kMigrationLock + ")");
      !locked) {
    return locked.error();
  }
  if (auto made =
          exec(c,
               "CREATE TABLE IF NOT EXISTS jot_schema (version integer NOT NULL);"
               "INSERT INTO jot_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM jot_schema)");
      !made) {
    return made.error();
  }
  pg::ResultPtr r(PQexec(c, "SELECT version FROM jot_schema"));
  if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) {
    return Error(Errc::kInternal, "PostgreSQL: migrate: cannot read the schema version");
  }
  const int before = static_cast<int>(pg::integer(r.get(), 0, 0));
  if (before > kSchemaVersion) {
    return Error(Errc::kUnsupported, description_ + " has schema version " +
                                         std::to_string(before) + ", newer than this jot's (" +
                                         std::to_string(kSchemaVersion) + "): upgrade jot");
  }
  for (int v = before; v < kSchemaVersion; ++v) {
    const std::string sql = std::string("BEGIN;") + kMigrations[v] +
                            "UPDATE jot_schema SET version = " + std::to_string(v + 1) + ";COMMIT;";
    if (auto applied = exec(c, sql); !applied) {
      (void)exec(c, "ROLLBACK");
      return Error(Errc::kInternal, "migration " + std::to_string(v + 1) + ": " +
                                        std::string(applied.error().message()));
    }
  }
  (void)exec(c, std::string("SELECT pg_advisory_unlock(") + kMigrationLock + ")");
  // Now that the tables exist: the pool's prepared statements can be made.
  if (auto opened = pool_.open(); !opened) return opened.error();
  {
    std::lock_guard lock(feed_mutex_);
    if (auto feed = open_feed_locked(); !feed) return feed.error();
  }
  return std::pair<int, int>(before, kSchemaVersion);
}

Result<pg::ResultPtr> PostgresStore::request(const char* name,
                                             const std::vector<std::string>& params) {
  auto out = pool_.run(name, params, deadline());
  if (out.failure) return count(std::move(out.failure->error));
  return std::move(out.result);
}

Result<void> PostgresStore::open_feed_locked() {
  if (pg::Clock::now() < feed_next_attempt_) {
    return Error(Errc::kInternal, "PostgreSQL: feed connection down (reconnecting)");
  }
  pg::ConnectSettings settings = pool_.settings();
  settings.statement_timeout = kFeedDeadline;
  auto conn = pg::connect(settings, kFeedStatements);
  if (conn) {
    pg::ResultPtr r(PQexec(conn->get(), "LISTEN jot_revocations"));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      conn = Error(Errc::kInternal, "PostgreSQL: LISTEN failed");
    }
  }
  if (!conn) {
    feed_next_attempt_ = pg::Clock::now() + feed_backoff_;
    feed_backoff_ = std::min(feed_backoff_ * 2, kBackoffMax);
    return count(conn.error());
  }
  feed_ = std::move(*conn);
  feed_backoff_ = kBackoffMin;
  return {};
}

Result<pg::ResultPtr> PostgresStore::feed(const char* name,
                                          const std::vector<std::string>& params) {
  std::lock_guard lock(feed_mutex_);
  if (!feed_) {
    if (auto opened = open_feed_locked(); !opened) return opened.error();
  }
  auto out = pg::run(feed_.get(), name, nullptr, params, pg::Clock::now() + kFeedDeadline);
  if (out.failure) {
    if (out.failure->connection_lost) feed_.reset();
    return count(std::move(out.failure->error));
  }
  return std::move(out.result);
}

Result<void> PostgresStore::ping() {
  auto r = request("ping", {});
  if (!r) return r.error();
  return {};
}

StoreCounters PostgresStore::counters() const {
  StoreCounters c;
  c.errors = errors_.load(std::memory_order_relaxed);
  pool_.count_into(c);
  return c;
}

Result<std::optional<std::string>> PostgresStore::find_password_hash(std::string_view username) {
  auto r = request("find_user", {std::string(username)});
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::optional<std::string>();
  return std::optional<std::string>(pg::text(r->get(), 0, 0));
}

Result<void> PostgresStore::add_user(std::string_view username, std::string_view password_hash) {
  auto out = pool_.run("add_user", {std::string(username), std::string(password_hash)}, deadline());
  if (out.failure) {
    if (out.failure->sqlstate == "23505") {  // unique_violation
      return Error(Errc::kInvalidOption, "user '" + std::string(username) + "' already exists");
    }
    return count(std::move(out.failure->error));
  }
  return {};
}

Result<bool> PostgresStore::delete_user(std::string_view username) {
  auto r = request("delete_user", {std::string(username)});
  if (!r) return r.error();
  return std::string_view(PQcmdTuples(r->get())) != "0";
}

Result<std::vector<std::string>> PostgresStore::list_users() {
  auto r = request("list_users", {});
  if (!r) return r.error();
  std::vector<std::string> names;
  for (int i = 0; i < PQntuples(r->get()); ++i) names.push_back(pg::text(r->get(), i, 0));
  return names;
}

Result<std::optional<std::int64_t>> PostgresStore::add_revocation(const Revocation& rev) {
  auto r = request("add_revocation", {rev.jti, std::to_string(rev.exp), rev.subject, rev.client});
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(pg::integer(r->get(), 0, 0));
}

Result<std::vector<Revocation>> PostgresStore::revocations_after(std::int64_t after,
                                                                 std::int64_t now,
                                                                 std::size_t limit) {
  auto r = feed("revocations_after",
                {std::to_string(after), std::to_string(now), std::to_string(limit)});
  if (!r) return r.error();
  std::vector<Revocation> rows;
  const int n = PQntuples(r->get());
  rows.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    rows.push_back(Revocation{pg::integer(r->get(), i, 0), pg::text(r->get(), i, 1),
                              pg::integer(r->get(), i, 2), pg::text(r->get(), i, 3),
                              pg::text(r->get(), i, 4)});
  }
  return rows;
}

Result<Change> PostgresStore::wait_for_change(std::chrono::milliseconds timeout) {
  std::unique_lock lock(feed_mutex_);
  if (!feed_) {
    if (pg::Clock::now() < feed_next_attempt_) {
      lock.unlock();
      std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(100)));
      return Error(Errc::kInternal, "PostgreSQL: feed connection down (reconnecting)");
    }
    if (auto opened = open_feed_locked(); !opened) return opened.error();
    return Change::kMaybe;  // notifications were lost while disconnected: read what is new
  }
  auto drain = [this] {
    bool any = false;
    while (PGnotify* n = PQnotifies(feed_.get())) {
      any = true;
      PQfreemem(n);
    }
    return any;
  };
  if (drain()) return Change::kMaybe;  // arrived during the last statement
  pollfd p{PQsocket(feed_.get()), POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready > 0 && PQconsumeInput(feed_.get()) != 1) {
    feed_.reset();
    return count(Error(Errc::kInternal, "PostgreSQL: feed connection lost"));
  }
  return drain() ? Change::kMaybe : Change::kNone;
}

Result<void> PostgresStore::prune(std::int64_t now) {
  if (auto r = feed("prune_revocations", {std::to_string(now)}); !r) return r.error();
  if (auto r = feed("prune_budgets", {}); !r) return r.error();
  return {};
}

void PostgresStore::maintain() {
  pool_.maintain();
}

Result<std::optional<std::chrono::seconds>> PostgresStore::take_login_attempt(
    std::string_view client, unsigned per_minute) {
  auto r = request("take_login", {std::string(client), std::to_string(per_minute)});
  if (!r) return r.error();
  if (PQntuples(r->get()) != 1) return count(Error(Errc::kInternal, "PostgreSQL: take_login"));
  if (pg::text(r->get(), 0, 0) == "t") return std::optional<std::chrono::seconds>();
  const double tokens = std::strtod(pg::text(r->get(), 0, 1).c_str(), nullptr);
  const double wait = std::ceil((1.0 - tokens) * 60.0 / static_cast<double>(per_minute));
  return std::optional<std::chrono::seconds>(
      std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(wait))));
}

}  // namespace jot::server
