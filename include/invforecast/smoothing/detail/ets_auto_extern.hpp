#pragma once

/// @file
/// Explicit instantiations of the automatic ETS search (both ets_auto overloads) from
/// smoothing/ets_auto.hpp for the compiled component (invforecast::compiled, built from
/// src/compiled/smoothing.cpp). With INVFORECAST_COMPILED (defined by that target's interface)
/// these are declared `extern template`: a translation unit that calls them uses the library's
/// copies instead of instantiating the bodies. The compiled source defines
/// INVFORECAST_COMPILED_SOURCE_ETS_AUTO first, which turns the same list into the explicit
/// instantiation definitions, so declarations and definitions cannot drift apart. Header-only
/// mode (no macro) sees nothing here. Included at the end of smoothing/ets_auto.hpp; see
/// docs/quickstart.md
/// ("The compiled component").

#include "invforecast/smoothing/ets_auto.hpp"

#if defined(INVFORECAST_COMPILED_SOURCE_ETS_AUTO)
#define INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION ets_selection<double> ets_auto<double>(
    std::span<const double>, int, const ets_auto_options&);
INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION ets_selection<double> ets_auto<double>(
    std::span<const double>, std::span<const std::uint8_t>, int, const ets_auto_options&);
INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION ets_selection<float> ets_auto<float>(
    std::span<const float>, int, const ets_auto_options&);
INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION ets_selection<float> ets_auto<float>(
    std::span<const float>, std::span<const std::uint8_t>, int, const ets_auto_options&);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_ETS_AUTO_INSTANTIATION
#endif
