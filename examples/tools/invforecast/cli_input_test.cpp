// Checks of the command-line tool's input rules (cli_input.hpp, csv_table.hpp) and of its
// number formatting (outputs.hpp): issue 18 rows 2, 7, 8, 10 and 13. Prints
// "cli input: all checks passed" and exits 0, or lists every failed check and exits 1.

#include <cmath>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "../report/html_report.hpp"
#include "cli_input.hpp"
#include "csv_table.hpp"
#include "outputs.hpp"

namespace {

int failures = 0;

void check(bool ok, std::string_view what) {
  if (!ok) {
    ++failures;
    std::cerr << "FAILED: " << what << "\n";
  }
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const invforecast::error& e) {
    return e.what();
  }
  return "(no error)";
}

// Every byte printable ASCII or part of valid UTF-8: what an output may hold.
bool clean(std::string_view s) {
  if (invforecast::tools::invalid_utf8_offset(s)) return false;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

}  // namespace

int main() {
  using namespace invforecast::tools;

  // Row 2: one checked formatter; huge values print as one short exact token, never as the
  // bytes of a buffer to_chars did not fill (before: 1e100 printed 64 stack bytes).
  check(fixed(1e100, 4) == "1e+100", "fixed(1e100, 4) == 1e+100");
  check(fixed(1.7976931348623157e308, 2) == "1.7976931348623157e+308", "fixed(DBL_MAX, 2)");
  check(fixed(-1e70, 1) == "-1e+70", "fixed(-1e70, 1)");
  check(fixed(452.2651, 2) == "452.27", "fixed(452.2651, 2)");
  check(fixed(-0.001, 2) == "0.00", "fixed(-0.001, 2) has no sign");
  check(fixed(1e20, 4) == "100000000000000000000.0000", "fixed(1e20, 4) stays fixed");
  check(fixed(std::numeric_limits<double>::infinity(), 1) == "inf", "fixed(inf)");
  check(level_suffix(0.975) == "97.5" && level_suffix(0.8) == "80", "level_suffix");
  for (const double v : {1e59, 1e100, 1e300, -1e200, 5e-324}) {
    check(clean(fixed(v, 4)) && fixed(v, 4).size() < 40, "fixed(" + std::to_string(v) + ") short");
  }

  // Row 7: field and code limits, named by file:line:col.
  const std::string long_field(max_field_bytes + 1, 'x');
  check(error_of([&] { (void)parse_csv("a,b\n1," + long_field + "\n", "t.csv"); }) ==
            "t.csv:2:2: column 'b': field longer than 4096 bytes (the field limit, "
            "docs/errors.md)",
        "field limit message");
  check(error_of([&] {
          (void)parse_csv("a,b\n\"" + long_field + "\",1\n", "t.csv");
        }).find("t.csv:2:1: column 'a': field longer than 4096 bytes") == 0,
        "field limit in a quoted field");
  {
    const auto t = parse_csv("material\n" + std::string(257, 'M') + "\n", "m.csv");
    check(error_of([&] { (void)t.code(t.rows[0], 0, "material code"); }) ==
              "m.csv:2:1: column 'material': material code of 257 bytes, longer than 256 (the "
              "code limit, docs/errors.md)",
          "code limit message");
    const auto ok = parse_csv("material\n" + std::string(256, 'M') + "\n", "m.csv");
    check(ok.code(ok.rows[0], 0, "material code").size() == 256, "a 256-byte code is accepted");
  }

  // Row 8: UTF-8 is validated once, in the reader; outputs of unvalidated text stay valid.
  check(!invalid_utf8_offset("plain ASCII, \xC3\xA9t\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80"),
        "valid UTF-8 accepted");
  check(invalid_utf8_offset("ab\xFF") == std::optional<std::size_t>(2), "0xFF rejected at 2");
  check(invalid_utf8_offset("\xC0\xAF").has_value(), "overlong rejected");
  check(invalid_utf8_offset("\xED\xA0\x80").has_value(), "surrogate rejected");
  check(invalid_utf8_offset("\xF4\x90\x80\x80").has_value(), "above U+10FFFF rejected");
  check(invalid_utf8_offset("\xE2\x82").has_value(), "truncated sequence rejected");
  check(valid_utf8("a\xFF"
                   "b") ==
            "a\xEF\xBF\xBD"
            "b",
        "valid_utf8 replaces a bad byte");
  check(error_of([] { (void)parse_csv("material,q\nA\xFF,1\n", "u.csv"); }) ==
            "u.csv:2:1: column 'material': not valid UTF-8 (byte 0xFF at byte 2 of the field)",
        "UTF-8 error message");
  check(error_of([] {
          (void)parse_csv("a\xFE,q\nA,1\n", "h.csv");
        }).find("h.csv:1:1: not valid UTF-8 (byte 0xFE") == 0,
        "UTF-8 error in the header");
  {
    // JSON and HTML of text the tool did not validate (e.g. from a database) stay valid.
    const std::string j = json_text(nlohmann::json{{"material", "A\xFF"}});
    check(clean(j) && j.find("\xEF\xBF\xBD") != std::string::npos, "json_text replaces");
    check(clean(detail_report::escape("<A\xFF>")), "HTML escape replaces");
  }

  // Dates: the accepted range.
  check(error_of([] {
          const auto t = parse_csv("d\n9999-12-31\n", "d.csv");
          (void)t.date(t.rows[0], 0);
        }) ==
            "d.csv:2:1: column 'd': \"9999-12-31\" is outside the accepted dates 1900-01-01 .. "
            "2199-12-31 (a placeholder date? docs/errors.md)",
        "date range message");
  {
    const auto t = parse_csv("d\n1900-01-01\n2199-12-31\n", "d.csv");
    check(invforecast::to_iso_string(t.date(t.rows[0], 0)) == "1900-01-01" &&
              invforecast::to_iso_string(t.date(t.rows[1], 0)) == "2199-12-31",
          "the range's ends are accepted");
  }
  // Values: the library's limit.
  check(error_of([] {
          const auto t = parse_csv("q\n1e16\n", "q.csv");
          (void)t.number(t.rows[0], 0);
        }) == "q.csv:2:1: column 'q': \"1e16\" is above the value limit 1e+15 (docs/errors.md)",
        "value limit message");

  // Row 10: one parser of levels for every subcommand.
  check(parse_levels("0.8,0.95") == std::vector<double>{0.8, 0.95}, "levels as probabilities");
  check(parse_levels("80, 95") == std::vector<double>{0.8, 0.95}, "levels as percents");
  {
    const auto ends = parse_levels("0.5,99.9");
    check(ends.size() == 2 && ends[0] == 0.5 && std::abs(ends[1] - 0.999) < 1e-15,
          "levels at the ends");
  }
  check(error_of([] { (void)parse_levels("1"); }) ==
            "--levels 1: 1 must be a probability in [0.5, 0.999] or a percent in [50, 99.9]",
        "levels 1 rejected");
  check(error_of([] { (void)parse_levels("0.8,x"); }) == "--levels 0.8,x: \"x\" is not a number",
        "levels not a number");
  for (const char* bad : {"0", "0.3", "100", "1000", "-80", "nan", "inf", ""}) {
    check(error_of([&] { (void)parse_levels(bad); }).rfind("--levels", 0) == 0,
          std::string("levels rejected: ") + bad);
  }

  // Row 4: the horizon limit.
  check(error_of([] { check_horizon("--horizon", 1000000000); }) ==
            "--horizon 1000000000: must be in [1, 3660] (the horizon limit, docs/errors.md)",
        "horizon limit message");
  check(error_of([] { check_horizon("--horizon", 3660); }) == "(no error)", "3660 accepted");

  // Row 13: UUIDs.
  check(is_uuid("00000000-0000-4000-8000-00000000000A"), "a UUID");
  check(!is_uuid("not-a-uuid") && !is_uuid("00000000-0000-4000-8000-00000000000") &&
            !is_uuid("00000000x0000-4000-8000-000000000001"),
        "not UUIDs");
  check(error_of([] { check_uuid("--tenant", "not-a-uuid"); }) ==
            "--tenant not-a-uuid: must be a UUID (8-4-4-4-12 hex digits)",
        "UUID message");

  if (failures > 0) {
    std::cerr << failures << " checks failed\n";
    return 1;
  }
  std::cout << "cli input: all checks passed\n";
  return 0;
}
