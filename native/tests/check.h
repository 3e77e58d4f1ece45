// A minimal test registry for the C++ core tests: TEST(name) { CHECK(...); } registers a test; the
// runner (main.cc) runs them all and prints `CPP TESTS: N passed, M failed`, the line `npm test`
// reads. A failed CHECK records file:line and the expression, and the test continues.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace unfold_test {

struct TestCase {
  const char* name;
  std::function<void()> body;
};

inline std::vector<TestCase>& Registry() {
  static std::vector<TestCase> tests;  // filled before main by static registrars; tests are single-threaded
  return tests;
}

inline int& FailuresInCurrentTest() {
  static int failures = 0;
  return failures;
}

struct Registrar {
  Registrar(const char* name, std::function<void()> body) { Registry().push_back({name, std::move(body)}); }
};

inline void ReportFailure(const char* file, int line, const std::string& what) {
  ++FailuresInCurrentTest();
  if (FailuresInCurrentTest() <= 5) std::fprintf(stderr, "    %s:%d: %s\n", file, line, what.c_str());
}

}  // namespace unfold_test

#define UNFOLD_CONCAT_INNER(a, b) a##b
#define UNFOLD_CONCAT(a, b) UNFOLD_CONCAT_INNER(a, b)
#define TEST(name)                                                                                  \
  static void UNFOLD_CONCAT(test_, name)();                                                         \
  static unfold_test::Registrar UNFOLD_CONCAT(registrar_, name)(#name, UNFOLD_CONCAT(test_, name)); \
  static void UNFOLD_CONCAT(test_, name)()
#define CHECK(expr) ((expr) ? (void)0 : unfold_test::ReportFailure(__FILE__, __LINE__, "CHECK(" #expr ") failed"))
#define CHECK_EQ(a, b)                                  \
  (((a) == (b))                                         \
       ? (void)0                                        \
       : unfold_test::ReportFailure(__FILE__, __LINE__, \
                                    "CHECK_EQ(" #a ", " #b "): " + std::to_string(a) + " != " + std::to_string(b)))
