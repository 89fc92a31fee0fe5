#include "encryption_key_options.hpp"

#include <CLI/CLI.hpp>

#include "io.hpp"

namespace jot::cli {

namespace {

constexpr const char* kGroup = "PBES2 password (instead of a key)";
constexpr const char* kSources =
    "--secret, --secret-file, --secret-base64url, --key, --password or --password-file";

std::size_t given(const CLI::Option* opt) {
  return opt != nullptr ? opt->count() : 0;
}

}  // namespace

void add_encryption_key_options(CLI::App& command, EncryptionKeyArgs& args) {
  add_key_options(command, args.key);
  args.password_opt =
      command
          .add_option("--password", args.password,
                      "PBES2 password: the UTF-8 bytes of TEXT (for the PBES2-* algorithms only)")
          ->type_name("TEXT")
          ->group(kGroup);
  args.password_file_opt =
      command
          .add_option("--password-file", args.password_file,
                      "PBES2 password: the exact bytes of FILE (a trailing newline counts; '-' "
                      "reads stdin)")
          ->type_name("FILE")
          ->group(kGroup);
}

Result<LoadedKey> load_encryption_key(const EncryptionKeyArgs& args) {
  const std::size_t passwords = given(args.password_opt) + given(args.password_file_opt);
  const bool key_given = key_source_given(args.key);
  if (passwords == 0 && !key_given) {
    return Error(Errc::kInvalidOption, std::string("a key is needed: ") + kSources);
  }
  if (passwords + (key_given ? 1 : 0) > 1) {
    return Error(Errc::kInvalidOption, std::string("give only one of ") + kSources);
  }
  if (key_given) return load_key(args.key);

  std::string password = args.password;
  if (given(args.password_file_opt) != 0) {
    auto content = read_input(args.password_file, "password file");
    if (!content) return std::move(content).error();
    password = std::move(*content);
  }
  auto key = Key::from_password(password);
  if (!key) {
    return Error(key.error().code(),
                 "cannot use the password: " + std::string(key.error().message()));
  }
  return LoadedKey(std::move(*key));
}

}  // namespace jot::cli
