// Charset: bytes of a page in any encoding -> UTF-8, the only encoding the
// parser and the rest of ecwatch read. Thread-safe (no shared state).
#ifndef ECWATCH_EXTRACT_CHARSET_H_
#define ECWATCH_EXTRACT_CHARSET_H_

#include <string>
#include <string_view>

namespace ecwatch {

struct DecodedText {
  std::string utf8;     // always valid UTF-8
  std::string charset;  // the iconv name of the source encoding decided ("UTF-8", "GB18030")
};

// Decides the encoding in this order: byte-order mark; charset= of
// `content_type`; for HTML, <meta charset> / <meta http-equiv> in the first
// limits::kMaxCharsetSniffBytes; then detection (uchardet) when nothing is
// declared, the declared name is unknown, or the bytes contradict it (a
// "UTF-8" page full of invalid sequences, a legacy-charset page that is in
// fact valid multi-byte UTF-8). Labels follow the WHATWG Encoding standard
// (iso-8859-1 and us-ascii decode as windows-1252, gb2312/gbk as GB18030,
// shift_jis as CP932, euc-kr as CP949, big5 as CP950). Invalid or truncated
// sequences become U+FFFD; never fails.
DecodedText DecodeToUtf8(std::string_view content_type, std::string_view bytes, bool is_html);

// True when DecodeToUtf8 would return `bytes` unchanged (valid UTF-8, no
// BOM, decided UTF-8): callers may then use the bytes without a copy.
bool IsUsableAsUtf8(std::string_view content_type, std::string_view bytes, bool is_html);

// The charset= parameter of a Content-Type value, lowercase, unquoted; "" if none.
std::string CharsetFromContentType(std::string_view content_type);

// The charset declared by a <meta> tag in the first bytes of an HTML page,
// lowercase; "" if none.
std::string SniffMetaCharset(std::string_view bytes);

// The iconv name for a WHATWG encoding label, "" when unknown.
std::string CanonicalCharset(std::string_view label);

// Valid UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF)?
bool IsValidUtf8(std::string_view bytes);

// `bytes` with every maximal invalid subsequence replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view bytes);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_CHARSET_H_
