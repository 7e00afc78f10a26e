// invforecast::compiled: the explicit instantiations of the forecaster (fit_and_forecast for
// float and double) and of the batch forecaster (double); the lists are in the included
// *_extern.hpp headers. The ETS, Theta and intermittent models it calls are declared extern
// (instantiated in smoothing.cpp and intermittent.cpp), Theta's first: before any definition
// here can need it.
#include "invforecast/smoothing/detail/theta_extern.hpp"

#define INVFORECAST_COMPILED_SOURCE_FORECASTER
#define INVFORECAST_COMPILED_SOURCE_BATCH
#include "invforecast/selection/batch.hpp"
#include "invforecast/selection/detail/batch_extern.hpp"
#include "invforecast/selection/detail/forecaster_extern.hpp"
#include "invforecast/selection/forecaster.hpp"
