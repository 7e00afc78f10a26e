// invforecast::compiled: the explicit instantiations of STL / MSTL for float and double; the
// list is in series/detail/mstl_extern.hpp.
#define INVFORECAST_COMPILED_SOURCE_MSTL
#include "invforecast/series/detail/mstl_extern.hpp"
#include "invforecast/series/mstl.hpp"
