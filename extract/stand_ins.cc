// Stand-ins for text runs: encoding, the check that the parser keeps a run
// unchanged, and the expansion. Tested by stand_ins_test.cc.
#include "extract/stand_ins.h"

namespace ecwatch {
namespace {

constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static_assert(kDigits.size() == 52);

int DigitValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  return -1;
}

// Gumbo 0.10.1 utf8.c utf8_is_invalid_code_point: read as U+FFFD.
bool ParserReplaces(uint32_t cp) {
  return (cp >= 0x1 && cp <= 0x8) || cp == 0xB || (cp >= 0xE && cp <= 0x1F) ||
         (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
         (cp & 0xFFFF) == 0xFFFE || (cp & 0xFFFF) == 0xFFFF;
}

// Decodes one well-formed UTF-8 sequence at s[*i] (advancing *i), or
// returns false for a malformed, overlong, surrogate or out-of-range one.
bool DecodeUtf8(std::string_view s, size_t* i, uint32_t* cp) {
  const unsigned char lead = static_cast<unsigned char>(s[*i]);
  size_t extra;
  uint32_t min;
  if (lead < 0x80) {
    *cp = lead, ++*i;
    return true;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1, min = 0x80, *cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2, min = 0x800, *cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3, min = 0x10000, *cp = lead & 0x07;
  } else {
    return false;
  }
  if (s.size() - *i <= extra) return false;
  for (size_t k = 1; k <= extra; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) return false;
    *cp = (*cp << 6) | (b & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return false;
  *i += extra + 1;
  return true;
}

}  // namespace

void AppendStandIn(size_t index, std::string* out) {
  out->append(kStandInMarker);
  char digits[kStandInDigits];
  for (size_t k = kStandInDigits; k-- > 0;) {
    digits[k] = kDigits[index % 52];
    index /= 52;
  }
  out->append(digits, kStandInDigits);
}

bool ParserKeepsText(std::string_view run) {
  for (size_t i = 0; i < run.size();) {
    const unsigned char c = static_cast<unsigned char>(run[i]);
    if (c < 0x80) {
      if (c == '&' || c == '<' || c == '\0' || c == '\r' || ParserReplaces(c)) return false;
      ++i;
      continue;
    }
    uint32_t cp;
    if (!DecodeUtf8(run, &i, &cp) || ParserReplaces(cp) || cp == 0xE000) return false;
  }
  return true;
}

std::string ExpandStandIns(std::string_view text, const TextRuns& runs) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (size_t marker; (marker = text.find(kStandInMarker, pos)) != std::string_view::npos;) {
    out.append(text.substr(pos, marker - pos));
    pos = marker + kStandInMarker.size();
    size_t index = 0;
    bool valid = text.size() - pos >= kStandInDigits;
    for (size_t k = 0; valid && k < kStandInDigits; ++k) {
      const int digit = DigitValue(text[pos + k]);
      valid = digit >= 0;
      index = index * 52 + static_cast<size_t>(digit < 0 ? 0 : digit);
    }
    if (!valid || index >= runs.ends.size()) {
      out.append(kStandInMarker);  // not ours: kept
      continue;
    }
    out.append(runs.Run(index));
    pos += kStandInDigits;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace ecwatch
