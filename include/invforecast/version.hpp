#pragma once

/// @file
/// Library version: the single source of truth, read by CMake at configure time.

#define INVFORECAST_VERSION_MAJOR 0
#define INVFORECAST_VERSION_MINOR 2
#define INVFORECAST_VERSION_PATCH 0

/// Version as one integer, e.g. 0.2.0 -> 200.
#define INVFORECAST_VERSION \
  (INVFORECAST_VERSION_MAJOR * 10000 + INVFORECAST_VERSION_MINOR * 100 + INVFORECAST_VERSION_PATCH)

namespace invforecast {
/// Version string "major.minor.patch".
inline constexpr const char* version_string = "0.2.0";
}  // namespace invforecast
