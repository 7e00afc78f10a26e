// Uses the installed headers the way a downstream ERP module would.
#include <cstdio>

#include <invforecast/invforecast.hpp>

int main() {
  invforecast::forecast<double> f;
  f.mean = {1.0, 2.0};
  try {
    (void)f.interval(0.95);  // no interval was computed: must throw a typed error
    return 1;
  } catch (const invforecast::error& e) {
    std::printf("invforecast %s found; error handling works: %s\n", invforecast::version_string,
                e.what());
  }
  return f.horizon() == 2 ? 0 : 1;
}
