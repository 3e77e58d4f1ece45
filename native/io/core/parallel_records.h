// Decompresses many independent bzip2 streams (the LDM records of a NEXRAD volume) on several threads.
// Each thread owns one Bzip2Decoder and takes the next record in index order until none is left, so the
// scratch memory is allocated once per thread, not once per record. Pure C++ (std::thread); the addon
// runs it inside an AsyncWorker, off the JavaScript thread.
#ifndef UNFOLD_IO_CORE_PARALLEL_RECORDS_H_
#define UNFOLD_IO_CORE_PARALLEL_RECORDS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "bzip2.h"

namespace unfold_io {

struct ByteSpan {
  const uint8_t* data;
  size_t size;
};

struct RecordsFailure {
  bool ok = true;
  size_t failed_index = 0;  // the lowest index of a record that does not decompress
  Bzip2Status failure;
};

struct RecordsResult : RecordsFailure {
  std::vector<OutputBuffer> outputs;  // one per record (all filled when ok)
};

// Receives each decoded record, on the worker thread that decoded it, in completion order (roughly
// index order). Must not throw.
using RecordSink = std::function<void(size_t index, OutputBuffer&& output)>;

// Auto mode stops at 8 threads: each holds ~10 MB of scratch memory, and a volume of ~50 records gains
// little beyond that. An explicit request is capped at 64.
constexpr unsigned kAutoRecordThreads = 8;
constexpr unsigned kMaxRecordThreads = 64;

// Threads used for `records` records: `requested` (0 = auto: one per hardware thread, at most
// kAutoRecordThreads), never more than one per record.
unsigned RecordThreads(size_t records, unsigned requested);

// Decompress every record (each capped at max_output bytes) on `threads` threads (0 = auto), handing
// each output to `sink` as soon as it is ready. On failure, reports the lowest failing record index;
// every record below it reaches the sink, records after it may be skipped.
RecordsFailure DecompressRecordsEach(const std::vector<ByteSpan>& records, size_t max_output, unsigned threads,
                                     const RecordSink& sink);

// The same, collecting the outputs in index order.
RecordsResult DecompressRecords(const std::vector<ByteSpan>& records, size_t max_output, unsigned threads);

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_PARALLEL_RECORDS_H_
