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
// Off x86 (or without SSE2) both are plain: memcpy and no fence — the ring's
// release store orders ordinary stores by itself.

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trellis::host::telemetry {

inline constexpr std::size_t kStreamLine = 64;

// Writes the 64-byte line at `from` to `to`, past the caches. Both 16-byte aligned (cache-line
// aligned in practice).
inline void stream_line(void* to, const void* from) noexcept {
#if defined(__SSE2__)
    auto* d = static_cast<__m128i*>(to);
    const auto* s = static_cast<const __m128i*>(from);
    _mm_stream_si128(d + 0, _mm_load_si128(s + 0));
    _mm_stream_si128(d + 1, _mm_load_si128(s + 1));
    _mm_stream_si128(d + 2, _mm_load_si128(s + 2));
    _mm_stream_si128(d + 3, _mm_load_si128(s + 3));
#else
    std::memcpy(to, from, kStreamLine);
#endif
}

// Orders every streaming store before it ahead of every store after it (the publishing one).
inline void streaming_fence() noexcept {
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

}  // namespace trellis::host::telemetry
