// Stand-ins: how the prescan hands long text runs to the HTML parser.
//
// The parser costs about as much per character of text as per character of
// markup, yet passes text through unchanged when it holds no character
// reference, NUL, CR or code point it replaces. The prescan moves such runs
// into a TextRuns and leaves a fixed-width stand-in (U+E000 and kStandInDigits
// ASCII letters: text to the parser, never whitespace) in their place;
// HtmlDocument puts the runs back into its text nodes. Pages that contain
// U+E000 themselves get no stand-ins. Pure functions, thread-safe.
#ifndef ECWATCH_EXTRACT_STAND_INS_H_
#define ECWATCH_EXTRACT_STAND_INS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ecwatch {

// The runs taken out of one page, in document order.
struct TextRuns {
  std::string bytes;           // all runs, concatenated
  std::vector<uint32_t> ends;  // run i is bytes[ends[i-1], ends[i]) (ends[-1] = 0)

  std::string_view Run(size_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(bytes).substr(begin, ends[i] - begin);
  }
};

inline constexpr std::string_view kStandInMarker = "\xEE\x80\x80";  // U+E000, private use
inline constexpr size_t kStandInDigits = 4;                         // letters A-Z a-z
inline constexpr size_t kStandInBytes = kStandInMarker.size() + kStandInDigits;
inline constexpr size_t kMaxStandIns = 52 * 52 * 52 * 52;
// Shorter runs stay in the page (a stand-in would save little).
inline constexpr size_t kMinStandInRunBytes = 12;

// Appends the stand-in of run `index` (< kMaxStandIns) to out.
void AppendStandIn(size_t index, std::string* out);

// Whether the parser returns `run` unchanged as (part of) a text node's
// content: valid UTF-8 without '&', '<', NUL, CR, or a code point the
// parser replaces by U+FFFD (controls other than TAB, LF and FF, C1
// controls, noncharacters), and without U+E000.
bool ParserKeepsText(std::string_view run);

// `text` (a text node's content) with each stand-in replaced by its run
// from `runs`; bytes that do not form a known stand-in are kept as they are.
std::string ExpandStandIns(std::string_view text, const TextRuns& runs);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_STAND_INS_H_
