// The one error type of the bzip2 decoder. The stream decoder throws it from deep inside a block; the
// public entry points (bzip2.h, parallel_records.h) catch it and hand back a plain status, so no
// exception crosses a thread or the addon boundary. `kind` matches the TypeScript decoder's
// Bzip2ErrorKind, so both decoders report the same thing for the same bad input.
#ifndef UNFOLD_IO_CORE_BZIP2_ERROR_H_
#define UNFOLD_IO_CORE_BZIP2_ERROR_H_

#include <stdexcept>
#include <string>

namespace unfold_io {

enum class Bzip2ErrorKind { kCorrupt, kTruncated, kTooLarge, kUnsupported };

// The name the TypeScript side uses for a kind ('corrupt', 'truncated', 'too-large', 'unsupported').
const char* Bzip2ErrorKindName(Bzip2ErrorKind kind);

class Bzip2Error : public std::runtime_error {
 public:
  Bzip2Error(Bzip2ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Bzip2ErrorKind kind() const { return kind_; }

 private:
  Bzip2ErrorKind kind_;
};

// "bzip2 data is corrupt (<what>)", the wording the TypeScript decoder uses.
[[noreturn]] void ThrowCorrupt(const char* what);

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_ERROR_H_
