#pragma once

/// @file
/// Exception types. Every caller mistake the library detects is reported by throwing one of
/// these; numerical outcomes (e.g. an optimiser that did not converge) are a status on the
/// result instead. Messages name the function and the offending value, e.g.
/// "ets_spec: alpha = 1.3, must be in (0, 1)". See docs/errors.md.

#include <stdexcept>
#include <string>

namespace invforecast {

/// Base class of every exception thrown by invforecast. Catch this to handle them all.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An argument is outside its documented domain (NaN, negative quantity, level outside (0, 1),
/// unsorted dates when the caller promised sorted input, ...).
class invalid_argument : public error {
 public:
  using error::error;
};

/// The data is too short (or too empty) for the requested computation and no documented
/// fallback applies.
class insufficient_data : public error {
 public:
  using error::error;
};

/// Text input (CSV, JSON, command line) could not be parsed; the message names the line and
/// column where known.
class parse_error : public error {
 public:
  using error::error;
};

/// A database operation failed (optional PostgreSQL adapters). The transaction was rolled
/// back: nothing was written.
class database_error : public error {
 public:
  using error::error;
};

}  // namespace invforecast
