#pragma once
// Streaming (non-temporal) stores for the engine → publisher hand-over.
//
// The engine writes each event record once and never reads it again; the
// reader is another core, some time later. Ordinary stores would first pull
// every line of the multi-megabyte ring into the engine core's caches (a read
// for ownership) and evict the matching engine's working set to make room:
// measured, that cache pollution cost the engine more than the stores
// themselves. A streaming store writes a whole line past the caches instead.
// Streaming stores are weakly ordered, so the producer issues one fence
// before it publishes a block of them (EventQueue::flush).
//
// A line is written as its eight 8-byte words, which the caller composes in
// registers (event_record.hpp) — all eight, always: a line written in part
// costs the memory a read-modify-write.
//
// Off x86-64 the words are copied with plain stores and the fence is empty —
// the ring's release store orders ordinary stores by itself.

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>
#define TRELLIS_STREAMING_STORES 1
#endif

namespace trellis::host::telemetry {

inline constexpr std::size_t kStreamLine = 64;

// Writes the 64-byte line at `to` (8-byte aligned; cache-line aligned in practice) from its eight
// words in memory order, past the caches.
inline void stream_words(void* to, std::uint64_t w0, std::uint64_t w1, std::uint64_t w2, std::uint64_t w3,
                         std::uint64_t w4, std::uint64_t w5, std::uint64_t w6, std::uint64_t w7) noexcept {
#if defined(TRELLIS_STREAMING_STORES)
    auto* d = static_cast<long long*>(to);
    _mm_stream_si64(d + 0, static_cast<long long>(w0));
    _mm_stream_si64(d + 1, static_cast<long long>(w1));
    _mm_stream_si64(d + 2, static_cast<long long>(w2));
    _mm_stream_si64(d + 3, static_cast<long long>(w3));
    _mm_stream_si64(d + 4, static_cast<long long>(w4));
    _mm_stream_si64(d + 5, static_cast<long long>(w5));
    _mm_stream_si64(d + 6, static_cast<long long>(w6));
    _mm_stream_si64(d + 7, static_cast<long long>(w7));
#else
    const std::uint64_t words[8] = {w0, w1, w2, w3, w4, w5, w6, w7};
    std::memcpy(to, words, kStreamLine);
#endif
}

// Orders every streaming store before it ahead of every store after it (the publishing one).
inline void streaming_fence() noexcept {
#if defined(TRELLIS_STREAMING_STORES)
    _mm_sfence();
#endif
}

}  // namespace trellis::host::telemetry
