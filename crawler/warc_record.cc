// One WARC record's text: file names, sha256 digest labels, and ParseWarcRecord
// (headers, Content-Length, digests, the HTTP message of a `response`).
//
// Format: ISO 28500:2017 (WARC/1.1), section 4 (record syntax), 5.x (named
// fields) and the application/http block of `response` records. Tested by
// tests/crawler/warc_record_test.cc and, through the reader,
// tests/crawler/warc_reader_test.cc.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/limits.h"
#include "base/sha256.h"
#include "crawler/warc_reader.h"

namespace ecwatch {
namespace {

constexpr std::string_view kCrlf2 = "\r\n\r\n";
constexpr std::string_view kFilePrefix = "ecwatch-";
constexpr std::string_view kFileSuffix = ".warc.gz";

std::string Base32(const unsigned char* bytes, std::size_t n) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  while (out.size() % 8 != 0) out += '=';
  return out;
}

std::string HexToBytes(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    unsigned value = 0;
    std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, value, 16);
    out[i] = static_cast<char>(value);
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// Splits "Name: value" CRLF lines (no continuation lines: neither we nor
// common writers fold headers). Corruption on a line without ':', TooLarge
// over limits::kMaxWarcHeaderFields lines.
Status ParseFields(std::string_view text, Fields* fields, const char* what) {
  while (!text.empty()) {
    std::size_t eol = text.find("\r\n");
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 2);
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return Status::Corruption(std::string("bad ") + what + " line");
    if (fields->size() >= limits::kMaxWarcHeaderFields) {
      return Status::TooLarge(std::string("over ") + std::to_string(limits::kMaxWarcHeaderFields) +
                              " " + what + " lines");
    }
    fields->emplace_back(std::string(Trim(line.substr(0, colon))),
                         std::string(Trim(line.substr(colon + 1))));
  }
  return Status::Ok();
}

// Where the header block of text ends (the offset of CRLF CRLF), with errors
// for a missing end and for headers over `cap` bytes.
Status FindHeaderEnd(std::string_view text, std::size_t cap, const char* what, std::size_t* end) {
  *end = text.substr(0, cap + kCrlf2.size()).find(kCrlf2);
  if (*end != std::string_view::npos) return Status::Ok();
  if (text.size() > cap) {
    return Status::TooLarge(std::string(what) + " over " + std::to_string(cap) + " bytes");
  }
  return Status::Corruption(std::string(what) + " not terminated");
}

const std::string* Find(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (Lower(key) == name) return &value;
  }
  return nullptr;
}

bool ParseDecimal(std::string_view text, uint64_t* value) {
  if (text.empty() || text.size() > 19) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size();
}

// "YYYY-MM-DDThh:mm:ss[.fraction]Z" to Unix seconds; 0 when unparsable.
int64_t ParseWarcDate(const std::string& text) {
  int64_t days = 0;
  int h = 0, m = 0, s = 0;
  if (!ParseIsoDate(text, &days) || text.size() < 20 || text[10] != 'T') return 0;
  if (std::sscanf(text.c_str() + 11, "%2d:%2d:%2d", &h, &m, &s) != 3) return 0;
  return days * 86400 + h * 3600 + m * 60 + s;
}

// Ok when the digest is not sha256 (unchecked) or matches data.
Status CheckDigest(const std::string* label, std::string_view data, const char* what) {
  if (label == nullptr) return Status::Ok();
  const std::size_t colon = label->find(':');
  if (colon == std::string::npos || Lower(label->substr(0, colon)) != "sha256") return Status::Ok();
  std::string expected = label->substr(colon + 1);
  std::string actual;
  if (expected.size() == 64) {
    expected = Lower(expected);
    actual = Sha256Hex(data);
  } else {
    expected.erase(std::remove(expected.begin(), expected.end(), '='), expected.end());
    expected = Upper(expected);
    actual = WarcSha256Digest(data).substr(7);
    actual.erase(std::remove(actual.begin(), actual.end(), '='), actual.end());
  }
  if (expected == actual) return Status::Ok();
  return Status::Corruption(std::string(what) + " mismatch (stored " + *label + ")");
}

// The HTTP response message of a `response` block: status, headers, body.
Status ParseHttpMessage(std::string_view block, WarcRecord* record) {
  std::size_t end = 0;
  if (Status s = FindHeaderEnd(block, limits::kMaxHeaderBytes, "HTTP headers", &end); !s.ok()) {
    return s;
  }
  std::string_view head = block.substr(0, end);
  const std::size_t eol = head.find("\r\n");
  const std::string_view status_line = head.substr(0, eol);
  if (status_line.substr(0, 5) != "HTTP/" || status_line.find(' ') == std::string_view::npos) {
    return Status::Corruption("bad HTTP status line");
  }
  uint64_t status = 0;
  const std::string_view rest = status_line.substr(status_line.find(' ') + 1);
  if (!ParseDecimal(rest.substr(0, 3), &status)) return Status::Corruption("bad HTTP status");
  record->http_status = static_cast<long>(status);
  if (eol != std::string_view::npos) {
    if (Status s = ParseFields(head.substr(eol + 2), &record->headers, "HTTP header"); !s.ok()) {
      return s;
    }
  }
  const std::string* type = Find(record->headers, "content-type");
  record->content_type = type != nullptr ? *type : "";
  record->payload = std::string(block.substr(end + 4));
  return Status::Ok();
}

// Splits data into WARC header fields and the block, checking Content-Length.
Status SplitRecord(const std::string& data, Fields* fields, std::string_view* block) {
  std::size_t end = 0;
  if (Status s = FindHeaderEnd(data, limits::kMaxWarcHeaderBytes, "WARC headers", &end); !s.ok()) {
    return s;
  }
  const std::size_t eol = data.find("\r\n");  // <= end
  const std::string_view version = std::string_view(data).substr(0, eol);
  if (version != "WARC/1.1" && version != "WARC/1.0")
    return Status::Corruption("not a WARC record");
  if (eol < end) {  // else the record has no fields at all
    const std::string_view lines = std::string_view(data).substr(eol + 2, end - eol - 2);
    if (Status s = ParseFields(lines, fields, "WARC header"); !s.ok()) return s;
  }
  const std::string* length_text = Find(*fields, "content-length");
  uint64_t length = 0;
  if (length_text == nullptr || !ParseDecimal(*length_text, &length)) {
    return Status::Corruption("missing or bad Content-Length");
  }
  const std::size_t stored = data.size() - (end + 4);
  if (stored < kCrlf2.size() || stored - kCrlf2.size() != length ||
      data.compare(data.size() - 4, 4, kCrlf2) != 0) {
    return Status::Corruption("Content-Length " + std::to_string(length) + " but block of " +
                              std::to_string(stored >= 4 ? stored - 4 : 0) + " bytes");
  }
  *block = std::string_view(data).substr(end + 4, length);
  return Status::Ok();
}

}  // namespace

std::string WarcFileName(int64_t days_since_epoch) {
  const std::string iso = FormatIso8601(days_since_epoch * 86400);  // YYYY-MM-DDT...
  return std::string(kFilePrefix) + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) +
         std::string(kFileSuffix);
}

bool ParseWarcFileName(std::string_view name, int64_t* days_since_epoch) {
  if (name.size() != kFilePrefix.size() + 8 + kFileSuffix.size() ||
      name.substr(0, kFilePrefix.size()) != kFilePrefix ||
      name.substr(name.size() - kFileSuffix.size()) != kFileSuffix) {
    return false;
  }
  const std::string_view digits = name.substr(kFilePrefix.size(), 8);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const std::string iso = std::string(digits.substr(0, 4)) + "-" +
                          std::string(digits.substr(4, 2)) + "-" + std::string(digits.substr(6, 2));
  return ParseIsoDate(iso, days_since_epoch) && WarcFileName(*days_since_epoch) == name;
}

std::string WarcSha256Digest(std::string_view data) {
  const std::string raw = HexToBytes(Sha256Hex(data));
  return "sha256:" + Base32(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

Status ParseWarcRecord(const std::string& data, WarcRecord* record) {
  Fields fields;
  std::string_view block;
  if (Status s = SplitRecord(data, &fields, &block); !s.ok()) return s;
  auto get = [&fields](std::string_view name) {
    const std::string* v = Find(fields, name);
    return v != nullptr ? *v : std::string();
  };
  record->type = get("warc-type");
  record->target_uri = get("warc-target-uri");
  record->date = get("warc-date");
  record->date_seconds = ParseWarcDate(record->date);
  record->record_id = get("warc-record-id");
  record->http_status = 0;
  record->headers.clear();
  if (record->type.empty()) return Status::Corruption("no WARC-Type");
  if (Status s = CheckDigest(Find(fields, "warc-block-digest"), block, "WARC-Block-Digest");
      !s.ok()) {
    return s;
  }
  const std::string content_type = get("content-type");
  if (record->type == "response" && Lower(content_type).rfind("application/http", 0) == 0) {
    if (Status s = ParseHttpMessage(block, record); !s.ok()) return s;
  } else {
    record->content_type = content_type;
    record->payload = std::string(block);
  }
  return CheckDigest(Find(fields, "warc-payload-digest"), record->payload, "WARC-Payload-Digest");
}

}  // namespace ecwatch
