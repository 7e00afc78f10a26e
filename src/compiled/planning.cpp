// invforecast::compiled: the one definition of planning/plan.hpp's plan() overloads (declared,
// not defined, by plan.hpp under INVFORECAST_COMPILED). The forecaster and backtest they call
// are declared extern there and instantiated in selection.cpp and metrics.cpp.
#include "invforecast/planning/detail/plan_impl.hpp"
#include "invforecast/planning/plan.hpp"

#if !defined(INVFORECAST_COMPILED)
#error "src/compiled/planning.cpp must be built with INVFORECAST_COMPILED (cmake/compiled.cmake)"
#endif
