// invforecast::compiled: the explicit instantiation of backtest(y, forecaster_options, options)
// for double; the list is in metrics/detail/backtest_extern.hpp.
#define INVFORECAST_COMPILED_SOURCE_BACKTEST
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/detail/backtest_extern.hpp"
