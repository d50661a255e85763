// Multilingual fixture pages for the charset and extractor tests.
#include "tests/extract/encoded_pages.h"

#include <errno.h>
#include <iconv.h>

#include <catch2/catch.hpp>

namespace ecwatch::testing_pages {
namespace {

std::string Page(const std::string& label, const std::string& lang, const std::string& title,
                 const std::vector<std::string>& paragraphs, const std::string& nav) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"" + label +
                     "\"><title>" + title + "</title></head>\n<body><nav><ul><li><a href=\"/\">" +
                     nav + "</a></li><li><a href=\"/world\">" + nav + " 2</a></li></ul></nav>\n"
                     "<article><h1>" + title + "</h1>\n";
  for (const std::string& p : paragraphs) html += "<p>" + p + "</p>\n";
  html += "</article><footer><a href=\"/about\">" + nav + "</a> 2025</footer></body></html>\n";
  return html;
}

}  // namespace

std::vector<LegacyPage> LegacyPages() {
  std::vector<LegacyPage> pages;
  std::vector<std::string> zh = {
      "商务部今日宣布，暂停实施对部分稀土物项的出口管制措施，为期一年。这一决定旨在为中美双方继续进行经贸磋商创造良好环境。",
      "据新闻发言人介绍，相关措施原定于明年年初生效，涉及多种中重稀土及相关技术。企业仍需按照现行规定办理出口许可手续。",
      "分析人士认为，此举有助于缓解全球供应链的紧张局面，汽车、电子和新能源等行业的企业普遍对此表示欢迎。"};
  pages.push_back({"GB18030", Page("gbk", "zh-CN", "商务部宣布暂停稀土出口管制措施一年", zh, "首页"),
                   zh[0], true});
  std::vector<std::string> zh_tw = {
      "經濟部今日表示，將對半導體製造設備實施新的出口管制規定，相關廠商必須在出貨前取得許可證。",
      "官員指出，這項措施是為了配合國際合作夥伴的管制政策，並防止敏感技術流向特定國家或地區。",
      "業界代表認為，新規定將增加企業的行政成本，但大多數公司已經開始調整供應鏈以符合要求。"};
  pages.push_back({"BIG5", Page("big5", "zh-TW", "經濟部公布半導體設備出口管制新規定", zh_tw, "首頁"),
                   zh_tw[0], true});
  std::vector<std::string> ja = {
      "経済産業省は本日、先端半導体の製造装置に関する輸出管理を強化すると発表した。新しい規則は来月から施行される予定である。",
      "対象となるのは、回路の微細化に必要な露光装置や洗浄装置など二十三品目で、輸出には個別の許可が必要になる。",
      "業界団体は、企業の負担が増えることを懸念しつつも、国際的な協調の観点から一定の理解を示している。"};
  pages.push_back({"SHIFT_JIS", Page("shift_jis", "ja", "経済産業省、半導体製造装置の輸出管理を強化", ja, "ホーム"),
                   ja[0], true});
  std::vector<std::string> ko = {
      "산업통상자원부는 오늘 희토류 수출 통제에 대한 새로운 지침을 발표했다. 이번 지침은 다음 달부터 시행될 예정이다.",
      "정부 관계자는 이번 조치가 공급망 안정을 위한 것이라고 설명했다. 기업들은 수출 전에 관련 서류를 제출해야 한다.",
      "전문가들은 이번 결정이 국내 산업에 미치는 영향이 제한적일 것으로 보고 있다. 다만 일부 기업은 비용 증가를 우려하고 있다."};
  pages.push_back({"EUC-KR", Page("euc-kr", "ko", "정부, 희토류 수출 통제 새 지침 발표", ko, "홈"), ko[0], true});
  std::vector<std::string> ru = {
      "Министерство экономического развития объявило о временной приостановке экспортных ограничений на редкоземельные металлы сроком на один год.",
      "По словам представителей ведомства, решение принято для поддержки переговоров о торговле и стабилизации поставок сырья для промышленности.",
      "Эксперты считают, что эта мера поможет производителям электроники и автомобилей, которые испытывали трудности с закупками."};
  pages.push_back({"WINDOWS-1251", Page("windows-1251", "ru", "Экспортные ограничения приостановлены на год", ru, "Главная"),
                   ru[0], true});
  std::vector<std::string> fr = {
      "Le gouvernement a annoncé mercredi la suspension pour un an des contrôles à l’exportation sur les terres rares, une décision saluée par l’industrie.",
      "« Cette pause doit permettre de poursuivre les négociations commerciales », a déclaré le ministre, qui évoque un coût de 40 millions d’€ pour la filière.",
      "Les entreprises concernées devront néanmoins déclarer leurs expéditions chaque trimestre, précise le décret publié au Journal officiel."};
  pages.push_back({"WINDOWS-1252", Page("windows-1252", "fr", "Terres rares : les contrôles à l’exportation suspendus", fr, "Accueil"),
                   fr[0], false});
  std::vector<std::string> de = {
      "Die Bundesregierung hat am Mittwoch neue Ausfuhrkontrollen für Halbleiteranlagen beschlossen, die ab März gelten sollen.",
      "Betroffen sind Geräte für die Fertigung moderner Chips; Unternehmen müssen künftig für jede Lieferung eine Genehmigung beantragen.",
      "Der Branchenverband äußerte Verständnis für die Maßnahme, warnte aber vor höheren Kosten für mittelständische Zulieferer."};
  pages.push_back({"ISO-8859-1", Page("iso-8859-1", "de", "Neue Ausfuhrkontrollen für Halbleiteranlagen", de, "Startseite"),
                   de[0], false});
  return pages;
}

std::string Encode(const std::string& utf8, const std::string& charset) {
  iconv_t cd = iconv_open(charset.c_str(), "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
  int err = errno;
  iconv_close(cd);
  INFO("encoding to " << charset << " errno " << err);
  REQUIRE(rc != static_cast<size_t>(-1));
  out.resize(out.size() - dst_left);
  return out;
}

std::string WithoutMetaCharset(const std::string& html) {
  size_t start = html.find("<meta charset=");
  if (start == std::string::npos) return html;
  size_t end = html.find('>', start);
  return html.substr(0, start) + html.substr(end + 1);
}

}  // namespace ecwatch::testing_pages
