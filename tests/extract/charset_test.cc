// Tests for extract/charset.h: the decision order and conversion of legacy
// encodings; encoded bytes are generated here with iconv from UTF-8 text.
#include "extract/charset.h"

#include <iconv.h>

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "tests/extract/encoded_pages.h"

namespace ecwatch {
namespace {

using testing_pages::Encode;

TEST_CASE("CharsetFromContentType reads the charset parameter", "[charset]") {
  CHECK(CharsetFromContentType("text/html; charset=UTF-8") == "utf-8");
  CHECK(CharsetFromContentType("text/html;charset=\"gbk\"") == "gbk");
  CHECK(CharsetFromContentType("text/html") == "");
}

TEST_CASE("SniffMetaCharset reads meta charset and http-equiv", "[charset]") {
  CHECK(SniffMetaCharset("<html><head><meta charset=\"shift_jis\">") == "shift_jis");
  CHECK(SniffMetaCharset("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Big5\">") ==
        "big5");
  CHECK(SniffMetaCharset("<!-- <meta charset=\"koi8-r\"> --><meta charset=utf-8>") == "utf-8");
  CHECK(SniffMetaCharset("<p>no meta</p>") == "");
}

TEST_CASE("CanonicalCharset follows the WHATWG label mapping", "[charset]") {
  CHECK(CanonicalCharset("ISO-8859-1") == "WINDOWS-1252");
  CHECK(CanonicalCharset("us-ascii") == "WINDOWS-1252");
  CHECK(CanonicalCharset("gb2312") == "GB18030");
  CHECK(CanonicalCharset("GBK") == "GB18030");
  CHECK(CanonicalCharset("shift_jis") == "CP932");
  CHECK(CanonicalCharset("euc-kr") == "CP949");
  CHECK(CanonicalCharset("big5") == "CP950");
  CHECK(CanonicalCharset("utf8") == "UTF-8");
  CHECK(CanonicalCharset("koi8-r") == "KOI8-R");
  CHECK(CanonicalCharset("no-such-charset") == "");
  CHECK(CanonicalCharset("x\"; rm") == "");
}

TEST_CASE("SanitizeUtf8 replaces maximal invalid subparts with U+FFFD", "[charset]") {
  CHECK(SanitizeUtf8("ok") == "ok");
  CHECK(SanitizeUtf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(SanitizeUtf8("a\xE2\x82" "b") == "a\xEF\xBF\xBD" "b");    // truncated 3-byte sequence
  CHECK(SanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(SanitizeUtf8("end\xF0\x9F\x98") == "end\xEF\xBF\xBD");
  CHECK(IsValidUtf8("\xE4\xB8\xAD\xF0\x9F\x98\x80"));
  CHECK_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
}

TEST_CASE("DecodeToUtf8 honours a BOM over every declaration", "[charset]") {
  DecodedText d = DecodeToUtf8("text/html; charset=iso-8859-1", "\xEF\xBB\xBF\xC3\xA9", true);
  CHECK(d.utf8 == "\xC3\xA9");
  CHECK(d.charset == "UTF-8");
  DecodedText le = DecodeToUtf8("", std::string("\xFF\xFE" "a\0\xE9\0", 6), true);
  CHECK(le.utf8 == "a\xC3\xA9");
}

TEST_CASE("DecodeToUtf8 prefers the header over <meta>", "[charset]") {
  std::string page = "<meta charset=\"windows-1251\"><p>" + Encode("Привет", "KOI8-R") + "</p>";
  DecodedText d = DecodeToUtf8("text/html; charset=koi8-r", page, true);
  CHECK(d.charset == "KOI8-R");
  CHECK(d.utf8.find("Привет") != std::string::npos);
}

TEST_CASE("DecodeToUtf8 converts every legacy page of the fixture set", "[charset]") {
  for (const auto& page : testing_pages::LegacyPages()) {
    INFO(page.charset);
    std::string bytes = Encode(page.utf8_html, page.charset);
    REQUIRE(bytes != page.utf8_html);
    DecodedText declared = DecodeToUtf8("text/html; charset=" + page.charset, bytes, true);
    CHECK(declared.utf8 == page.utf8_html);
    DecodedText sniffed = DecodeToUtf8("", bytes, true);  // no header, <meta> in the page
    CHECK(sniffed.utf8 == page.utf8_html);
  }
}

TEST_CASE("DecodeToUtf8 detects undeclared CJK and Cyrillic pages", "[charset]") {
  for (const auto& page : testing_pages::LegacyPages()) {
    if (!page.detectable) continue;
    INFO(page.charset);
    std::string undeclared = testing_pages::WithoutMetaCharset(page.utf8_html);
    DecodedText d = DecodeToUtf8("", Encode(undeclared, page.charset), true);
    CHECK(d.utf8 == undeclared);
  }
}

TEST_CASE("DecodeToUtf8 overrides a wrong declaration", "[charset]") {
  const auto pages = testing_pages::LegacyPages();
  const auto& gbk = pages.front();
  // Declared UTF-8 but actually GB18030: detection takes over.
  std::string undeclared = testing_pages::WithoutMetaCharset(gbk.utf8_html);
  DecodedText d = DecodeToUtf8("text/html; charset=utf-8", Encode(undeclared, "GB18030"), true);
  CHECK(d.utf8 == undeclared);
  // Declared ISO-8859-1 but the bytes are multi-byte UTF-8.
  DecodedText u = DecodeToUtf8("text/html; charset=iso-8859-1", undeclared, true);
  CHECK(u.utf8 == undeclared);
}

TEST_CASE("DecodeToUtf8 replaces invalid sequences and never fails", "[charset]") {
  std::string gbk = Encode("中文新闻", "GB18030");
  std::string broken = gbk.substr(0, 4) + "\xFF\xFF" + gbk.substr(4) + "\x81";  // bad + truncated
  DecodedText d = DecodeToUtf8("text/html; charset=gbk", broken, true);
  CHECK(IsValidUtf8(d.utf8));
  CHECK(d.utf8.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(d.utf8.find("新闻") != std::string::npos);
  std::string sjis_truncated = Encode("日本語", "CP932");
  sjis_truncated.pop_back();
  CHECK(IsValidUtf8(DecodeToUtf8("text/html; charset=shift_jis", sjis_truncated, true).utf8));
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919) & 0xFF);
  for (const char* cs : {"", "utf-8", "gbk", "big5", "shift_jis", "euc-kr", "utf-16le"}) {
    CHECK(IsValidUtf8(DecodeToUtf8(std::string("text/html; charset=") + cs, noise, true).utf8));
  }
}

TEST_CASE("Detection reads only the first kMaxDetectorBytes", "[charset][limits]") {
  // Undeclared bytes: kMaxDetectorBytes of windows-1251 Russian, then four
  // times as much GB18030 Chinese. Over the whole input uchardet gives no
  // answer; over the first kMaxDetectorBytes it says windows-1251.
  const std::string ru = Encode(
      "Россия ограничила экспорт редкоземельных металлов на один год, сообщило министерство. ",
      "WINDOWS-1251");
  const std::string zh = Encode("中国商务部宣布暂停稀土出口管制措施一年，此举引起了国际市场的广泛关注。", "GB18030");
  std::string prefix;
  while (prefix.size() < limits::kMaxDetectorBytes) prefix += ru;
  prefix.resize(limits::kMaxDetectorBytes);  // single-byte charset: any cut is clean
  std::string tail;
  while (tail.size() < 4 * limits::kMaxDetectorBytes) tail += zh;
  REQUIRE(DecodeToUtf8("", tail, false).charset == "GB18030");  // the tail alone would win
  const DecodedText d = DecodeToUtf8("", prefix + tail, false);
  CHECK(d.charset == "WINDOWS-1251");
  CHECK(d.utf8.rfind("Россия ограничила", 0) == 0);
}

}  // namespace
}  // namespace ecwatch
