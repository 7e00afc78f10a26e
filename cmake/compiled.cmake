# invforecast::compiled — optional precompiled instantiations (INVFORECAST_BUILD_COMPILED=ON).
#
# The pattern of fmt's and spdlog's compiled modes. The headers stay self-sufficient and
# header-only is the default; a consumer that links invforecast::compiled gets
# INVFORECAST_COMPILED defined (this target's interface), under which
#   - the heavy templates' headers declare `extern template` for the float and double
#     instantiations built here (one list per header: include/invforecast/*/detail/*_extern.hpp,
#     included at the end of the header it belongs to), and
#   - planning/plan.hpp only declares plan(); its body (planning/detail/plan_impl.hpp) is
#     compiled once, in src/compiled/planning.cpp.
# So a translation unit calling fit_and_forecast<double> parses the headers but instantiates
# nothing of the engine (docs/benchmarks.md, "Compile time"). Every translation unit of one
# program must use the same mode (all with INVFORECAST_COMPILED or none).
#
# Opt-in: -DINVFORECAST_BUILD_COMPILED=ON builds it with `all` and installs it. Without the option
# it is defined only for the test suite (EXCLUDE_FROM_ALL, not installed).
# Static unless BUILD_SHARED_LIBS; own export set invforecastCompiledTargets, installed under the
# arch's lib dir like invforecast::postgres (install.cmake).

add_library(invforecast_compiled
  "${PROJECT_SOURCE_DIR}/src/compiled/smoothing.cpp"
  "${PROJECT_SOURCE_DIR}/src/compiled/intermittent.cpp"
  "${PROJECT_SOURCE_DIR}/src/compiled/series.cpp"
  "${PROJECT_SOURCE_DIR}/src/compiled/selection.cpp"
  "${PROJECT_SOURCE_DIR}/src/compiled/metrics.cpp"
  "${PROJECT_SOURCE_DIR}/src/compiled/planning.cpp")
add_library(invforecast::compiled ALIAS invforecast_compiled)
set_target_properties(invforecast_compiled PROPERTIES
  EXPORT_NAME compiled
  OUTPUT_NAME invforecast_compiled
  POSITION_INDEPENDENT_CODE ON)
target_compile_features(invforecast_compiled PUBLIC cxx_std_20)
target_compile_definitions(invforecast_compiled PUBLIC INVFORECAST_COMPILED)
target_link_libraries(invforecast_compiled PUBLIC invforecast::invforecast)
# The project's warning flags for our own sources only (not exported, no link dependency).
target_compile_options(invforecast_compiled PRIVATE
  $<TARGET_PROPERTY:invforecast_warnings,INTERFACE_COMPILE_OPTIONS>)
if(NOT INVFORECAST_BUILD_COMPILED)
  set_target_properties(invforecast_compiled PROPERTIES EXCLUDE_FROM_ALL ON)
endif()
