# The examples issue's targets and tests: numbered examples, the `run` subcommand of the
# invforecast tool, the HTML report check, the health check tool. Included at the end of
# examples/CMakeLists.txt.

set(_ex_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_ex_data "${_ex_dir}/data")
set(_ex_check "${_ex_dir}/tools/check_command.cmake")

# invforecast_example_check(<test name> COMMAND <cmd> [args...] [EXIT <code>]
#                           [EXPECT <regex>...] [REJECT <regex>...])
# Runs the command through check_command.cmake: exit code and every EXPECT regex checked.
function(invforecast_example_check name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXIT" "COMMAND;EXPECT;REJECT")
  if(NOT DEFINED arg_EXIT)
    set(arg_EXIT 0)
  endif()
  string(REPLACE ";" "@@" _cmd "${arg_COMMAND}")
  string(REPLACE ";" "@@" _expect "${arg_EXPECT}")
  string(REPLACE ";" "@@" _reject "${arg_REJECT}")
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${_cmd}" "-DEXPECT_EXIT=${arg_EXIT}"
            "-DEXPECT=${_expect}" "-DREJECT=${_reject}"
            "-DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}" -P "${_ex_check}")
  set_tests_properties(${name} PROPERTIES LABELS examples)
endfunction()

# ---- Numbered examples (library only: installed headers <invforecast/...>, no tool header; the
# package consumer test, tests/package, builds 04 against an installed tree) -----------------
foreach(_example 00_plan_all_materials 01_quick_start 02_model_choice_backtest
                 03_safety_stock_methods 04_replenishment)
  if(EXISTS "${_ex_dir}/${_example}.cpp")
    add_executable(invforecast_example_${_example} "${_ex_dir}/${_example}.cpp")
    target_link_libraries(invforecast_example_${_example}
      PRIVATE invforecast::invforecast invforecast_warnings)
    set_target_properties(invforecast_example_${_example} PROPERTIES OUTPUT_NAME ${_example})
  endif()
endforeach()
# README.md's "Use it" block is examples/00_plan_all_materials.cpp's README part, word for word.
add_test(NAME example_00_matches_readme
  COMMAND ${CMAKE_COMMAND} "-DREADME=${PROJECT_SOURCE_DIR}/README.md"
          "-DEXAMPLE=${_ex_dir}/00_plan_all_materials.cpp"
          -P "${_ex_dir}/tools/invforecast/check_readme_example.cmake")
set_tests_properties(example_00_matches_readme PROPERTIES LABELS examples)
# 05: the nightly job against a throwaway PostgreSQL server (adapters only, installed headers
# <invforecast/...>, no tool header).
if(INVFORECAST_WITH_POSTGRES AND TARGET invforecast::postgres)
  add_executable(invforecast_example_05_postgres_nightly_job
    "${_ex_dir}/05_postgres_nightly_job.cpp")
  target_link_libraries(invforecast_example_05_postgres_nightly_job
    PRIVATE invforecast::postgres invforecast_warnings)
  set_target_properties(invforecast_example_05_postgres_nightly_job PROPERTIES
    OUTPUT_NAME 05_postgres_nightly_job)
endif()
if(EXISTS "${_ex_dir}/expected.cmake")
  include("${_ex_dir}/expected.cmake")
endif()

# ---- The sample data reproduces from its generator ------------------------------------------
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME examples_data_reproducible
    COMMAND ${CMAKE_COMMAND} -E env "PYTHONHASHSEED=0"
            ${Python3_EXECUTABLE} "${_ex_data}/generate.py" --out "${CMAKE_CURRENT_BINARY_DIR}/data")
  foreach(_file demand materials inventory)
    add_test(NAME examples_data_same_${_file}
      COMMAND ${CMAKE_COMMAND} -E compare_files "${_ex_data}/${_file}.csv"
              "${CMAKE_CURRENT_BINARY_DIR}/data/${_file}.csv")
    set_tests_properties(examples_data_same_${_file} PROPERTIES
      DEPENDS examples_data_reproducible LABELS examples)
  endforeach()
  set_tests_properties(examples_data_reproducible PROPERTIES LABELS examples
    FIXTURES_SETUP examples_data)
endif()

# ---- The command-line tool: `invforecast run` ------------------------------------------------
find_package(CLI11 CONFIG QUIET)
find_package(nlohmann_json 3 CONFIG QUIET)
if(NOT (CLI11_FOUND AND nlohmann_json_FOUND))
  message(STATUS "invforecast run / report / health: skipped (needs CLI11 and nlohmann-json: "
                 "scripts/install-deps.sh cli)")
  return()
endif()

set(_run_sources "${_ex_dir}/tools/invforecast/run_command.cpp")
if(TARGET invforecast_cli)
  # The tool defined in examples/CMakeLists.txt: add the run subcommand's translation unit.
  # main.cpp registers `run` when INVFORECAST_CLI_RUN is defined.
  target_sources(invforecast_cli PRIVATE ${_run_sources})
  target_link_libraries(invforecast_cli PRIVATE nlohmann_json::nlohmann_json)
  target_compile_definitions(invforecast_cli PRIVATE INVFORECAST_CLI_RUN=1)
else()
  add_executable(invforecast_cli "${_ex_dir}/tools/invforecast/run_main.cpp" ${_run_sources})
  target_link_libraries(invforecast_cli PRIVATE invforecast::invforecast invforecast_warnings
    CLI11::CLI11 nlohmann_json::nlohmann_json)
  set_target_properties(invforecast_cli PROPERTIES OUTPUT_NAME invforecast)
endif()
if(INVFORECAST_WITH_POSTGRES AND TARGET invforecast::postgres
   AND EXISTS "${_ex_dir}/tools/invforecast/postgres_source.cpp")
  target_sources(invforecast_cli PRIVATE "${_ex_dir}/tools/invforecast/postgres_source.cpp")
  target_link_libraries(invforecast_cli PRIVATE invforecast::postgres)
  target_compile_definitions(invforecast_cli PRIVATE INVFORECAST_WITH_POSTGRES=1)
endif()

set(_run_out "${CMAKE_CURRENT_BINARY_DIR}/run-sample")
invforecast_example_check(invforecast_run_sample
  COMMAND $<TARGET_FILE:invforecast_cli> run --demand "${_ex_data}/demand.csv"
          --materials "${_ex_data}/materials.csv" --inventory "${_ex_data}/inventory.csv"
          --out "${_run_out}" --threads 2
  EXPECT "URGENCY +MATERIAL +MODEL"
         "\n(CRITICAL +GLOVE-L|CRITICAL +SEAL-KIT-7)"
         "32 materials planned in"
         "Report: +[^\n]*run-sample/report.html"
         "\\[32/32\\]"
  REJECT "FAILED")
set_tests_properties(invforecast_run_sample PROPERTIES FIXTURES_SETUP run_sample TIMEOUT 900)

# The batch plan() is deterministic: --threads 1 writes the same files as --threads 2, byte for
# byte.
set(_run_out_1 "${CMAKE_CURRENT_BINARY_DIR}/run-sample-threads-1")
invforecast_example_check(invforecast_run_sample_one_thread
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_ex_data}/demand.csv"
          --materials "${_ex_data}/materials.csv" --inventory "${_ex_data}/inventory.csv"
          --out "${_run_out_1}" --threads 1 --no-report --format csv
  EXPECT "32 materials planned in" REJECT "FAILED")
set_tests_properties(invforecast_run_sample_one_thread PROPERTIES
  FIXTURES_SETUP run_sample_one_thread TIMEOUT 900)
foreach(_file forecasts recommendations)
  add_test(NAME invforecast_run_threads_same_${_file}
    COMMAND ${CMAKE_COMMAND} -E compare_files "${_run_out}/${_file}.csv"
            "${_run_out_1}/${_file}.csv")
  set_tests_properties(invforecast_run_threads_same_${_file} PROPERTIES LABELS examples
    FIXTURES_REQUIRED "run_sample;run_sample_one_thread")
endforeach()

# A hand-worked run: FLAT sells exactly 10 a day for the 60 days 2026-01-01 .. 2026-03-01.
# Constant series -> ETS(A,N,N) with zero-width intervals (as R's ets), forecast 10/day, backtest
# MAPE 0; Var(lead-time demand) = 0 -> safety stock 0; lead time 5, review 7 (default):
# ROP = 5 x 10 + 0 = 50; 30-day forecast 300; stock 100 - 10 d < 0 first at d = 11
# (2026-03-12); target 12 x 10 = 120, position 100 -> order 20 on day 11 - 5 = 6 (2026-03-07),
# delivery 2026-03-12; available 100 >= 0 and 11 > 5 -> LOW.
set(_flat "${CMAKE_CURRENT_BINARY_DIR}/flat")
set(_flat_rows "material,date,quantity\n")
foreach(_day RANGE 0 59)
  math(EXPR _doy "${_day} + 1")
  if(_day LESS 31)
    math(EXPR _d "${_day} + 1")
    set(_m 01)
  elseif(_day LESS 59)
    math(EXPR _d "${_day} - 30")
    set(_m 02)
  else()
    set(_d 1)
    set(_m 03)
  endif()
  if(_d LESS 10)
    set(_d "0${_d}")
  endif()
  string(APPEND _flat_rows "FLAT,2026-${_m}-${_d},10\n")
endforeach()
file(WRITE "${_flat}/demand.csv" "${_flat_rows}")
file(WRITE "${_flat}/materials.csv" "material,description,lead_time_days\nFLAT,Flat demand,5\n")
file(WRITE "${_flat}/inventory.csv" "material,on_hand\nFLAT,100\n")
invforecast_example_check(invforecast_run_hand_worked
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_flat}/demand.csv"
          --materials "${_flat}/materials.csv" --inventory "${_flat}/inventory.csv"
          --out "${_flat}/out" --format csv
  EXPECT "\nLOW +FLAT +ETS\\(A,N,N\\) +0\\.0 +0\\.0 +50\\.0 +100\\.0 +11 d +20\\.0 +2026-03-07\n")
add_test(NAME invforecast_run_hand_worked_csv
  COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${CMAKE_COMMAND}@@-E@@cat@@${_flat}/out/recommendations.csv"
          "-DEXPECT=\nFLAT,Flat demand,ACTIVE,LOW,\"ETS\\(A,N,N\\)\",STABLE,60,60,0\\.00,0\\.00,[^,]*,0\\.000,1\\.000,1\\.000,[0-9.]+,0\\.950,5,forecast_model,0\\.0000,50\\.0000,100\\.0000,0\\.0000,100\\.0000,0\\.0000,100\\.0000,300\\.0000,11,2026-03-12,20\\.0000,EA,2026-03-07,2026-03-12,,"
          -P "${_ex_check}")
set_tests_properties(invforecast_run_hand_worked_csv PROPERTIES DEPENDS invforecast_run_hand_worked
  LABELS examples)

# Bad input: the error names file, line and column; exit code 2.
set(_bad "${CMAKE_CURRENT_BINARY_DIR}/bad-input")
file(MAKE_DIRECTORY "${_bad}")
file(WRITE "${_bad}/bad_quantity.csv" "material,date,quantity\nA,2024-01-01,3\nA,2024-01-02,x7\n")
file(WRITE "${_bad}/bad_date.csv" "material,date,quantity\nA,2024-01-01,3\nA,2024-02-30,1\n")
file(WRITE "${_bad}/negative.csv" "material,date,quantity\nA,2024-01-01,-3\n")
file(WRITE "${_bad}/no_column.csv" "material,day,quantity\nA,2024-01-01,3\n")
file(WRITE "${_bad}/fields.csv" "material,date,quantity\nA,2024-01-01,3,9\n")
file(WRITE "${_bad}/quote.csv" "material,date,quantity\n\"A,2024-01-01,3\n")
invforecast_example_check(invforecast_run_bad_quantity
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/bad_quantity.csv" --out "${_bad}/o"
  EXIT 2 EXPECT "bad_quantity.csv:3:3: column 'quantity': \"x7\" is not a number")
invforecast_example_check(invforecast_run_bad_date
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/bad_date.csv" --out "${_bad}/o"
  EXIT 2 EXPECT "bad_date.csv:3:2: column 'date': \"2024-02-30\" is not a valid date")
invforecast_example_check(invforecast_run_negative
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/negative.csv" --out "${_bad}/o"
  EXIT 2 EXPECT "negative.csv:2:3: column 'quantity': \"-3\" must be a number >= 0")
invforecast_example_check(invforecast_run_missing_column
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/no_column.csv" --out "${_bad}/o"
  EXIT 2 EXPECT "no_column.csv:1: missing column 'date'")
invforecast_example_check(invforecast_run_field_count
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/fields.csv" --out "${_bad}/o"
  EXIT 2 EXPECT "fields.csv:2:4: expected 3 fields, found 4")
invforecast_example_check(invforecast_run_unterminated_quote
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/quote.csv" --out "${_bad}/o"
  EXIT 2 EXPECT "quote.csv:2:1: unterminated quoted field")
invforecast_example_check(invforecast_run_missing_file
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_bad}/does_not_exist.csv"
  EXIT 2 EXPECT "does_not_exist.csv")
# --method takes the library's method vocabulary (forecaster_options_for); anything else is a
# usage error naming the option.
invforecast_example_check(invforecast_run_bad_method
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_flat}/demand.csv" --method XYZ
          --out "${_bad}/o"
  EXIT 2 EXPECT "invforecast run: --method XYZ: forecaster_options_for: model = 'XYZ', must be")
invforecast_example_check(invforecast_run_method_spellings
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_flat}/demand.csv"
          --materials "${_flat}/materials.csv" --inventory "${_flat}/inventory.csv"
          --method "ETS(A,N,N)" --out "${_flat}/out-ets"
          --format csv --no-report
  EXPECT "\nLOW +FLAT +ETS\\(A,N,N\\) ")

# --backtest-refit (planning_policy::refit) is recorded in results.json; other values are a
# usage error naming the option.
invforecast_example_check(invforecast_run_backtest_refit_full
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_flat}/demand.csv"
          --materials "${_flat}/materials.csv" --inventory "${_flat}/inventory.csv"
          --backtest-refit full --out "${_flat}/out-full" --format json --no-report
  EXPECT "\nLOW +FLAT +ETS\\(A,N,N\\) ")
add_test(NAME invforecast_run_backtest_refit_recorded
  COMMAND ${CMAKE_COMMAND}
          "-DCOMMAND=${CMAKE_COMMAND}@@-E@@cat@@${_flat}/out-full/results.json"
          "-DEXPECT=\"backtest_refit\": *\"full\"" -P "${_ex_check}")
set_tests_properties(invforecast_run_backtest_refit_recorded PROPERTIES
  DEPENDS invforecast_run_backtest_refit_full LABELS examples)
invforecast_example_check(invforecast_run_bad_backtest_refit
  COMMAND $<TARGET_FILE:invforecast_cli> run -q --demand "${_flat}/demand.csv"
          --backtest-refit sometimes --out "${_bad}/o"
  EXIT 2 EXPECT "--backtest-refit")

invforecast_example_check(invforecast_run_help
  COMMAND $<TARGET_FILE:invforecast_cli> run --help
  EXPECT "--demand" "--inventory" "--horizon" "--safety-stock" "Exit codes")

# ---- The HTML report: well-formed, one chart per material -------------------------------------
add_executable(invforecast_check_report "${_ex_dir}/tools/report/check_report.cpp")
target_link_libraries(invforecast_check_report PRIVATE invforecast_warnings)
target_compile_features(invforecast_check_report PRIVATE cxx_std_20)
invforecast_example_check(invforecast_report_well_formed
  COMMAND $<TARGET_FILE:invforecast_check_report> "${_run_out}/report.html" --charts 32
          --sections 32
  EXPECT "well-formed" "32 charts")
set_tests_properties(invforecast_report_well_formed PROPERTIES FIXTURES_REQUIRED run_sample)
# The checker itself rejects broken reports (so the test above can fail).
file(WRITE "${_bad}/unclosed.html" "<!DOCTYPE html>\n<html><body><p>text</body></html>\n")
file(WRITE "${_bad}/script.html" "<html><body><script>x()</script></body></html>\n")
file(WRITE "${_bad}/entity.html" "<html><body><p>a & b</p></body></html>\n")
file(WRITE "${_bad}/external.html" "<html><body><a href=\"https://x.org/\">x</a></body></html>\n")
file(WRITE "${_bad}/charts.html"
  "<html><body><svg class=\"chart\" width=\"1\"></svg></body></html>\n")
invforecast_example_check(invforecast_check_report_rejects_unclosed
  COMMAND $<TARGET_FILE:invforecast_check_report> "${_bad}/unclosed.html"
  EXIT 1 EXPECT "line 2: </body> closes <p>")
invforecast_example_check(invforecast_check_report_rejects_script
  COMMAND $<TARGET_FILE:invforecast_check_report> "${_bad}/script.html"
  EXIT 1 EXPECT "<script> \\(the report must be self-contained\\)")
invforecast_example_check(invforecast_check_report_rejects_entity
  COMMAND $<TARGET_FILE:invforecast_check_report> "${_bad}/entity.html"
  EXIT 1 EXPECT "'&' not starting an entity|unknown entity")
invforecast_example_check(invforecast_check_report_rejects_external
  COMMAND $<TARGET_FILE:invforecast_check_report> "${_bad}/external.html"
  EXIT 1 EXPECT "leaves the page")
invforecast_example_check(invforecast_check_report_counts_charts
  COMMAND $<TARGET_FILE:invforecast_check_report> "${_bad}/charts.html" --charts 2
  EXIT 1 EXPECT "expected 2 charts, found 1")

# ---- Health check tool + Prometheus text format ----------------------------------------------
if(EXISTS "${_ex_dir}/tools/health/health.cmake")
  include("${_ex_dir}/tools/health/health.cmake")
endif()

# ---- Issue 16: the CLI on CSV and the PostgreSQL adapters give the same numbers ---------------
include("${PROJECT_SOURCE_DIR}/tests/postgres/cli_crosscheck.cmake" OPTIONAL)
