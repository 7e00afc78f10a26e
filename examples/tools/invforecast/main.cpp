// invforecast: the command-line tool. Each subcommand lives in its own header under
// examples/tools/invforecast/ and registers itself on the CLI11 app here:
//   forecast  (forecast_command.hpp)  fit and forecast every series of a CSV file
//   run       (run_command.hpp, when examples/pipeline.cmake adds run_command.cpp and defines
//             INVFORECAST_CLI_RUN)  the whole planning pipeline
// Exit codes (all subcommands): 0 ok, 1 runtime failure, 2 bad input or usage.

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "forecast_command.hpp"
#include "invforecast/version.hpp"
#ifdef INVFORECAST_CLI_RUN
#include "run_command.hpp"  // `invforecast run` (examples/pipeline.cmake defines the macro)
#endif

int main(int argc, char** argv) {
  using namespace invforecast::tools;
  CLI::App app{"invforecast: demand forecasting and inventory planning"};
  app.set_version_flag("--version", std::string(invforecast::version_string));
  app.require_subcommand(1);
  auto code = std::make_shared<int>(exit_ok);
  add_forecast_command(app, code);
#ifdef INVFORECAST_CLI_RUN
  add_run_command(app, code);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and usage
    return exit_bad_input;
  }
  return *code;
}
