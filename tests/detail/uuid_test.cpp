// Tests of include/invforecast/detail/uuid.hpp: the library's one UUID syntax check.

#include "invforecast/detail/uuid.hpp"

#include <catch2/catch.hpp>
#include <string>

using invforecast::detail::is_uuid;

TEST_CASE("is_uuid: the canonical 8-4-4-4-12 hexadecimal form", "[uuid]") {
  // RFC 4122, appendix B's example namespace UUID, and the nil UUID.
  static_assert(is_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
  static_assert(is_uuid("00000000-0000-0000-0000-000000000000"));
  CHECK(is_uuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8"));  // upper case
  CHECK(is_uuid("6ba7B810-9DAD-11d1-80b4-00C04fd430c8"));  // mixed
  CHECK_FALSE(is_uuid(""));
  CHECK_FALSE(is_uuid("not-a-uuid"));
  CHECK_FALSE(is_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c"));    // 35 characters
  CHECK_FALSE(is_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c80"));  // 37 characters
  CHECK_FALSE(is_uuid("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"));
  CHECK_FALSE(is_uuid("6ba7b8109dad11d180b400c04fd430c8"));      // no dashes
  CHECK_FALSE(is_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430cg"));  // 'g' is not hex
  CHECK_FALSE(is_uuid(" ba7b810-9dad-11d1-80b4-00c04fd430c8"));
}

TEST_CASE("is_uuid: every position is checked", "[uuid]") {
  // Replacing any single character of a valid UUID by one of the wrong class (a hex digit
  // where a dash belongs, a dash or 'x' where a hex digit belongs) makes it invalid.
  const std::string good = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
  REQUIRE(is_uuid(good));
  for (std::size_t i = 0; i < good.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    for (const char c : dash ? std::string("0aFx") : std::string("-xG/:@`")) {
      std::string bad = good;
      bad[i] = c;
      INFO(bad);
      CHECK_FALSE(is_uuid(bad));
    }
  }
  std::string with_nul = good;
  with_nul[3] = '\0';
  CHECK_FALSE(is_uuid(with_nul));
}
