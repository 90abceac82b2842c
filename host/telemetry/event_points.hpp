#pragma once
// Turns an EventRecord into a point of measurement `order`, `fill`,
// `risk_event` or `alert` (schema in docs/telemetry.md). Tags are the few
// low-cardinality names a dashboard groups by; everything else is a field.

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "telemetry/event_record.hpp"
#include "telemetry/point.hpp"

namespace trellis::host::telemetry {

class EventPointBuilder {
public:
    EventPointBuilder(std::vector<InstrumentSpec> instruments, std::vector<std::string> strategy_names);

    // The point for `event`; `text` and `source` are the event's texts. The
    // point's views are valid until the next build() and while text/source live.
    Point build(const EventRecord& event, std::string_view text, std::string_view source);

    static std::string_view measurement(EventKind kind) noexcept;

    // A key (WireBatcher::add) that determines the measurement and tags build() gives `event`, and
    // the keys and types of its fields when they are all numbers: order and fill events (the bulk)
    // have one; risk events and alerts, whose tags carry free text, have none (0).
    std::uint64_t head_key(const EventRecord& event) const noexcept;

    static constexpr std::size_t kMaxNumbers = 7;
    using Numbers = std::array<FieldValue, kMaxNumbers>;
    // The field values build() gives `event`, in its fields' order, when they are all numbers
    // (WireBatcher::add_numbers): how many, or 0 when the point has other fields too (an order with
    // a reject reason or a text) or is no order or fill.
    std::size_t numbers(const EventRecord& event, Numbers& out) const noexcept;

private:
    std::string_view strategy_name(std::uint32_t index) const noexcept;
    const InstrumentSpec* instrument(InstrumentId id) const noexcept;
    // The first fields of order and fill points alike: order_id, then (when the instrument is
    // known: its spec is returned, else nullptr and only the id) price and qty.
    const InstrumentSpec* id_price_qty(const EventRecord& e, Numbers& out) const noexcept;
    // The numeric fields of an order or fill point (values into `out`, keys from the matching table).
    std::size_t order_numbers(const EventRecord& e, Numbers& out) const noexcept;
    std::size_t fill_numbers(const EventRecord& e, Numbers& out) const noexcept;
    void add_fields(std::span<const std::string_view> keys, const Numbers& values, std::size_t n);
    Point order_point(const EventRecord& e, std::string_view text);
    Point fill_point(const EventRecord& e);
    Point risk_point(const EventRecord& e, std::string_view text, std::string_view source);
    Point alert_point(const EventRecord& e, std::string_view text, std::string_view source);
    Point finish(const EventRecord& e, std::size_t tags, std::size_t fields) const;

    std::vector<InstrumentSpec> instruments_;
    std::vector<std::string> strategy_names_;
    std::array<Tag, 4> tags_{};
    std::vector<Field> fields_;  // reserved once; Field has no default constructor
};

}  // namespace trellis::host::telemetry
