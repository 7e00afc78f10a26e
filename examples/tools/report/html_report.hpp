#pragma once

/// @file
/// The forecast report of `invforecast run`: one self-contained HTML file (inline CSS and SVG,
/// no script, no external asset) with a summary table sorted by urgency and, per material, a
/// chart of the recent history, the forecast and its 80 % / 95 % bands, and a table of the model,
/// its backtest accuracy, safety stock, reorder point, urgency and suggested order.
/// The markup is well-formed XML (every element closed, attributes quoted, text escaped), so
/// an XML parser can check it (see examples/tools/report/check_report.cpp).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../invforecast/outputs.hpp"
#include "../invforecast/pipeline.hpp"

namespace invforecast::tools {

/// Options of the HTML report.
struct report_options {
  std::string title = "invforecast forecast report";
  int history_days_shown = 182;  ///< days of history drawn before the forecast
  int chart_width = 780;
  int chart_height = 240;
  /// Materials charted (the most urgent first); every material is in the summary table. The
  /// cap keeps a report of 100,000 materials a few megabytes (docs/report.md).
  std::size_t max_charts = 200;
};

namespace detail_report {

/// Escapes text for HTML/XML content and attribute values; bytes that are not UTF-8 (text the
/// tool did not read itself, e.g. from a database) become U+FFFD.
inline std::string escape(std::string_view raw) {
  const std::string text = valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// An id usable in an anchor: letters, digits, '-', '_' kept, others replaced by '_'.
inline std::string anchor(std::string_view material) {
  std::string id = "m-";
  for (const char c : material) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
    id += keep ? c : '_';
  }
  return id;
}

inline std::string coord(double v) { return fixed(v, 1); }

/// A "nice" step for about `ticks` axis divisions of [0, top].
inline double nice_step(double top, int ticks) {
  const double raw = top / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

inline std::string urgency_class(const material_result& r) {
  std::string u = r.urgency_text();
  std::transform(u.begin(), u.end(), u.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return u == "-" ? "none" : u;
}

/// The chart of one material as an <svg> element.
inline void chart(std::ostream& out, const material_plan& r, const report_options& o) {
  const double w = o.chart_width, h = o.chart_height;
  const double left = 56, right = 12, top = 14, bottom = 30;
  const double pw = w - left - right, ph = h - top - bottom;
  const auto& fc = r.fit.fc;
  const std::size_t shown =
      std::min(r.history.size(), static_cast<std::size_t>(std::max(o.history_days_shown, 1)));
  const std::size_t first = r.history.size() - shown;
  const std::size_t days = shown + fc.mean.size();  // x positions 0 .. days-1

  double ymax = 0;
  for (std::size_t i = first; i < r.history.size(); ++i) ymax = std::max(ymax, r.history[i]);
  for (const double v : fc.mean) ymax = std::max(ymax, v);
  for (const auto& pi : fc.intervals) {
    for (const double v : pi.upper) ymax = std::max(ymax, v);
  }
  if (!(ymax > 0)) ymax = 1;
  const double step = nice_step(ymax, 4);
  const double ytop = std::ceil(ymax / step) * step;

  const auto x = [&](std::size_t i) {
    return left + (days > 1 ? pw * static_cast<double>(i) / static_cast<double>(days - 1) : 0.0);
  };
  const auto y = [&](double v) { return top + ph * (1.0 - v / ytop); };

  out << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << o.chart_width
      << "\" height=\"" << o.chart_height << "\" viewBox=\"0 0 " << o.chart_width << " "
      << o.chart_height << "\" role=\"img\" aria-label=\"" << escape(r.material)
      << ": history, forecast and prediction intervals\">\n";
  // Grid and y axis labels.
  for (double v = 0; v <= ytop + step / 2; v += step) {
    out << "<line class=\"grid\" x1=\"" << coord(left) << "\" x2=\"" << coord(left + pw)
        << "\" y1=\"" << coord(y(v)) << "\" y2=\"" << coord(y(v)) << "\"/>"
        << "<text class=\"ylab\" x=\"" << coord(left - 6) << "\" y=\"" << coord(y(v) + 4) << "\">"
        << escape(fixed(v, step < 1 ? 2 : 0)) << "</text>\n";
  }
  // x labels: the first day of every second month (every month when the span is short).
  const date start = detail::add_days(r.as_of, 1 - static_cast<long long>(shown));
  const int every = days > 200 ? 2 : 1;
  int month_count = 0;
  for (std::size_t i = 0; i < days; ++i) {
    const date d = detail::add_days(start, static_cast<long long>(i));
    if (static_cast<unsigned>(d.day()) != 1) continue;
    if (month_count++ % every != 0) continue;
    out << "<line class=\"tick\" x1=\"" << coord(x(i)) << "\" x2=\"" << coord(x(i)) << "\" y1=\""
        << coord(top + ph) << "\" y2=\"" << coord(top + ph + 4) << "\"/>"
        << "<text class=\"xlab\" x=\"" << coord(x(i)) << "\" y=\"" << coord(top + ph + 17) << "\">"
        << to_iso_string(d).substr(0, 7) << "</text>\n";
  }
  // Bands, widest first.
  std::vector<const prediction_interval<double>*> bands;
  for (const auto& pi : fc.intervals) bands.push_back(&pi);
  std::sort(bands.begin(), bands.end(),
            [](const auto* a, const auto* b) { return a->level > b->level; });
  for (const auto* pi : bands) {
    out << "<polygon class=\"band band" << level_suffix(pi->level) << "\" points=\"";
    for (std::size_t k = 0; k < pi->upper.size(); ++k) {
      out << coord(x(shown + k)) << "," << coord(y(pi->upper[k])) << " ";
    }
    for (std::size_t k = pi->lower.size(); k-- > 0;) {
      out << coord(x(shown + k)) << "," << coord(y(pi->lower[k])) << (k > 0 ? " " : "");
    }
    out << "\"><title>" << level_suffix(pi->level) << " % prediction interval</title></polygon>\n";
  }
  // History and forecast.
  out << "<polyline class=\"history\" points=\"";
  for (std::size_t i = 0; i < shown; ++i) {
    out << coord(x(i)) << "," << coord(y(r.history[first + i])) << (i + 1 < shown ? " " : "");
  }
  out << "\"/>\n<polyline class=\"forecast\" points=\"";
  if (shown > 0) out << coord(x(shown - 1)) << "," << coord(y(r.history.back())) << " ";
  for (std::size_t k = 0; k < fc.mean.size(); ++k) {
    out << coord(x(shown + k)) << "," << coord(y(fc.mean[k]))
        << (k + 1 < fc.mean.size() ? " " : "");
  }
  out << "\"/>\n";
  // As-of marker and frame.
  if (shown > 0) {
    out << "<line class=\"asof\" x1=\"" << coord(x(shown - 1)) << "\" x2=\"" << coord(x(shown - 1))
        << "\" y1=\"" << coord(top) << "\" y2=\"" << coord(top + ph) << "\"/>";
  }
  out << "<rect class=\"frame\" x=\"" << coord(left) << "\" y=\"" << coord(top) << "\" width=\""
      << coord(pw) << "\" height=\"" << coord(ph) << "\"/>\n</svg>\n";
}

inline void row(std::ostream& out, std::string_view key, const std::string& value) {
  out << "<tr><th>" << escape(key) << "</th><td>" << escape(value) << "</td></tr>\n";
}

inline const char* style() {
  return R"(body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;color:#1f2328;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-top:1px solid #d0d7de;padding-top:18px}
p.meta{color:#57606a;margin:0 0 16px}table{border-collapse:collapse;font-size:13px}
table.summary{width:100%}table.summary th,table.summary td{padding:4px 8px;border-bottom:1px solid #d8dee4;text-align:right}
table.summary th{background:#f6f8fa}table.summary td{white-space:nowrap}table.summary td.d{white-space:normal}table.summary td.l,table.summary th.l{text-align:left}
table.details th{text-align:left;font-weight:600;padding:2px 12px 2px 0;color:#57606a;vertical-align:top}
table.details td{padding:2px 0}.material{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.critical{background:#cf222e}.high{background:#e16f24}.medium{background:#bf8700}.low{background:#1a7f37}.none,.failed{background:#6e7781}
svg .grid{stroke:#eaeef2;stroke-width:1}svg .tick{stroke:#8c959f}svg .frame{fill:none;stroke:#8c959f}
svg .ylab{font-size:11px;fill:#57606a;text-anchor:end}svg .xlab{font-size:11px;fill:#57606a;text-anchor:middle}
svg .band95{fill:#54aeff;fill-opacity:.18}svg .band80{fill:#0969da;fill-opacity:.25}svg .band{stroke:none}
svg .history{fill:none;stroke:#424a53;stroke-width:1}svg .forecast{fill:none;stroke:#0550ae;stroke-width:2}
svg .asof{stroke:#8c959f;stroke-dasharray:4 3}.legend span{margin-right:14px;font-size:12px;color:#57606a}
.sw{display:inline-block;width:18px;height:10px;margin-right:4px;vertical-align:middle}
p.reason{font-size:12px;color:#57606a;max-width:1000px}.error{color:#cf222e})";
}

}  // namespace detail_report

/// One material's row of the report's summary table.
inline std::string report_summary_row(const material_result& r) {
  using detail_report::escape;
  std::ostringstream out;
  const auto& s = r.settings;
  out << "<tr><td class=\"l\"><span class=\"badge " << detail_report::urgency_class(r) << "\">"
      << escape(r.urgency_text()) << "</span></td><td class=\"l\"><a href=\"#"
      << detail_report::anchor(s.material) << "\">" << escape(s.material)
      << "</a></td><td class=\"l d\">" << escape(s.description) << "</td>";
  if (!r.ok()) {
    out << "<td class=\"l error\" colspan=\"8\">" << escape(r.error()) << "</td></tr>\n";
    return out.str();
  }
  const material_plan& m = r.plan();
  out << "<td class=\"l\">" << escape(m.fit.model_name) << "</td><td>"
      << (m.accuracy ? fixed(m.accuracy->mape, 1, "-") : "-") << "</td><td>"
      << fixed(m.safety.safety_stock, 1) << "</td>";
  if (const auto& p = m.suggestion) {
    out << "<td>" << fixed(p->reorder_point_quantity, 1) << "</td><td>"
        << fixed(p->current_available_quantity, 1) << "</td><td>"
        << (p->days_until_stockout ? std::to_string(*p->days_until_stockout) : "-") << "</td><td>"
        << fixed(p->recommended_order_quantity, 1) << "</td><td class=\"l\">"
        << (p->recommended_order_quantity > 0 ? to_iso_string(p->recommended_order_date) : "-")
        << "</td>";
  } else {
    out << "<td>-</td><td>-</td><td>-</td><td>-</td><td class=\"l\">-</td>";
  }
  out << "</tr>\n";
  return out.str();
}

/// Counts of materials per urgency rank (material_result::urgency_rank, 0..5).
struct urgency_counts {
  std::size_t of_rank[6] = {0, 0, 0, 0, 0, 0};
  [[nodiscard]] std::size_t total() const {
    std::size_t n = 0;
    for (const auto c : of_rank) n += c;
    return n;
  }
};

/// Writes the report from its parts: `summary_rows` (report_summary_row of every material, in
/// urgency order) and `charted` (the most urgent materials, in urgency order; at most
/// report.max_charts are drawn).
inline void write_html_report(std::ostream& out, const std::vector<std::string>& summary_rows,
                              const std::vector<material_result>& charted,
                              const urgency_counts& counts, const pipeline_input& input,
                              const pipeline_options& options, const report_options& report = {}) {
  using detail_report::escape;
  const planning_policy& policy = options.policy;
  const std::size_t total = counts.total();
  const std::size_t charts = std::min(charted.size(), report.max_charts);

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>"
      << escape(report.title) << "</title>\n<style>\n"
      << detail_report::style() << "\n</style>\n</head>\n<body>\n";
  out << "<h1>" << escape(report.title) << "</h1>\n<p class=\"meta\">As of "
      << to_iso_string(input.as_of) << " &#183; " << total << " materials &#183; "
      << policy.horizon_days << "-day forecast with ";
  for (std::size_t i = 0; i < policy.levels.size(); ++i) {
    out << (i > 0 ? " / " : "") << level_suffix(policy.levels[i]) << " %";
  }
  out << " intervals &#183; backtest " << policy.backtest_origins << " origins x "
      << policy.backtest_horizon << " days &#183; invforecast " << version_string << "<br/>"
      << counts.of_rank[0] << " critical, " << counts.of_rank[1] << " high, " << counts.of_rank[2]
      << " medium, " << counts.of_rank[3] << " low";
  if (counts.of_rank[5] > 0) out << ", " << counts.of_rank[5] << " failed";
  out << "</p>\n";

  // Summary table.
  out << "<table class=\"summary\" id=\"summary\">\n<thead><tr><th class=\"l\">Urgency</th>"
         "<th class=\"l\">Material</th><th class=\"l\">Description</th><th class=\"l\">Model</th>"
         "<th>MAPE %</th><th>Safety stock</th><th>Reorder point</th><th>Available</th>"
         "<th>Days to stockout</th><th>Order qty</th><th class=\"l\">Order by</th></tr></thead>\n"
         "<tbody>\n";
  for (const auto& row : summary_rows) out << row;
  out << "</tbody>\n</table>\n";
  if (charts < total) {
    out << "<p class=\"meta\">Charts and details of the " << charts
        << " most urgent materials below; the other " << total - charts
        << " are in the table above and in recommendations.csv.</p>\n";
  }
  out << "<p class=\"legend\"><span><i class=\"sw\" style=\"background:#424a53;height:2px\"></i>"
         "history</span><span><i class=\"sw\" style=\"background:#0550ae;height:3px\"></i>"
         "forecast</span><span><i class=\"sw\" style=\"background:rgba(9,105,218,.35)\"></i>80 %"
         "</span><span><i class=\"sw\" style=\"background:rgba(84,174,255,.25)\"></i>95 %</span>"
         "</p>\n";

  // One section per charted material (the table links to the others' missing anchors harmlessly).
  for (std::size_t k = 0; k < charts; ++k) {
    const material_result& r = charted[k];
    const auto& s = r.settings;
    out << "<section id=\"" << detail_report::anchor(s.material) << "\">\n<h2>"
        << escape(s.material) << " <span class=\"badge " << detail_report::urgency_class(r) << "\">"
        << escape(r.urgency_text()) << "</span></h2>\n<p class=\"meta\">" << escape(s.description)
        << (s.status != "ACTIVE" ? " (" + escape(s.status) + ")" : "") << "</p>\n";
    if (!r.ok()) {
      out << "<p class=\"error\">" << escape(r.error()) << "</p>\n</section>\n";
      continue;
    }
    const material_plan& m = r.plan();
    out << "<div class=\"material\">\n";
    detail_report::chart(out, m, report);
    out << "<table class=\"details\">\n";
    const auto& f = m.fit;
    detail_report::row(out, "Model",
                       f.model_name + " (" + std::string(fit_status_name(f.status)) + ")");
    detail_report::row(out, "Demand pattern",
                       std::string(erp_demand_pattern(f.pattern.pattern)) + ", ADI " +
                           fixed(f.pattern.adi, 2) + ", CV\xC2\xB2 " + fixed(f.pattern.cv2, 2));
    detail_report::row(out, "History",
                       std::to_string(m.history.size()) + " days from " +
                           to_iso_string(m.history_start) + ", " + std::to_string(m.demand_days) +
                           " with demand");
    if (const auto& a = m.accuracy) {
      std::string cov;
      for (const auto& [l, c] : a->coverage) {
        cov += (cov.empty() ? "" : ", ") + level_suffix(l) + " %: " + fixed(c * 100, 0) + " %";
      }
      detail_report::row(
          out, "Backtest",
          std::to_string(a->origins) + " origins x " + std::to_string(a->horizon) + " days");
      detail_report::row(out, "MAPE / WAPE",
                         fixed(a->mape, 1, "-") + " % / " +
                             (a->wape ? fixed(*a->wape * 100, 1) : std::string("-")) + " %");
      detail_report::row(out, "MASE / bias",
                         fixed(a->mase, 2, "-") + " / " + fixed(a->bias, 2) + " per day");
      detail_report::row(out, "Interval coverage", cov);
      detail_report::row(out, "Confidence", fixed(a->confidence, 2));
    } else {
      detail_report::row(out, "Backtest", m.accuracy_note);
    }
    detail_report::row(out, "Service level / lead time",
                       fixed(m.service_level * 100, 1) + " % / " +
                           std::to_string(m.lead_time_days) + " days (sd " +
                           fixed(s.lead_time_sd_days, 1) + ")");
    detail_report::row(out, "Safety stock",
                       fixed(m.safety.safety_stock, 1) + " " + s.uom + " (" +
                           std::string(to_string(m.safety.method)) + ")");
    if (const auto& p = m.suggestion) {
      detail_report::row(out, "Reorder point", fixed(p->reorder_point_quantity, 1) + " " + s.uom);
      detail_report::row(
          out, "Available / on order",
          fixed(p->current_available_quantity, 1) + " / " + fixed(p->current_on_order_quantity, 1));
      detail_report::row(out, "Projected stockout",
                         p->projected_stockout_date
                             ? to_iso_string(*p->projected_stockout_date) + " (in " +
                                   std::to_string(*p->days_until_stockout) + " days)"
                             : std::string("none within the forecast"));
      detail_report::row(out, "Urgency", std::string(to_string(p->urgency_level)));
      detail_report::row(
          out, "Suggested order",
          p->recommended_order_quantity > 0
              ? fixed(p->recommended_order_quantity, 1) + " " + s.uom + " by " +
                    to_iso_string(p->recommended_order_date) + ", delivery " +
                    to_iso_string(p->recommended_delivery_date) +
                    (p->estimated_total_cost ? ", cost " + fixed(*p->estimated_total_cost, 2)
                                             : std::string())
              : std::string("none"));
    } else {
      detail_report::row(out, "Reorder point", fixed(m.reorder_point, 1) + " " + s.uom);
      detail_report::row(out, "Replenishment", "no inventory position given");
    }
    out << "</table>\n</div>\n<p class=\"reason\">" << escape(f.reason);
    if (m.suggestion) out << "<br/>" << escape(m.suggestion->suggestion_reason);
    if (!m.note.empty()) out << "<br/>" << escape(m.note);
    out << "</p>\n</section>\n";
  }
  out << "</body>\n</html>\n";
}

/// Writes the report of `results` (sorted with sort_by_urgency): the summary table of all of
/// them, charts of the first report.max_charts.
inline void write_html_report(std::ostream& out, const std::vector<material_result>& results,
                              const pipeline_input& input, const pipeline_options& options,
                              const report_options& report = {}) {
  std::vector<std::string> rows;
  rows.reserve(results.size());
  urgency_counts counts;
  for (const auto& r : results) {
    rows.push_back(report_summary_row(r));
    ++counts.of_rank[r.urgency_rank()];
  }
  write_html_report(out, rows, results, counts, input, options, report);
}

}  // namespace invforecast::tools
