#pragma once

/// @file
/// Explicit instantiations of the Croston family (croston, fitted_croston) from
/// intermittent/croston.hpp for the compiled component (invforecast::compiled, built from
/// src/compiled/intermittent.cpp). With INVFORECAST_COMPILED (defined by that target's interface)
/// these are declared `extern template`: a translation unit that calls them uses the library's
/// copies instead of instantiating the bodies. The compiled source defines
/// INVFORECAST_COMPILED_SOURCE_CROSTON first, which turns the same list into the explicit
/// instantiation definitions, so declarations and definitions cannot drift apart. Header-only
/// mode (no macro) sees nothing here. Included at the end of intermittent/croston.hpp; see
/// docs/quickstart.md
/// ("The compiled component").

#include "invforecast/intermittent/croston.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_CROSTON)
#define INVFORECAST_DETAIL_CROSTON_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_CROSTON_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_CROSTON_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_CROSTON_INSTANTIATION class fitted_croston<double>;
INVFORECAST_DETAIL_CROSTON_INSTANTIATION class fitted_croston<float>;
INVFORECAST_DETAIL_CROSTON_INSTANTIATION fitted_croston<double> croston<double>(
    std::span<const double>, croston_options<double>);
INVFORECAST_DETAIL_CROSTON_INSTANTIATION fitted_croston<float> croston<float>(
    std::span<const float>, croston_options<float>);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_CROSTON_INSTANTIATION
#endif
