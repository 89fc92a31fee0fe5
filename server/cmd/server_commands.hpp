#pragma once

// The server's subcommands of the `jot` binary:
//   jot serve [--bind ADDR] [--port N] [--db PATH] [--alg ALG]
//             [--secret TEXT | --secret-file FILE | --key FILE ...]
//             [--ttl 15m] [--iss ISS] [--aud AUD] [--threads N]
//   jot user add NAME [--db PATH]
// The cli/ layer owns the App; this registers the subcommands on it. Their callbacks run
// the command and store its process exit code in `*exit_code` (0 success, 1 failure,
// 2 usage error).

namespace CLI {
class App;
}

namespace jot::server {

void register_commands(CLI::App& app, int* exit_code);

}  // namespace jot::server
