#pragma once

/// @file
/// Umbrella header: the whole library except the optional PostgreSQL adapters.

#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/version.hpp"
