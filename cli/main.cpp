// jot: sign, verify, decode and inspect JSON Web Tokens from a shell.
//
// Exit status: 0 success / valid token, 1 token rejected, 2 usage, key or I/O error
// (report.hpp). CLI11 parses the command line; each subcommand's callback does the work.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <jot/version.hpp>

#include "commands.hpp"
#include "report.hpp"

#ifdef JOT_WITH_SERVER
#include "cmd/server_commands.hpp"
#endif

int main(int argc, char** argv) {
  CLI::App app{"jot: sign, verify, encrypt, decrypt and inspect JSON Web Tokens (RFC 7519, 7516).",
               "jot"};
  app.set_version_flag("--version", JOT_VERSION_STRING);
  int exit_code = jot::cli::kExitOk;

  jot::cli::register_sign(app, &exit_code);
  jot::cli::register_verify(app, &exit_code);
  jot::cli::register_encrypt(app, &exit_code);
  jot::cli::register_decrypt(app, &exit_code);
  jot::cli::register_decode(app, &exit_code);
  jot::cli::register_keygen(app, &exit_code);
  jot::cli::register_jwk(app, &exit_code);
#ifdef JOT_WITH_SERVER
  jot::server::register_commands(app, &exit_code);
#endif
  // Set after the subcommands exist: CLI11 copies these settings into subcommands created
  // later, and a subcommand must not require a sub-subcommand.
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 valid / decrypted / done, 1 token rejected, 2 usage, key or I/O error.\n"
      "Run 'jot COMMAND --help' for a command's options and examples; see docs/cli.md.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with status 0; CLI11 prints them on stdout.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "jot: " << e.what() << "\n";
    std::cerr << "Run 'jot --help' or 'jot COMMAND --help' for usage.\n";
    return jot::cli::kExitUsage;
  } catch (const std::exception& e) {
    // The library never throws on bad input; this is memory exhaustion or a bug. Report
    // it rather than abort, and do not claim the token was judged.
    return jot::cli::fail(jot::cli::kExitUsage, std::string("internal error: ") + e.what());
  }
  return exit_code;
}
