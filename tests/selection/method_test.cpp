// Unit tests of selection/method.hpp (method names: print, parse, round trip, errors) and of
// forecaster_options_for (selection/forecaster.hpp), which reads the same names and ETS forms.
#include "invforecast/selection/method.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "invforecast/error.hpp"
#include "invforecast/selection/forecaster.hpp"

using namespace invforecast;

namespace {

constexpr method every_method[] = {method::automatic, method::ets,         method::moving_average,
                                   method::croston,   method::sba,         method::sbj,
                                   method::tsb,       method::mean,        method::naive,
                                   method::theta,     method::combination, method::optimised_theta,
                                   method::mstl};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

TEST_CASE("method_name prints the documented names", "[method]") {
  CHECK(method_name(method::automatic) == "AUTO");
  CHECK(method_name(method::ets) == "ETS");
  CHECK(method_name(method::moving_average) == "MOVING_AVERAGE");
  CHECK(method_name(method::croston) == "CROSTON");
  CHECK(method_name(method::sba) == "SBA");
  CHECK(method_name(method::sbj) == "SBJ");
  CHECK(method_name(method::tsb) == "TSB");
  CHECK(method_name(method::mean) == "MEAN");
  CHECK(method_name(method::naive) == "NAIVE");
  CHECK(method_name(method::theta) == "THETA");
  CHECK(method_name(method::combination) == "COMBO");
  CHECK(method_name(method::optimised_theta) == "OTM");
  CHECK(method_name(method::mstl) == "MSTL");
  static_assert(method_name(method::tsb) == "TSB");
}

TEST_CASE("parse_method reads back every name method_name prints, in any case", "[method]") {
  for (const method m : every_method) {
    const std::string_view name = method_name(m);
    INFO(name);
    CHECK(parse_method(name) == m);
    CHECK(parse_method(lower(name)) == m);
    CHECK(method_name(parse_method(name)) == name);
  }
  CHECK(parse_method("Naive") == method::naive);
  CHECK(parse_method("moving_Average") == method::moving_average);
  CHECK(parse_method("MA") == method::moving_average);
  CHECK(parse_method("ma") == method::moving_average);
  CHECK(parse_method("theta") == method::theta);
  CHECK(parse_method("Combo") == method::combination);
}

TEST_CASE("parse_method rejects other text with the accepted names", "[method]") {
  const std::string rule =
      "', must be one of AUTO, ETS, MOVING_AVERAGE (MA), CROSTON, SBA, SBJ, TSB, MEAN, NAIVE, "
      "THETA, COMBO, OTM, MSTL";
  for (const std::string bad :
       {"", "automatic", "AUTO ", " SBA", "MA(7)", "AAdN", "ETS(A,N,N)", "moving average", "SB"}) {
    INFO("'" << bad << "'");
    REQUIRE_THROWS_AS(parse_method(bad), invalid_argument);
    CHECK_THROWS_WITH(parse_method(bad), "parse_method: text = '" + bad + rule);
  }
}

TEST_CASE("forecaster_options_for: method names, MA(w) and the three ETS spellings", "[method]") {
  for (const method m : every_method) {
    if (m == method::ets) continue;
    const auto o = forecaster_options_for(method_name(m));
    CHECK(o.kind == m);
    CHECK_FALSE(o.ets.has_value());
    CHECK(forecaster_options_for<float>(lower(method_name(m))).kind == m);
  }
  const forecaster_options<double> defaults;
  const auto ma = forecaster_options_for("ma");
  CHECK(ma.kind == method::moving_average);
  CHECK(ma.ma_window == defaults.ma_window);
  const auto ma14 = forecaster_options_for("MA(14)");
  CHECK(ma14.kind == method::moving_average);
  CHECK(ma14.ma_window == 14);
  CHECK(forecaster_options_for("ma(3)").ma_window == 3);

  const ets_model aadn = ets_model::parse("AAdN");
  for (const std::string text : {"AAdN", "ets:AAdN", "ETS:AAdN", "ETS(A,Ad,N)", "ets(A, Ad, N)",
                                 "aadn", "AADN", "ets:aAdn", "ets(a,ad,n)"}) {
    INFO(text);
    const auto o = forecaster_options_for(text);
    CHECK(o.kind == method::ets);
    REQUIRE(o.ets.has_value());
    CHECK(*o.ets == aadn);
    CHECK(o.season_length == defaults.season_length);
    CHECK(o.max_lead_time == 0);
  }
  // Every ETS form round-trips through both of its printed names.
  for (const std::string code : {"ANN", "AAN", "AAdN", "MNN", "MAdM", "MMdM", "ANA", "MNM"}) {
    const ets_model form = ets_model::parse(code);
    CHECK(*forecaster_options_for(form.code()).ets == form);
    CHECK(*forecaster_options_for(form.r_name()).ets == form);
  }
  CHECK(*forecaster_options_for("mam").ets == ets_model::parse("MAM"));
}

TEST_CASE("forecaster_options_for rejects other text and lists the accepted forms", "[method]") {
  const std::string rule =
      "', must be a method name (AUTO, MOVING_AVERAGE or MA, MA(w), CROSTON, SBA, SBJ, TSB, MEAN, "
      "NAIVE, THETA, COMBO, OTM, MSTL; any case) or an ETS form ('AAdN', 'ets:AAdN' or R's "
      "'ETS(A,Ad,N)')";
  for (const std::string bad : {"", "ETS", "ets", "ets:", "aadx", "ANdN", "ets:XYZ", "ETS(A,N)",
                                "ETS(A,N,N,N)", "ETS(A,N,N", "MA()", "MA(0)", "MA(-2)", "MA(7x)",
                                "MA(1.5)", "holt", "EXP_SMOOTHING", "THETA(7)", "COMBINATION"}) {
    INFO("'" << bad << "'");
    REQUIRE_THROWS_AS(forecaster_options_for(bad), invalid_argument);
    CHECK_THROWS_WITH(forecaster_options_for(bad),
                      "forecaster_options_for: model = '" + bad + rule);
  }
}
