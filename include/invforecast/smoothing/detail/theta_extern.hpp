#pragma once

/// @file
/// Explicit instantiations of the Theta method (fitted_theta, theta_spec) from smoothing/theta.hpp
/// for the compiled component (invforecast::compiled, built from src/compiled/smoothing.cpp). With
/// INVFORECAST_COMPILED (defined by that target's interface) these are declared `extern template`:
/// a translation unit that calls them uses the library's copies instead of instantiating the
/// bodies. The compiled source defines INVFORECAST_COMPILED_SOURCE_THETA first, which turns the
/// same list into the explicit instantiation definitions, so declarations and definitions cannot
/// drift apart. Header-only mode (no macro) sees nothing here. Included at the end of
/// smoothing/theta.hpp; see docs/quickstart.md
/// ("The compiled component").

#include "invforecast/smoothing/theta.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_THETA)
#define INVFORECAST_DETAIL_THETA_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_THETA_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_THETA_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_THETA_INSTANTIATION class fitted_theta<double>;
INVFORECAST_DETAIL_THETA_INSTANTIATION class theta_spec<double>;

}  // namespace invforecast
#undef INVFORECAST_DETAIL_THETA_INSTANTIATION
#endif
