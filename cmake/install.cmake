# Install rules (INVFORECAST_INSTALL=ON): headers, the CMake package with its components, and
# the pkg-config files. Three ways to consume the result, each tested by
# scripts/check-package.sh:
#   find_package(invforecast 0.2 CONFIG REQUIRED [COMPONENTS postgres compiled])
#   pkg-config --cflags --libs invforecast [invforecast-postgres] [invforecast-compiled]
#   add_subdirectory(invforecast)   (no install; the same targets)
#
# Layout. The header-only part alone is architecture-independent: its CMake package goes to
# share/cmake/invforecast with an ARCH_INDEPENDENT version file (one copy serves every
# architecture on a multiarch system) and invforecast.pc to share/pkgconfig. The compiled
# PostgreSQL adapters are a static or shared library for one architecture: with them the CMake
# package moves to <libdir>/cmake/invforecast (libdir = lib/x86_64-linux-gnu on Debian) and its
# version file is not ARCH_INDEPENDENT, so a find_package from another architecture does not
# pick up this one's library; invforecast-postgres.pc and invforecast-compiled.pc go to
# <libdir>/pkgconfig.

include(CMakePackageConfigHelpers)

set(_invforecast_install_compiled FALSE)
if(INVFORECAST_BUILD_COMPILED AND TARGET invforecast_compiled)
  set(_invforecast_install_compiled TRUE)
endif()

if(TARGET invforecast_postgres OR _invforecast_install_compiled)
  set(_invforecast_config_dir "${CMAKE_INSTALL_LIBDIR}/cmake/invforecast")
  set(_invforecast_arch_independent "")
else()
  set(_invforecast_config_dir "${CMAKE_INSTALL_DATADIR}/cmake/invforecast")
  set(_invforecast_arch_independent ARCH_INDEPENDENT)
endif()

# ---- Component invforecast (header-only) -------------------------------------------------------
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/invforecast"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" PATTERN "postgres" EXCLUDE)
install(TARGETS invforecast EXPORT invforecastTargets)
install(EXPORT invforecastTargets NAMESPACE invforecast::
  DESTINATION "${_invforecast_config_dir}")

# ---- Component postgres (compiled; its own export set) -----------------------------------------
if(TARGET invforecast_postgres)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/invforecast/postgres"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/invforecast")
  # The migrations are embedded in the library; the files are for psql / DBA use.
  install(FILES ${INVFORECAST_POSTGRES_SQL} DESTINATION "${CMAKE_INSTALL_DATADIR}/invforecast/sql")
  install(TARGETS invforecast_postgres EXPORT invforecastPostgresTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
  install(EXPORT invforecastPostgresTargets NAMESPACE invforecast::
    DESTINATION "${_invforecast_config_dir}")
endif()

# ---- Component compiled (precompiled instantiations; its own export set) -------------------------
if(_invforecast_install_compiled)
  install(TARGETS invforecast_compiled EXPORT invforecastCompiledTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
  install(EXPORT invforecastCompiledTargets NAMESPACE invforecast::
    DESTINATION "${_invforecast_config_dir}")
endif()

# ---- CMake package: config + version file ---------------------------------------------------------
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/invforecastConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/invforecastConfig.cmake" INSTALL_DESTINATION "${_invforecast_config_dir}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/invforecastConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion ${_invforecast_arch_independent})
install(FILES "${PROJECT_BINARY_DIR}/invforecastConfig.cmake"
  "${PROJECT_BINARY_DIR}/invforecastConfigVersion.cmake"
  DESTINATION "${_invforecast_config_dir}")

# ---- pkg-config -----------------------------------------------------------------------------------
# The .pc files carry absolute paths of the prefix actually installed to, which is known only at
# install time (`cmake --install build --prefix /opt/invforecast` overrides the configure-time
# CMAKE_INSTALL_PREFIX). So: substitute everything else now, leave @INVFORECAST_PC_PREFIX@ in
# place, and substitute it in an install(CODE) step that runs just before the file is installed.
set(INVFORECAST_PC_PREFIX "@INVFORECAST_PC_PREFIX@")
foreach(_dir INCLUDEDIR LIBDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(INVFORECAST_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(INVFORECAST_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()

set(_invforecast_pc_files invforecast)
if(TARGET invforecast_postgres)
  list(APPEND _invforecast_pc_files invforecast-postgres)
  # A static library carries no record of libpq: a consumer must link it too, so libpq is a
  # public requirement; a shared library links libpq itself (Requires.private: flags only).
  get_target_property(_invforecast_pg_type invforecast_postgres TYPE)
  if(_invforecast_pg_type STREQUAL "STATIC_LIBRARY")
    set(INVFORECAST_PC_PG_REQUIRES "invforecast = ${PROJECT_VERSION}, libpq")
    set(INVFORECAST_PC_PG_REQUIRES_PRIVATE "")
  else()
    set(INVFORECAST_PC_PG_REQUIRES "invforecast = ${PROJECT_VERSION}")
    set(INVFORECAST_PC_PG_REQUIRES_PRIVATE "libpq")
  endif()
endif()

if(_invforecast_install_compiled)
  list(APPEND _invforecast_pc_files invforecast-compiled)
endif()

foreach(_pc IN LISTS _invforecast_pc_files)
  set(_template "${PROJECT_BINARY_DIR}/pkgconfig/${_pc}.pc.in")
  set(_out "${PROJECT_BINARY_DIR}/pkgconfig/${_pc}.pc")
  configure_file("${CMAKE_CURRENT_LIST_DIR}/${_pc}.pc.in" "${_template}" @ONLY)
  install(CODE "
    set(INVFORECAST_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
    configure_file(\"${_template}\" \"${_out}\" @ONLY)")
  if(_pc STREQUAL "invforecast")
    install(FILES "${_out}" DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")
  else()
    install(FILES "${_out}" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  endif()
endforeach()
