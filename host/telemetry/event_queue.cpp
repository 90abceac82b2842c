#include "telemetry/event_queue.hpp"

#include <algorithm>
#include <cstring>

namespace trellis::host::telemetry {

EventQueue::EventQueue(std::size_t events, std::size_t text_bytes)
    : records_(events),
      publish_block_(std::clamp<std::size_t>(records_.capacity() / 4, 1, kPublishBlock)),
      text_(text_bytes) {}

bool EventQueue::copy_texts(std::string_view text, std::string_view source) noexcept {
    const std::size_t bytes = text.size() + source.size();
    if (text_head_ + bytes - text_freed_.load(std::memory_order_acquire) > text_.size()) return false;
    copy_in(text_head_, text);
    copy_in(text_head_ + text.size(), source);
    text_head_ += bytes;
    return true;
}

bool EventQueue::pop(EventRecord& record, std::string& text, std::string& source) {
    const EventRecord* slot = records_.peek();
    if (!slot) return false;
    copy_used_lines(record, *slot);
    records_.release();
    if (record.text_len == 0 && record.source_len == 0) [[likely]] {  // most events have no text
        text.clear();
        source.clear();
        return true;
    }
    copy_out(text_tail_, record.text_len, text);
    copy_out(text_tail_ + record.text_len, record.source_len, source);
    text_tail_ += std::size_t(record.text_len) + record.source_len;
    text_freed_.store(text_tail_, std::memory_order_release);
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
