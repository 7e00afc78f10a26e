#pragma once

/// @file
/// The objective ets_spec::fit minimises (R's etsTargetFunction): the parameter vector (free
/// smoothing parameters, then the estimated initial states without the implied last seasonal)
/// mapped to R's likelihood criterion, infinite outside the parameter region.

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>

#include "invforecast/detail/ets_core.hpp"
#include "invforecast/smoothing/ets_model.hpp"

namespace invforecast::detail {

/// Largest state vector: level, trend and 24 seasonals.
inline constexpr std::size_t ets_max_states = 2 + ets_max_season_length;

/// R's etsTargetFunction for a model, data and bounds; holds the scratch initial state so that
/// an evaluation does not allocate.
template <std::floating_point T>
class ets_objective {
 public:
  /// @param given_states the full initial state when it is fixed (empty: estimated)
  ets_objective(const ets_model& model, int m, std::span<const T> y,
                std::span<const std::uint8_t> unknown, const ets_coefficients<T>& start,
                const ets_free& free, const ets_limits<T>& lim, bool usual, bool admissible,
                bool beta_given, std::span<const T> given_states)
      : model_(model),
        m_(m),
        y_(y),
        unknown_(unknown),
        start_(start),
        free_(free),
        lim_(lim),
        usual_(usual),
        admissible_(admissible),
        beta_given_(beta_given),
        estimate_states_(given_states.empty()),
        states_(static_cast<std::size_t>(model.state_count(m))),
        packed_(ets_pair_form<T>(model, m, unknown)) {
    for (std::size_t i = 0; i < given_states.size(); ++i) x_[0][i] = x_[1][i] = given_states[i];
  }

  /// Coefficients and full initial state of parameter vector v (R's convention: the last
  /// seasonal is m - sum (multiplicative) or -sum (additive) of the others).
  void unpack(std::span<const T> v, ets_coefficients<T>& c, std::span<T> x) const {
    c = start_;
    std::size_t j = 0;
    if (free_.alpha) c.alpha = v[j++];
    if (free_.beta) c.beta = v[j++];
    if (free_.gamma) c.gamma = v[j++];
    if (free_.phi) c.phi = v[j++];
    if (!estimate_states_) return;
    const std::size_t ns = v.size() - j;
    for (std::size_t i = 0; i < ns; ++i) x[i] = v[j + i];
    if (model_.season != ets_season::none) {
      const std::size_t first_s = model_.trend != ets_trend::none ? 2 : 1;
      T sum = 0;
      for (std::size_t i = first_s; i < ns; ++i) sum += x[i];
      x[ns] = (model_.season == ets_season::multiplicative ? static_cast<T>(m_) : T(0)) - sum;
    }
  }

  /// R's criterion at v (nelder_mead's objective); +infinity outside the parameter region
  /// (usual and/or admissible bounds, negative multiplicative seasonals, undefined prediction).
  T operator()(std::span<const T> v) { return load(v, 0) ? run(0) : outside; }

  /// The criterion at v and, when it comes almost free, at `spare` too: both passes run in the
  /// two lanes of one packed pass (ets_run_pair). The spare value is empty when v is outside the
  /// region or the model has no packed form; it is +infinity when spare is outside the region.
  std::pair<T, std::optional<T>> with_spare(std::span<const T> v, std::span<const T> spare) {
    if (!packed_) return {(*this)(v), std::nullopt};
    if (!load(v, 0)) return {outside, std::nullopt};
    if (!load(spare, 1)) return {run(0), outside};
    const auto f = run_together(*this, 0, *this, 1);
    return {f[0], f[1]};
  }

  /// Whether run_together(*this, ., other, .) can evaluate the two in one packed pass: both
  /// have a packed form, and the same error, trend, season, season length and data (damped or
  /// not: the undamped pass is the pass with phi = 1).
  [[nodiscard]] bool packs_with(const ets_objective& other) const noexcept {
    return packed_ && other.packed_ && model_.error == other.model_.error &&
           model_.trend == other.model_.trend && model_.season == other.model_.season &&
           m_ == other.m_ && y_.data() == other.y_.data() && y_.size() == other.y_.size();
  }

  /// Unpacks v into slot 0 or 1; whether it lies inside the parameter region (the criterion
  /// there is +infinity otherwise).
  bool load(std::span<const T> v, std::size_t slot) {
    unpack(v, c_[slot], std::span<T>(x_[slot].data(), states_));
    return inside(c_[slot], std::span<const T>(x_[slot].data(), states_));
  }

  /// The criterion at the point loaded in `slot` (one scalar pass).
  T run(std::size_t slot) const {
    return criterion(
        ets_run(model_, m_, y_, unknown_, std::span<const T>(x_[slot].data(), states_), c_[slot]));
  }

  /// The criteria at the points loaded in a's slot_a and b's slot_b, in one packed pass.
  /// @pre a.packs_with(b)
  static std::array<T, 2> run_together(const ets_objective& a, std::size_t slot_a,
                                       const ets_objective& b, std::size_t slot_b) {
    const auto passes = *ets_run_pair(a.model_, a.m_, a.y_, a.unknown_,
                                      {std::span<const T>(a.x_[slot_a].data(), a.states_),
                                       std::span<const T>(b.x_[slot_b].data(), b.states_)},
                                      {a.c_[slot_a], b.c_[slot_b]});
    return {a.criterion(passes[0]), b.criterion(passes[1])};
  }

  /// The criterion outside the parameter region.
  static constexpr T outside = std::numeric_limits<T>::infinity();

 private:
  /// Whether coefficients c and initial state x are inside the parameter region.
  bool inside(const ets_coefficients<T>& c, std::span<const T> x) const {
    if (!ets_check_params(model_, m_, c, free_, lim_, usual_, admissible_, beta_given_)) {
      return false;
    }
    if (model_.season == ets_season::multiplicative) {
      const std::size_t first_s = model_.trend != ets_trend::none ? 2 : 1;
      for (std::size_t i = first_s; i < states_; ++i) {
        if (x[i] < 0) return false;
      }
    }
    return true;
  }

  /// R's criterion of a pass: its likelihood, clamped below at -1e10; +infinity when undefined.
  T criterion(const ets_pass<T>& pass) const {
    if (!pass.ok) return outside;
    const T lik = pass.lik(model_);
    if (std::isnan(lik)) return outside;
    return lik < T(-1e10) ? T(-1e10) : lik;
  }

  ets_model model_;
  int m_;
  std::span<const T> y_;
  std::span<const std::uint8_t> unknown_;
  ets_coefficients<T> start_;
  ets_free free_;
  ets_limits<T> lim_;
  bool usual_;
  bool admissible_;
  bool beta_given_;
  bool estimate_states_;
  std::size_t states_;
  bool packed_;  // ets_run_pair serves this model and data
  // coefficients and initial states of the loaded points (slot 1: with_spare's spare)
  std::array<ets_coefficients<T>, 2> c_{};
  std::array<std::array<T, ets_max_states>, 2> x_{};
};

}  // namespace invforecast::detail
