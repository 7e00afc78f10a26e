# Issue 18, the command line: hostile input to `invforecast` and `invforecast-health` ends in
# a clear error (file:line:col or the option, exit 2; the health tool's bad command line is
# exit 3), a documented limit (docs/errors.md, "Command line") or a warning on stderr.
# Included by examples/CMakeLists.txt after pipeline.cmake (which defines
# invforecast_example_check and the `run` subcommand).
if(NOT COMMAND invforecast_example_check OR NOT TARGET invforecast_cli)
  return()
endif()
set(_h "${CMAKE_CURRENT_BINARY_DIR}/hostile")
set(_h_testdata "${CMAKE_CURRENT_LIST_DIR}/testdata")
file(MAKE_DIRECTORY "${_h}")
set(_cli $<TARGET_FILE:invforecast_cli>)

# A flat 60-day history (2026-01-01 .. 2026-03-01), the base of most cases below.
set(_h_rows "material,date,quantity\n")
foreach(_day RANGE 1 31)
  if(_day LESS 10)
    set(_day "0${_day}")
  endif()
  string(APPEND _h_rows "A,2026-01-${_day},5\n")
endforeach()
foreach(_day RANGE 1 28)
  if(_day LESS 10)
    set(_day "0${_day}")
  endif()
  string(APPEND _h_rows "A,2026-02-${_day},5\n")
endforeach()
string(APPEND _h_rows "A,2026-03-01,5\n")
file(WRITE "${_h}/demand.csv" "${_h_rows}")

# The unit checks of the CLI's input rules and its number formatting (row 2: no output path
# prints bytes the formatter did not write; rows 7, 8, 10, 13).
add_executable(invforecast_cli_input_test "${CMAKE_CURRENT_LIST_DIR}/invforecast/cli_input_test.cpp")
target_link_libraries(invforecast_cli_input_test PRIVATE invforecast::invforecast
  invforecast_warnings nlohmann_json::nlohmann_json)
invforecast_example_check(invforecast_cli_input_rules
  COMMAND $<TARGET_FILE:invforecast_cli_input_test>
  EXPECT "cli input: all checks passed")

# Row 2: values above the 1e15 limit are a file:line:col error (before: 1e70 printed stack
# bytes).
file(WRITE "${_h}/huge_cost.csv" "material,unit_cost\nA,1e70\n")
file(WRITE "${_h}/inventory.csv" "material,on_hand\nA,10\n")
invforecast_example_check(invforecast_hostile_value_limit
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --materials "${_h}/huge_cost.csv"
          --out "${_h}/o"
  EXIT 2 EXPECT "huge_cost.csv:2:2: column 'unit_cost': \"1e70\" is above the value limit 1e\\+15")

# Row 4: the forecast horizon is capped at 3660 (before: 7.8 GB, then bad_alloc).
invforecast_example_check(invforecast_hostile_forecast_horizon
  COMMAND ${_cli} forecast "${_h_testdata}/dates.csv" --horizon 1000000000
  EXIT 2 EXPECT "--horizon 1000000000: must be in \\[1, 3660\\] \\(the horizon limit")
invforecast_example_check(invforecast_hostile_run_horizon
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --horizon 100000 --out "${_h}/o"
  EXIT 2 EXPECT "--horizon 100000: must be in \\[1, 3660\\]")

# Row 5: --as-of far past the data is an error, a month past it a warning (before: a hang at
# 9999-12-31, silence a year later).
invforecast_example_check(invforecast_hostile_as_of_range
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --as-of 9999-12-31 --out "${_h}/o"
  EXIT 2 EXPECT "--as-of 9999-12-31: outside the accepted dates 1900-01-01 .. 2199-12-31")
invforecast_example_check(invforecast_hostile_as_of_gap
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --as-of 2036-06-01 --out "${_h}/o"
  EXIT 2 EXPECT "--as-of 2036-06-01 is 3745 days after the last demand date 2026-03-01, more than the limit of 3660 days")
invforecast_example_check(invforecast_hostile_as_of_warning
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --inventory "${_h}/inventory.csv"
          --as-of 2026-06-01 --out "${_h}/o-as-of" --no-report
  EXPECT "warning: --as-of 2026-06-01 is 92 days after the last demand date 2026-03-01: those days are zero demand"
         "1 materials planned")

# Row 6: stray dates. 9999-12-31 and 1800-01-01 are outside the accepted dates; a 1900-01-01
# next to 2026 data exceeds the 36,600-day history limit; a 2010 date next to 2026 data is a
# warning. Outputs are always yyyy-mm-dd.
file(WRITE "${_h}/stray_9999.csv" "${_h_rows}A,9999-12-31,5\n")
string(REPLACE "material,date,quantity\n" "" _h_body "${_h_rows}")
file(WRITE "${_h}/stray_1900.csv" "material,date,quantity\nB,1900-01-01,5\n${_h_body}")
file(WRITE "${_h}/stray_2010.csv" "material,date,quantity\nB,2010-01-01,5\n${_h_body}")
invforecast_example_check(invforecast_hostile_stray_date_late
  COMMAND ${_cli} run -q --demand "${_h}/stray_9999.csv" --out "${_h}/o"
  EXIT 2 EXPECT "stray_9999.csv:62:2: column 'date': \"9999-12-31\" is outside the accepted dates 1900-01-01 .. 2199-12-31")
invforecast_example_check(invforecast_hostile_stray_date_span
  COMMAND ${_cli} run -q --demand "${_h}/stray_1900.csv" --out "${_h}/o"
  EXIT 2 EXPECT "stray_1900.csv:2:2: column 'date': the history 1900-01-01 .. 2026-03-01 spans 46081 days, more than the limit of 36600 days")
invforecast_example_check(invforecast_hostile_stray_date_warning
  COMMAND ${_cli} run -q --demand "${_h}/stray_2010.csv" --out "${_h}/o-2010" --no-report
          --format csv --backtest-origins 0
  EXPECT "warning: [^\n]*stray_2010.csv:2:2: column 'date': the history 2010-01-01 .. 2026-03-01 spans 5904 days \\(over ten years\\): a stray date\\?"
         "2 materials planned")

# Row 7: field and code lengths (before: a 100 MB code gave a 9 GB forecasts.csv).
string(REPEAT "x" 5000 _h_long)
string(REPEAT "M" 300 _h_code)
file(WRITE "${_h}/long_field.csv" "material,date,quantity\nA,2026-01-01,3\nA,2026-01-02,${_h_long}\n")
file(WRITE "${_h}/long_code.csv" "material,date,quantity\n${_h_code},2026-01-01,3\n")
invforecast_example_check(invforecast_hostile_field_length
  COMMAND ${_cli} run -q --demand "${_h}/long_field.csv" --out "${_h}/o"
  EXIT 2 EXPECT "long_field.csv:3:3: column 'quantity': field longer than 4096 bytes \\(the field limit")
invforecast_example_check(invforecast_hostile_code_length
  COMMAND ${_cli} run -q --demand "${_h}/long_code.csv" --out "${_h}/o"
  EXIT 2 EXPECT "long_code.csv:2:1: column 'material': material code of 300 bytes, longer than 256 \\(the code limit")
file(WRITE "${_h}/long_series.csv" "series_id,value\n${_h_code},3\n")
file(WRITE "${_h}/tab_code.csv" "material,date,quantity\nA\tB,2026-01-01,3\n")
invforecast_example_check(invforecast_hostile_code_control_character
  COMMAND ${_cli} run -q --demand "${_h}/tab_code.csv" --out "${_h}/o"
  EXIT 2 EXPECT "tab_code.csv:2:1: column 'material': material code with a control character \\(byte 9\\): codes are printable text")
invforecast_example_check(invforecast_hostile_series_id_length
  COMMAND ${_cli} forecast "${_h}/long_series.csv"
  EXIT 2 EXPECT "long_series.csv:2:1: column 'series_id': series_id of 300 bytes, longer than 256")

# Row 8: bytes that are not UTF-8 (before: a raw nlohmann exception and an empty results.json).
invforecast_example_check(invforecast_hostile_non_utf8
  COMMAND ${_cli} run -q --demand "${_h_testdata}/non_utf8.csv" --out "${_h}/o-utf8"
  EXIT 2 EXPECT "non_utf8.csv:3:1: column 'material': not valid UTF-8 \\(byte 0xFF at byte 1 of the field\\)")

# Row 10: the subcommands agree on --levels; fixed parameters AUTO would ignore are an error.
invforecast_example_check(invforecast_hostile_forecast_alpha_auto
  COMMAND ${_cli} forecast "${_h_testdata}/dates.csv" --alpha 2
  EXIT 2 EXPECT "--alpha 2: --model AUTO does not use it \\(only an ETS form, CROSTON, SBA, SBJ or TSB does")
invforecast_example_check(invforecast_hostile_forecast_levels_one
  COMMAND ${_cli} forecast "${_h_testdata}/dates.csv" --levels 1
  EXIT 2 EXPECT "--levels 1: 1 must be a probability in \\[0.5, 0.999\\] or a percent in \\[50, 99.9\\]")
invforecast_example_check(invforecast_hostile_run_levels_one
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --levels 1 --out "${_h}/o"
  EXIT 2 EXPECT "--levels 1: 1 must be a probability in \\[0.5, 0.999\\] or a percent in \\[50, 99.9\\]")
invforecast_example_check(invforecast_hostile_run_levels_percent
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --levels 80,95 --out "${_h}/o-levels"
          --no-report --format csv
  EXPECT "1 materials planned")

# Row 11: values every material would fail on are rejected before planning.
file(WRITE "${_h}/holding_zero.csv" "material,holding_rate,unit_cost\nA,0,10\n")
file(WRITE "${_h}/paused.csv" "material,status\nA,PAUSED\n")
file(WRITE "${_h}/long_lead.csv" "material,lead_time_days\nA,200\n")
invforecast_example_check(invforecast_hostile_run_short_horizon
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" -H 10 --out "${_h}/o"
  EXIT 2 EXPECT "--horizon 10: must be >= max\\(30, lead time 7 \\(--lead-time\\) \\+ --review-period 7\\) = 30 days")
invforecast_example_check(invforecast_hostile_run_review_period
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --review-period 365 --out "${_h}/o"
  EXIT 2 EXPECT "--horizon 90: must be >= max\\(30, lead time 7 \\(--lead-time\\) \\+ --review-period 365\\) = 372 days")
invforecast_example_check(invforecast_hostile_run_material_lead_time
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --materials "${_h}/long_lead.csv"
          --out "${_h}/o"
  EXIT 2 EXPECT "--horizon 90: must be >= max\\(30, lead time 200 \\(material 'A'\\) \\+ --review-period 7\\) = 207 days")
invforecast_example_check(invforecast_hostile_holding_rate_zero
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --materials "${_h}/holding_zero.csv"
          --out "${_h}/o"
  EXIT 2 EXPECT "holding_zero.csv:2:2: column 'holding_rate': \"0\" must be > 0")
invforecast_example_check(invforecast_hostile_status_paused
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --materials "${_h}/paused.csv"
          --out "${_h}/o"
  EXIT 2 EXPECT "paused.csv:2:2: column 'status': \"PAUSED\" must be ACTIVE or DISCONTINUED")
invforecast_example_check(invforecast_hostile_method_auto
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --method AUTO --out "${_h}/o-auto"
          --no-report --format csv
  EXPECT "1 materials planned" REJECT "FAILED")
invforecast_example_check(invforecast_hostile_method_vocabulary
  COMMAND ${_cli} run -q --demand "${_h}/demand.csv" --method ETS --out "${_h}/o"
  EXIT 2 EXPECT "--method ETS: forecaster_options_for: model = 'ETS', must be a method name \\(AUTO, MOVING_AVERAGE or MA, MA\\(w\\), CROSTON, SBA, SBJ, TSB, MEAN, NAIVE")

# Row 14: plans are held one batch at a time and the report charts the most urgent materials
# only. The sample planned in batches of 7 writes the same files as in one batch of 200, and a
# report capped at 5 charts still lists all 32 materials.
if(TARGET invforecast_check_report)
  set(_h_batched "${_h}/run-sample-batched")
  invforecast_example_check(invforecast_run_sample_batched
    COMMAND ${_cli} run -q --demand "${_ex_data}/demand.csv" --materials "${_ex_data}/materials.csv"
            --inventory "${_ex_data}/inventory.csv" --out "${_h_batched}" --threads 2
            --batch-size 7 --report-charts 5
    EXPECT "32 materials planned in" REJECT "FAILED")
  set_tests_properties(invforecast_run_sample_batched PROPERTIES FIXTURES_SETUP run_sample_batched
    TIMEOUT 900)
  foreach(_file forecasts.csv recommendations.csv)
    add_test(NAME invforecast_run_batched_same_${_file}
      COMMAND ${CMAKE_COMMAND} -E compare_files "${_run_out}/${_file}" "${_h_batched}/${_file}")
    set_tests_properties(invforecast_run_batched_same_${_file} PROPERTIES LABELS examples
      FIXTURES_REQUIRED "run_sample;run_sample_batched")
  endforeach()
  invforecast_example_check(invforecast_report_capped
    COMMAND $<TARGET_FILE:invforecast_check_report> "${_h_batched}/report.html" --charts 5
            --sections 5
    EXPECT "well-formed" "5 charts")
  set_tests_properties(invforecast_report_capped PROPERTIES FIXTURES_REQUIRED run_sample_batched)
  invforecast_example_check(invforecast_report_capped_table
    COMMAND ${CMAKE_COMMAND} -E cat "${_h_batched}/report.html"
    EXPECT "Charts and details of the 5 most urgent materials below; the other 27 are in the table"
           "32 materials")
  set_tests_properties(invforecast_report_capped_table PROPERTIES FIXTURES_REQUIRED
    run_sample_batched)
endif()

# Row 13: the health check's bad command line is exit 3 and runs no check (before: every check
# ran and reported UNHEALTHY, exit 2, paging someone for a typo).
if(TARGET invforecast_health)
  invforecast_example_check(health_bad_tenant
    COMMAND $<TARGET_FILE:invforecast_health> --postgres "host=127.0.0.1 port=1 dbname=none"
            --tenant not-a-uuid --facility 00000000-0000-4000-8000-000000000002
    EXIT 3 EXPECT "invforecast-health: --tenant not-a-uuid: must be a UUID"
    REJECT "connection|UNHEALTHY")
  invforecast_example_check(invforecast_hostile_run_bad_tenant
    COMMAND ${_cli} run -q --postgres "host=127.0.0.1 port=1 dbname=none" --tenant not-a-uuid
            --facility 00000000-0000-4000-8000-000000000002 --out "${_h}/o"
    EXIT 2 EXPECT "invforecast run: --tenant not-a-uuid: must be a UUID")
endif()

# docs/errors.md: every message it quotes is produced by the code (the checker runs the library
# calls and the CLI and compares the texts).
add_executable(invforecast_errors_doc_check "${CMAKE_CURRENT_LIST_DIR}/errors_doc_check.cpp")
target_link_libraries(invforecast_errors_doc_check PRIVATE invforecast::invforecast
  invforecast_warnings)
invforecast_example_check(docs_errors_messages_are_real
  COMMAND $<TARGET_FILE:invforecast_errors_doc_check> "${PROJECT_SOURCE_DIR}/docs/errors.md"
          ${_cli} "${_h}/doc-check"
  EXPECT "docs/errors.md: [0-9]+ quoted messages, all produced")
