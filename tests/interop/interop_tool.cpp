// jot_interop_tool: jot's side of the interop tests, driven by interop.test.mjs over argv
// and stdout, so that jsonwebtoken and jose talk to the real library.
//
//   jot_interop_tool sign   ALG KEYFILE PAYLOAD_JSON   → prints the token
//   jot_interop_tool verify ALG KEYFILE TOKEN          → prints the verified payload JSON
//
// KEYFILE holds the raw secret for HS*, otherwise a PEM or a JWK (Key::from_any). Only ALG
// is allowed on verify. Exit status: 0 success, 1 rejected or failed (the error's code and
// message on stderr), 2 usage.

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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: jot_interop_tool sign|verify ALG KEYFILE PAYLOAD_JSON|TOKEN\n";
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
