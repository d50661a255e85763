// Every cap on a size that input controls, as a named constant.
//
// A cap is crossed by bad or hostile input, never by normal news pages; each
// is documented in README.md ("Limits") and each has a test that crosses it.
#ifndef ECWATCH_BASE_LIMITS_H_
#define ECWATCH_BASE_LIMITS_H_

#include <cstddef>

namespace ecwatch::limits {

// Fetching (crawler/).
inline constexpr std::size_t kMaxBodyBytes = 16 << 20;       // after decompression
inline constexpr long kMaxRedirects = 5;
inline constexpr long kConnectTimeoutSeconds = 10;
inline constexpr long kTotalTimeoutSeconds = 30;
inline constexpr std::size_t kMaxHeaderBytes = 64 << 10;      // all response headers
inline constexpr std::size_t kMaxFeedItems = 1000;            // links taken from one feed/page

// Extraction (extract/).
inline constexpr std::size_t kMaxHtmlBytes = kMaxBodyBytes;   // bytes handed to the parser
inline constexpr unsigned kMaxNestingDepth = 400;             // deeper elements are flattened
inline constexpr std::size_t kMaxTextBytes = 2 << 20;         // extracted main text
inline constexpr std::size_t kMaxLinksPerPage = 5000;
inline constexpr std::size_t kMaxTitleBytes = 1024;

// Extraction internals (added by extract/).
inline constexpr std::size_t kMaxJsonLdScripts = 32;           // <script type=ld+json> kept per page
inline constexpr std::size_t kMaxJsonLdBytes = 2 << 20;        // one JSON-LD body parsed at most
inline constexpr std::size_t kMaxCharsetSniffBytes = 64 << 10; // bytes scanned for <meta charset>
inline constexpr std::size_t kMaxDetectorBytes = 256 << 10;    // bytes fed to the charset detector
inline constexpr std::size_t kMaxBatchFiles = 1000000;         // files of one extract batch
inline constexpr std::size_t kMaxHtmlElements = 100000;        // start tags handed to the parser

// Rules (rules/).
inline constexpr std::size_t kMaxRules = 10000;
inline constexpr std::size_t kMaxRuleFileBytes = 4 << 20;
inline constexpr std::size_t kMaxPatternBytes = 64 << 10;
inline constexpr long long kRe2SetMaxMem = 256ll << 20;       // RE2::Set DFA budget
inline constexpr long long kRe2MaxMem = 8ll << 20;            // per compiled rule
inline constexpr std::size_t kMaxMatchesPerDocument = 5000;
inline constexpr std::size_t kMaxEventsPerDocument = 200;

// Rules matcher speed (rules/atom_scanner.h).
inline constexpr std::size_t kMaxAtomScannerBytes = 128 << 20;  // prefilter automaton table
inline constexpr std::size_t kMaxAtomsPerPattern = 64;           // atoms whose formula is learned

// Config.
inline constexpr std::size_t kMaxConfigBytes = 1 << 20;
inline constexpr std::size_t kMaxSources = 5000;

// crawler/ additions (sitemaps, robots.txt, XML).
inline constexpr std::size_t kMaxSitemapEntries = 50000;      // sitemaps protocol maximum
inline constexpr std::size_t kMaxXmlBytes = kMaxBodyBytes;    // feed/sitemap bytes, also after gunzip
inline constexpr std::size_t kMaxRobotsBytes = 500 << 10;     // RFC 9309 2.5: at least 500 KiB parsed
inline constexpr std::size_t kMaxUrlBytes = 8 << 10;          // one URL, for canonicalisation
inline constexpr std::size_t kMaxRobotsHosts = 10000;         // robots.txt policies cached at once

// Alerts (issue 6: stories, sinks, outbox, search).
inline constexpr std::size_t kMaxSinks = 100;                 // [[sink]] tables in a config
inline constexpr int kMaxPendingEventsPerPass = 1000;         // events turned into stories at once
inline constexpr int kMaxDeliveriesPerPass = 100;             // outbox rows attempted at once
inline constexpr std::size_t kMaxSourcesPerAlert = 200;       // sources listed in one alert body
inline constexpr std::size_t kMaxWebhookResponseBytes = 64 << 10;  // receiver's reply kept
inline constexpr std::size_t kMaxExecOutputBytes = 64 << 10;  // exec sink output kept for errors
inline constexpr int kMaxListedAlerts = 10000;                // `alerts --limit` upper bound
inline constexpr int kMaxSearchResults = 1000;                // `search --limit` upper bound

// WARC captures (crawler/warc.h, crawler/warc_reader.h).
inline constexpr std::size_t kMaxWarcHeaderBytes = 64 << 10;  // WARC header block of one record
// One decompressed record: body + HTTP headers + WARC headers.
inline constexpr std::size_t kMaxWarcRecordBytes =
    kMaxBodyBytes + kMaxHeaderBytes + kMaxWarcHeaderBytes;
// Compressed bytes of one gzip member (stored deflate blocks add 5 bytes per 64 KiB).
inline constexpr std::size_t kMaxWarcMemberBytes = kMaxWarcRecordBytes + (1 << 20);
inline constexpr std::size_t kMaxWarcFilesPerDir = 100000;    // files one reader walks
inline constexpr std::size_t kMaxWarcHeaderFields = 256;      // WARC or HTTP header lines of one record

// Crawl scheduling (crawler/multi_fetcher.h, crawler/host_gate.h, crawler/retry.h, app/crawl).
inline constexpr int kMaxConcurrency = 256;                   // [crawler] concurrency upper bound
inline constexpr long long kMaxRetryAfterSeconds = 24 * 3600; // a server's Retry-After honoured up to
inline constexpr double kMaxCrawlDelaySeconds = 60;           // robots.txt Crawl-delay honoured up to
inline constexpr std::size_t kMaxHostsTracked = 10000;        // politeness entries kept at once
inline constexpr std::size_t kMaxFrontierBatch = 1000;        // due URLs read from the frontier at once

// Near-duplicates (extract/simhash.h, store/store.cc PutDocument).
inline constexpr std::size_t kMaxSimHashTextBytes = 256 << 10;  // text bytes fingerprinted
inline constexpr int kMaxNearDuplicateCandidates = 5000;        // recent documents compared
inline constexpr long long kNearDuplicateWindowSeconds = 7 * 86400;  // how far back compared
inline constexpr int kMaxNearDuplicateChecks = 20;              // candidate texts compared in full

// Crawl speed (store/near_duplicates.h).
inline constexpr std::size_t kMaxNearDuplicatePairsCached = 4096;  // text comparisons remembered

}  // namespace ecwatch::limits

#endif  // ECWATCH_BASE_LIMITS_H_
