#pragma once

/// @file
/// The library's one UUID syntax check, shared by the PostgreSQL adapters (pg::is_uuid,
/// pg::check_uuid) and the command-line tools (--tenant, --facility).

#include <cstddef>
#include <string_view>

namespace invforecast::detail {

/// True when `text` is a UUID in the canonical 8-4-4-4-12 hexadecimal form of RFC 4122
/// (hex digits in either case, '-' at positions 8, 13, 18 and 23, 36 characters, no braces).
/// Only the syntax is checked: version and variant digits are not.
[[nodiscard]] constexpr bool is_uuid(std::string_view text) noexcept {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace invforecast::detail
