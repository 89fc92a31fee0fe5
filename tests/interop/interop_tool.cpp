// jot_interop_tool: jot's side of the interop tests, driven by interop.test.mjs over argv
// and stdout, so that jsonwebtoken and jose talk to the real library.
//
//   jot_interop_tool sign   ALG KEYFILE PAYLOAD_JSON   → prints the token
//   jot_interop_tool verify ALG KEYFILE TOKEN          → prints the verified payload JSON
//   jot_interop_tool encrypt ALG ENC KEYFILE PLAINFILE → prints the compact JWE
//   jot_interop_tool decrypt ALG ENC KEYFILE TOKEN     → writes the plaintext bytes
//
// KEYFILE holds the raw secret for HS*, dir, A*KW and A*GCMKW, the password for PBES2-*,
// otherwise a PEM or a JWK (Key::from_any). Only ALG (and ENC) is allowed on verify and
// decrypt; RSA1_5 is accepted here with its opt-in, as the interop test asks for it. Exit
// status: 0 success, 1 rejected or failed (the error's code and message on stderr), 2 usage.

#include <fstream>
#include <iostream>
#include <iterator>
#include <jot/jot.hpp>
#include <string>

namespace {

int fail(const jot::Error& error) {
  std::cerr << jot::errc_name(error.code()) << ": " << error.message() << "\n";
  return 1;
}

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// The key a JWE algorithm takes from KEYFILE's bytes.
jot::Result<jot::Key> encryption_key(jot::KeyManagement alg, const std::string& material) {
  const std::string_view name = jot::to_string(alg);
  if (name.starts_with("PBES2")) return jot::Key::from_password(material);
  if (name == "dir" || name.starts_with("A")) return jot::Key::from_secret(material);
  return jot::Key::from_any(material);
}

int jwe_main(char** argv) {
  const std::string op = argv[1];
  const auto alg = jot::key_management_from_string(argv[2]);
  const auto enc = jot::content_encryption_from_string(argv[3]);
  std::string material;
  if (!alg || !enc || !read_file(argv[4], material)) {
    std::cerr << "bad algorithm, encryption or key file\n";
    return 2;
  }
  auto key = encryption_key(*alg, material);
  if (!key) return fail(key.error());
  const bool rsa1_5 = *alg == jot::KeyManagement::kRsa1_5;
  if (op == "encrypt") {
    std::string plaintext;
    if (!read_file(argv[5], plaintext)) return 2;
    jot::jwe::EncryptOptions options(*alg, *enc);
    options.insecure_allow_rsa1_5 = rsa1_5;
    auto token = jot::jwe::try_encrypt(plaintext, *key, options);
    if (!token) return fail(token.error());
    std::cout << *token << "\n";
    return 0;
  }
  jot::jwe::DecryptOptions options;
  options.algorithms = {*alg};
  options.encryptions = {*enc};
  options.insecure_allow_rsa1_5 = rsa1_5;
  auto decrypted = jot::jwe::try_decrypt(argv[5], *key, options);
  if (!decrypted) return fail(decrypted.error());
  std::cout.write(decrypted->plaintext.data(),
                  static_cast<std::streamsize>(decrypted->plaintext.size()));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 6 &&
      (std::string_view(argv[1]) == "encrypt" || std::string_view(argv[1]) == "decrypt")) {
    return jwe_main(argv);
  }
  if (argc != 5) {
    std::cerr << "usage: jot_interop_tool sign|verify ALG KEYFILE PAYLOAD_JSON|TOKEN\n"
                 "       jot_interop_tool encrypt|decrypt ALG ENC KEYFILE PLAINFILE|TOKEN\n";
    return 2;
  }
  const std::string op = argv[1];
  const auto alg = jot::algorithm_from_string(argv[2]);
  std::string material;
  if (!alg || (op != "sign" && op != "verify") || !read_file(argv[3], material)) {
    std::cerr << "bad algorithm, operation or key file\n";
    return 2;
  }

  auto key = jot::family_of(*alg) == jot::AlgorithmFamily::kHmac ? jot::Key::from_secret(material)
                                                                 : jot::Key::from_any(material);
  if (!key) return fail(key.error());

  if (op == "sign") {
    jot::SignOptions options;
    options.algorithm = *alg;
    auto token = jot::try_sign(argv[4], *key, options);
    if (!token) return fail(token.error());
    std::cout << *token << "\n";
    return 0;
  }
  jot::VerifyOptions options;
  options.algorithms = {*alg};
  auto verified = jot::try_verify(argv[4], *key, options);
  if (!verified) return fail(verified.error());
  std::cout << verified->payload().to_json() << "\n";
  return 0;
}
