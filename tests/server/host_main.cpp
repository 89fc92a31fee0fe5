// A minimal `jot` that has only the server's subcommands: used by the tests when the CLI
// (cli/) is not part of the build.

#include <CLI/CLI.hpp>

#include "cmd/server_commands.hpp"

int main(int argc, char** argv) {
  CLI::App app("jot (server subcommands only)");
  app.require_subcommand(1);
  int exit_code = 0;
  jot::server::register_commands(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
