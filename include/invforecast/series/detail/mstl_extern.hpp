#pragma once

/// @file
/// Explicit instantiations of STL and MSTL from series/mstl.hpp for the compiled component
/// (invforecast::compiled, built from src/compiled/series.cpp). With INVFORECAST_COMPILED (defined
/// by that target's interface) these are declared `extern template`: a translation unit that calls
/// them uses the library's copies instead of instantiating the bodies. The compiled source defines
/// INVFORECAST_COMPILED_SOURCE_MSTL first, which turns the same list into the explicit
/// instantiation definitions, so declarations and definitions cannot drift apart. Header-only
/// mode (no macro) sees nothing here. Included at the end of series/mstl.hpp; see
/// docs/quickstart.md
/// ("The compiled component").

#include "invforecast/series/mstl.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_MSTL)
#define INVFORECAST_DETAIL_MSTL_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_MSTL_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_MSTL_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_MSTL_INSTANTIATION stl_result<double> stl<double>(std::span<const double>,
                                                                     double,
                                                                     const stl_options<double>&);
INVFORECAST_DETAIL_MSTL_INSTANTIATION mstl_result<double> mstl<double>(std::span<const double>,
                                                                       const mstl_options<double>&);
INVFORECAST_DETAIL_MSTL_INSTANTIATION stl_result<float> stl<float>(std::span<const float>, float,
                                                                   const stl_options<float>&);
INVFORECAST_DETAIL_MSTL_INSTANTIATION mstl_result<float> mstl<float>(std::span<const float>,
                                                                     const mstl_options<float>&);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_MSTL_INSTANTIATION
#endif
