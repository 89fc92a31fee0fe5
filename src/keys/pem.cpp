// Key::from_pem: finds the PEM blocks, decodes each one with the structure its label
// names, and builds the key. Errors name the block ("PEM block 'RSA PUBLIC KEY' could not
// be parsed: <OpenSSL's reason>").

#include <openssl/pem.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "jot/key.hpp"
#include "keys/der.hpp"
#include "keys/key_build.hpp"

namespace jot::detail {
namespace {

struct PemBlock {
  std::string label;
  std::string_view text;  // from "-----BEGIN" to the end of the END line
};

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kDashes = "-----";

Result<std::vector<PemBlock>> find_blocks(std::string_view pem) {
  std::vector<PemBlock> blocks;
  std::size_t pos = 0;
  while ((pos = pem.find(kBegin, pos)) != std::string_view::npos) {
    const std::size_t label_start = pos + kBegin.size();
    const std::size_t label_end = pem.find(kDashes, label_start);
    const std::size_t line_end = pem.find('\n', label_start);
    if (label_end == std::string_view::npos ||
        (line_end != std::string_view::npos && label_end > line_end)) {
      return Error(Errc::kKeyParse, "PEM BEGIN line is malformed");
    }
    std::string label(pem.substr(label_start, label_end - label_start));
    const std::string end_line = "-----END " + label + "-----";
    const std::size_t end = pem.find(end_line, label_end);
    if (end == std::string_view::npos) {
      return Error(Errc::kKeyParse, "PEM block '" + label + "' has no END line");
    }
    const std::size_t stop = end + end_line.size();
    blocks.push_back(PemBlock{std::move(label), pem.substr(pos, stop - pos)});
    pos = stop;
  }
  if (blocks.empty()) {
    return Error(Errc::kKeyParse, "no PEM block found (expected a \"-----BEGIN ...\" line)");
  }
  return blocks;
}

bool label_to_kind(std::string_view label, DerKind& kind) {
  if (label == "PUBLIC KEY") {
    kind = DerKind::kSpki;
  } else if (label == "RSA PUBLIC KEY") {
    kind = DerKind::kRsaPkcs1Public;
  } else if (label == "RSA PRIVATE KEY") {
    kind = DerKind::kRsaPkcs1Private;
  } else if (label == "PRIVATE KEY") {
    kind = DerKind::kPkcs8;
  } else if (label == "ENCRYPTED PRIVATE KEY") {
    kind = DerKind::kEncryptedPkcs8;
  } else if (label == "EC PRIVATE KEY") {
    kind = DerKind::kSec1;
  } else if (label == "CERTIFICATE" || label == "X509 CERTIFICATE") {
    kind = DerKind::kCertificate;
  } else {
    return false;
  }
  return true;
}

// Passphrase callback for legacy "Proc-Type: 4,ENCRYPTED" PEM (RFC 1421 headers).
int passphrase_cb(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* pass = static_cast<const std::string_view*>(user);
  if (pass == nullptr || pass->empty() || pass->size() > static_cast<std::size_t>(size)) {
    return -1;
  }
  std::memcpy(buf, pass->data(), pass->size());
  return static_cast<int>(pass->size());
}

struct PemData {
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long len = 0;
  PemData() = default;
  PemData(const PemData&) = delete;
  PemData& operator=(const PemData&) = delete;
  ~PemData() {
    OPENSSL_free(name);
    OPENSSL_free(header);
    if (data != nullptr) OPENSSL_clear_free(data, static_cast<std::size_t>(len > 0 ? len : 0));
  }
};

// Base64-decodes one block (and decrypts a legacy-encrypted one), then parses the DER.
Result<PkeyPtr> decode_block(const PemBlock& block, DerKind kind, const KeyOptions& options) {
  BioPtr bio(BIO_new_mem_buf(block.text.data(), static_cast<int>(block.text.size())));
  if (!bio) return Error(Errc::kInternal, "BIO_new_mem_buf failed");
  PemData pem;
  if (PEM_read_bio(bio.get(), &pem.name, &pem.header, &pem.data, &pem.len) != 1) {
    return Error(Errc::kKeyParse, ossl_error_text());
  }
  if (pem.header != nullptr && std::strstr(pem.header, "ENCRYPTED") != nullptr) {
    if (options.passphrase.empty()) {
      return Error(Errc::kKeyParse,
                   "the private key is encrypted; pass its passphrase in "
                   "KeyOptions::passphrase");
    }
    EVP_CIPHER_INFO cipher;
    std::string_view pass = options.passphrase;
    if (PEM_get_EVP_CIPHER_INFO(pem.header, &cipher) != 1 ||
        PEM_do_header(&cipher, pem.data, &pem.len, passphrase_cb, &pass) != 1) {
      return Error(Errc::kKeyParse,
                   "could not decrypt it (wrong passphrase?): " + ossl_error_text());
    }
  }
  const std::string_view der(reinterpret_cast<const char*>(pem.data),
                             static_cast<std::size_t>(pem.len));
  return decode_der(der, kind, options);
}

}  // namespace

Result<Key> key_from_pem(std::string_view pem, const KeyOptions& options) {
  // Far above any real key or certificate chain, and keeps sizes within OpenSSL's int.
  if (pem.size() > kMaxKeyMaterialBytes) {
    return Error(Errc::kLimitExceeded, "PEM text is larger than 1 MiB");
  }
  Result<std::vector<PemBlock>> blocks = find_blocks(pem);
  if (!blocks) return std::move(blocks).error();

  // One key per PEM. A SEC1 key may be preceded by its EC PARAMETERS (as `openssl ecparam
  // -genkey` writes it): the key carries its curve itself, so the parameters are skipped.
  // Certificates beside a key (a "key + chain" file) are ignored in favour of the key; a
  // chain alone gives the first (leaf) certificate's key.
  const PemBlock* chosen = nullptr;
  const PemBlock* first_cert = nullptr;
  DerKind chosen_kind = DerKind::kSpki;
  int key_blocks = 0;
  for (const PemBlock& block : *blocks) {
    if (block.label == "EC PARAMETERS") continue;
    DerKind kind;
    if (!label_to_kind(block.label, kind)) {
      return Error(Errc::kUnsupported,
                   "PEM block '" + block.label +
                       "' is not supported; jot reads PUBLIC KEY, RSA PUBLIC KEY, RSA PRIVATE "
                       "KEY, PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY and CERTIFICATE");
    }
    if (kind == DerKind::kCertificate) {
      if (first_cert == nullptr) first_cert = &block;
      continue;
    }
    ++key_blocks;
    chosen = &block;
    chosen_kind = kind;
  }
  if (key_blocks > 1) {
    return Error(Errc::kKeyParse,
                 "PEM holds " + std::to_string(key_blocks) + " keys; give exactly one key");
  }
  if (chosen == nullptr) {
    if (first_cert == nullptr) {
      return Error(Errc::kKeyParse, "PEM holds EC PARAMETERS but no key");
    }
    chosen = first_cert;
    chosen_kind = DerKind::kCertificate;
  }
  Result<PkeyPtr> pkey = decode_block(*chosen, chosen_kind, options);
  ossl_clear_errors();
  if (!pkey) {
    return Error(Errc::kKeyParse, "PEM block '" + chosen->label + "' could not be parsed: " +
                                      std::string(pkey.error().message()));
  }
  return make_asymmetric_key(std::move(*pkey), options);
}

}  // namespace jot::detail

namespace jot {

Result<Key> Key::from_pem(std::string_view pem, const KeyOptions& options) {
  return detail::key_from_pem(pem, options);
}

}  // namespace jot
