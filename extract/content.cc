// Main-content selection over the DOM: prune boilerplate, score paragraphs
// into their ancestors, pick and widen the winning container, clean it, and
// render it. Tested by content_test.cc and extraction_quality_test.cc.
#include "extract/content.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include "base/limits.h"
#include "extract/class_hints.h"
#include "extract/ld_body.h"
#include "extract/text.h"

namespace ecwatch {
namespace {

// Aggregates of a subtree, over nodes not marked removed.
struct Stats {
  uint32_t chars = 0;       // non-space characters of text
  uint32_t link_chars = 0;  // of which inside <a>
  uint32_t commas = 0;      // , ， 、 。
  uint32_t p_chars = 0;     // characters inside <p>/<pre>
  uint16_t paragraphs = 0;  // <p> elements
  uint16_t images = 0;
  uint16_t list_items = 0;
  uint16_t inputs = 0;
  uint16_t embeds = 0;
  uint32_t heading_chars = 0;
  uint32_t quote_chars = 0;  // characters inside <blockquote>
};

void CountText(std::string_view text, Stats* s) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || (c & 0xC0) == 0x80) continue;
    ++s->chars;
    if (c == ',') {
      ++s->commas;
    } else if (c == 0xEF && i + 2 < text.size() && text[i + 1] == '\xBC' && text[i + 2] == '\x8C') {
      ++s->commas;  // U+FF0C fullwidth comma
    } else if (c == 0xE3 && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\x81' || text[i + 2] == '\x82')) {
      ++s->commas;  // U+3001 、 and U+3002 。
    }
  }
}

void Add(Stats* to, const Stats& from) {
  to->chars += from.chars;
  to->link_chars += from.link_chars;
  to->commas += from.commas;
  to->p_chars += from.p_chars;
  to->paragraphs = static_cast<uint16_t>(std::min<int>(0xFFFF, to->paragraphs + from.paragraphs));
  to->images = static_cast<uint16_t>(std::min<int>(0xFFFF, to->images + from.images));
  to->list_items = static_cast<uint16_t>(std::min<int>(0xFFFF, to->list_items + from.list_items));
  to->inputs = static_cast<uint16_t>(std::min<int>(0xFFFF, to->inputs + from.inputs));
  to->embeds = static_cast<uint16_t>(std::min<int>(0xFFFF, to->embeds + from.embeds));
  to->heading_chars += from.heading_chars;
  to->quote_chars += from.quote_chars;
}

bool IsHeading(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

double LinkDensity(const Stats& s) { return s.chars ? double(s.link_chars) / s.chars : 0.0; }

class ContentExtractor {
 public:
  ContentExtractor(HtmlDocument* doc, const ContentHints& hints)
      : doc_(doc), hints_(hints), stats_(doc->node_count()), score_(doc->node_count(), 0.0),
        scored_(doc->node_count(), false), text_counted_(doc->node_count(), false) {}
  std::string Run();

 private:
  // Attempt settings.
  static constexpr unsigned kStripUnlikely = 1, kWeightClasses = 2, kCleanConditionally = 4;
  // A shorter result makes Run relax its settings and try again.
  static constexpr size_t kMinArticleBytes = 250;
  // Bylines and captions longer than this are kept (they may hold the story).
  static constexpr uint32_t kMaxBylineChars = 150, kMaxCaptionChars = 400;
  // A paragraph shorter than this that is mostly links is a "read more" line.
  static constexpr uint32_t kMaxLinkParagraphChars = 120;
  // A "social"/"embed" block that is mostly a quotation (an embedded post
  // quoted in the story) is kept by the unlikely-candidate pruning.
  static constexpr uint32_t kMinEmbeddedQuoteChars = 80;
  static bool IsEmbeddedQuote(const Stats& s) {
    return s.quote_chars >= kMinEmbeddedQuoteChars && s.quote_chars * 10 >= s.chars * 6;
  }
  // WidenToSplitArticle: levels examined, and what an ancestor must add.
  static constexpr int kMaxWidenLevels = 6;
  static constexpr double kWidenParagraphGain = 1.25;
  static constexpr uint32_t kMinWidenChars = 200;
  static constexpr double kMaxWidenLinkDensity = 0.2;

  // JSON-LD articleBody replaces a DOM result that covers less than
  // kMinLdCoverage of it, when it is at least kMinLdBodyBytes long.
  static constexpr size_t kMinLdBodyBytes = 500;
  static constexpr double kMinLdCoverage = 0.3;

  std::string RunAttempts();
  std::string ApplyLdBody(std::string dom_text);
  std::string Attempt();
  double Weight(const DomNode& node) const { return (flags_ & kWeightClasses) ? ClassWeight(node) : 0; }

  void PruneByTag(DomNode* node);
  const Stats& ComputeStats(DomNode* node);
  const Stats& SumChildren(DomNode* node);
  // Adds a text node's counts (computed once, then cached in stats_).
  void AddTextStats(const DomNode& text, Stats* to);
  void PruneUnlikely(DomNode* node, uint32_t protect_chars);
  void ScoreParagraphs();
  void AddScore(DomNode* node, double score);
  DomNode* PickTopCandidate();
  DomNode* RefineCandidate(DomNode* top);
  DomNode* WidenToSplitArticle(DomNode* top);
  std::vector<DomNode*> CollectSiblings(DomNode* top);
  void CleanConditionally(DomNode* node);
  bool ShouldDropInContent(DomNode* node, const Stats& s);
  void DropTitleHeadings(DomNode* node);

  HtmlDocument* doc_;
  ContentHints hints_;
  std::vector<Stats> stats_;
  std::vector<double> score_;
  std::vector<bool> scored_;
  std::vector<bool> text_counted_;  // stats_ of a text node are valid
  std::vector<DomNode*> candidates_;
  std::string title_key_;
  unsigned flags_ = 0;
};

// Elements never part of an article's text, and hidden ones.
void ContentExtractor::PruneByTag(DomNode* node) {
  for (DomNode* child : node->children) {
    if (!child->is_element()) continue;
    if (IsBoilerplateTag(child->tag) || IsHidden(*child) || HasBoilerplateRole(*child)) {
      child->removed = true;
      continue;
    }
    PruneByTag(child);
  }
}

const Stats& ContentExtractor::ComputeStats(DomNode* node) {
  for (DomNode* child : node->children) {
    if (child->is_element() && !child->removed) ComputeStats(child);
  }
  return SumChildren(node);
}

void ContentExtractor::AddTextStats(const DomNode& text, Stats* to) {
  Stats& cached = stats_[text.id];
  if (!text_counted_[text.id]) {
    cached = Stats();
    CountText(text.text, &cached);
    text_counted_[text.id] = true;
  }
  to->chars += cached.chars;
  to->commas += cached.commas;
}

// The stats of `node` from its children's (already computed) stats.
const Stats& ContentExtractor::SumChildren(DomNode* node) {
  Stats s;
  for (DomNode* child : node->children) {
    if (child->removed) continue;
    if (child->is_text()) {
      AddTextStats(*child, &s);
    } else {
      Add(&s, stats_[child->id]);
    }
  }
  std::string_view tag = node->tag;
  if (tag == "a") s.link_chars = s.chars;
  if (tag == "p" || tag == "pre") s.p_chars = s.chars;
  if (tag == "p") ++s.paragraphs;
  if (tag == "img") ++s.images;
  if (tag == "li") ++s.list_items;
  if (tag == "input" || tag == "select" || tag == "textarea" || tag == "button") ++s.inputs;
  if (tag == "object" || tag == "embed" || tag == "iframe" || tag == "video") ++s.embeds;
  if (IsHeading(tag)) s.heading_chars = s.chars;
  if (tag == "blockquote") s.quote_chars = s.chars;
  stats_[node->id] = s;
  return stats_[node->id];
}

// Removes blocks whose class/id say "not the article" (comments, sidebars,
// share bars...) unless they hold a large share of the page's paragraphs.
void ContentExtractor::PruneUnlikely(DomNode* node, uint32_t protect_chars) {
  for (DomNode* child : node->children) {
    if (!child->is_element() || child->removed) continue;
    std::string_view tag = child->tag;
    bool structural = tag == "article" || tag == "main" || tag == "body" || tag == "a" ||
                      tag == "table" || tag == "tbody" || tag == "tr" || tag == "td" ||
                      tag == "th" || tag == "p";
    const Stats& cs = stats_[child->id];
    if (!structural && !IsEmbeddedQuote(cs) && IsUnlikelyCandidate(*child) && cs.p_chars < protect_chars) {
      child->removed = true;
      continue;
    }
    if (tag == "form" && stats_[child->id].p_chars < protect_chars &&
        stats_[child->id].inputs > 0 && stats_[child->id].chars < 500) {
      child->removed = true;
      continue;
    }
    PruneUnlikely(child, protect_chars);
  }
}

double TagScore(const DomNode& node) {
  std::string_view tag = node.tag;
  double score = 0;
  if (tag == "div" || tag == "article" || tag == "main" || tag == "section") {
    score = 5;
  } else if (tag == "pre" || tag == "td" || tag == "blockquote") {
    score = 3;
  } else if (tag == "address" || tag == "ol" || tag == "ul" || tag == "dl" || tag == "dd" ||
             tag == "dt" || tag == "li" || tag == "form") {
    score = -3;
  } else if (IsHeading(tag) || tag == "th") {
    score = -5;
  }
  return score;
}

void ContentExtractor::AddScore(DomNode* node, double score) {
  if (!scored_[node->id]) {
    scored_[node->id] = true;
    score_[node->id] = TagScore(*node) + Weight(*node);
    candidates_.push_back(node);
  }
  score_[node->id] += score;
}

bool HasBlockChild(const DomNode& node) {
  for (const DomNode* child : node.children) {
    if (child->is_element() && !child->removed && IsBlockTag(child->tag)) return true;
  }
  return false;
}

// Each block with enough inline text is a paragraph; its score goes to its
// container (full), the container's parent (half) and further ancestors
// (a third divided by the distance), five levels at most.
void ContentExtractor::ScoreParagraphs() {
  std::vector<DomNode*> stack = {doc_->body()};
  while (!stack.empty()) {
    DomNode* node = stack.back();
    stack.pop_back();
    for (DomNode* child : node->children) {
      if (child->is_element() && !child->removed) stack.push_back(child);
    }
    std::string_view tag = node->tag;
    if (tag == "li" || tag == "a" || IsHeading(tag) || tag == "th" || tag == "dt" ||
        tag == "figcaption" || tag == "caption" || tag == "body") {
      continue;
    }
    bool paragraph_tag = tag == "p" || tag == "pre" || tag == "td" || tag == "blockquote";
    bool block = paragraph_tag || IsBlockTag(tag);
    if (!block) continue;
    Stats own;
    bool mixed = HasBlockChild(*node);
    for (DomNode* child : node->children) {
      if (child->removed) continue;
      if (child->is_text()) {
        AddTextStats(*child, &own);
      } else if (!IsBlockTag(child->tag)) {
        Add(&own, stats_[child->id]);
      }
    }
    if (own.chars < 25) continue;
    double score = 1 + own.commas + std::min(own.chars / 100, 3u);
    DomNode* container = mixed ? node : node->parent;
    for (int level = 0; container && level < 5; ++level, container = container->parent) {
      if (!container->is_element() || container == doc_->root()) break;
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      AddScore(container, score / divider);
    }
  }
}

DomNode* ContentExtractor::PickTopCandidate() {
  DomNode* top = nullptr;
  double best = 0;
  for (DomNode* node : candidates_) {
    score_[node->id] *= 1.0 - LinkDensity(stats_[node->id]);
    if (!top || score_[node->id] > best) top = node, best = score_[node->id];
  }
  return top;
}

bool Contains(const DomNode* ancestor, const DomNode* node) {
  for (; node; node = node->parent) {
    if (node == ancestor) return true;
  }
  return false;
}

// Widens the winner when several near-equal candidates share an ancestor,
// when its parent scores better, or when it is an only child.
DomNode* ContentExtractor::RefineCandidate(DomNode* top) {
  std::vector<DomNode*> sorted = candidates_;
  std::sort(sorted.begin(), sorted.end(),
            [&](DomNode* a, DomNode* b) { return score_[a->id] > score_[b->id]; });
  std::vector<DomNode*> close;
  for (size_t i = 1; i < sorted.size() && i < 5; ++i) {
    if (score_[sorted[i]->id] >= 0.75 * score_[top->id]) close.push_back(sorted[i]);
  }
  if (close.size() >= 3) {
    for (DomNode* up = top->parent; up && up != doc_->body() && up->is_element(); up = up->parent) {
      int contained = 0;
      for (DomNode* c : close) contained += Contains(up, c) ? 1 : 0;
      if (contained >= 3) {
        top = up;
        break;
      }
    }
  }
  double last = score_[top->id];
  double threshold = last / 3;
  for (DomNode* up = top->parent; up && up != doc_->body() && up != doc_->root(); up = up->parent) {
    if (!scored_[up->id]) continue;
    if (score_[up->id] < threshold) break;
    if (score_[up->id] > last) {
      top = up;
      break;
    }
    last = score_[up->id];
  }
  while (top->parent && top->parent != doc_->body() && top->parent != doc_->root()) {
    int elements = 0;
    for (DomNode* c : top->parent->children) elements += (c->is_element() && !c->removed) ? 1 : 0;
    if (elements != 1) break;
    top = top->parent;
  }
  return top;
}

// An article split into several sections (around figures, pull quotes,
// ads) scores as several candidates: while an ancestor holds clearly more
// paragraph text at about the same link density, move up to it.
DomNode* ContentExtractor::WidenToSplitArticle(DomNode* top) {
  DomNode* up = top;
  for (int level = 0; level < kMaxWidenLevels; ++level) {
    up = up->parent;
    if (!up || up == doc_->body() || up == doc_->root()) break;
    const Stats& mine = stats_[top->id];
    const Stats& theirs = stats_[up->id];
    if (theirs.p_chars <= mine.p_chars) continue;  // a wrapper adding nothing: look further up
    bool more_paragraphs = theirs.p_chars >= mine.p_chars * kWidenParagraphGain &&
                           theirs.p_chars >= mine.p_chars + kMinWidenChars;
    bool clean = LinkDensity(theirs) <= std::max(kMaxWidenLinkDensity, LinkDensity(mine) + 0.05);
    if (!more_paragraphs || !clean || Weight(*up) < 0) break;
    top = up;
  }
  return top;
}

bool EndsSentence(const DomNode& node) {
  std::string text = InlineText(node, 4096);
  return text.find(". ") != std::string::npos || (!text.empty() && text.back() == '.') ||
         text.find("\xE3\x80\x82") != std::string::npos;
}

// The winner plus siblings that look like more of the same article.
std::vector<DomNode*> ContentExtractor::CollectSiblings(DomNode* top) {
  if (!top->parent || top == doc_->body()) return {top};
  std::vector<DomNode*> out;
  double threshold = std::max(10.0, score_[top->id] * 0.2);
  std::string_view top_class = top->Attr("class");
  for (DomNode* sibling : top->parent->children) {
    if (sibling->removed || !sibling->is_element()) continue;
    if (sibling == top) {
      out.push_back(sibling);
      continue;
    }
    double bonus = (!top_class.empty() && sibling->Attr("class") == top_class) ? score_[top->id] * 0.2 : 0;
    bool append = scored_[sibling->id] && score_[sibling->id] + bonus >= threshold;
    if (!append && sibling->tag == "p") {
      const Stats& s = stats_[sibling->id];
      double density = LinkDensity(s);
      append = (s.chars > 80 && density < 0.25) || (s.chars > 0 && density == 0 && EndsSentence(*sibling));
    }
    if (append) out.push_back(sibling);
  }
  return out;
}

bool ContentExtractor::ShouldDropInContent(DomNode* node, const Stats& s) {
  if (IsEmbeddedQuote(s)) return false;
  double weight = Weight(*node);
  if (weight + (scored_[node->id] ? score_[node->id] : 0) < 0) return true;
  if (s.commas >= 10) return false;
  std::string_view tag = node->tag;
  bool is_list = tag == "ul" || tag == "ol";
  int p = s.paragraphs, img = s.images, li = int(s.list_items) - 100;
  double density = LinkDensity(s);
  double heading_density = s.chars ? double(s.heading_chars) / s.chars : 0;
  if (img > 1 && double(p) / img < 0.5) return true;
  if (!is_list && li > p) return true;
  if (s.inputs > p / 3) return true;
  if (!is_list && heading_density < 0.9 && s.chars < 25 && (img == 0 || img > 2)) return true;
  if (!is_list && weight < 25 && density > 0.2) return true;
  if (weight >= 25 && density > 0.5) return true;
  if ((s.embeds == 1 && s.chars < 75) || s.embeds > 1) return true;
  return false;
}

// Bottom-up: containers inside the article that look like boilerplate go.
void ContentExtractor::CleanConditionally(DomNode* node) {
  for (DomNode* child : node->children) {
    if (child->is_element() && !child->removed) CleanConditionally(child);
  }
  SumChildren(node);
  std::string_view tag = node->tag;
  const Stats& s = stats_[node->id];
  if ((s.chars < kMaxBylineChars && IsBylineLike(*node)) ||
      (s.chars < kMaxCaptionChars && IsCaptionLike(*node)) || node->tag == "figcaption" ||
      (tag == "p" && s.chars < kMaxLinkParagraphChars && LinkDensity(s) > 0.9)) {
    node->removed = true;
    return;
  }
  bool conditional = tag == "div" || tag == "section" || tag == "table" || tag == "ul" ||
                     tag == "ol" || tag == "form" || tag == "aside" || tag == "header";
  if (conditional && ShouldDropInContent(node, stats_[node->id])) node->removed = true;
}

std::string TitleKey(std::string_view text) {
  std::string key;
  for (char c : CollapseWhitespace(text)) {
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

void ContentExtractor::DropTitleHeadings(DomNode* node) {
  for (DomNode* child : node->children) {
    if (!child->is_element() || child->removed) continue;
    if (IsHeading(child->tag)) {
      std::string key = TitleKey(InlineText(*child, limits::kMaxTitleBytes * 2));
      if (!key.empty() && !title_key_.empty() &&
          (key == title_key_ || (child->tag == "h1" && title_key_.find(key) != std::string::npos))) {
        child->removed = true;
      }
      continue;
    }
    DropTitleHeadings(child);
  }
}

void ResetRemoved(DomNode* node) {
  node->removed = false;
  for (DomNode* child : node->children) {
    if (child->is_element()) ResetRemoved(child);
  }
}

// JSON-LD articleBody is a strong signal, not the truth: it is often a
// truncated teaser. It replaces the DOM result only when it is long and the
// DOM result shares little of it (the DOM pick went wrong or found nothing).
std::string ContentExtractor::ApplyLdBody(std::string dom_text) {
  if (hints_.ld_body.size() < kMinLdBodyBytes) return dom_text;
  std::string ld = LdBodyText(hints_.ld_body);
  if (ld.size() < kMinLdBodyBytes || ld.size() < dom_text.size() / 2) return dom_text;
  if (TrigramCoverage(ld, dom_text) >= kMinLdCoverage) return dom_text;
  return ld;
}

// Tries the strict settings first and relaxes them (as Readability does)
// while the text stays shorter than kMinArticleChars; keeps the longest.
std::string ContentExtractor::Run() { return ApplyLdBody(RunAttempts()); }

std::string ContentExtractor::RunAttempts() {
  title_key_ = TitleKey(hints_.title);
  std::string best;
  for (unsigned flags : {kStripUnlikely | kWeightClasses | kCleanConditionally,
                         kWeightClasses | kCleanConditionally, kCleanConditionally, 0u}) {
    flags_ = flags;
    std::string text = Attempt();
    if (text.size() >= kMinArticleBytes) return text;
    if (text.size() > best.size()) best = std::move(text);
    ResetRemoved(doc_->root());
    std::fill(score_.begin(), score_.end(), 0.0);
    std::fill(scored_.begin(), scored_.end(), false);
    candidates_.clear();
  }
  return best;
}

std::string ContentExtractor::Attempt() {
  DomNode* body = doc_->body();
  PruneByTag(body);
  ComputeStats(body);
  if (flags_ & kStripUnlikely) {
    PruneUnlikely(body, UINT32_MAX);
    ComputeStats(body);
  }
  ScoreParagraphs();
  DomNode* top = PickTopCandidate();
  std::vector<DomNode*> parts = {body};
  if (top) parts = CollectSiblings(WidenToSplitArticle(RefineCandidate(top)));
  TextBuilder out(limits::kMaxTextBytes);
  for (DomNode* part : parts) {
    if (flags_ & kCleanConditionally) CleanConditionally(part);
    if (part->removed && parts.size() > 1) continue;
    part->removed = false;
    DropTitleHeadings(part);
    out.BreakBlock();
    RenderText(*part, &out);
  }
  return out.Finish();
}

}  // namespace

std::string ExtractMainText(HtmlDocument* doc, const ContentHints& hints) {
  return ContentExtractor(doc, hints).Run();
}

}  // namespace ecwatch
