#include "telemetry/event_queue.hpp"

#include <algorithm>
#include <cstring>

namespace trellis::host::telemetry {

EventQueue::EventQueue(std::size_t events, std::size_t text_bytes) : records_(events), text_(text_bytes) {}

bool EventQueue::push(EventRecord record, std::string_view text, std::string_view source) noexcept {
    text = text.substr(0, std::min<std::size_t>(text.size(), 65535));
    source = source.substr(0, std::min<std::size_t>(source.size(), 65535));
    const std::size_t bytes = text.size() + source.size();
    if (records_.full()) return false;
    if (bytes > 0) {
        if (text_head_ + bytes - text_freed_.load(std::memory_order_acquire) > text_.size()) return false;
        copy_in(text_head_, text);
        copy_in(text_head_ + text.size(), source);
    }
    record.text_begin = text_head_;
    record.text_len = std::uint16_t(text.size());
    record.source_len = std::uint16_t(source.size());
    // The record's release store publishes the text bytes written above.
    if (!records_.try_push(record)) return false;
    text_head_ += bytes;
    return true;
}

bool EventQueue::pop(EventRecord& record, std::string& text, std::string& source) {
    if (!records_.try_pop(record)) return false;
    copy_out(record.text_begin, record.text_len, text);
    copy_out(record.text_begin + record.text_len, record.source_len, source);
    const std::size_t bytes = std::size_t(record.text_len) + record.source_len;
    if (bytes > 0) text_freed_.store(record.text_begin + bytes, std::memory_order_release);
    return true;
}

void EventQueue::copy_in(std::uint64_t at, std::string_view bytes) noexcept {
    if (bytes.empty()) return;  // an empty view may have no data pointer at all
    const std::size_t start = std::size_t(at % text_.size());
    const std::size_t first = std::min(bytes.size(), text_.size() - start);
    std::memcpy(text_.data() + start, bytes.data(), first);
    std::memcpy(text_.data(), bytes.data() + first, bytes.size() - first);
}

void EventQueue::copy_out(std::uint64_t at, std::size_t n, std::string& out) const {
    out.clear();
    if (n == 0) return;
    const std::size_t start = std::size_t(at % text_.size());
    const std::size_t first = std::min(n, text_.size() - start);
    out.append(text_.data() + start, first);
    out.append(text_.data(), n - first);
}

}  // namespace trellis::host::telemetry
