# Runs a command and checks its exit code and standard error (a test helper of
# examples/CMakeLists.txt):
#   cmake -DCOMMAND="prog;arg1;arg2" -DEXPECT_CODE=2 -DEXPECT_STDERR="regex" -P expect_exit.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL "${EXPECT_CODE}")
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_CODE}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match '${EXPECT_STDERR}':\n${err}")
endif()
message(STATUS "exit code ${code} as expected; stderr: ${err}")
