#pragma once

// The subcommands of `jot`. Each register_*() adds one subcommand to `app`; its callback
// runs the command and stores the exit status (report.hpp) in `*exit_code`. The server's
// `jot serve` / `jot user` follow the same pattern (server/cmd/server_commands.hpp).

namespace CLI {
class App;
}

namespace jot::cli {

void register_sign(CLI::App& app, int* exit_code);
void register_verify(CLI::App& app, int* exit_code);
void register_decode(CLI::App& app, int* exit_code);
void register_keygen(CLI::App& app, int* exit_code);
void register_jwk(CLI::App& app, int* exit_code);
void register_encrypt(CLI::App& app, int* exit_code);
void register_decrypt(CLI::App& app, int* exit_code);

}  // namespace jot::cli
