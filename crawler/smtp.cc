// SendMail over libcurl's SMTP, and the RFC 5322 text/plain message builder.
//
// Tested by tests/crawler/smtp_test.cc (a tiny SMTP server on 127.0.0.1).
#include "crawler/smtp.h"
#include "crawler/url.h"

#include <curl/curl.h>
#include <time.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace ecwatch {
namespace {

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t OnRead(char* buffer, size_t size, size_t n, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t left = upload->data->size() - upload->offset;
  const size_t take = std::min(left, size * n);
  std::memcpy(buffer, upload->data->data() + upload->offset, take);
  upload->offset += take;
  return take;
}

bool IsAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && c != '\r' && c != '\n';
  });
}

std::string Base64(const std::string& in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 "encoded-word" for a non-ASCII header value.
std::string HeaderText(const std::string& value) {
  if (IsAscii(value)) return value;
  return "=?UTF-8?B?" + Base64(value) + "?=";
}

std::string RfcDate(long long unix_seconds) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
           kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// Body lines with CRLF ends (bare LF and CR normalised).
std::string CrlfBody(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') continue;
    if (body[i] == '\n') {
      out += "\r\n";
    } else {
      out += body[i];
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

}  // namespace

std::string BuildMailMessage(const std::string& from, const std::vector<std::string>& to,
                             const std::string& subject, const std::string& body,
                             const std::string& message_id, long long unix_seconds) {
  std::string recipients;
  for (const std::string& r : to) recipients += (recipients.empty() ? "" : ", ") + r;
  std::string m;
  m += "From: " + from + "\r\n";
  m += "To: " + recipients + "\r\n";
  m += "Subject: " + HeaderText(subject) + "\r\n";
  m += "Date: " + RfcDate(unix_seconds) + "\r\n";
  m += "Message-ID: <" + message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: 8bit\r\n";
  m += "\r\n";
  m += CrlfBody(body);
  return m;
}

Status SendMail(const SmtpMessage& msg) {
  const bool smtps = msg.url.rfind("smtps://", 0) == 0;
  if (!smtps && msg.url.rfind("smtp://", 0) != 0) {
    return Status::InvalidArgument(UrlForLog(msg.url) + ": not an smtp:// or smtps:// URL");
  }
  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) return Status::NetworkError(UrlForLog(msg.url) + ": curl_easy_init failed");
  std::unique_ptr<curl_slist, ListDeleter> rcpt;
  for (const std::string& r : msg.to) {
    curl_slist* grown = curl_slist_append(rcpt.get(), r.c_str());
    if (!grown) return Status::NetworkError(UrlForLog(msg.url) + ": out of memory");
    rcpt.release();
    rcpt.reset(grown);
  }
  Upload upload{&msg.message, 0};
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* h = easy.get();
  curl_easy_setopt(h, CURLOPT_URL, msg.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, msg.from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
  if (!smtps && msg.require_starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  if (!msg.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, msg.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, msg.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &OnRead);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(msg.message.size()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, std::min(msg.timeout_seconds, 10L));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, msg.timeout_seconds);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    return Status::NetworkError(UrlForLog(msg.url) + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  }
  return Status::Ok();
}

}  // namespace ecwatch
