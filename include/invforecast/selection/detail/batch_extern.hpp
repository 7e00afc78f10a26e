#pragma once

/// @file
/// Explicit instantiations of the batch forecaster from selection/batch.hpp for the compiled
/// component (invforecast::compiled, built from src/compiled/selection.cpp). With
/// INVFORECAST_COMPILED (defined by that target's interface) these are declared `extern template`:
/// a translation unit that calls them uses the library's copies instead of instantiating the
/// bodies. The compiled source defines INVFORECAST_COMPILED_SOURCE_BATCH first, which turns the
/// same list into the explicit instantiation definitions, so declarations and definitions cannot
/// drift apart. Header-only mode (no macro) sees nothing here. Included at the end of
/// selection/batch.hpp; see docs/quickstart.md
/// ("The compiled component").

#include "invforecast/selection/batch.hpp"
// fit_and_forecast's declarations too (also included by selection/forecaster.hpp itself).
#include "invforecast/selection/detail/forecaster_extern.hpp"  // IWYU pragma: export

#if defined(INVFORECAST_COMPILED_SOURCE_BATCH)
#define INVFORECAST_DETAIL_BATCH_INSTANTIATION template
#elif defined(INVFORECAST_COMPILED)
#define INVFORECAST_DETAIL_BATCH_INSTANTIATION extern template
#endif

#ifdef INVFORECAST_DETAIL_BATCH_INSTANTIATION
namespace invforecast {

INVFORECAST_DETAIL_BATCH_INSTANTIATION std::vector<batch_outcome<double>>
fit_and_forecast_batch_outcomes<double>(std::span<const std::vector<double>>,
                                        const forecaster_options<double>&, int,
                                        std::span<const double>, unsigned);
INVFORECAST_DETAIL_BATCH_INSTANTIATION std::vector<model_fit<double>>
fit_and_forecast_batch<double>(std::span<const std::vector<double>>,
                               const forecaster_options<double>&, int, std::span<const double>,
                               unsigned);

}  // namespace invforecast
#undef INVFORECAST_DETAIL_BATCH_INSTANTIATION
#endif
