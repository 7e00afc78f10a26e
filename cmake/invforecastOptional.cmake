# invforecast_optional_piece(<found> <piece> NEEDS <what> GROUP <install-deps group>
#                            [OTHERWISE <what happens without it>])
#
# Reports an optional part of the build at configure time. <found> is the name of a variable
# (usually <Package>_FOUND) that is true when the part's dependency is available:
#   found     -> "invforecast: <piece>: yes"
#   not found -> a warning naming what is missing and the command that installs it
#                (scripts/install-deps.sh <group>) and OTHERWISE (default "skipped"); the
#                caller does the skipping.
# With -DINVFORECAST_REQUIRE_ALL=ON a missing part is a configure error instead, so CI cannot
# silently test less than it thinks (scripts/test.sh configures with it).
#
# Defined by the top-level CMakeLists.txt and usable from every subdirectory (examples/,
# tests/, bench/) so that every optional part says the same thing in the same way.
function(invforecast_optional_piece found piece)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "NEEDS;GROUP;OTHERWISE" "")
  if(NOT arg_NEEDS OR NOT arg_GROUP)
    message(FATAL_ERROR "invforecast_optional_piece(${found} ${piece}): NEEDS and GROUP are required")
  endif()
  if(${found})
    message(STATUS "invforecast: ${piece}: yes")
    return()
  endif()
  # One quoted string: the message contains ';', which an unquoted list would drop.
  string(CONCAT _msg "invforecast: ${piece}: needs ${arg_NEEDS}; install it with: "
                     "scripts/install-deps.sh ${arg_GROUP} (or point CMAKE_PREFIX_PATH at it)")
  if(INVFORECAST_REQUIRE_ALL)
    message(FATAL_ERROR "${_msg}\nINVFORECAST_REQUIRE_ALL=ON makes every enabled optional part "
                        "mandatory; configure with -DINVFORECAST_REQUIRE_ALL=OFF to build "
                        "without it.")
  endif()
  if(NOT arg_OTHERWISE)
    set(arg_OTHERWISE "skipped")
  endif()
  message(WARNING "${_msg} -- ${arg_OTHERWISE}")
endfunction()
