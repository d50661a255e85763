// JSON-LD Article lookup over nlohmann-json (via base/json.h); any exception
// of the JSON library stops here. Tested by json_ld_test.cc.
#include "extract/json_ld.h"

#include <string_view>

#include "base/json.h"
#include "base/limits.h"

namespace ecwatch {
namespace {

constexpr int kMaxJsonDepth = 16;  // how deep the search for an Article goes

bool IsArticleType(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "Article",        "NewsArticle",   "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
      "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "TechArticle",
      "ScholarlyArticle", "Report",     "LiveBlogPosting", "SocialMediaPosting", "Blog",
      "AdvertiserContentArticle", "SatiricalArticle", "MedicalScholarlyArticle"};
  if (size_t colon = type.rfind('/'); colon != std::string_view::npos) type.remove_prefix(colon + 1);
  for (std::string_view t : kTypes) {
    if (type == t) return true;
  }
  return false;
}

bool HasArticleType(const Json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  if (it->is_string()) return IsArticleType(it->get_ref<const std::string&>());
  if (it->is_array()) {
    for (const Json& t : *it) {
      if (t.is_string() && IsArticleType(t.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

std::string StringField(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && (*it)[0].is_string()) return (*it)[0].get<std::string>();
  return "";
}

// A name from a string, a {"name": ...} object or an array of either.
std::string NameOf(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) return StringField(value, "name");
  if (value.is_array()) {
    std::string names;
    for (const Json& v : value) {
      std::string name = NameOf(v);
      if (name.empty() || names.find(name) != std::string::npos) continue;
      if (!names.empty()) names += ", ";
      names += name;
    }
    return names;
  }
  return "";
}

const Json* FindArticle(const Json& node, int depth) {
  if (depth > kMaxJsonDepth) return nullptr;
  if (node.is_object()) {
    if (HasArticleType(node)) return &node;
    for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
      auto it = node.find(key);
      if (it != node.end() && (it->is_object() || it->is_array())) {
        if (const Json* found = FindArticle(*it, depth + 1)) return found;
      }
    }
  } else if (node.is_array()) {
    for (const Json& item : node) {
      if (const Json* found = FindArticle(item, depth + 1)) return found;
    }
  }
  return nullptr;
}

Json ParseLenient(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_discarded()) return json;
  std::string blanked = text;
  for (char& c : blanked) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return Json::parse(blanked, nullptr, false);
}

void Fill(const Json& a, LdArticle* out) {
  out->headline = StringField(a, "headline");
  if (out->headline.empty()) out->headline = StringField(a, "name");
  out->date_published = StringField(a, "datePublished");
  if (out->date_published.empty()) out->date_published = StringField(a, "dateCreated");
  out->date_modified = StringField(a, "dateModified");
  if (auto it = a.find("author"); it != a.end()) out->author = NameOf(*it);
  if (auto it = a.find("publisher"); it != a.end()) out->publisher = NameOf(*it);
  out->article_body = StringField(a, "articleBody");
  out->language = StringField(a, "inLanguage");
  out->url = StringField(a, "url");
}

}  // namespace

LdArticle ParseJsonLd(const std::vector<std::string>& scripts) {
  LdArticle out;
  for (const std::string& script : scripts) {
    if (script.size() > limits::kMaxJsonLdBytes) continue;
    try {
      Json json = ParseLenient(script);
      if (json.is_discarded()) continue;
      if (const Json* article = FindArticle(json, 0)) {
        Fill(*article, &out);
        return out;
      }
    } catch (const std::exception&) {
      continue;  // a type mismatch deep inside: treat this script as absent
    }
  }
  return out;
}

}  // namespace ecwatch
