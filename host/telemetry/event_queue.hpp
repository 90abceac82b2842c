#pragma once
// The engine → publisher event queue: a ring of fixed-size EventRecords plus a
// byte ring for their texts. Push never allocates, locks or blocks: when
// either ring is full the event is refused and the caller counts a drop.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "telemetry/event_record.hpp"
#include "telemetry/spsc_ring.hpp"

namespace trellis::host::telemetry {

class EventQueue {
public:
    // Room for `events` records and `text_bytes` bytes of text.
    EventQueue(std::size_t events, std::size_t text_bytes);
    EventQueue(const EventQueue&) = delete;
    EventQueue& operator=(const EventQueue&) = delete;

    // Producer. Texts longer than 65535 bytes are cut (events' texts are far shorter).
    // False (nothing queued) when the queue is full.
    bool push(EventRecord record, std::string_view text = {}, std::string_view source = {}) noexcept;

    // Consumer. Copies the record's texts into `text` / `source` and frees their space.
    bool pop(EventRecord& record, std::string& text, std::string& source);

    std::size_t size() const noexcept { return records_.size(); }
    std::size_t capacity() const noexcept { return records_.capacity(); }

private:
    void copy_in(std::uint64_t at, std::string_view bytes) noexcept;
    void copy_out(std::uint64_t at, std::size_t n, std::string& out) const;

    SpscRing<EventRecord> records_;
    std::vector<char> text_;
    std::uint64_t text_head_ = 0;                           // producer only: next byte to write
    alignas(64) std::atomic<std::uint64_t> text_freed_{0};  // consumer: bytes before this are free again
};

}  // namespace trellis::host::telemetry
