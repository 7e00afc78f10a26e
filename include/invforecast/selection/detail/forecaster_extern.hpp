#pragma once

/// @file
/// Explicit instantiations of the forecaster (the three fit_and_forecast overloads) from
/// selection/forecaster.hpp for the compiled component (invforecast::compiled, built from
/// src/compiled/selection.cpp). With INVFORECAST_COMPILED (defined by that target's interface)
/// these are declared `extern template`: a translation unit that calls them uses the library's
/// copies instead of instantiating the bodies. The compiled source defines
/// INVFORECAST_COMPILED_SOURCE_FORECASTER first, which turns the same list into the explicit
/// instantiation definitions, so declarations and definitions cannot drift apart. Header-only
/// mode (no macro) sees nothing here. Included at the end of selection/forecaster.hpp; see
/// docs/quickstart.md
/// ("The compiled component").

#include "invforecast/selection/forecaster.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_FORECASTER)
#define INVFORECAST_DETAIL_FORECASTER_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_FORECASTER_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_FORECASTER_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_FORECASTER_INSTANTIATION model_fit<double> fit_and_forecast<double>(
    std::span<const double>, const forecaster_options<double>&, int, std::span<const double>);
INVFORECAST_DETAIL_FORECASTER_INSTANTIATION model_fit<double> fit_and_forecast<double>(
    std::span<const double>, std::span<const std::uint8_t>, const forecaster_options<double>&, int,
    std::span<const double>);
INVFORECAST_DETAIL_FORECASTER_INSTANTIATION model_fit<double> fit_and_forecast<double>(
    const daily_series<double>&, const forecaster_options<double>&, int, std::span<const double>);
INVFORECAST_DETAIL_FORECASTER_INSTANTIATION model_fit<float> fit_and_forecast<float>(
    std::span<const float>, const forecaster_options<float>&, int, std::span<const float>);
INVFORECAST_DETAIL_FORECASTER_INSTANTIATION model_fit<float> fit_and_forecast<float>(
    std::span<const float>, std::span<const std::uint8_t>, const forecaster_options<float>&, int,
    std::span<const float>);
INVFORECAST_DETAIL_FORECASTER_INSTANTIATION model_fit<float> fit_and_forecast<float>(
    const daily_series<float>&, const forecaster_options<float>&, int, std::span<const float>);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_FORECASTER_INSTANTIATION
#endif
