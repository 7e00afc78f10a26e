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
foreach(_month_days IN ITEMS "01 31" "02 28" "03 1")
  separate_arguments(_month_days)
  list(GET _month_days 0 _month)
  list(GET _month_days 1 _days)
  foreach(_day RANGE 1 ${_days})
    if(_day LESS 10)
      set(_day "0${_day}")
    endif()
    string(APPEND _h_rows "A,2026-${_month}-${_day},5\n")
  endforeach()
endforeach()
file(WRITE "${_h}/demand.csv" "${_h_rows}")

# One hostile-input case: `invforecast <ARGS>` exits with EXIT (default 2, the input-error
# exit) and prints every EXPECT pattern and no REJECT pattern.
function(_hostile_case name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXIT" "ARGS;EXPECT;REJECT")
  if(NOT DEFINED arg_EXIT)
    set(arg_EXIT 2)
  endif()
  invforecast_example_check(${name} COMMAND ${_cli} ${arg_ARGS} EXIT ${arg_EXIT}
    EXPECT ${arg_EXPECT} REJECT ${arg_REJECT})
endfunction()

# A case of `invforecast run -q --demand <DEMAND> <ARGS> --out <OUT> <AFTER>`: DEMAND defaults
# to the flat history above, OUT to a scratch directory no check reads.
function(_hostile_run name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXIT;DEMAND;OUT" "ARGS;AFTER;EXPECT;REJECT")
  if(NOT DEFINED arg_EXIT)
    set(arg_EXIT 2)
  endif()
  if(NOT DEFINED arg_DEMAND)
    set(arg_DEMAND "${_h}/demand.csv")
  endif()
  if(NOT DEFINED arg_OUT)
    set(arg_OUT "${_h}/o")
  endif()
  _hostile_case(${name} EXIT ${arg_EXIT}
    ARGS run -q --demand "${arg_DEMAND}" ${arg_ARGS} --out "${arg_OUT}" ${arg_AFTER}
    EXPECT ${arg_EXPECT} REJECT ${arg_REJECT})
endfunction()

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
_hostile_run(invforecast_hostile_value_limit ARGS --materials "${_h}/huge_cost.csv"
  EXPECT "huge_cost.csv:2:2: column 'unit_cost': \"1e70\" is above the value limit 1e\\+15")

# Row 4: the forecast horizon is capped at 3660 (before: 7.8 GB, then bad_alloc).
_hostile_case(invforecast_hostile_forecast_horizon
  ARGS forecast "${_h_testdata}/dates.csv" --horizon 1000000000
  EXPECT "--horizon 1000000000: must be in \\[1, 3660\\] \\(the horizon limit")
_hostile_run(invforecast_hostile_run_horizon ARGS --horizon 100000
  EXPECT "--horizon 100000: must be in \\[1, 3660\\]")

# Row 5: --as-of far past the data is an error, a month past it a warning (before: a hang at
# 9999-12-31, silence a year later).
_hostile_run(invforecast_hostile_as_of_range ARGS --as-of 9999-12-31
  EXPECT "--as-of 9999-12-31: outside the accepted dates 1900-01-01 .. 2199-12-31")
_hostile_run(invforecast_hostile_as_of_gap ARGS --as-of 2036-06-01
  EXPECT "--as-of 2036-06-01 is 3745 days after the last demand date 2026-03-01, more than the limit of 3660 days")
_hostile_run(invforecast_hostile_as_of_warning EXIT 0
  ARGS --inventory "${_h}/inventory.csv" --as-of 2026-06-01 OUT "${_h}/o-as-of" AFTER --no-report
  EXPECT "warning: --as-of 2026-06-01 is 92 days after the last demand date 2026-03-01: those days are zero demand"
         "1 materials planned")

# Row 6: stray dates. 9999-12-31 and 1800-01-01 are outside the accepted dates; a 1900-01-01
# next to 2026 data exceeds the 36,600-day history limit; a 2010 date next to 2026 data is a
# warning. Outputs are always yyyy-mm-dd.
file(WRITE "${_h}/stray_9999.csv" "${_h_rows}A,9999-12-31,5\n")
string(REPLACE "material,date,quantity\n" "" _h_body "${_h_rows}")
file(WRITE "${_h}/stray_1900.csv" "material,date,quantity\nB,1900-01-01,5\n${_h_body}")
file(WRITE "${_h}/stray_2010.csv" "material,date,quantity\nB,2010-01-01,5\n${_h_body}")
_hostile_run(invforecast_hostile_stray_date_late DEMAND "${_h}/stray_9999.csv"
  EXPECT "stray_9999.csv:62:2: column 'date': \"9999-12-31\" is outside the accepted dates 1900-01-01 .. 2199-12-31")
_hostile_run(invforecast_hostile_stray_date_span DEMAND "${_h}/stray_1900.csv"
  EXPECT "stray_1900.csv:2:2: column 'date': the history 1900-01-01 .. 2026-03-01 spans 46081 days, more than the limit of 36600 days")
_hostile_run(invforecast_hostile_stray_date_warning EXIT 0 DEMAND "${_h}/stray_2010.csv"
  OUT "${_h}/o-2010" AFTER --no-report --format csv --backtest-origins 0
  EXPECT "warning: [^\n]*stray_2010.csv:2:2: column 'date': the history 2010-01-01 .. 2026-03-01 spans 5904 days \\(over ten years\\): a stray date\\?"
         "2 materials planned")

# Row 7: field and code lengths (before: a 100 MB code gave a 9 GB forecasts.csv).
string(REPEAT "x" 5000 _h_long)
string(REPEAT "M" 300 _h_code)
file(WRITE "${_h}/long_field.csv" "material,date,quantity\nA,2026-01-01,3\nA,2026-01-02,${_h_long}\n")
file(WRITE "${_h}/long_code.csv" "material,date,quantity\n${_h_code},2026-01-01,3\n")
_hostile_run(invforecast_hostile_field_length DEMAND "${_h}/long_field.csv"
  EXPECT "long_field.csv:3:3: column 'quantity': field longer than 4096 bytes \\(the field limit")
_hostile_run(invforecast_hostile_code_length DEMAND "${_h}/long_code.csv"
  EXPECT "long_code.csv:2:1: column 'material': material code of 300 bytes, longer than 256 \\(the code limit")
file(WRITE "${_h}/long_series.csv" "series_id,value\n${_h_code},3\n")
file(WRITE "${_h}/tab_code.csv" "material,date,quantity\nA\tB,2026-01-01,3\n")
_hostile_run(invforecast_hostile_code_control_character DEMAND "${_h}/tab_code.csv"
  EXPECT "tab_code.csv:2:1: column 'material': material code with a control character \\(byte 9\\): codes are printable text")
_hostile_case(invforecast_hostile_series_id_length ARGS forecast "${_h}/long_series.csv"
  EXPECT "long_series.csv:2:1: column 'series_id': series_id of 300 bytes, longer than 256")

# Row 8: bytes that are not UTF-8 (before: a raw nlohmann exception and an empty results.json).
_hostile_run(invforecast_hostile_non_utf8 DEMAND "${_h_testdata}/non_utf8.csv"
  OUT "${_h}/o-utf8"
  EXPECT "non_utf8.csv:3:1: column 'material': not valid UTF-8 \\(byte 0xFF at byte 1 of the field\\)")

# Row 10: the subcommands agree on --levels; fixed parameters AUTO would ignore are an error.
_hostile_case(invforecast_hostile_forecast_alpha_auto
  ARGS forecast "${_h_testdata}/dates.csv" --alpha 2
  EXPECT "--alpha 2: --model AUTO does not use it \\(only an ETS form, CROSTON, SBA, SBJ or TSB does")
_hostile_case(invforecast_hostile_forecast_levels_one
  ARGS forecast "${_h_testdata}/dates.csv" --levels 1
  EXPECT "--levels 1: 1 must be a probability in \\[0.5, 0.999\\] or a percent in \\[50, 99.9\\]")
_hostile_run(invforecast_hostile_run_levels_one ARGS --levels 1
  EXPECT "--levels 1: 1 must be a probability in \\[0.5, 0.999\\] or a percent in \\[50, 99.9\\]")
_hostile_run(invforecast_hostile_run_levels_percent EXIT 0 ARGS --levels 80,95
  OUT "${_h}/o-levels" AFTER --no-report --format csv
  EXPECT "1 materials planned")

# Row 11: values every material would fail on are rejected before planning.
file(WRITE "${_h}/holding_zero.csv" "material,holding_rate,unit_cost\nA,0,10\n")
file(WRITE "${_h}/paused.csv" "material,status\nA,PAUSED\n")
file(WRITE "${_h}/long_lead.csv" "material,lead_time_days\nA,200\n")
_hostile_run(invforecast_hostile_run_short_horizon ARGS -H 10
  EXPECT "--horizon 10: must be >= max\\(30, lead time 7 \\(--lead-time\\) \\+ --review-period 7\\) = 30 days")
_hostile_run(invforecast_hostile_run_review_period ARGS --review-period 365
  EXPECT "--horizon 90: must be >= max\\(30, lead time 7 \\(--lead-time\\) \\+ --review-period 365\\) = 372 days")
_hostile_run(invforecast_hostile_run_material_lead_time ARGS --materials "${_h}/long_lead.csv"
  EXPECT "--horizon 90: must be >= max\\(30, lead time 200 \\(material 'A'\\) \\+ --review-period 7\\) = 207 days")
_hostile_run(invforecast_hostile_holding_rate_zero ARGS --materials "${_h}/holding_zero.csv"
  EXPECT "holding_zero.csv:2:2: column 'holding_rate': \"0\" must be > 0")
_hostile_run(invforecast_hostile_status_paused ARGS --materials "${_h}/paused.csv"
  EXPECT "paused.csv:2:2: column 'status': \"PAUSED\" must be ACTIVE or DISCONTINUED")
_hostile_run(invforecast_hostile_method_auto EXIT 0 ARGS --method AUTO OUT "${_h}/o-auto"
  AFTER --no-report --format csv
  EXPECT "1 materials planned" REJECT "FAILED")
_hostile_run(invforecast_hostile_method_vocabulary ARGS --method ETS
  EXPECT "--method ETS: forecaster_options_for: model = 'ETS', must be a method name \\(AUTO, MOVING_AVERAGE or MA, MA\\(w\\), CROSTON, SBA, SBJ, TSB, MEAN, NAIVE")

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
  _hostile_case(invforecast_hostile_run_bad_tenant
    ARGS run -q --postgres "host=127.0.0.1 port=1 dbname=none" --tenant not-a-uuid
         --facility 00000000-0000-4000-8000-000000000002 --out "${_h}/o"
    EXPECT "invforecast run: --tenant not-a-uuid: must be a UUID")
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
