#include "jot/base64url.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/vectors.hpp"

namespace {

namespace b64 = jot::base64url;

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (const int v : values) out.push_back(static_cast<char>(v));
  return out;
}

// RFC 4648 §10 test vectors, in the unpadded base64url form.
TEST(Base64url, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(b64::encode(plain), encoded);
    const auto decoded = b64::decode(encoded);
    ASSERT_TRUE(decoded) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64url, UsesTheUrlSafeAlphabet) {
  // base64 "+/8=" is base64url "-_8".
  EXPECT_EQ(b64::encode(bytes({0xfb, 0xff})), "-_8");
  EXPECT_EQ(b64::decode("-_8").value(), bytes({0xfb, 0xff}));
  EXPECT_EQ(b64::encode(bytes({0xff, 0xff, 0xff})), "____");
  EXPECT_EQ(b64::encode(bytes({0xfb, 0xef, 0xbe})), "----");
}

TEST(Base64url, RoundTripsEveryShortByteString) {
  std::string decoded;
  for (int a = 0; a < 256; ++a) {
    const std::string one = bytes({a});
    ASSERT_TRUE(b64::decode_into(b64::encode(one), decoded));
    ASSERT_EQ(decoded, one);
    for (int b = 0; b < 256; ++b) {
      const std::string two = bytes({a, b});
      ASSERT_TRUE(b64::decode_into(b64::encode(two), decoded));
      ASSERT_EQ(decoded, two);
    }
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= all.size(); ++n) {
    const std::string part = all.substr(0, n);
    const std::string text = b64::encode(part);
    EXPECT_EQ(text.size(), b64::encoded_size(n));
    EXPECT_EQ(b64::decoded_size(text.size()), n);
    ASSERT_TRUE(b64::decode_into(text, decoded)) << n;
    ASSERT_EQ(decoded, part) << n;
  }
}

// Every text of length 2 and 3 over the alphabet is accepted iff it is the canonical
// encoding of what it decodes to: the non-zero-trailing-bits rule, checked exhaustively.
TEST(Base64url, ExactlyOneEncodingPerByteString) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string text;
  std::string decoded;
  std::size_t accepted2 = 0;
  std::size_t accepted3 = 0;
  for (const char a : alphabet) {
    for (const char b : alphabet) {
      text = {a, b};
      if (b64::decode_into(text, decoded)) {
        ++accepted2;
        EXPECT_EQ(b64::encode(decoded), text);
      }
      for (const char c : alphabet) {
        text = {a, b, c};
        if (b64::decode_into(text, decoded)) {
          ++accepted3;
          EXPECT_EQ(b64::encode(decoded), text);
        }
      }
    }
  }
  EXPECT_EQ(accepted2, 256U);
  EXPECT_EQ(accepted3, 65536U);
}

TEST(Base64url, RejectsNonZeroTrailingBits) {
  EXPECT_FALSE(b64::decode("Zh"));   // "Zg" is canonical for "f"
  EXPECT_FALSE(b64::decode("Zm9"));  // "Zm8" is canonical for "fo"
  EXPECT_FALSE(b64::decode("Zm9vYh"));
  EXPECT_FALSE(b64::decode("Zm9vYmF"));
  EXPECT_TRUE(b64::decode("Zm9vYmE"));
}

TEST(Base64url, RejectsPadding) {
  for (const char* text : {"Zg==", "Zm8=", "Zg=", "Zm9v====", "=", "==", "Z=g"}) {
    EXPECT_FALSE(b64::decode(text)) << text;
  }
}

TEST(Base64url, RejectsStandardAlphabetWhitespaceAndOthers) {
  for (const char* text : {"+_8", "-/8", "Zm9v+A", "Zm9v/A", "Zm 9v", " Zm9v", "Zm9v ", "Zm9v\n",
                           "Zm\r\n9v", "Zm\t9v", "Zm9v.", "Zm9v*", "Zm9v!"}) {
    EXPECT_FALSE(b64::decode(text)) << text;
  }
  // NUL and bytes >= 0x80 in every position of a block and of the tail.
  for (std::size_t pos = 0; pos < 7; ++pos) {
    for (const int bad : {0x00, 0x80, 0xc3, 0xff}) {
      std::string text = "Zm9vYmE";
      text[pos] = static_cast<char>(bad);
      EXPECT_FALSE(b64::decode(text)) << pos << " " << bad;
    }
  }
}

// decode_to writes exactly decoded_size() bytes, whatever the length (its wide stores must
// stay inside the output), and rejects a bad character in any block, first to last.
TEST(Base64url, DecodeToStaysWithinItsOutput) {
  std::string all;
  for (int i = 0; i < 64; ++i) all.push_back(static_cast<char>(i * 37 + 11));
  for (std::size_t n = 0; n <= all.size(); ++n) {
    const std::string text = b64::encode(all.substr(0, n));
    std::string out(n + 8, '\x5a');
    ASSERT_TRUE(b64::decode_to(text, out.data())) << n;
    EXPECT_EQ(out.substr(0, n), all.substr(0, n)) << n;
    EXPECT_EQ(out.substr(n), std::string(8, '\x5a')) << "wrote past the output, n=" << n;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      std::string bad = text;
      bad[pos] = '=';
      EXPECT_FALSE(b64::decode_to(bad, out.data())) << n << " " << pos;
    }
  }
}

TEST(Base64url, RejectsLengthOneModFour) {
  for (const char* text : {"A", "Zm9vY", "Zm9vYmFyZ", "AAAAA"}) {
    EXPECT_FALSE(b64::decode(text)) << text;
  }
}

TEST(Base64url, DecodeErrorIsMalformed) {
  const auto result = b64::decode("Zg==");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), jot::Errc::kMalformed);
  EXPECT_EQ(result.error().message(), "invalid base64url");
  EXPECT_THROW((void)b64::decode("#").value(), jot::JsonWebTokenError);
}

TEST(Base64url, EncodeAppendAndDecodeIntoReuseCapacity) {
  std::string out = "prefix.";
  out.reserve(64);
  const char* buffer = out.data();
  b64::encode_append("foobar", out);
  EXPECT_EQ(out, "prefix.Zm9vYmFy");
  EXPECT_EQ(out.data(), buffer);

  std::string decoded;
  decoded.reserve(64);
  const char* dbuf = decoded.data();
  ASSERT_TRUE(b64::decode_into("Zm9vYmFy", decoded));
  EXPECT_EQ(decoded, "foobar");
  EXPECT_EQ(decoded.data(), dbuf);
  // decode_into replaces the previous contents.
  ASSERT_TRUE(b64::decode_into("Zg", decoded));
  EXPECT_EQ(decoded, "f");
  ASSERT_TRUE(b64::decode_into("", decoded));
  EXPECT_EQ(decoded, "");
}

TEST(Base64url, SizeHelpers) {
  EXPECT_EQ(b64::encoded_size(0), 0U);
  EXPECT_EQ(b64::encoded_size(1), 2U);
  EXPECT_EQ(b64::encoded_size(2), 3U);
  EXPECT_EQ(b64::encoded_size(3), 4U);
  EXPECT_EQ(b64::encoded_size(32), 43U);
  EXPECT_EQ(b64::decoded_size(43), 32U);
  EXPECT_EQ(b64::decoded_size(86), 64U);
  EXPECT_EQ(b64::decoded_size(0), 0U);
}

// The RFC 7515 examples: each token's payload segment decodes to the transcribed payload,
// and re-encoding gives back the exact segment.
TEST(Base64url, Rfc7515TokenSegments) {
  const boost::json::value vectors = jot_test::load_json("vectors/rfc/rfc7515.json");
  std::size_t checked = 0;
  for (const auto& entry : vectors.as_array()) {
    const auto& obj = entry.as_object();
    if (!obj.contains("token") || !obj.contains("payload")) continue;
    const std::string_view token = obj.at("token").as_string();
    const std::size_t dot1 = token.find('.');
    const std::size_t dot2 = token.find('.', dot1 + 1);
    if (dot1 == std::string_view::npos || dot2 == std::string_view::npos) continue;
    const std::string_view segment = token.substr(dot1 + 1, dot2 - dot1 - 1);
    const auto decoded = b64::decode(segment);
    ASSERT_TRUE(decoded) << segment;
    EXPECT_EQ(*decoded, std::string_view(obj.at("payload").as_string()));
    EXPECT_EQ(b64::encode(*decoded), segment);
    // The signature segment decodes too, and is canonical.
    const std::string_view signature = token.substr(dot2 + 1);
    const auto sig = b64::decode(signature);
    ASSERT_TRUE(sig) << signature;
    EXPECT_EQ(b64::encode(*sig), signature);
    ++checked;
  }
  EXPECT_GT(checked, 0U);
}

}  // namespace
