// invforecast::compiled: the explicit instantiations of the smoothing area (ETS engine, automatic
// ETS search, Theta) for float and double; the lists are in the included *_extern.hpp headers.
#define INVFORECAST_COMPILED_SOURCE_ETS
#define INVFORECAST_COMPILED_SOURCE_ETS_AUTO
#define INVFORECAST_COMPILED_SOURCE_THETA
#include "invforecast/smoothing/detail/ets_auto_extern.hpp"
#include "invforecast/smoothing/detail/ets_extern.hpp"
#include "invforecast/smoothing/detail/theta_extern.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/theta.hpp"
