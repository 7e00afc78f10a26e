#pragma once

/// @file
/// Automatic ETS model selection by AICc, following R's forecast::ets(y) with its defaults
/// (model = "ZZZ", restrict = TRUE, allow.multiplicative.trend = FALSE, ic = "aicc").
/// See docs/forecasting.md, "Exponential smoothing (ETS)".

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/ets_core.hpp"
#include "invforecast/detail/nelder_mead.hpp"
#include "invforecast/error.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_model.hpp"

namespace invforecast {

/// One model considered by ets_auto: its AICc when it could be fitted, otherwise why not.
template <std::floating_point T = double>
struct ets_candidate {
  ets_model model{};
  std::optional<T> aicc;
  std::string note;  ///< empty when fitted; otherwise the reason it was skipped or failed
};

/// The chosen model and every candidate in R's search order.
template <std::floating_point T = double>
struct ets_selection {
  fitted_ets<T> best;
  std::vector<ets_candidate<T>> candidates;
};

/// Options of ets_auto (R's ets() arguments of the same meaning).
struct ets_auto_options {
  bool allow_multiplicative_trend = false;  ///< also try trend M / Md
  bool additive_only = false;               ///< only A error, N/A/Ad trend, N/A season
  std::optional<bool> damped;               ///< unset: try both damped and undamped trends
  ets_bounds bounds = ets_bounds::both;
  int max_evaluations = 2000;
  int simulation_paths = 5000;
};

namespace detail {

/// HoltWintersZZ-style fit for very short series (see ets_auto_impl).
template <std::floating_point T>
fitted_ets<T> short_series_fallback(std::span<const T> y, std::span<const std::uint8_t> unknown,
                                    std::size_t first, const ets_auto_options& options,
                                    std::vector<ets_candidate<T>>& candidates) {
  // First two known values give the HoltWinters start states.
  std::size_t second = y.size();
  for (std::size_t i = first + 1; i < y.size(); ++i) {
    if (unknown.empty() || unknown[i] == 0) {
      second = i;
      break;
    }
  }
  const auto sse_of = [&](const ets_model& model, const ets_coefficients<T>& c,
                          std::span<const T> x0) {
    const auto pass = ets_run(model, 1, y, unknown, x0, c);
    return pass.ok ? pass.sse : std::numeric_limits<T>::infinity();
  };
  nelder_mead_settings<T> settings;
  settings.reltol = T(1e-10);
  settings.max_evaluations = options.max_evaluations;
  nelder_mead_workspace<T> ws;

  // SES: l0 = y1, alpha in [0, 1] (R's start 0.2).
  const ets_model ses{};
  std::vector<T> x_ses{y[first]};
  std::vector<T> a{T(0.2)};
  nelder_mead(
      [&](std::span<const T> v) {
        if (v[0] < 0 || v[0] > 1) return std::numeric_limits<T>::infinity();
        return sse_of(ses, {v[0], T(0), T(0), T(1)}, x_ses);
      },
      std::span<T>(a), settings, ws);
  auto best = ets_factory::from_states(y, unknown, ses, ets_coefficients<T>{a[0], 0, 0, 1}, x_ses,
                                       3, options.simulation_paths);
  candidates.push_back({ses, std::nullopt,
                        "n <= 6: R's HoltWintersZZ fall-back (SES, l0 = y1, SSE), sigma2 " +
                            format_value(best.sigma2())});
  if (second < y.size()) {
    // Holt: l0 = y1, b0 = y2 - y1, alpha and HoltWinters beta in [0, 1] (start 0.2, 0.02).
    const ets_model holt{ets_error::additive, ets_trend::additive, false, ets_season::none};
    std::vector<T> x_holt{y[first], y[second] - y[first]};
    std::vector<T> ab{T(0.2), T(0.02)};
    nelder_mead(
        [&](std::span<const T> v) {
          if (v[0] < 0 || v[0] > 1 || v[1] < 0 || v[1] > 1) {
            return std::numeric_limits<T>::infinity();
          }
          return sse_of(holt, {v[0], v[0] * v[1], T(0), T(1)}, x_holt);
        },
        std::span<T>(ab), settings, ws);
    auto h =
        ets_factory::from_states(y, unknown, holt, ets_coefficients<T>{ab[0], ab[0] * ab[1], 0, 1},
                                 x_holt, 5, options.simulation_paths);
    candidates.push_back({holt, std::nullopt,
                          "n <= 6: R's HoltWintersZZ fall-back (Holt, l0 = y1, b0 = y2 - y1, "
                          "SSE), sigma2 " +
                              format_value(h.sigma2())});
    if (h.sigma2() < best.sigma2()) best = std::move(h);
  }
  return best;
}

/// One candidate's fit, or why it failed.
template <std::floating_point T>
struct ets_attempt {
  std::optional<fitted_ets<T>> fit;
  std::string error;  ///< the exception's message when there is no fit
};

/// Advances two searches side by side until one ends: their points are evaluated in the two
/// lanes of one packed pass (a point outside the parameter region is answered at once). Each
/// search takes the path it takes alone: a lane's pass is the scalar pass bit for bit.
/// @pre fa.packs_with(fb)
template <std::floating_point T>
void search_side_by_side(ets_objective<T>& fa, nelder_mead_search<T>& a, ets_objective<T>& fb,
                         nelder_mead_search<T>& b) {
  const auto load_next = [](ets_objective<T>& f, nelder_mead_search<T>& s) {
    while (!s.done() && !f.load(s.point(), 0)) s.tell(ets_objective<T>::outside);
    return !s.done();
  };
  while (load_next(fa, a) && load_next(fb, b)) {
    const auto v = ets_objective<T>::run_together(fa, 0, fb, 0);
    a.tell(v[0]);
    b.tell(v[1]);
  }
}

/// Fits specs (the damped and undamped candidates of one form) to y as ets_spec::fit does,
/// with two searches side by side (search_side_by_side) when their passes pack together. The
/// fits are the ones ets_spec::fit returns, bit for bit.
template <std::floating_point T>
std::vector<ets_attempt<T>> fit_side_by_side(std::span<const ets_spec<T>> specs,
                                             std::span<const T> y,
                                             std::span<const std::uint8_t> unknown) {
  const std::size_t k = specs.size();
  std::vector<ets_attempt<T>> out(k);
  std::vector<std::optional<ets_fit_problem<T>>> problems(k);
  for (std::size_t i = 0; i < k; ++i) {
    try {
      problems[i] = ets_fit_steps::prepare(specs[i], y, unknown);
    } catch (const invforecast::error& ex) {
      out[i].error = ex.what();
    }
  }
  std::vector<nelder_mead_workspace<T>> ws(k);
  std::vector<std::optional<nelder_mead_search<T>>> searches(k);
  for (std::size_t i = 0; i < k; ++i) {
    if (problems[i] && !problems[i]->par.empty()) {
      searches[i].emplace(std::span<const T>(problems[i]->par), problems[i]->settings, ws[i]);
    }
  }
  if (k == 2 && searches[0] && searches[1] &&
      problems[0]->objective.packs_with(problems[1]->objective)) {
    search_side_by_side(problems[0]->objective, *searches[0], problems[1]->objective, *searches[1]);
  }
  for (std::size_t i = 0; i < k; ++i) {
    if (!problems[i]) continue;
    std::optional<nelder_mead_result<T>> result;
    if (searches[i]) {
      // The rest of the search (all of it when not side by side), its lookahead in the
      // second lane.
      nelder_mead_run(*searches[i], problems[i]->objective);
      const auto x = searches[i]->best();
      std::copy(x.begin(), x.end(), problems[i]->par.begin());
      result = searches[i]->result();
    }
    try {
      out[i].fit = ets_fit_steps::finish(specs[i], *problems[i], result, y, unknown);
    } catch (const invforecast::error& ex) {
      out[i].error = ex.what();
    }
  }
  return out;
}

template <std::floating_point T>
ets_selection<T> ets_auto_impl(std::span<const T> y, int season_length,
                               const ets_auto_options& options,
                               std::span<const std::uint8_t> unknown) {
  constexpr std::string_view fn = "ets_auto";
  detail::check_positive(fn, "season_length", season_length);
  detail::check_not_empty(fn, "y", y);
  if (options.max_evaluations < 1) {
    detail::throw_invalid_value(fn, "max_evaluations", options.max_evaluations, "> 0");
  }
  const bool masked = !unknown.empty();
  if (masked && unknown.size() != y.size()) {
    detail::throw_invalid_value(fn, "unknown.size()", unknown.size(),
                                "equal to y.size() = " + std::to_string(y.size()));
  }
  std::size_t n = 0;
  std::size_t first_known = y.size();
  T lo = std::numeric_limits<T>::infinity();
  T hi = -std::numeric_limits<T>::infinity();
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (masked && unknown[i] != 0) continue;
    if (!std::isfinite(y[i])) {
      detail::throw_invalid_value(fn, "y[" + std::to_string(i) + "]", y[i], "finite");
    }
    if (first_known == y.size()) first_known = i;
    lo = std::min(lo, y[i]);
    hi = std::max(hi, y[i]);
    ++n;
  }
  if (n == 0) detail::throw_insufficient(fn, "every value of y is unknown");

  ets_selection<T> out{ets_factory::constant(y, first_known, n), {}};
  if (lo == hi) {
    // R: ets() on a constant series returns ses(y, alpha = 0.99999, initial = "simple").
    out.candidates.push_back(
        {ets_model{}, std::nullopt,
         "constant series: R's ets returns SES with alpha = 0.99999 and l0 = y[1]"});
    return out;
  }

  if (n <= 6) {
    // R: ets(y) with n <= npars + 4 = 6 falls back to HoltWintersZZ: SES and Holt's linear
    // trend with l0 = y1 (b0 = y2 - y1) and parameters minimising the SSE in [0, 1]; the one
    // with the smaller mean squared residual is returned.
    out.best = short_series_fallback(y, unknown, first_known, options, out.candidates);
    return out;
  }

  int m = season_length;
  bool try_season = true;
  std::string season_note;
  if (m == 1) {
    try_season = false;
    season_note = "season_length = 1";
  } else if (m > 24) {
    try_season = false;
    season_note = "season_length > 24 (R's ets cannot model it)";
  } else if (y.size() <= static_cast<std::size_t>(m)) {
    try_season = false;
    season_note = "n <= season_length";
  }
  if (!try_season) m = 1;
  const bool positive = lo > 0;

  std::vector<ets_error> errors{ets_error::additive, ets_error::multiplicative};
  std::vector<ets_trend> trends{ets_trend::none, ets_trend::additive};
  if (options.allow_multiplicative_trend) trends.push_back(ets_trend::multiplicative);
  std::vector<ets_season> seasons{ets_season::none};
  if (try_season) {
    seasons.push_back(ets_season::additive);
    seasons.push_back(ets_season::multiplicative);
  }
  std::vector<bool> dampings;
  if (options.damped) {
    dampings.push_back(*options.damped);
  } else {
    dampings = {true, false};
  }

  T best_ic = std::numeric_limits<T>::infinity();
  std::optional<fitted_ets<T>> best;
  for (const auto e : errors) {
    for (const auto t : trends) {
      for (const auto s : seasons) {
        // The damped and undamped candidates of this form, fitted side by side.
        std::vector<ets_spec<T>> specs;
        std::vector<std::size_t> at;  // their indices in out.candidates
        for (const bool d : dampings) {
          if (t == ets_trend::none && d) continue;
          const ets_model model{e, t, d, s};
          ets_candidate<T> cand{model, std::nullopt, {}};
          if (e == ets_error::additive &&
              (t == ets_trend::multiplicative || s == ets_season::multiplicative)) {
            cand.note = "skipped: additive error with a multiplicative component (R restrict)";
          } else if (e == ets_error::multiplicative && t == ets_trend::multiplicative &&
                     s == ets_season::additive) {
            cand.note = "skipped: M error, M trend, A season (R restrict)";
          } else if (options.additive_only &&
                     (e == ets_error::multiplicative || t == ets_trend::multiplicative ||
                      s == ets_season::multiplicative)) {
            cand.note = "skipped: additive_only";
          } else if (!positive &&
                     (e == ets_error::multiplicative || t == ets_trend::multiplicative ||
                      s == ets_season::multiplicative)) {
            cand.note = "skipped: multiplicative component needs y > 0";
          } else {
            ets_options<T> o;
            o.model = model;
            o.season_length = s == ets_season::none ? 1 : m;
            o.bounds = options.bounds;
            o.max_evaluations = options.max_evaluations;
            o.simulation_paths = options.simulation_paths;
            try {
              specs.emplace_back(std::move(o));
              at.push_back(out.candidates.size());
            } catch (const invforecast::error& ex) {
              cand.note = std::string("not fitted: ") + ex.what();
            }
          }
          out.candidates.push_back(std::move(cand));
        }
        auto attempts = fit_side_by_side(std::span<const ets_spec<T>>(specs), y, unknown);
        for (std::size_t i = 0; i < attempts.size(); ++i) {
          ets_candidate<T>& cand = out.candidates[at[i]];
          if (!attempts[i].fit) {
            cand.note = "not fitted: " + attempts[i].error;
            continue;
          }
          const T ic = attempts[i].fit->aicc();
          cand.aicc = ic;
          if (ic < best_ic) {
            best_ic = ic;
            best = std::move(attempts[i].fit);
          }
        }
      }
    }
  }
  if (!best) {
    detail::throw_insufficient(fn, "no ETS model could be fitted to " + std::to_string(n) +
                                       " observations (R: \"No model able to be fitted\")");
  }
  out.best = std::move(*best);
  return out;
}

}  // namespace detail

/// Fits every admissible ETS model and returns the one with the lowest AICc (R's ets(y)).
///
/// Candidates, in R's order: error {A, M} x trend {N, Ad, A} x season {N, A, M}; multiplicative
/// components only when every y > 0; additive error never with a multiplicative component
/// (R's restrict = TRUE). The season is dropped when season_length == 1, > 24, or n <= m. A
/// candidate that estimates np values with np + 1 >= n is skipped (R's etsmodel returns
/// AICc = Inf). A constant series returns R's SES with alpha = 0.99999 and l0 = y[1] (sigma^2 =
/// 0). With n <= 6 known values R's ets falls back to HoltWintersZZ and so do we: SES (l0 = y1)
/// and Holt (l0 = y1, b0 = y2 - y1) with parameters minimising the SSE in [0, 1], the one with
/// the smaller mean squared residual wins (sigma^2 = mean e^2; the candidates' notes give both).
/// Ties keep the first model in search order. Complexity: up to 15 fits of at most 2000
/// likelihood evaluations, each O(n).
/// Reference: Hyndman, Koehler, Snyder & Grose (2002), IJF 18(3); R forecast::ets.
/// @param y demand, oldest first
/// @param season_length m (1 = non-seasonal)
/// @throws invalid_argument when season_length < 1 or y has a non-finite value (message names
///         index and value).
/// @throws insufficient_data when y is empty or no candidate can be fitted.
template <std::floating_point T = double>
[[nodiscard]] ets_selection<T> ets_auto(std::type_identity_t<std::span<const T>> y,
                                        int season_length, const ets_auto_options& options = {}) {
  return detail::ets_auto_impl(y, season_length, options, {});
}

/// ets_auto with unknown days: known[i] == 1 when y[i] is observed, 0 when unknown (value
/// ignored; see ets_spec::fit(y, known)). A daily_series' observed_known_mask() can be passed
/// as it is. A mask without a 0 gives ets_auto(y, season_length) bit for bit.
/// @code
/// auto sel = invforecast::ets_auto<double>(s.observed_values(), s.observed_known_mask(), 7);
/// @endcode
/// @throws invalid_argument as ets_auto, or when known.size() != y.size().
/// @throws insufficient_data as ets_auto, counting known points only.
template <std::floating_point T = double>
[[nodiscard]] ets_selection<T> ets_auto(std::type_identity_t<std::span<const T>> y,
                                        std::span<const std::uint8_t> known, int season_length,
                                        const ets_auto_options& options = {}) {
  if (known.size() != y.size()) {
    detail::throw_invalid_value("ets_auto", "known.size()", known.size(),
                                "equal to y.size() = " + std::to_string(y.size()));
  }
  const std::vector<std::uint8_t> unknown = detail::unknown_from_known(known);
  return detail::ets_auto_impl(y, season_length, options, std::span<const std::uint8_t>(unknown));
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/smoothing/detail/ets_auto_extern.hpp"  // IWYU pragma: export
