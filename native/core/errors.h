// Errors of the dealias engine. Every failure carries a stable code that the binding turns into the
// JS error's `code` property ('invalid-input', 'invalid-nyquist', 'shape-mismatch', 'memory-budget',
// 'internal') and a message that names the problem.
#pragma once

#include <stdexcept>
#include <string>

namespace unfold {

enum class ErrorCode { kInvalidInput, kInvalidNyquist, kShapeMismatch, kMemoryBudget, kInternal };

inline const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid-input";
    case ErrorCode::kInvalidNyquist:
      return "invalid-nyquist";
    case ErrorCode::kShapeMismatch:
      return "shape-mismatch";
    case ErrorCode::kMemoryBudget:
      return "memory-budget";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

class EngineError : public std::runtime_error {
 public:
  EngineError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace unfold
