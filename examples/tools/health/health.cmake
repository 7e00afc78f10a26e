# The health check (included by examples/pipeline.cmake): the Prometheus format test always; the
# invforecast-health tool when the PostgreSQL adapters are built, with a test against a
# throwaway server.
set(_health_dir "${CMAKE_CURRENT_LIST_DIR}")

add_executable(invforecast_prometheus_test "${_health_dir}/prometheus_test.cpp")
target_link_libraries(invforecast_prometheus_test PRIVATE invforecast::invforecast
  invforecast_warnings)
invforecast_example_check(health_prometheus_format
  COMMAND $<TARGET_FILE:invforecast_prometheus_test>
  EXPECT "prometheus format: all checks passed")

if(INVFORECAST_WITH_POSTGRES AND TARGET invforecast::postgres)
  add_executable(invforecast_health "${_health_dir}/health_main.cpp"
    "${_health_dir}/health_checks.cpp")
  target_link_libraries(invforecast_health PRIVATE invforecast::postgres invforecast_warnings
    CLI11::CLI11)
  set_target_properties(invforecast_health PROPERTIES OUTPUT_NAME invforecast-health)
  invforecast_example_check(health_help
    COMMAND $<TARGET_FILE:invforecast_health> --help
    EXPECT "--postgres" "--prometheus" "Exit codes: 0 HEALTHY, 1 DEGRADED, 2 UNHEALTHY")
  # No server at all: connection fails, UNHEALTHY, exit 2, and the gauges say 0.
  invforecast_example_check(health_no_server
    COMMAND $<TARGET_FILE:invforecast_health>
            --postgres "host=127.0.0.1 port=1 dbname=none connect_timeout=2"
            --tenant 00000000-0000-4000-8000-000000000001
            --facility 00000000-0000-4000-8000-000000000002
            --prometheus "${CMAKE_CURRENT_BINARY_DIR}/health-no-server.prom"
    EXIT 2 EXPECT "connection +UNHEALTHY" "overall: UNHEALTHY")
  add_test(NAME health_no_server_prometheus
    COMMAND invforecast_prometheus_test "${CMAKE_CURRENT_BINARY_DIR}/health-no-server.prom")
  set_tests_properties(health_no_server_prometheus PROPERTIES DEPENDS health_no_server
    LABELS examples)
endif()

# The whole PostgreSQL path against a throwaway server: migrate, load the sample demand, plan,
# write back (forecasts, accuracy, recommendations), then the health check and its metrics.
if(INVFORECAST_WITH_POSTGRES AND TARGET invforecast_health AND TARGET invforecast_cli)
  set(_pg_out "${CMAKE_CURRENT_BINARY_DIR}/run-postgres")
  invforecast_example_check(invforecast_run_postgres_and_health
    COMMAND "${PROJECT_SOURCE_DIR}/tests/postgres/run_with_postgres.sh" sh -c
      "\"$0\" run -q --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant 00000000-0000-4000-8000-000000000001 --facility 00000000-0000-4000-8000-000000000002 --migrate --load-demand \"$2/demand.csv\" --materials \"$2/materials.csv\" --inventory \"$2/inventory.csv\" --write-back --out \"$3\" --backtest-origins 1 && \"$1\" --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant 00000000-0000-4000-8000-000000000001 --facility 00000000-0000-4000-8000-000000000002 --as-of 2026-11-01 --prometheus \"$3/invforecast.prom\" && echo health-exit=0 || echo health-exit=$?"
      $<TARGET_FILE:invforecast_cli> $<TARGET_FILE:invforecast_health> "${_ex_data}" "${_pg_out}"
    EXPECT "32 materials planned" "connection +HEALTHY" "tables +HEALTHY" "data_volume +HEALTHY"
           "operations +HEALTHY" "indexes +HEALTHY" "recommendations +DEGRADED +[0-9]+ pending, [1-9][0-9]* CRITICAL"
           "overall: DEGRADED" "health-exit=1")
  set_tests_properties(invforecast_run_postgres_and_health PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
  add_test(NAME invforecast_run_postgres_prometheus
    COMMAND invforecast_prometheus_test "${_pg_out}/invforecast.prom")
  set_tests_properties(invforecast_run_postgres_prometheus PROPERTIES
    DEPENDS invforecast_run_postgres_and_health LABELS examples)

  # The nightly job from the CLI (two processes x 2 threads on one run), then the health
  # check's nightly_run check and its gauges.
  set(_nightly_out "${CMAKE_CURRENT_BINARY_DIR}/run-postgres-nightly")
  invforecast_example_check(invforecast_nightly_and_health
    COMMAND "${PROJECT_SOURCE_DIR}/tests/postgres/run_with_postgres.sh" sh -c
      "\"$0\" run -q --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant 00000000-0000-4000-8000-000000000001 --facility 00000000-0000-4000-8000-000000000002 --migrate --load-demand \"$2/demand.csv\" --materials \"$2/materials.csv\" --out \"$3\" --backtest-origins 1 && (\"$0\" run -q --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant 00000000-0000-4000-8000-000000000001 --facility 00000000-0000-4000-8000-000000000002 --workers 2 --run-id 0190c0de-0000-7000-8000-000000000017 --batch-size 5 & \"$0\" run --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant 00000000-0000-4000-8000-000000000001 --facility 00000000-0000-4000-8000-000000000002 --workers 2 --run-id 0190c0de-0000-7000-8000-000000000017 --batch-size 5; wait) && \"$1\" --postgres \"$INVFORECAST_PG_TEST_CONNINFO\" --tenant 00000000-0000-4000-8000-000000000001 --facility 00000000-0000-4000-8000-000000000002 --prometheus \"$3/nightly.prom\"; echo health-exit=$?; cat \"$3/nightly.prom\""
      $<TARGET_FILE:invforecast_cli> $<TARGET_FILE:invforecast_health> "${_ex_data}" "${_nightly_out}"
    EXPECT "materials/s here, ETA" "run 0190c0de-0000-7000-8000-000000000017 \\((created|joined)\\)"
           "nightly_run +HEALTHY +run 0190c0de-0000-7000-8000-000000000017 .*: COMPLETED, 32 / 32 materials, 0 failed"
           "inventory_forecasting_last_run_completed 1"
           "inventory_forecasting_last_run_materials_finished 32")
  set_tests_properties(invforecast_nightly_and_health PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
endif()
