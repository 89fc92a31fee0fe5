#include "cmd/server_commands.hpp"

#include <CLI/CLI.hpp>
#include <memory>

#include "cmd/serve_command.hpp"
#include "cmd/serve_options.hpp"

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

  serve->add_option("--bind", o->bind, "Address to listen on")
      ->envname("JOT_BIND")
      ->capture_default_str();
  serve->add_option("--port", o->port, "TCP port; 0 picks a free one (printed at start)")
      ->envname("JOT_PORT")
      ->capture_default_str();
  serve->add_option("--db", o->db_path, "SQLite user database (created if missing)")
      ->envname("JOT_DB")
      ->capture_default_str();
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
      ->add_option("--max-connections-per-address", o->max_connections_per_address,
                   "Open connections one client address may hold (IPv6: one /64); 0: no limit")
      ->envname("JOT_MAX_CONNECTIONS_PER_ADDRESS")
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

  serve->callback([o, header_timeout, body_timeout, exit_code] {
    ServeOptions options = *o;
    options.header_timeout = to_millis(*header_timeout);
    options.body_timeout = to_millis(*body_timeout);
    *exit_code = run_serve(options);
  });
}

void register_user(CLI::App& app, int* exit_code) {
  auto* user = app.add_subcommand("user", "Manage the users of `jot serve`");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add", "Add a user; the password is read from stdin, or prompted for on a terminal");
  auto name = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>(ServeOptions{}.db_path);
  add->add_option("NAME", *name, "User name")->required();
  add->add_option("--db", *db, "SQLite user database (created if missing)")
      ->envname("JOT_DB")
      ->capture_default_str();
  add->callback([name, db, exit_code] { *exit_code = run_user_add(*name, *db); });
}

}  // namespace

void register_commands(CLI::App& app, int* exit_code) {
  register_serve(app, exit_code);
  register_user(app, exit_code);
}

}  // namespace jot::server
