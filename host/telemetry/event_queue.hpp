#pragma once
// The engine → publisher event queue: a ring of fixed-size EventRecords plus a
// byte ring for their texts. Push never allocates, locks or blocks: when
// either ring is full the event is refused and the caller counts a drop.

#include <algorithm>
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

    // Producer. Copies the record's used lines (copy_used_lines) straight into the ring and sets
    // its text lengths. Texts longer than 65535 bytes are cut (events' texts are far shorter).
    // False (nothing queued) when the queue is full. Inline: it runs for every order event.
    bool push(const EventRecord& record, std::string_view text = {}, std::string_view source = {}) noexcept {
        EventRecord* slot = records_.claim();
        if (!slot) return false;
        text = text.substr(0, std::min(text.size(), kMaxText));
        source = source.substr(0, std::min(source.size(), kMaxText));
        if ((!text.empty() || !source.empty()) && !copy_texts(text, source)) return false;
        copy_used_lines(*slot, record);
        slot->text_len = std::uint16_t(text.size());
        slot->source_len = std::uint16_t(source.size());
        // The slot's release store publishes the text bytes written by copy_texts as well.
        records_.publish();
        return true;
    }

    // Consumer. Copies the record's texts into `text` / `source` and frees their space. Only the
    // record's used lines are meaningful: a non-fill's fill fields are left over from earlier events.
    bool pop(EventRecord& record, std::string& text, std::string& source);

    std::size_t size() const noexcept { return records_.size(); }
    std::size_t capacity() const noexcept { return records_.capacity(); }

private:
    static constexpr std::size_t kMaxText = 65535;

    // Producer: the (already cut) texts into the text ring; false when they do not fit.
    bool copy_texts(std::string_view text, std::string_view source) noexcept;
    void copy_in(std::uint64_t at, std::string_view bytes) noexcept;
    void copy_out(std::uint64_t at, std::size_t n, std::string& out) const;

    SpscRing<EventRecord> records_;
    std::vector<char> text_;
    std::uint64_t text_head_ = 0;  // producer only: next byte to write
    // Texts are read in the order they were written, so the consumer knows where the next one
    // starts and the record need not say.
    std::uint64_t text_tail_ = 0;                           // consumer only: next byte to read
    alignas(64) std::atomic<std::uint64_t> text_freed_{0};  // consumer: bytes before this are free again
};

}  // namespace trellis::host::telemetry
