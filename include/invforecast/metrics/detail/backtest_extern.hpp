#pragma once

/// @file
/// Explicit instantiations of the backtest of a forecaster_options model from metrics/backtest.hpp
/// for the compiled component (invforecast::compiled, built from src/compiled/metrics.cpp). With
/// INVFORECAST_COMPILED (defined by that target's interface) these are declared `extern template`:
/// a translation unit that calls them uses the library's copies instead of instantiating the
/// bodies. The compiled source defines INVFORECAST_COMPILED_SOURCE_BACKTEST first, which turns the
/// same list into the explicit instantiation definitions, so declarations and definitions cannot
/// drift apart. Header-only mode (no macro) sees nothing here. Included at the end of
/// metrics/backtest.hpp; see docs/quickstart.md
/// ("The compiled component").

#include "invforecast/metrics/backtest.hpp"
// fit_and_forecast's declarations too (also included by selection/forecaster.hpp itself).
#include "invforecast/selection/detail/forecaster_extern.hpp"  // IWYU pragma: export

#if defined(INVFORECAST_COMPILED_SOURCE_BACKTEST)
#define INVFORECAST_DETAIL_BACKTEST_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_BACKTEST_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_BACKTEST_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_BACKTEST_INSTANTIATION backtest_result<double> backtest<double>(
    std::span<const double>, const forecaster_options<double>&, const backtest_options<double>&);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_BACKTEST_INSTANTIATION
#endif
