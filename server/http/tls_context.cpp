#include "http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <ctime>

namespace jot::server {

namespace {

// TLS 1.2 suites: forward secrecy and AEAD only. (TLS 1.3 has nothing weaker.)
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// OpenSSL's oldest queued error, as text; clears the queue.
std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

Error tls_error(const std::string& what) {
  return Error(Errc::kInvalidOption, "TLS: " + what + ": " + openssl_reason());
}

}  // namespace

Result<std::shared_ptr<TlsContext>> load_tls_context(const std::string& cert_file,
                                                     const std::string& key_file) {
  ERR_clear_error();
  auto context = std::make_shared<TlsContext>(TlsContext::tls_server);
  SSL_CTX* ctx = context->native_handle();
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    return tls_error("cannot require TLS 1.2");
  }
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1) return tls_error("cipher list");
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_SINGLE_ECDH_USE);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) {
    return tls_error("cannot load the certificate chain " + cert_file);
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return tls_error("cannot load the private key " + key_file +
                     ", or it does not match the certificate");
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return tls_error("the private key " + key_file + " does not match the certificate");
  }
  return context;
}

std::string describe_certificate(TlsContext& context) {
  X509* leaf = SSL_CTX_get0_certificate(context.native_handle());
  if (leaf == nullptr) return "no certificate";
  char subject[256] = "";
  X509_NAME_oneline(X509_get_subject_name(leaf), subject, sizeof subject);
  std::tm expiry{};
  std::string text = subject;
  if (ASN1_TIME_to_tm(X509_get0_notAfter(leaf), &expiry) == 1) {
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d", &expiry);
    text += ", expires ";
    text += date;
  }
  return text;
}

}  // namespace jot::server
