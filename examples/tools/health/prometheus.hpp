#pragma once

/// @file
/// Prometheus text exposition format (version 0.0.4): a writer for gauges and a strict parser
/// used to validate what the health check writes (Debian's promtool comes with the whole
/// Prometheus server, too heavy for CI).
///
/// The parser accepts exactly: blank lines; `# HELP <name> <text>`; `# TYPE <name> <type>` with
/// type counter, gauge, histogram, summary or untyped; other `#` comments; samples
/// `<name>[{<label>="<value>",...}] <value> [<timestamp ms>]`. It rejects a bad metric or label
/// name, an unquoted or badly escaped label value, a duplicate label, a value that is not a float
/// (or +Inf, -Inf, NaN), a TYPE or HELP given twice or a TYPE after the metric's samples,
/// samples of one metric not grouped together, the same series twice, and a missing final
/// newline.

#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/detail/format.hpp"
#include "invforecast/error.hpp"

namespace invforecast::tools::prometheus {

/// One gauge sample to write.
struct gauge {
  std::string name;
  std::string help;
  double value = 0;
  std::vector<std::pair<std::string, std::string>> labels{};
};

/// A label value with \, " and newline escaped.
inline std::string escape_label(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

/// A sample value: shortest round-trip text, NaN / +Inf / -Inf spelled as Prometheus does.
inline std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return invforecast::detail::format_general(v);  // the library's one checked formatter
}

/// Writes gauges in the text format; samples with the same name are grouped under one
/// HELP/TYPE header (the first gauge's help is used).
inline std::string write_gauges(const std::vector<gauge>& gauges) {
  std::string out;
  std::vector<std::string> order;
  std::map<std::string, std::vector<const gauge*>> by_name;
  for (const auto& g : gauges) {
    if (by_name[g.name].empty()) order.push_back(g.name);
    by_name[g.name].push_back(&g);
  }
  for (const auto& name : order) {
    const auto& list = by_name[name];
    std::string help;
    for (const char c : list.front()->help) {
      if (c == '\\') {
        help += "\\\\";
      } else if (c == '\n') {
        help += "\\n";
      } else {
        help += c;
      }
    }
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n";
    for (const auto* g : list) {
      out += name;
      if (!g->labels.empty()) {
        out += "{";
        for (std::size_t i = 0; i < g->labels.size(); ++i) {
          out += (i > 0 ? "," : "") + g->labels[i].first + "=\"" +
                 escape_label(g->labels[i].second) + "\"";
        }
        out += "}";
      }
      out += " " + format_value(g->value) + "\n";
    }
  }
  return out;
}

/// A parsed sample.
struct sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
  std::optional<long long> timestamp;
  std::size_t line = 0;
};

/// The result of parsing: the samples and the declared types.
struct exposition {
  std::vector<sample> samples;
  std::map<std::string, std::string> types;
  std::map<std::string, std::string> help;

  /// The value of the first sample called `name` whose labels include `labels`.
  [[nodiscard]] std::optional<double> value(
      std::string_view name, const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& s : samples) {
      if (s.name != name) continue;
      bool match = true;
      for (const auto& [k, v] : labels) {
        const auto it = s.labels.find(k);
        match = match && it != s.labels.end() && it->second == v;
      }
      if (match) return s.value;
    }
    return std::nullopt;
  }
};

namespace detail {

inline bool metric_name(std::string_view n) {
  if (n.empty()) return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const char c = n[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!(alpha || (i > 0 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

inline bool label_name(std::string_view n) {
  if (n.empty() || n.find(':') != std::string_view::npos) return false;
  return metric_name(n);
}

/// The metric family of a sample name (histogram/summary suffixes belong to their base).
inline std::string family(const std::string& name, const std::map<std::string, std::string>& t) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string_view s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      const std::string base = name.substr(0, name.size() - s.size());
      const auto it = t.find(base);
      if (it != t.end() && (it->second == "histogram" || it->second == "summary")) return base;
    }
  }
  return name;
}

}  // namespace detail

/// Parses and validates text-format metrics.
/// @throws parse_error "line N: <problem>" at the first violation.
inline exposition parse(std::string_view text) {
  exposition out;
  const auto fail = [](std::size_t line, const std::string& what) {
    throw parse_error("line " + std::to_string(line) + ": " + what);
  };
  if (!text.empty() && text.back() != '\n') {
    std::size_t lines = 1;
    for (const char c : text) lines += c == '\n' ? 1U : 0U;
    fail(lines, "the last line must end with a newline");
  }
  std::set<std::string> finished;  // families whose samples are over
  std::string current;             // family of the previous sample
  std::set<std::string> series;    // name + sorted labels
  std::set<std::string> sampled;   // families with samples
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line[0] == '#') {
      const auto words = [&]() {
        std::vector<std::string_view> w;
        std::size_t i = 1;
        for (int k = 0; k < 3; ++k) {
          while (i < line.size() && line[i] == ' ') ++i;
          if (i >= line.size()) break;
          if (k == 2) {
            w.push_back(line.substr(i));
            break;
          }
          const std::size_t j = line.find(' ', i);
          w.push_back(line.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
          i = j == std::string_view::npos ? line.size() : j;
        }
        return w;
      }();
      if (words.empty() || (words[0] != "HELP" && words[0] != "TYPE")) continue;  // comment
      if (words.size() < 2 || !detail::metric_name(words[1])) {
        fail(line_no, std::string(words[0]) + " without a valid metric name");
      }
      const std::string name(words[1]);
      if (words[0] == "TYPE") {
        static const std::set<std::string_view> types{"counter", "gauge", "histogram", "summary",
                                                      "untyped"};
        if (words.size() < 3 || types.count(words[2]) == 0) {
          fail(line_no,
               "TYPE of " + name + " must be counter, gauge, histogram, summary or untyped");
        }
        if (out.types.count(name) != 0) fail(line_no, "second TYPE line for " + name);
        if (sampled.count(name) != 0) fail(line_no, "TYPE of " + name + " after its samples");
        out.types[name] = std::string(words[2]);
      } else {
        if (out.help.count(name) != 0) fail(line_no, "second HELP line for " + name);
        out.help[name] = words.size() > 2 ? std::string(words[2]) : std::string();
      }
      continue;
    }
    sample s;
    s.line = line_no;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    s.name = std::string(line.substr(0, i));
    if (!detail::metric_name(s.name)) fail(line_no, "invalid metric name \"" + s.name + "\"");
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (true) {
        if (i < line.size() && line[i] == '}') {
          ++i;
          break;
        }
        std::size_t j = i;
        while (j < line.size() && line[j] != '=') ++j;
        const std::string label(line.substr(i, j - i));
        if (!detail::label_name(label)) fail(line_no, "invalid label name \"" + label + "\"");
        if (j + 1 >= line.size() || line[j + 1] != '"') {
          fail(line_no, "value of label " + label + " must be quoted");
        }
        std::string value;
        std::size_t k = j + 2;
        bool closed = false;
        while (k < line.size()) {
          const char c = line[k];
          if (c == '\\') {
            if (k + 1 >= line.size()) break;
            const char e = line[k + 1];
            if (e == '\\') {
              value += '\\';
            } else if (e == '"') {
              value += '"';
            } else if (e == 'n') {
              value += '\n';
            } else {
              fail(line_no, std::string("invalid escape \\") + e + " in label " + label);
            }
            k += 2;
            continue;
          }
          if (c == '"') {
            closed = true;
            ++k;
            break;
          }
          value += c;
          ++k;
        }
        if (!closed) fail(line_no, "unterminated value of label " + label);
        if (!s.labels.emplace(label, value).second) fail(line_no, "duplicate label " + label);
        i = k;
        if (i < line.size() && line[i] == ',') {
          ++i;
          continue;
        }
        if (i < line.size() && line[i] == '}') {
          ++i;
          break;
        }
        fail(line_no, "expected ',' or '}' after label " + label);
      }
    }
    if (i >= line.size() || line[i] != ' ') fail(line_no, "expected a space before the value");
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    const std::string_view v = line.substr(i, j - i);
    if (v == "NaN") {
      s.value = std::nan("");
    } else if (v == "+Inf" || v == "Inf") {
      s.value = std::numeric_limits<double>::infinity();
    } else if (v == "-Inf") {
      s.value = -std::numeric_limits<double>::infinity();
    } else {
      const auto r = std::from_chars(v.data(), v.data() + v.size(), s.value);
      if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size()) {
        fail(line_no, "value \"" + std::string(v) + "\" of " + s.name + " is not a number");
      }
    }
    while (j < line.size() && line[j] == ' ') ++j;
    if (j < line.size()) {
      const std::string_view ts = line.substr(j);
      long long t = 0;
      const auto r = std::from_chars(ts.data(), ts.data() + ts.size(), t);
      if (r.ec != std::errc() || r.ptr != ts.data() + ts.size()) {
        fail(line_no, "timestamp \"" + std::string(ts) + "\" is not an integer");
      }
      s.timestamp = t;
    }
    const std::string fam = detail::family(s.name, out.types);
    if (fam != current) {
      if (finished.count(fam) != 0) {
        fail(line_no, "samples of " + fam + " are not grouped together");
      }
      if (!current.empty()) finished.insert(current);
      current = fam;
    }
    sampled.insert(fam);
    std::string key = s.name + "{";
    for (const auto& [k, val] : s.labels) key += k + "=" + val + ",";
    if (!series.insert(key).second) fail(line_no, "series " + key + "} appears twice");
    out.samples.push_back(std::move(s));
  }
  return out;
}

}  // namespace invforecast::tools::prometheus
