// Growable byte buffer with a hard cap, for decompressed output: a corrupt or hostile stream must not
// exhaust memory. The allocation may exceed the cap by kOutputMargin bytes of working room (one literal
// plus one run of up to 255 repeats, written in 16-byte stores that may overshoot by 15: what the
// run-length decoder writes per step without a bounds test); the content may not.
#ifndef UNFOLD_IO_CORE_OUTPUT_BUFFER_H_
#define UNFOLD_IO_CORE_OUTPUT_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace unfold_io {

constexpr size_t kOutputMargin = 288;

class OutputBuffer {
 public:
  OutputBuffer() = default;

  // Empty the buffer and set its cap (bytes); `expected` is a first guess of the final size.
  void Reset(size_t max_bytes, size_t expected);

  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  size_t max_bytes() const { return max_bytes_; }
  void set_size(size_t size) { size_ = size; }

  // Make room for at least kOutputMargin bytes after size(); throws Bzip2Error (too-large) when the
  // content already exceeds the cap.
  void MakeRoom();
  // Throws Bzip2Error (too-large) when the content exceeds the cap.
  void CheckLimit() const;

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  size_t max_bytes_ = 0;
};

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_OUTPUT_BUFFER_H_
