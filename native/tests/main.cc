// Runner of the C++ core tests: runs every registered test (or those whose name contains argv[1])
// and prints `CPP TESTS: N passed, M failed`.
#include <cstring>

#include "check.h"

int main(int argc, char** argv) {
  int passed = 0;
  int failed = 0;
  for (const auto& test : unfold_test::Registry()) {
    if (argc > 1 && std::strstr(test.name, argv[1]) == nullptr) continue;
    unfold_test::FailuresInCurrentTest() = 0;
    try {
      test.body();
    } catch (const std::exception& e) {
      unfold_test::ReportFailure(__FILE__, __LINE__, std::string("uncaught exception: ") + e.what());
    }
    const bool ok = unfold_test::FailuresInCurrentTest() == 0;
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", test.name);
    (ok ? passed : failed)++;
  }
  std::printf("CPP TESTS: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
