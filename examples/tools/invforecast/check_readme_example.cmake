# Checks that README.md's "Use it" code block and the README part of an example are the same
# text: cmake -DREADME=README.md -DEXAMPLE=examples/00_plan_all_materials.cpp -P <this file>.
#   README.md: the ```cpp block right after the line "<!-- README example: <path> -->".
#   example:   the lines between "// README begin" and "// README end".
# Whole-file string search (no list handling: the code holds semicolons and blank lines).
foreach(_var README EXAMPLE)
  if(NOT EXISTS "${${_var}}")
    message(FATAL_ERROR "${_var} = '${${_var}}' does not exist")
  endif()
endforeach()
get_filename_component(_name "${EXAMPLE}" NAME)

# _between(<text> <begin> <end> <out>): the text after the first <begin> up to the next <end>.
function(_between text begin end out what)
  string(FIND "${text}" "${begin}" _b)
  if(_b EQUAL -1)
    message(FATAL_ERROR "${what}: no '${begin}'")
  endif()
  string(LENGTH "${begin}" _n)
  math(EXPR _b "${_b} + ${_n}")
  string(SUBSTRING "${text}" ${_b} -1 _rest)
  string(FIND "${_rest}" "${end}" _e)
  if(_e EQUAL -1)
    message(FATAL_ERROR "${what}: no '${end}' after '${begin}'")
  endif()
  string(SUBSTRING "${_rest}" 0 ${_e} _part)
  set(${out} "${_part}" PARENT_SCOPE)
endfunction()

file(READ "${README}" _readme)
file(READ "${EXAMPLE}" _source)
_between("${_readme}" "<!-- README example: examples/${_name} -->\n```cpp\n" "\n```\n" _block
         "README.md")
_between("${_source}" "// README begin\n" "\n// README end\n" _code "${_name}")

if(NOT _block STREQUAL _code)
  message(FATAL_ERROR "README.md's block and ${_name}'s README part differ.\n"
                      "--- README.md:\n${_block}\n--- ${_name}:\n${_code}")
endif()
# At most 15 lines of code (blank lines not counted): the README's promise.
# (Counted as line breaks of the text without blank lines: the code holds semicolons, which a
# CMake list would split.)
string(REGEX REPLACE "\n[ ]*(\n[ ]*)*\n" "\n" _dense "${_code}")
string(REGEX MATCHALL "\n" _breaks "${_dense}")
list(LENGTH _breaks _count)
math(EXPR _count "${_count} + 1")
if(_count GREATER 15)
  message(FATAL_ERROR "${_name}'s README part has ${_count} lines of code, at most 15 promised")
endif()
message(STATUS "README.md's block is ${_name}'s README part (${_count} lines of code)")
