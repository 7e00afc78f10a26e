// invforecast::compiled: the explicit instantiations of the intermittent-demand area (Croston
// family, TSB) for float and double; the lists are in the included *_extern.hpp headers.
#define INVFORECAST_COMPILED_SOURCE_CROSTON
#define INVFORECAST_COMPILED_SOURCE_TSB
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/detail/croston_extern.hpp"
#include "invforecast/intermittent/detail/tsb_extern.hpp"
#include "invforecast/intermittent/tsb.hpp"
