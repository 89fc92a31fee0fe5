#include "cmd/server_commands.hpp"

#include <CLI/CLI.hpp>
#include <memory>

#include "cmd/serve_command.hpp"
#include "cmd/serve_options.hpp"
#include "cmd/store_target.hpp"

namespace jot::server {

namespace {

// Seconds (fractions allowed) → milliseconds, for the timeout flags.
std::chrono::milliseconds to_millis(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

void register_serve(CLI::App& app, int* exit_code) {
  auto* serve = app.add_subcommand(
      "serve", "Run the auth server: POST /login issues tokens, GET /protected checks them");
  auto o = std::make_shared<ServeOptions>();
  auto header_timeout = std::make_shared<double>(10.0);
  auto body_timeout = std::make_shared<double>(10.0);
  auto db_deadline = std::make_shared<double>(0.5);

  serve->add_option("--bind", o->bind, "Address to listen on")
      ->envname("JOT_BIND")
      ->capture_default_str();
  serve->add_option("--port", o->port, "TCP port; 0 picks a free one (printed at start)")
      ->envname("JOT_PORT")
      ->capture_default_str();
  serve
      ->add_option("--db", o->db_path,
                   "User database: a SQLite file (created if missing) or a postgresql:// URI")
      ->envname("JOT_DB")
      ->capture_default_str();
  serve
      ->add_option("--db-password-file", o->db_password_file,
                   "File holding the PostgreSQL password (when the URI and PGPASSWORD have none)")
      ->envname("JOT_DB_PASSWORD_FILE")
      ->check(CLI::ExistingFile);
  serve
      ->add_option("--alg", o->alg,
                   "Signing algorithm (default: the key's own; ES256 for the ephemeral key)")
      ->envname("JOT_ALG");
  auto* secret = serve
                     ->add_option("--secret", o->secret,
                                  "HMAC secret (at least 32 bytes for HS256); prefer "
                                  "--secret-file or JOT_SECRET, argv is visible to other users")
                     ->envname("JOT_SECRET");
  auto* secret_file =
      serve->add_option("--secret-file", o->secret_file, "File holding the HMAC secret")
          ->envname("JOT_SECRET_FILE")
          ->check(CLI::ExistingFile);
  auto* key = serve
                  ->add_option("--key", o->key_files,
                               "Key file (PEM, DER or JWK), repeatable, oldest first: the "
                               "last signs, all verify (rotation by kid)")
                  ->envname("JOT_KEYS")
                  ->delimiter(',')
                  ->check(CLI::ExistingFile);
  secret->excludes(secret_file)->excludes(key);
  secret_file->excludes(key);
  serve->add_option("--ttl", o->ttl, "Token lifetime: seconds or a timespan (15m, 1h, 7d)")
      ->envname("JOT_TTL")
      ->capture_default_str();
  serve->add_option("--iss", o->issuer, "Issuer: set in tokens and required on verify")
      ->envname("JOT_ISS");
  serve->add_option("--aud", o->audience, "Audience: set in tokens and required on verify")
      ->envname("JOT_AUD");
  serve
      ->add_option("--login-rate", o->login_per_minute,
                   "Login attempts per client address and minute, also the burst (0: no limit)")
      ->envname("JOT_LOGIN_RATE")
      ->capture_default_str();
  auto* tls_cert =
      serve
          ->add_option("--tls-cert", o->tls_cert_file,
                       "Serve HTTPS with this PEM certificate (the chain after the leaf)")
          ->envname("JOT_TLS_CERT")
          ->check(CLI::ExistingFile);
  auto* tls_key = serve->add_option("--tls-key", o->tls_key_file, "PEM private key of --tls-cert")
                      ->envname("JOT_TLS_KEY")
                      ->check(CLI::ExistingFile);
  tls_cert->needs(tls_key);
  tls_key->needs(tls_cert);
  serve
      ->add_option("--metrics-bind", o->metrics_bind,
                   "Serve GET /metrics on this ADDR:PORT only (plain HTTP), not on --port")
      ->envname("JOT_METRICS_BIND");
  serve->add_flag("!--no-metrics", o->metrics, "Count nothing and serve no /metrics");
  serve
      ->add_option("--log-format", o->log_format,
                   "Access log: one text line or one JSON object per request")
      ->envname("JOT_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve
      ->add_option("--trusted-proxy", o->trusted_proxies,
                   "CIDR (repeatable) of reverse proxies whose X-Forwarded-For names the client")
      ->envname("JOT_TRUSTED_PROXIES")
      ->delimiter(',');
  serve
      ->add_option("--cors-origin", o->cors_origins,
                   "Origin (repeatable, exact: https://app.example.com) browsers may call from")
      ->envname("JOT_CORS_ORIGINS")
      ->delimiter(',');
  serve
      ->add_option("--max-connections-per-address", o->max_connections_per_address,
                   "Open connections one client address may hold (IPv6: one /64); 0: no limit")
      ->envname("JOT_MAX_CONNECTIONS_PER_ADDRESS")
      ->capture_default_str();
  serve
      ->add_option("--max-revocations", o->max_revocations,
                   "Unexpired revoked tokens at most; log-outs beyond get 503")
      ->envname("JOT_MAX_REVOCATIONS")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
      ->capture_default_str();
  serve
      ->add_option("--revocations-per-user", o->revocations_per_user,
                   "Unexpired revoked tokens one user may hold; log-outs beyond get 429")
      ->envname("JOT_REVOCATIONS_PER_USER")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
      ->capture_default_str();
  serve
      ->add_option("--revocations-per-address", o->revocations_per_address,
                   "Unexpired revoked tokens one client address (IPv6: /64) may hold")
      ->envname("JOT_REVOCATIONS_PER_ADDRESS")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
      ->capture_default_str();
  serve->add_option("--db-pool", o->db_pool, "PostgreSQL connections kept for requests")
      ->envname("JOT_DB_POOL")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  serve
      ->add_option("--db-deadline", *db_deadline,
                   "Seconds a request may wait on the database before it gets 503")
      ->envname("JOT_DB_DEADLINE")
      ->check(CLI::Range(0.01, 60.0))
      ->capture_default_str();
  serve->add_option("--threads", o->threads, "I/O threads (default: one per core, at least 2)")
      ->envname("JOT_THREADS");
  serve
      ->add_option("--header-timeout", *header_timeout,
                   "Seconds a client has to send a request head (also the keep-alive idle limit)")
      ->envname("JOT_HEADER_TIMEOUT")
      ->check(CLI::Range(0.01, 3600.0))
      ->capture_default_str();
  serve->add_option("--body-timeout", *body_timeout, "Seconds a client has to send a body")
      ->envname("JOT_BODY_TIMEOUT")
      ->check(CLI::Range(0.01, 3600.0))
      ->capture_default_str();

  serve->callback([o, header_timeout, body_timeout, db_deadline, exit_code] {
    ServeOptions options = *o;
    options.db_deadline = to_millis(*db_deadline);
    options.header_timeout = to_millis(*header_timeout);
    options.body_timeout = to_millis(*body_timeout);
    *exit_code = run_serve(options);
  });
}

// --db and --db-password-file on a subcommand of `user` or `db`.
std::shared_ptr<StoreTarget> add_store_options(CLI::App* command) {
  auto target = std::make_shared<StoreTarget>(StoreTarget{ServeOptions{}.db_path, {}});
  command
      ->add_option("--db", target->db,
                   "User database: a SQLite file (created if missing) or a postgresql:// URI")
      ->envname("JOT_DB")
      ->capture_default_str();
  command
      ->add_option("--db-password-file", target->password_file,
                   "File holding the PostgreSQL password (when the URI and PGPASSWORD have none)")
      ->envname("JOT_DB_PASSWORD_FILE")
      ->check(CLI::ExistingFile);
  return target;
}

void register_user(CLI::App& app, int* exit_code) {
  auto* user = app.add_subcommand("user", "Manage the users of `jot serve`");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add", "Add a user; the password is read from stdin, or prompted for on a terminal");
  auto name = std::make_shared<std::string>();
  add->add_option("NAME", *name, "User name")->required();
  auto add_db = add_store_options(add);
  add->callback([name, add_db, exit_code] { *exit_code = run_user_add(*name, *add_db); });

  auto* del = user->add_subcommand("del", "Delete a user (tokens already issued stay valid)");
  auto del_name = std::make_shared<std::string>();
  del->add_option("NAME", *del_name, "User name")->required();
  auto del_db = add_store_options(del);
  del->callback([del_name, del_db, exit_code] { *exit_code = run_user_del(*del_name, *del_db); });

  auto* list = user->add_subcommand("list", "List the users, one name a line");
  auto list_db = add_store_options(list);
  list->callback([list_db, exit_code] { *exit_code = run_user_list(*list_db); });
}

void register_db(CLI::App& app, int* exit_code) {
  auto* db = app.add_subcommand("db", "Manage the database of `jot serve`");
  db->require_subcommand(1);
  auto* migrate = db->add_subcommand(
      "migrate", "Create or upgrade the tables (jot serve also does it at start)");
  auto target = add_store_options(migrate);
  migrate->callback([target, exit_code] { *exit_code = run_db_migrate(*target); });
}

}  // namespace

void register_commands(CLI::App& app, int* exit_code) {
  register_serve(app, exit_code);
  register_user(app, exit_code);
  register_db(app, exit_code);
}

}  // namespace jot::server
