#pragma once

/// @file
/// Explicit instantiations of TSB (tsb, fitted_tsb) from intermittent/tsb.hpp for the compiled
/// component (invforecast::compiled, built from src/compiled/intermittent.cpp). With
/// INVFORECAST_COMPILED (defined by that target's interface) these are declared `extern template`:
/// a translation unit that calls them uses the library's copies instead of instantiating the
/// bodies. The compiled source defines INVFORECAST_COMPILED_SOURCE_TSB first, which turns the same
/// list into the explicit instantiation definitions, so declarations and definitions cannot drift
/// apart. Header-only mode (no macro) sees nothing here. Included at the end of
/// intermittent/tsb.hpp; see docs/quickstart.md
/// ("The compiled component").

#include "invforecast/intermittent/tsb.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_TSB)
#define INVFORECAST_DETAIL_TSB_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_TSB_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_TSB_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_TSB_INSTANTIATION class fitted_tsb<double>;
INVFORECAST_DETAIL_TSB_INSTANTIATION class fitted_tsb<float>;
INVFORECAST_DETAIL_TSB_INSTANTIATION fitted_tsb<double> tsb<double>(std::span<const double>,
                                                                    tsb_options<double>);
INVFORECAST_DETAIL_TSB_INSTANTIATION fitted_tsb<float> tsb<float>(std::span<const float>,
                                                                  tsb_options<float>);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_TSB_INSTANTIATION
#endif
