// Key parsing from every supported format (PEM, DER, encrypted forms, certificates), key
// type and curve detection, export round trips, from_any detection and generate().

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "jot/key.hpp"
#include "key_test_util.hpp"
#include "test_keys.hpp"

namespace {

using jot::Algorithm;
using jot::Curve;
using jot::Errc;
using jot::Key;
using jot::KeyOptions;
using jot::KeyType;
using jot_key_test::must;
using jot_key_test::pem_block_der;
using jot_key_test::thumb;
namespace tk = jot_test_keys;

KeyOptions with_passphrase(std::string_view pass) {
  KeyOptions options;
  options.passphrase = pass;
  return options;
}

TEST(KeyPem, RsaPkcs1PrivateKey) {
  const Key key = must(Key::from_pem(tk::kRsa2048Pkcs1));
  EXPECT_EQ(key.type(), KeyType::kRsa);
  EXPECT_EQ(key.curve(), Curve::kNone);
  EXPECT_TRUE(key.has_private());
  EXPECT_EQ(key.bits(), 2048);
  EXPECT_EQ(key.natural_algorithm(), Algorithm::kRS256);
  EXPECT_TRUE(key.check_sign(Algorithm::kRS256));
  EXPECT_TRUE(key.check_verify(Algorithm::kPS512));
}

TEST(KeyPem, EveryRsaStructureGivesTheSameKey) {
  const std::string expected = thumb(must(Key::from_pem(tk::kRsa2048Pkcs1)));
  const Key pkcs8 = must(Key::from_pem(tk::kRsa2048Pkcs8), "PKCS#8");
  const Key spki = must(Key::from_pem(tk::kRsa2048Spki), "SPKI");
  const Key pkcs1_public = must(Key::from_pem(tk::kRsa2048Pkcs1Public), "PKCS#1 public");
  EXPECT_TRUE(pkcs8.has_private());
  EXPECT_FALSE(spki.has_private());
  EXPECT_FALSE(pkcs1_public.has_private());
  EXPECT_EQ(thumb(pkcs8), expected);
  EXPECT_EQ(thumb(spki), expected);
  EXPECT_EQ(thumb(pkcs1_public), expected);
}

TEST(KeyPem, PublicKeyCannotSignButVerifies) {
  const Key key = must(Key::from_pem(tk::kRsa2048Spki));
  const auto sign = key.check_sign(Algorithm::kRS256);
  ASSERT_FALSE(sign);
  EXPECT_EQ(sign.error().code(), Errc::kKeyMismatch);
  EXPECT_EQ(sign.error().message(), "a public key cannot sign");
  EXPECT_TRUE(key.check_verify(Algorithm::kRS256));
}

TEST(KeyPem, LegacyEncryptedRsaNeedsThePassphrase) {
  const auto without = Key::from_pem(tk::kRsa2048LegacyEncrypted);
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().code(), Errc::kKeyParse);
  EXPECT_NE(without.error().message().find("KeyOptions::passphrase"), std::string::npos)
      << without.error().message();

  const auto wrong = Key::from_pem(tk::kRsa2048LegacyEncrypted, with_passphrase("wrong"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), Errc::kKeyParse);

  const Key key =
      must(Key::from_pem(tk::kRsa2048LegacyEncrypted, with_passphrase(tk::kPassphrase)));
  EXPECT_TRUE(key.has_private());
  EXPECT_EQ(thumb(key), thumb(must(Key::from_pem(tk::kRsa2048Spki))));
}

TEST(KeyPem, EncryptedPkcs8NeedsThePassphrase) {
  const auto without = Key::from_pem(tk::kP256EncryptedPkcs8);
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().code(), Errc::kKeyParse);
  EXPECT_EQ(without.error().message(),
            "PEM block 'ENCRYPTED PRIVATE KEY' could not be parsed: the private key is "
            "encrypted; pass its passphrase in KeyOptions::passphrase");

  const auto wrong = Key::from_pem(tk::kP256EncryptedPkcs8, with_passphrase("not-it"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), Errc::kKeyParse);
  EXPECT_NE(wrong.error().message().find("wrong passphrase?"), std::string::npos)
      << wrong.error().message();

  const Key key = must(Key::from_pem(tk::kP256EncryptedPkcs8, with_passphrase(tk::kPassphrase)));
  EXPECT_EQ(key.type(), KeyType::kEc);
  EXPECT_TRUE(key.has_private());
  EXPECT_EQ(thumb(key), thumb(must(Key::from_pem(tk::kP256Spki))));
}

TEST(KeyPem, Sec1WithLeadingEcParameters) {
  const Key key = must(Key::from_pem(tk::kP256Sec1WithParams));
  EXPECT_EQ(key.type(), KeyType::kEc);
  EXPECT_EQ(key.curve(), Curve::kP256);
  EXPECT_TRUE(key.has_private());
  EXPECT_EQ(key.bits(), 256);
  EXPECT_EQ(key.natural_algorithm(), Algorithm::kES256);
  EXPECT_TRUE(key.check_sign(Algorithm::kES256));
}

TEST(KeyPem, Sec1WithoutParameters) {
  const Key key = must(Key::from_pem(tk::kP384Sec1));
  EXPECT_EQ(key.curve(), Curve::kP384);
  EXPECT_EQ(key.natural_algorithm(), Algorithm::kES384);
}

TEST(KeyPem, Sec1WithExplicitCurveParametersOfANamedCurve) {
  // jsonwebtoken accepts explicit parameters (its fixture ecdsa-private.pem); OpenSSL maps
  // parameters equal to a named curve onto that curve.
  const Key key = must(Key::from_pem(tk::kP384Explicit));
  EXPECT_EQ(key.curve(), Curve::kP384);
  EXPECT_EQ(thumb(key), thumb(must(Key::from_pem(tk::kP384Sec1))));
}

TEST(KeyPem, EcParametersAloneAreNoKey) {
  const std::string pem(tk::kP256Sec1WithParams);
  const std::string params_only = pem.substr(0, pem.find("-----BEGIN EC PRIVATE KEY"));
  const auto result = Key::from_pem(params_only);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyParse);
  EXPECT_EQ(result.error().message(), "PEM holds EC PARAMETERS but no key");
}

TEST(KeyPem, CertificateGivesItsPublicKey) {
  const Key key = must(Key::from_pem(tk::kP256Certificate));
  EXPECT_EQ(key.type(), KeyType::kEc);
  EXPECT_FALSE(key.has_private());
  EXPECT_EQ(thumb(key), thumb(must(Key::from_pem(tk::kP256Spki))));
}

TEST(KeyPem, OtherCurvesAndEdDsa) {
  const Key p521 = must(Key::from_pem(tk::kP521Pkcs8));
  EXPECT_EQ(p521.curve(), Curve::kP521);
  EXPECT_EQ(p521.bits(), 521);
  EXPECT_EQ(p521.natural_algorithm(), Algorithm::kES512);

  const Key k256 = must(Key::from_pem(tk::kSecp256k1Sec1));
  EXPECT_EQ(k256.curve(), Curve::kSecp256k1);
  EXPECT_EQ(k256.natural_algorithm(), Algorithm::kES256K);

  const Key ed25519 = must(Key::from_pem(tk::kEd25519Pkcs8));
  EXPECT_EQ(ed25519.type(), KeyType::kOkp);
  EXPECT_EQ(ed25519.curve(), Curve::kEd25519);
  EXPECT_TRUE(ed25519.has_private());
  EXPECT_EQ(ed25519.natural_algorithm(), Algorithm::kEdDSA);

  const Key ed448 = must(Key::from_pem(tk::kEd448Pkcs8));
  EXPECT_EQ(ed448.curve(), Curve::kEd448);
  EXPECT_TRUE(ed448.check_sign(Algorithm::kEdDSA));
}

TEST(KeyPem, RsaPssKeys) {
  const Key restricted = must(Key::from_pem(tk::kRsaPss384));
  EXPECT_EQ(restricted.type(), KeyType::kRsaPss);
  EXPECT_EQ(restricted.natural_algorithm(), Algorithm::kPS384);
  EXPECT_EQ(restricted.compatible_algorithms(), std::vector<Algorithm>{Algorithm::kPS384});
  EXPECT_TRUE(restricted.check_sign(Algorithm::kPS384));
  const auto ps256 = restricted.check_verify(Algorithm::kPS256);
  ASSERT_FALSE(ps256);
  EXPECT_EQ(ps256.error().code(), Errc::kKeyMismatch);
  EXPECT_EQ(ps256.error().message(),
            "Invalid key for this operation, its RSA-PSS parameters do not meet the "
            "requirements of \"alg\" PS256.");
  const auto rs384 = restricted.check_verify(Algorithm::kRS384);
  ASSERT_FALSE(rs384);
  EXPECT_EQ(rs384.error().message(),
            "\"alg\" parameter for \"rsa-pss\" key type must be one of: PS256, PS384, PS512.");

  const Key unrestricted = must(Key::from_pem(tk::kRsaPssUnrestricted));
  EXPECT_EQ(unrestricted.type(), KeyType::kRsaPss);
  EXPECT_EQ(unrestricted.natural_algorithm(), Algorithm::kPS256);
  EXPECT_EQ(unrestricted.compatible_algorithms(),
            (std::vector<Algorithm>{Algorithm::kPS256, Algorithm::kPS384, Algorithm::kPS512}));
}

TEST(KeyPem, UnsupportedKeyTypes) {
  // X25519 is a JWE key-agreement key (ECDH-ES): it parses, but signs and verifies nothing.
  const Key x25519 = must(Key::from_pem(tk::kX25519Pkcs8));
  EXPECT_EQ(x25519.type(), KeyType::kOkp);
  EXPECT_EQ(x25519.curve(), Curve::kX25519);
  EXPECT_TRUE(x25519.compatible_algorithms().empty());
  EXPECT_EQ(x25519.check_sign(Algorithm::kEdDSA).error().code(), Errc::kKeyMismatch);
  EXPECT_EQ(x25519.check_verify(Algorithm::kEdDSA).error().code(), Errc::kKeyMismatch);

  const auto dsa = Key::from_pem(tk::kDsaPkcs8);
  ASSERT_FALSE(dsa);
  EXPECT_EQ(dsa.error().code(), Errc::kUnsupported);
  EXPECT_EQ(dsa.error().message(),
            "key type 'DSA' is not supported (jot uses RSA, EC, Ed25519/Ed448 and X25519/X448 "
            "keys)");
}

TEST(KeyPem, ErrorsNameTheBlock) {
  std::string broken(tk::kRsa2048Pkcs1Public);
  broken.replace(broken.find('\n') + 10, 4, "!!!!");
  const auto bad_base64 = Key::from_pem(broken);
  ASSERT_FALSE(bad_base64);
  EXPECT_EQ(bad_base64.error().code(), Errc::kKeyParse);
  EXPECT_EQ(
      bad_base64.error().message().rfind("PEM block 'RSA PUBLIC KEY' could not be parsed: ", 0), 0u)
      << bad_base64.error().message();

  // An EC SPKI body under the PKCS#1 RSA label: decodable base64, wrong structure. (OpenSSL
  // accepts an RSA SPKI under "RSA PUBLIC KEY"; the key is then the same, so that is
  // harmless.)
  std::string relabelled(tk::kP256Spki);
  for (const char* marker : {"-----BEGIN ", "-----END "}) {
    const std::size_t at = relabelled.find(marker) + std::string_view(marker).size();
    relabelled.insert(at, "RSA ");
  }
  const auto wrong_structure = Key::from_pem(relabelled);
  ASSERT_FALSE(wrong_structure);
  EXPECT_EQ(wrong_structure.error().code(), Errc::kKeyParse);
  EXPECT_EQ(wrong_structure.error().message().rfind(
                "PEM block 'RSA PUBLIC KEY' could not be parsed: ", 0),
            0u)
      << wrong_structure.error().message();
  EXPECT_EQ(wrong_structure.error().message().find("bio read failed"), std::string::npos);
  std::printf("[ message  ] %s\n", std::string(wrong_structure.error().message()).c_str());
}

TEST(KeyPem, StructuralErrors) {
  const auto none = Key::from_pem("just some text");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), Errc::kKeyParse);
  EXPECT_EQ(none.error().message(), "no PEM block found (expected a \"-----BEGIN ...\" line)");

  std::string truncated(tk::kRsa2048Spki);
  truncated.erase(truncated.find("-----END"));
  const auto no_end = Key::from_pem(truncated);
  ASSERT_FALSE(no_end);
  EXPECT_EQ(no_end.error().message(), "PEM block 'PUBLIC KEY' has no END line");

  const auto two = Key::from_pem(std::string(tk::kRsa2048Spki) + tk::kP256Spki);
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().message(), "PEM holds 2 keys; give exactly one key");

  const auto ssh = Key::from_pem(
      "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
  ASSERT_FALSE(ssh);
  EXPECT_EQ(ssh.error().code(), Errc::kUnsupported);

  // A key followed by its certificate: the key is used.
  const Key key_and_cert =
      must(Key::from_pem(std::string(tk::kP256Sec1WithParams) + tk::kP256Certificate));
  EXPECT_TRUE(key_and_cert.has_private());
}

TEST(KeyDer, EveryStructure) {
  const std::string rsa = thumb(must(Key::from_pem(tk::kRsa2048Spki)));
  const std::string p256 = thumb(must(Key::from_pem(tk::kP256Spki)));
  struct Case {
    const char* pem;
    const char* label;
    const std::string& thumbprint;
    bool is_private;
  };
  const Case cases[] = {
      {tk::kRsa2048Spki, "PUBLIC KEY", rsa, false},
      {tk::kRsa2048Pkcs1Public, "RSA PUBLIC KEY", rsa, false},
      {tk::kRsa2048Pkcs1, "RSA PRIVATE KEY", rsa, true},
      {tk::kRsa2048Pkcs8, "PRIVATE KEY", rsa, true},
      {tk::kP256Spki, "PUBLIC KEY", p256, false},
      {tk::kP256Sec1WithParams, "EC PRIVATE KEY", p256, true},
      {tk::kP256Certificate, "CERTIFICATE", p256, false},
  };
  for (const Case& c : cases) {
    const std::string der = pem_block_der(c.pem, c.label);
    const Key key = must(Key::from_der(der), c.label);
    EXPECT_EQ(thumb(key), c.thumbprint) << c.label;
    EXPECT_EQ(key.has_private(), c.is_private) << c.label;
    const Key detected = must(Key::from_any(der), c.label);
    EXPECT_EQ(thumb(detected), c.thumbprint) << c.label;
  }
}

TEST(KeyDer, EncryptedPkcs8) {
  const std::string der = pem_block_der(tk::kP256EncryptedPkcs8, "ENCRYPTED PRIVATE KEY");
  const auto without = Key::from_der(der);
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().code(), Errc::kKeyParse);
  EXPECT_NE(without.error().message().find("KeyOptions::passphrase"), std::string::npos);
  const Key key = must(Key::from_der(der, with_passphrase(tk::kPassphrase)));
  EXPECT_TRUE(key.has_private());
  EXPECT_EQ(thumb(key), thumb(must(Key::from_pem(tk::kP256Spki))));
}

TEST(KeyDer, GarbageAndTrailingData) {
  const auto empty = Key::from_der("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), Errc::kKeyParse);

  const auto garbage = Key::from_der("\x30\x03\x02\x01\x05 not a key");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), Errc::kKeyParse);
  EXPECT_EQ(garbage.error().message().rfind("DER is not a SubjectPublicKeyInfo", 0), 0u)
      << garbage.error().message();

  std::string trailing = pem_block_der(tk::kP256Spki, "PUBLIC KEY");
  trailing.push_back('\0');
  const auto with_trailing = Key::from_der(trailing);
  ASSERT_FALSE(with_trailing);
  EXPECT_EQ(with_trailing.error().code(), Errc::kKeyParse);
}

TEST(KeyAny, DetectsEachFormatAndNeverMakesASecret) {
  EXPECT_EQ(must(Key::from_any(tk::kEd25519Pkcs8)).type(), KeyType::kOkp);
  const Key ec = must(Key::from_pem(tk::kP256Spki));
  EXPECT_EQ(thumb(must(Key::from_any(must(ec.public_jwk())))), thumb(ec));
  EXPECT_EQ(thumb(must(Key::from_any("  {\"keys\":[" + must(ec.public_jwk()) + "]}"))), thumb(ec));
  const auto text = Key::from_any("mysecret");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code(), Errc::kKeyParse);
  const auto empty = Key::from_any("");
  ASSERT_FALSE(empty);
}

// Found by fuzz_keys: a DER key whose binary body holds "-----BEGIN" by chance is still DER.
// Here the text sits inside an RSA modulus (still odd, still 2048 bits).
TEST(KeyAny, DerHoldingPemMarkerBytesIsStillDer) {
  std::string der = pem_block_der(tk::kRsa2048Pkcs1Public, "RSA PUBLIC KEY");
  const std::string marker = "-----BEGIN PUBLIC KEY-----";
  ASSERT_GT(der.size(), 100 + marker.size());
  der.replace(100, marker.size(), marker);
  const Key key = must(Key::from_der(der));
  const Key detected = must(Key::from_any(der));
  EXPECT_EQ(thumb(detected), thumb(key));
  EXPECT_EQ(detected.bits(), 2048);
  // And it stays out of reach of the HMAC path.
  EXPECT_EQ(Key::from_secret(der).error().code(), Errc::kKeyMismatch);
}

// Every key kind survives public/private export and re-import unchanged.
TEST(KeyExport, RoundTrips) {
  for (const char* pem : {tk::kRsa2048Pkcs1, tk::kRsaPss384, tk::kP256Sec1WithParams, tk::kP384Sec1,
                          tk::kP521Pkcs8, tk::kSecp256k1Sec1, tk::kEd25519Pkcs8, tk::kEd448Pkcs8}) {
    const Key key = must(Key::from_pem(pem));
    const std::string expected = thumb(key);
    SCOPED_TRACE(std::string(jot::to_string(key.type())) + " " +
                 std::string(jot::to_string(key.curve())));

    const Key from_public_pem = must(Key::from_pem(must(key.public_pem())));
    EXPECT_FALSE(from_public_pem.has_private());
    EXPECT_EQ(thumb(from_public_pem), expected);
    EXPECT_EQ(from_public_pem.type(), key.type());

    const Key from_private_pem = must(Key::from_pem(must(key.private_pem())));
    EXPECT_TRUE(from_private_pem.has_private());
    EXPECT_EQ(thumb(from_private_pem), expected);
    EXPECT_EQ(from_private_pem.type(), key.type());

    const Key from_public_jwk = must(Key::from_jwk(must(key.public_jwk())));
    EXPECT_FALSE(from_public_jwk.has_private());
    EXPECT_EQ(thumb(from_public_jwk), expected);
    EXPECT_EQ(from_public_jwk.curve(), key.curve());

    const Key from_private_jwk = must(Key::from_jwk(must(key.private_jwk())));
    EXPECT_TRUE(from_private_jwk.has_private());
    EXPECT_EQ(thumb(from_private_jwk), expected);
    EXPECT_TRUE(from_private_jwk.check_sign(from_private_jwk.natural_algorithm()));
    EXPECT_EQ(must(from_private_jwk.private_jwk()), must(key.private_jwk()));
  }
}

TEST(KeyExport, PublicKeysHaveNoPrivateForms) {
  const Key key = must(Key::from_pem(tk::kP256Spki));
  EXPECT_FALSE(key.private_jwk());
  EXPECT_FALSE(key.private_pem());
  EXPECT_EQ(key.private_jwk().error().code(), Errc::kKeyMismatch);
  const Key secret = must(Key::from_secret("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(secret.public_jwk());
  EXPECT_FALSE(secret.public_pem());
  EXPECT_EQ(
      must(secret.private_jwk()),
      "{\"kty\":\"oct\",\"k\":\"" + jot_key_test::b64("0123456789abcdef0123456789abcdef") + "\"}");
}

TEST(KeyExport, KidAndAlgAreExported) {
  const Key key = must(Key::from_pem(tk::kP256Spki)).with_kid("k-1");
  EXPECT_EQ(key.kid(), "k-1");
  const boost::json::object jwk = jot_key_test::json_object(must(key.public_jwk()));
  EXPECT_EQ(jwk.at("kid").as_string(), "k-1");
  EXPECT_EQ(jwk.at("kty").as_string(), "EC");
  EXPECT_EQ(jwk.at("crv").as_string(), "P-256");
  EXPECT_FALSE(jwk.contains("alg"));
  const Key pss = must(Key::from_pem(tk::kRsaPss384));
  EXPECT_EQ(jot_key_test::json_object(must(pss.public_jwk())).at("alg").as_string(), "PS384");
}

TEST(KeyGenerate, EveryAlgorithm) {
  for (Algorithm alg : jot::all_algorithms()) {
    if (alg == Algorithm::kNone) {
      EXPECT_FALSE(Key::generate(alg));
      continue;
    }
    // One RSA key per family is enough (2048-bit generation is slow on a shared machine).
    if (alg == Algorithm::kRS384 || alg == Algorithm::kRS512 || alg == Algorithm::kPS384 ||
        alg == Algorithm::kPS512) {
      continue;
    }
    SCOPED_TRACE(std::string(jot::to_string(alg)));
    const Key key = must(Key::generate(alg));
    EXPECT_TRUE(key.has_private());
    EXPECT_TRUE(key.check_sign(alg)) << key.check_sign(alg).error().message();
    EXPECT_TRUE(key.check_verify(alg));
  }
  EXPECT_EQ(must(Key::generate(Algorithm::kHS512)).bits(), 512);
  EXPECT_EQ(must(Key::generate(Algorithm::kES384)).curve(), Curve::kP384);
  EXPECT_EQ(must(Key::generate(Algorithm::kES256K)).curve(), Curve::kSecp256k1);
  EXPECT_EQ(must(Key::generate(Algorithm::kEdDSA)).curve(), Curve::kEd25519);
  const auto small = Key::generate(Algorithm::kRS256, 1024);
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code(), Errc::kWeakKey);
  // Two generated secrets differ (RAND_bytes, not a constant).
  EXPECT_NE(must(must(Key::generate(Algorithm::kHS256)).private_jwk()),
            must(must(Key::generate(Algorithm::kHS256)).private_jwk()));
}

TEST(KeyNames, ToString) {
  EXPECT_EQ(jot::to_string(KeyType::kSecret), "oct");
  EXPECT_EQ(jot::to_string(KeyType::kRsaPss), "RSA-PSS");
  EXPECT_EQ(jot::to_string(KeyType::kOkp), "OKP");
  EXPECT_EQ(jot::to_string(Curve::kP521), "P-521");
  EXPECT_EQ(jot::to_string(Curve::kSecp256k1), "secp256k1");
  EXPECT_EQ(jot::to_string(Curve::kEd448), "Ed448");
}

}  // namespace
