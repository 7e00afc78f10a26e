#pragma once

/// @file
/// Explicit instantiations of the ETS engine (fitted_ets, ets_spec) from smoothing/ets.hpp for the
/// compiled component (invforecast::compiled, built from src/compiled/smoothing.cpp). With
/// INVFORECAST_COMPILED (defined by that target's interface) these are declared `extern template`:
/// a translation unit that calls them uses the library's copies instead of instantiating the
/// bodies. The compiled source defines INVFORECAST_COMPILED_SOURCE_ETS first, which turns the same
/// list into the explicit instantiation definitions, so declarations and definitions cannot drift
/// apart. Header-only mode (no macro) sees nothing here. Included at the end of smoothing/ets.hpp;
/// see docs/quickstart.md
/// ("The compiled component").

#include "invforecast/smoothing/ets.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_ETS)
#define INVFORECAST_DETAIL_ETS_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_ETS_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_ETS_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_ETS_INSTANTIATION class fitted_ets<double>;
INVFORECAST_DETAIL_ETS_INSTANTIATION class fitted_ets<float>;
INVFORECAST_DETAIL_ETS_INSTANTIATION class ets_spec<double>;
INVFORECAST_DETAIL_ETS_INSTANTIATION class ets_spec<float>;

}  // namespace invforecast
#undef INVFORECAST_DETAIL_ETS_INSTANTIATION
#endif
