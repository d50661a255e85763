// Charset decision (BOM, header, <meta>, uchardet) and conversion with glibc
// iconv; the only file of ecwatch that includes <iconv.h> and uchardet.
// Tested by charset_test.cc.
#include "extract/charset.h"

#include <errno.h>
#include <iconv.h>
#include <uchardet.h>

#include <cstdint>
#include <cstring>
#include <memory>

#include "base/limits.h"

namespace ecwatch {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid there.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + 1 >= s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

// Length of the maximal invalid subpart at s[i] (Unicode "U+FFFD substitution
// of maximal subparts"): a lead byte plus the continuation bytes that were
// still acceptable before the sequence broke off; at least 1.
size_t InvalidSubpartLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 1;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  size_t k = 1;
  for (; k < len && i + k < s.size(); ++k) {
    unsigned char b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) break;
  }
  return k;
}

struct Utf8Stats {
  size_t multibyte = 0;  // valid sequences of 2-4 bytes
  size_t invalid = 0;    // invalid positions
};

// Index of the first byte >= 0x80 at or after `i` (s.size() if none),
// checking 32, then eight bytes at a time.
size_t SkipAscii(std::string_view s, size_t i) {
  while (i + 32 <= s.size()) {
    uint64_t words[4];
    std::memcpy(words, s.data() + i, 32);
    if ((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080ull) break;
    i += 32;
  }
  while (i + 8 <= s.size()) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats stats;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      i = SkipAscii(s, i);
      continue;
    }
    size_t len = Utf8SequenceLength(s, i);
    if (len == 0) {
      ++stats.invalid, ++i;
    } else {
      ++stats.multibyte, i += len;
    }
  }
  return stats;
}

// RAII owner of an iconv_t conversion descriptor.
class IconvHandle {
 public:
  explicit IconvHandle(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~IconvHandle() {
    if (ok()) iconv_close(cd_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Converts with iconv; an invalid input byte becomes U+FFFD and is skipped.
bool ConvertWithIconv(std::string_view bytes, const std::string& from, std::string* out) {
  IconvHandle cd(from);
  if (!cd.ok()) return false;
  out->clear();
  out->reserve(bytes.size() * 3 / 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buffer[16384];
  while (in_left > 0) {
    char* dst = buffer;
    size_t dst_left = sizeof(buffer);
    size_t rc = iconv(cd.get(), &in, &in_left, &dst, &dst_left);
    out->append(buffer, dst - buffer);
    if (rc != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    out->append(kReplacement);  // EILSEQ (invalid) or EINVAL (truncated at end)
    ++in, --in_left;
    iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // reset shift state
  }
  char* dst = buffer;
  size_t dst_left = sizeof(buffer);
  iconv(cd.get(), nullptr, nullptr, &dst, &dst_left);
  out->append(buffer, dst - buffer);
  return true;
}

struct UchardetDeleter {
  void operator()(uchardet* ud) const { uchardet_delete(ud); }
};

std::string DetectCharset(std::string_view bytes) {
  std::unique_ptr<uchardet, UchardetDeleter> ud(uchardet_new());
  if (!ud) return "";
  size_t len = std::min(bytes.size(), limits::kMaxDetectorBytes);
  if (uchardet_handle_data(ud.get(), bytes.data(), len) != 0) return "";
  uchardet_data_end(ud.get());
  const char* name = uchardet_get_charset(ud.get());
  return name ? CanonicalCharset(name) : "";
}

// "UTF-8" / "UTF-16LE" / "UTF-16BE" from a byte-order mark; sets *skip.
std::string CharsetFromBom(std::string_view bytes, size_t* skip) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return *skip = 3, "UTF-8";
  if (bytes.substr(0, 2) == "\xFF\xFE") return *skip = 2, "UTF-16LE";
  if (bytes.substr(0, 2) == "\xFE\xFF") return *skip = 2, "UTF-16BE";
  return "";
}

// Finds `charset=` in `s` and returns its (possibly quoted) value, lowercase.
std::string CharsetParameter(std::string_view s) {
  std::string lower = ToLower(s);
  size_t pos = lower.find("charset");
  while (pos != std::string::npos) {
    size_t p = pos + 7;
    while (p < lower.size() && (lower[p] == ' ' || lower[p] == '\t')) ++p;
    if (p < lower.size() && lower[p] == '=') {
      ++p;
      while (p < lower.size() && (lower[p] == ' ' || lower[p] == '\t')) ++p;
      char quote = (p < lower.size() && (lower[p] == '"' || lower[p] == '\'')) ? lower[p++] : 0;
      size_t end = p;
      while (end < lower.size() && lower[end] != ';' && lower[end] != quote &&
             (quote || (lower[end] != ' ' && lower[end] != '"' && lower[end] != '\''))) {
        ++end;
      }
      return std::string(Trim(std::string_view(lower).substr(p, end - p)));
    }
    pos = lower.find("charset", pos + 7);
  }
  return "";
}

bool IsUtf8Label(const std::string& canonical) { return canonical == "UTF-8"; }

DecodedText Decode(std::string_view bytes, const std::string& charset) {
  DecodedText out;
  if (IsUtf8Label(charset)) {
    out.utf8 = IsValidUtf8(bytes) ? std::string(bytes) : SanitizeUtf8(bytes);
    out.charset = "UTF-8";
    return out;
  }
  if (!ConvertWithIconv(bytes, charset, &out.utf8)) return Decode(bytes, "UTF-8");
  out.utf8 = SanitizeUtf8(out.utf8);  // iconv output is valid, but be sure
  out.charset = charset;
  return out;
}

// The encoding to use for `bytes` given a declared one ("" when none).
std::string DecideCharset(const std::string& declared, std::string_view bytes) {
  Utf8Stats stats = ScanUtf8(bytes);
  if (declared.empty()) {
    if (stats.invalid == 0) return "UTF-8";
    std::string detected = DetectCharset(bytes);
    return detected.empty() ? "WINDOWS-1252" : detected;
  }
  if (IsUtf8Label(declared)) {
    // A few stray bytes in a UTF-8 page are damage; many mean a wrong label.
    if (stats.invalid * 20 <= stats.multibyte + 1) return "UTF-8";
    std::string detected = DetectCharset(bytes);
    return detected.empty() ? "UTF-8" : detected;
  }
  if (declared.rfind("UTF-16", 0) == 0) return "UTF-8";  // only a BOM can declare UTF-16
  // A legacy label on bytes that are in fact multi-byte UTF-8: the label is wrong.
  if (stats.invalid == 0 && stats.multibyte >= 2) return "UTF-8";
  return declared;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) { return ScanUtf8(bytes).invalid == 0; }

std::string SanitizeUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t run_start = 0, i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      i = SkipAscii(bytes, i);
      continue;
    }
    size_t len = Utf8SequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out.append(bytes.substr(run_start, i - run_start));
    out.append(kReplacement);
    i += InvalidSubpartLength(bytes, i);
    run_start = i;
  }
  out.append(bytes.substr(run_start));
  return out;
}

std::string CanonicalCharset(std::string_view label) {
  std::string l = ToLower(Trim(label));
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "unicode20utf8") {
    return "UTF-8";
  }
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "l1" || l == "us-ascii" ||
      l == "ascii" || l == "windows-1252" || l == "cp1252" || l == "x-cp1252" ||
      l == "iso_8859-1" || l == "cp819" || l == "ibm819") {
    return "WINDOWS-1252";
  }
  if (l == "gb2312" || l == "gbk" || l == "gb18030" || l == "x-gbk" || l == "cp936" ||
      l == "chinese" || l == "csgb2312" || l == "iso-ir-58" || l == "euc-cn") {
    return "GB18030";
  }
  if (l == "big5" || l == "big5-hkscs" || l == "cn-big5" || l == "x-x-big5" || l == "csbig5" ||
      l == "cp950") {
    return "CP950";
  }
  if (l == "shift_jis" || l == "shift-jis" || l == "sjis" || l == "ms_kanji" || l == "x-sjis" ||
      l == "windows-31j" || l == "csshiftjis" || l == "ms932" || l == "cp932") {
    return "CP932";
  }
  if (l == "euc-kr" || l == "ks_c_5601-1987" || l == "korean" || l == "windows-949" ||
      l == "cp949" || l == "uhc" || l == "csksc56011987") {
    return "CP949";
  }
  if (l == "utf-16" || l == "utf-16le") return "UTF-16LE";
  if (l == "utf-16be") return "UTF-16BE";
  if (l.empty() || l.size() > 40) return "";
  for (char c : l) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == ':' || c == '.';
    if (!ok) return "";
  }
  std::string upper = l;
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  IconvHandle probe(upper);
  return probe.ok() ? upper : "";
}

std::string CharsetFromContentType(std::string_view content_type) {
  return CharsetParameter(content_type);
}

std::string SniffMetaCharset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, limits::kMaxCharsetSniffBytes);
  size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    if (head.compare(pos, 4, "<!--") == 0) {
      size_t close = head.find("-->", pos + 4);
      if (close == std::string_view::npos) return "";
      pos = close + 3;
      continue;
    }
    size_t close = head.find('>', pos);
    if (close == std::string_view::npos) return "";
    std::string tag = ToLower(head.substr(pos, close - pos));
    pos = close + 1;
    if (tag.rfind("<meta", 0) != 0 || (tag.size() > 5 && tag[5] != ' ' && tag[5] != '\t' &&
                                       tag[5] != '\n' && tag[5] != '\r' && tag[5] != '/')) {
      continue;
    }
    std::string value = CharsetParameter(tag);
    if (!value.empty()) return value;
  }
  return "";
}

// The charset to decode `bytes` with; *bom_skip is set to the BOM's length.
std::string ChooseCharset(std::string_view content_type, std::string_view bytes, bool is_html,
                          size_t* bom_skip) {
  *bom_skip = 0;
  std::string bom = CharsetFromBom(bytes, bom_skip);
  if (!bom.empty()) return bom;
  std::string declared = CanonicalCharset(CharsetFromContentType(content_type));
  if (declared.empty() && is_html) declared = CanonicalCharset(SniffMetaCharset(bytes));
  return DecideCharset(declared, bytes);
}

DecodedText DecodeToUtf8(std::string_view content_type, std::string_view bytes, bool is_html) {
  size_t bom_skip = 0;
  std::string charset = ChooseCharset(content_type, bytes, is_html, &bom_skip);
  return Decode(bytes.substr(bom_skip), charset);
}

bool IsUsableAsUtf8(std::string_view content_type, std::string_view bytes, bool is_html) {
  size_t bom_skip = 0;
  return ChooseCharset(content_type, bytes, is_html, &bom_skip) == "UTF-8" && bom_skip == 0 &&
         IsValidUtf8(bytes);
}

}  // namespace ecwatch
