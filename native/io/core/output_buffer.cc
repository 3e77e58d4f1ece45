// realloc-based growth: glibc moves large blocks by remapping pages, not by copying them.
#include "output_buffer.h"

#include <algorithm>
#include <new>
#include <string>

#include "bzip2_error.h"

namespace unfold_io {

void OutputBuffer::Reset(size_t max_bytes, size_t expected) {
  max_bytes_ = max_bytes;
  size_ = 0;
  const size_t want = std::min(max_bytes + kOutputMargin, std::max(expected, kOutputMargin));
  if (capacity_ < want || capacity_ > 4 * want) {
    data_.reset(static_cast<uint8_t*>(std::malloc(want)));
    if (!data_) throw std::bad_alloc();
    capacity_ = want;
  }
}

void OutputBuffer::CheckLimit() const {
  if (size_ > max_bytes_) {
    throw Bzip2Error(Bzip2ErrorKind::kTooLarge,
                     "bzip2 output exceeds the limit of " + std::to_string(max_bytes_) + " bytes");
  }
}

void OutputBuffer::MakeRoom() {
  CheckLimit();
  if (capacity_ - size_ >= kOutputMargin) return;
  // size_ <= max_bytes_, so the capped capacity always leaves the margin
  const size_t grown = std::min(max_bytes_ + kOutputMargin, std::max(capacity_ * 2, size_ + kOutputMargin));
  void* bigger = std::realloc(data_.get(), grown);
  if (bigger == nullptr) throw std::bad_alloc();
  data_.release();
  data_.reset(static_cast<uint8_t*>(bigger));
  capacity_ = grown;
}

}  // namespace unfold_io
