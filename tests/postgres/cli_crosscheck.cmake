# Issue 16's cross-check (tests/postgres/cli_crosscheck.cpp): the bundled sample data through
# `invforecast run` with CSV input and through the PostgreSQL adapters on a throwaway server
# (the CLI's --postgres --migrate --load-demand --write-back, then pg::generate_* on the loaded
# data) give the same forecasts, safety stock, reorder point, urgency and order quantity for
# every material. Included by examples/pipeline.cmake once the CLI target exists.

if(INVFORECAST_WITH_POSTGRES AND TARGET invforecast::postgres AND TARGET invforecast_cli)
  add_executable(invforecast_postgres_crosscheck
    "${PROJECT_SOURCE_DIR}/tests/postgres/cli_crosscheck.cpp")
  target_link_libraries(invforecast_postgres_crosscheck PRIVATE invforecast::postgres
    invforecast_warnings)
  target_include_directories(invforecast_postgres_crosscheck PRIVATE
    "${PROJECT_SOURCE_DIR}/examples")
  set(_xc_out "${CMAKE_CURRENT_BINARY_DIR}/postgres-crosscheck")
  set(_xc_tenant 00000000-0000-4000-8000-0000000000a1)
  set(_xc_facility 00000000-0000-4000-8000-0000000000a2)
  invforecast_example_check(invforecast_run_csv_equals_postgres
    COMMAND "${PROJECT_SOURCE_DIR}/tests/postgres/run_with_postgres.sh" sh -c
      "set -e; \"$0\" run -q --demand \"$1/demand.csv\" --materials \"$1/materials.csv\" --inventory \"$1/inventory.csv\" --format csv --no-report --out \"$2/csv\"; \"$0\" run -q --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant ${_xc_tenant} --facility ${_xc_facility} --migrate --load-demand \"$1/demand.csv\" --materials \"$1/materials.csv\" --inventory \"$1/inventory.csv\" --write-back --format csv --no-report --out \"$2/pg\" >/dev/null; \"$3\" \"$INVFORECAST_PG_TEST_CONNINFO\" ${_xc_tenant} ${_xc_facility} \"$1\" \"$2/csv\""
      $<TARGET_FILE:invforecast_cli> "${_ex_data}" "${_xc_out}"
      $<TARGET_FILE:invforecast_postgres_crosscheck>
    EXPECT "checked 32 materials, [0-9]+ values: all equal \\(0\\)"
    REJECT "MISMATCH")
  set_tests_properties(invforecast_run_csv_equals_postgres PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE
    LABELS "examples;postgres")
endif()
