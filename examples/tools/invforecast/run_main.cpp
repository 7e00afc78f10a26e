// Stand-alone main() of the `invforecast` tool, used only when the examples' CMakeLists.txt
// does not define the full tool (target invforecast_cli): it offers the `run` subcommand.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "invforecast/version.hpp"
#include "run_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"invforecast: demand forecasting and replenishment planning"};
  app.set_version_flag("--version", std::string("invforecast ") + invforecast::version_string);
  app.require_subcommand(1);
  auto exit_code = std::make_shared<int>(0);
  invforecast::tools::add_run_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help / version / the error and the usage
    return code == 0 ? 0 : invforecast::tools::run_usage_error;
  }
  return *exit_code;
}
