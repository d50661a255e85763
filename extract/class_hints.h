// Class/id/role/tag hints about what a DOM element is: article text or page
// furniture (navigation, comments, sidebars, share bars, promos, cookie
// banners). Keyword lists, no per-site rules. Thread-safe (pure functions).
#ifndef ECWATCH_EXTRACT_CLASS_HINTS_H_
#define ECWATCH_EXTRACT_CLASS_HINTS_H_

#include <string_view>

#include "extract/dom.h"

namespace ecwatch {

// Elements that never carry article text (script, nav, aside, footer, form
// controls, media, ...).
bool IsBoilerplateTag(std::string_view tag);

// hidden, aria-hidden="true", or an inline style with display:none /
// visibility:hidden.
bool IsHidden(const DomNode& node);

// role= navigation, complementary, menu, dialog, alert, banner, ...
bool HasBoilerplateRole(const DomNode& node);

// class/id name page furniture (comment, sidebar, related, share, ...) and
// nothing article-like (article, content, post, story, ...).
bool IsUnlikelyCandidate(const DomNode& node);

// class/id/rel/itemprop mark a byline, dateline or timestamp.
bool IsBylineLike(const DomNode& node);

// A caption or credit (figcaption, class/id "caption", "credit").
bool IsCaptionLike(const DomNode& node);

// -25 per negative hint and +25 per positive hint, for class and id each.
double ClassWeight(const DomNode& node);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_CLASS_HINTS_H_
