// URL helpers for extract/: reference resolution (RFC 3986 section 5) and
// small predicates. Thread-safe (pure functions).
#ifndef ECWATCH_EXTRACT_URL_H_
#define ECWATCH_EXTRACT_URL_H_

#include <string>
#include <string_view>

namespace ecwatch {

// Resolves `ref` against the absolute URL `base`; surrounding whitespace of
// `ref` is ignored. Returns "" when `ref` is empty after trimming, or when
// `ref` is relative and `base` is not absolute (no "scheme:").
std::string ResolveUrl(std::string_view base, std::string_view ref);

// `url` without its "#fragment".
std::string_view StripFragment(std::string_view url);

// Starts with "http://" or "https://" (case-insensitive) and has a host.
bool IsHttpUrl(std::string_view url);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_URL_H_
