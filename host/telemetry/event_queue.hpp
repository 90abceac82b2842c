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
#include <type_traits>
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

    // Producer. Claims a record, copies the texts into the text ring (longer than 65535 bytes: cut;
    // events' texts are far shorter), then calls `write(slot, lengths)`, which writes the record's
    // lines with stream_lines(). False (nothing queued, `write` not called) when the queue is
    // full. The consumer sees the record after the next flush(), which push itself does every
    // publish block (64 records, fewer in a small queue). Inline: it runs for every order event.
    // The caller reads its event's fields inside `write`, after everything that can fail: they go
    // from its state through registers into the ring, with nothing kept across a call.
    template <class Write>  // void(EventRecord& slot, TextLengths lengths)
    bool push_with(Write&& write, std::string_view text = {}, std::string_view source = {}) noexcept {
        EventRecord* slot = records_.claim();
        if (!slot) return false;
        TextLengths lengths;
        if (!text.empty() || !source.empty()) [[unlikely]] {  // most events have no text
            text = text.substr(0, std::min(text.size(), kMaxText));
            source = source.substr(0, std::min(source.size(), kMaxText));
            if (!copy_texts(text, source)) return false;
            lengths = {std::uint16_t(text.size()), std::uint16_t(source.size())};
        }
        write(*slot, lengths);
        records_.commit();
        if (records_.unpublished() >= publish_block_) [[unlikely]]
            flush();
        return true;
    }
    // Producer: push_with for an event already built — an EventLine, or a fill's EventRecord.
    template <class Lines>
    bool push(const Lines& event, std::string_view text = {}, std::string_view source = {}) noexcept {
        static_assert(std::is_same_v<Lines, EventLine> || std::is_same_v<Lines, EventRecord>);
        return push_with(line_writer(event), text, source);
    }
    // Producer: hands every pushed record (and its text) over to the consumer. The producer calls
    // it wherever the consumer must not wait for a full block: with a metrics sample, before it
    // waits for room, at the end of a run.
    void flush() noexcept {
        if (records_.unpublished() == 0) return;
        streaming_fence();   // the records' streaming stores land before the head moves
        records_.publish();  // its release store publishes the texts' ordinary stores as well
    }

    // Consumer. Copies the record's texts into `text` / `source` and frees their space. Only the
    // record's used lines are meaningful: a non-fill's fill fields are left over from earlier events.
    bool pop(EventRecord& record, std::string& text, std::string& source);

    // Records handed over (flushed) and not yet popped.
    std::size_t size() const noexcept { return records_.size(); }
    std::size_t capacity() const noexcept { return records_.capacity(); }

private:
    static constexpr std::size_t kMaxText = 65535;
    // Records pushed before push() flushes by itself: one fence and one release store per block,
    // and a publisher that reads behind the engine never waits for more than this many.
    static constexpr std::size_t kPublishBlock = 64;

    // Producer: the (already cut) texts into the text ring; false when they do not fit.
    bool copy_texts(std::string_view text, std::string_view source) noexcept;
    void copy_in(std::uint64_t at, std::string_view bytes) noexcept;
    void copy_out(std::uint64_t at, std::size_t n, std::string& out) const;

    SpscRing<EventRecord> records_;
    const std::size_t publish_block_;  // kPublishBlock, or a quarter of a small ring
    std::vector<char> text_;
    std::uint64_t text_head_ = 0;  // producer only: next byte to write
    // Texts are read in the order they were written, so the consumer knows where the next one
    // starts and the record need not say.
    std::uint64_t text_tail_ = 0;                           // consumer only: next byte to read
    alignas(64) std::atomic<std::uint64_t> text_freed_{0};  // consumer: bytes before this are free again
};

}  // namespace trellis::host::telemetry
