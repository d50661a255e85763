// HtmlDocument: the only file of ecwatch that includes <gumbo.h>. It parses
// UTF-8 bytes with Gumbo and mirrors the tree into DomNodes that point into
// Gumbo's output (no string copies). Tested by html_document_test.cc.
#include "extract/html_document.h"

#include <gumbo.h>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

#include "base/limits.h"

namespace ecwatch {

// Owns all memory of one parse. Gumbo allocates through it: small blocks come
// from per-size free lists carved out of 256 KiB chunks, large ones from
// malloc; everything is released at once when the document dies, so the
// tree is never walked by gumbo_destroy_output. Not thread-safe (one parse).
class HtmlDocument::ParserOutput {
 public:
  ParserOutput() = default;
  ~ParserOutput() {
    for (void* p : large_) std::free(p);
    ChunkPool& pool = Pool();
    while (!chunks_.empty() && pool.size() < kPooledChunks) {
      pool.push_back(std::move(chunks_.back()));
      chunks_.pop_back();
    }
  }
  ParserOutput(const ParserOutput&) = delete;
  ParserOutput& operator=(const ParserOutput&) = delete;

  static void* Allocate(void* self, size_t size) {
    return static_cast<ParserOutput*>(self)->Allocate(size);
  }
  static void Deallocate(void* self, void* ptr) {
    if (ptr) static_cast<ParserOutput*>(self)->Deallocate(ptr);
  }

  GumboOutput* output = nullptr;

 private:
  static constexpr size_t kHeader = 16;  // keeps payloads 16-byte aligned
  static constexpr int kClasses = 13;    // 16 B .. 64 KiB
  static constexpr size_t kChunkBytes = 256 << 10;
  static constexpr uint32_t kLarge = 0xFFFFFFFF;

  // The smallest c with 16 << c >= size.
  static int ClassOf(size_t size) {
    return size <= 16 ? 0 : static_cast<int>(std::bit_width(size - 1)) - 4;
  }

  void* Allocate(size_t size) {
    if (size > (size_t{16} << (kClasses - 1))) return AllocateLarge(size);
    int c = ClassOf(size);
    char* block;
    if (free_[c]) {
      block = free_[c];
      free_[c] = *reinterpret_cast<char**>(block + kHeader);
    } else {
      size_t need = kHeader + (size_t{16} << c);
      if (chunk_left_ < need) NewChunk();
      block = chunk_next_;
      chunk_next_ += need;
      chunk_left_ -= need;
    }
    *reinterpret_cast<uint32_t*>(block) = static_cast<uint32_t>(c);
    return block + kHeader;
  }

  void Deallocate(void* ptr) {
    char* block = static_cast<char*>(ptr) - kHeader;
    uint32_t c = *reinterpret_cast<uint32_t*>(block);
    if (c == kLarge) {
      for (void*& p : large_) {
        if (p == block) {
          std::free(block);
          p = large_.back();
          large_.pop_back();
          return;
        }
      }
      return;
    }
    *reinterpret_cast<char**>(block + kHeader) = free_[c];
    free_[c] = block;
  }

  void* AllocateLarge(size_t size) {
    char* block = static_cast<char*>(std::malloc(kHeader + size));
    if (!block) throw std::bad_alloc();
    *reinterpret_cast<uint32_t*>(block) = kLarge;
    large_.push_back(block);
    return block + kHeader;
  }

  // Chunks of finished parses are kept per thread (up to kPooledChunks) so the
  // next parse reuses warm pages instead of faulting in fresh ones.
  using ChunkPool = std::vector<std::unique_ptr<char[]>>;
  static constexpr size_t kPooledChunks = 32;  // 8 MiB per thread
  static ChunkPool& Pool() {
    thread_local ChunkPool pool;
    return pool;
  }

  void NewChunk() {
    ChunkPool& pool = Pool();
    if (!pool.empty()) {
      chunks_.push_back(std::move(pool.back()));
      pool.pop_back();
    } else {
      chunks_.push_back(std::unique_ptr<char[]>(new char[kChunkBytes]));  // not zeroed
    }
    chunk_next_ = chunks_.back().get();
    chunk_left_ = kChunkBytes;
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<void*> large_;
  char* free_[kClasses] = {};
  char* chunk_next_ = nullptr;
  size_t chunk_left_ = 0;
};

namespace {

std::string_view TagName(const GumboElement& element) {
  if (element.tag == GUMBO_TAG_UNKNOWN) return "unknown";
  return gumbo_normalized_tagname(element.tag);
}

struct PendingNode {
  const GumboNode* node;
  DomNode* parent;
  unsigned depth;
};

}  // namespace

std::unique_ptr<HtmlDocument> HtmlDocument::Parse(std::string utf8_html, TextRuns runs) {
  std::unique_ptr<HtmlDocument> doc(new HtmlDocument());
  doc->buffer_ = std::move(utf8_html);
  doc->runs_ = std::move(runs);
  doc->output_ = std::make_unique<ParserOutput>();
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never read parse errors; don't record them
  options.allocator = &ParserOutput::Allocate;
  options.deallocator = &ParserOutput::Deallocate;
  options.userdata = doc->output_.get();
  doc->output_->output =
      gumbo_parse_with_options(&options, doc->buffer_.data(), doc->buffer_.size());
  doc->Build();
  return doc;
}

HtmlDocument::~HtmlDocument() = default;

// A text node's content, its stand-ins expanded.
std::string_view HtmlDocument::TextOf(const char* parsed) {
  std::string_view text = parsed;
  if (runs_.ends.empty() || text.find(kStandInMarker) == std::string_view::npos) return text;
  return expanded_.emplace_back(ExpandStandIns(text, runs_));
}

// Mirrors Gumbo's tree with an explicit stack (Gumbo's tree may be deeper
// than our stack could recurse); nodes below kMaxNestingDepth are attached to
// their deepest allowed ancestor.
void HtmlDocument::Build() {
  std::vector<PendingNode> stack;
  const GumboNode* gumbo_root = output_->output->root;
  root_ = NewNode();
  root_->tag = "html";
  const GumboVector& root_attrs = gumbo_root->v.element.attributes;
  for (unsigned i = 0; i < root_attrs.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(root_attrs.data[i]);
    root_->attrs.emplace_back(attr->name, attr->value);
  }
  const GumboVector& top = gumbo_root->v.element.children;
  for (unsigned i = top.length; i-- > 0;) {
    stack.push_back({static_cast<const GumboNode*>(top.data[i]), root_, 1});
  }
  while (!stack.empty()) {
    PendingNode pending = stack.back();
    stack.pop_back();
    const GumboNode* node = pending.node;
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        DomNode* text = NewNode();
        text->type = DomNode::Type::kText;
        text->text = TextOf(node->v.text.text);
        text->parent = pending.parent;
        pending.parent->children.push_back(text);
        break;
      }
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = node->v.element;
        DomNode* parent = pending.parent;
        unsigned depth = pending.depth;
        if (depth < limits::kMaxNestingDepth) {
          DomNode* dom = NewNode();
          dom->tag = TagName(element);
          dom->children.reserve(element.children.length);
          dom->attrs.reserve(element.attributes.length);
          for (unsigned i = 0; i < element.attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
            dom->attrs.emplace_back(attr->name, attr->value);
          }
          dom->parent = parent;
          parent->children.push_back(dom);
          if (element.tag == GUMBO_TAG_HEAD && !head_) head_ = dom;
          if (element.tag == GUMBO_TAG_BODY && !body_) body_ = dom;
          parent = dom;
          ++depth;
        }
        for (unsigned i = element.children.length; i-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(element.children.data[i]), parent, depth});
        }
        break;
      }
      default:
        break;  // comments, document
    }
  }
  if (!head_) head_ = NewNode(), head_->tag = "head", head_->parent = root_;
  if (!body_) body_ = NewNode(), body_->tag = "body", body_->parent = root_;
}

}  // namespace ecwatch
