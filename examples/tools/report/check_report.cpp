// Checks an HTML report written by `invforecast run`:
//   check_report <report.html> [--charts N] [--sections N]
// - well-formed XML (the report is written as XHTML-compatible markup): every element closed
//   and properly nested, attribute values quoted, no duplicate attribute, only the five XML
//   entities or numeric character references, one root element <html>;
// - self-contained: no <script>, <link>, <img>, <iframe>, no src= attribute and no href that
//   leaves the page (only "#..." anchors);
// - exactly N <svg class="chart"> elements and N <section> elements when asked.
// Exit code 0 when every check passes, 1 otherwise (the first problem is printed with its line).

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct checker {
  std::string_view text;
  std::size_t pos = 0;
  std::vector<std::string> stack;
  std::size_t charts = 0;
  std::size_t sections = 0;
  std::size_t elements = 0;
  bool root_seen = false;
  std::string problem;

  [[nodiscard]] std::size_t line() const {
    std::size_t n = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i) n += text[i] == '\n' ? 1U : 0U;
    return n;
  }
  bool fail(const std::string& message) {
    if (problem.empty()) problem = "line " + std::to_string(line()) + ": " + message;
    return false;
  }
  static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':' || c == '.';
  }
  std::string name() {
    const std::size_t start = pos;
    while (pos < text.size() && name_char(text[pos])) ++pos;
    return std::string(text.substr(start, pos - start));
  }
  void spaces() {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t' || text[pos] == '\r')) {
      ++pos;
    }
  }
  bool entity() {  // at '&'
    const std::size_t end = text.find(';', pos);
    if (end == std::string_view::npos || end - pos > 10) return fail("'&' not starting an entity");
    const std::string_view e = text.substr(pos + 1, end - pos - 1);
    static const std::set<std::string_view> named{"amp", "lt", "gt", "quot", "apos"};
    bool ok = named.count(e) != 0;
    if (!ok && e.size() > 1 && e[0] == '#') {
      ok = true;
      const bool hex = e[1] == 'x';
      for (std::size_t i = hex ? 2 : 1; i < e.size(); ++i) {
        const char c = e[i];
        ok = ok && ((c >= '0' && c <= '9') ||
                    (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))));
      }
    }
    if (!ok) return fail("unknown entity &" + std::string(e) + ";");
    pos = end + 1;
    return true;
  }
  bool text_until_tag() {
    while (pos < text.size() && text[pos] != '<') {
      if (text[pos] == '&') {
        if (!entity()) return false;
      } else {
        ++pos;
      }
    }
    return true;
  }
  bool tag() {  // at '<'
    if (text.substr(pos, 4) == "<!--") {
      const std::size_t end = text.find("-->", pos + 4);
      if (end == std::string_view::npos) return fail("unterminated comment");
      pos = end + 3;
      return true;
    }
    if (text.substr(pos, 9) == "<!DOCTYPE") {
      if (root_seen) return fail("DOCTYPE after the root element");
      const std::size_t end = text.find('>', pos);
      if (end == std::string_view::npos) return fail("unterminated DOCTYPE");
      pos = end + 1;
      return true;
    }
    if (text.substr(pos, 2) == "</") {
      pos += 2;
      const std::string n = name();
      spaces();
      if (pos >= text.size() || text[pos] != '>') return fail("malformed end tag </" + n);
      ++pos;
      if (stack.empty()) return fail("end tag </" + n + "> without a start tag");
      if (stack.back() != n) return fail("</" + n + "> closes <" + stack.back() + ">");
      stack.pop_back();
      return true;
    }
    ++pos;
    const std::string n = name();
    if (n.empty()) return fail("'<' not starting a tag");
    if (stack.empty()) {
      if (root_seen) return fail("second root element <" + n + ">");
      if (n != "html") return fail("root element <" + n + ">, expected <html>");
      root_seen = true;
    }
    static const std::set<std::string> forbidden{"script", "link",   "img",
                                                 "iframe", "object", "embed"};
    if (forbidden.count(n) != 0) return fail("<" + n + "> (the report must be self-contained)");
    ++elements;
    std::map<std::string, std::string> attributes;
    while (true) {
      spaces();
      if (pos >= text.size()) return fail("unterminated tag <" + n);
      if (text[pos] == '>' || text.substr(pos, 2) == "/>") break;
      const std::string a = name();
      if (a.empty()) return fail("bad attribute in <" + n + ">");
      spaces();
      if (pos >= text.size() || text[pos] != '=') return fail("attribute " + a + " without value");
      ++pos;
      spaces();
      if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) {
        return fail("unquoted value of attribute " + a);
      }
      const char quote = text[pos++];
      const std::size_t start = pos;
      while (pos < text.size() && text[pos] != quote) {
        if (text[pos] == '<') return fail("'<' in the value of attribute " + a);
        if (text[pos] == '&') {
          if (!entity()) return false;
        } else {
          ++pos;
        }
      }
      if (pos >= text.size()) return fail("unterminated value of attribute " + a);
      const std::string value(text.substr(start, pos - start));
      ++pos;
      if (!attributes.emplace(a, value).second) return fail("duplicate attribute " + a);
      if (a == "src") return fail("src= attribute (the report must be self-contained)");
      if (a == "href" && (value.empty() || value[0] != '#')) {
        return fail("href=\"" + value + "\" leaves the page");
      }
    }
    const bool empty = text[pos] == '/';
    pos += empty ? 2 : 1;
    if (n == "svg") {
      const auto c = attributes.find("class");
      if (c != attributes.end() && c->second.find("chart") != std::string::npos) ++charts;
    }
    if (n == "section") ++sections;
    if (!empty) {
      stack.push_back(n);
      if (n == "style") {  // raw text up to </style>
        const std::size_t end = text.find("</style>", pos);
        if (end == std::string_view::npos) return fail("unterminated <style>");
        if (text.substr(pos, end - pos).find('<') != std::string_view::npos) {
          return fail("'<' inside <style>");
        }
        pos = end;
      }
    }
    return true;
  }
  bool run() {
    while (pos < text.size()) {
      if (!text_until_tag()) return false;
      if (pos < text.size() && !tag()) return false;
      if (root_seen && stack.empty()) {
        spaces();
        if (pos < text.size()) return fail("content after the root element");
      }
    }
    if (!root_seen) return fail("no root element");
    if (!stack.empty()) return fail("<" + stack.back() + "> is never closed");
    return true;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: check_report <report.html> [--charts N] [--sections N]\n";
    return 2;
  }
  long want_charts = -1, want_sections = -1;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const long value = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--charts") want_charts = value;
    if (flag == "--sections") want_sections = value;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot open\n";
    return 1;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string content = buffer.str();
  checker c;
  c.text = content;
  if (!c.run()) {
    std::cerr << argv[1] << ": " << c.problem << "\n";
    return 1;
  }
  std::cout << argv[1] << ": well-formed, " << c.elements << " elements, " << c.charts
            << " charts, " << c.sections << " sections, self-contained\n";
  bool ok = true;
  if (want_charts >= 0 && static_cast<long>(c.charts) != want_charts) {
    std::cerr << "expected " << want_charts << " charts, found " << c.charts << "\n";
    ok = false;
  }
  if (want_sections >= 0 && static_cast<long>(c.sections) != want_sections) {
    std::cerr << "expected " << want_sections << " sections, found " << c.sections << "\n";
    ok = false;
  }
  return ok ? 0 : 1;
}
