#include "telemetry/event_points.hpp"

#include "kernel/run_observer.hpp"
#include "trellis/alert_sink.hpp"
#include "trellis/order.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::host::telemetry {

namespace {

constexpr std::string_view kUnknown = "unknown";
// InfluxDB refuses empty tag values; an event raised by the host itself has no plugin source.
constexpr std::string_view kHostSource = "host";

std::string_view to_name(RiskEventKind k) noexcept {
    switch (k) {
        case RiskEventKind::LevelChanged:
            return "level_changed";
        case RiskEventKind::KillSwitchEngaged:
            return "kill_switch_engaged";
        case RiskEventKind::KillSwitchReleased:
            return "kill_switch_released";
        case RiskEventKind::StrategyDisabled:
            return "strategy_disabled";
        case RiskEventKind::StrategyEnabled:
            return "strategy_enabled";
    }
    return kUnknown;
}

std::string_view order_status_name(const EventRecord& e) noexcept {
    if (e.kind == EventKind::OrderReleased) return "released";
    return to_string(OrderStatus(e.code));
}

}  // namespace

EventPointBuilder::EventPointBuilder(std::vector<InstrumentSpec> instruments, std::vector<std::string> strategy_names)
    : instruments_(std::move(instruments)), strategy_names_(std::move(strategy_names)) {
    fields_.reserve(8);
}

std::string_view EventPointBuilder::measurement(EventKind kind) noexcept {
    switch (kind) {
        case EventKind::OrderReleased:
        case EventKind::OrderUpdate:
            return "order";
        case EventKind::Fill:
            return "fill";
        case EventKind::Risk:
            return "risk_event";
        case EventKind::Alert:
            return "alert";
    }
    return kUnknown;
}

Point EventPointBuilder::build(const EventRecord& event, std::string_view text, std::string_view source) {
    fields_.clear();
    switch (event.kind) {
        case EventKind::OrderReleased:
        case EventKind::OrderUpdate:
            return order_point(event, text);
        case EventKind::Fill:
            return fill_point(event);
        case EventKind::Risk:
            return risk_point(event, text, source);
        case EventKind::Alert:
            return alert_point(event, text, source);
    }
    return finish(event, 0, 0);
}

std::uint64_t EventPointBuilder::head_key(const EventRecord& e) const noexcept {
    // Order and fill heads are (measurement, strategy name, instrument name, side, status or
    // liquidity): indexes out of range all read "unknown", so they share one key.
    std::uint64_t variant = 0;
    switch (e.kind) {
        case EventKind::OrderReleased:
            variant = 1;
            break;
        case EventKind::OrderUpdate:
            variant = 2 + std::uint64_t(e.code);
            break;
        case EventKind::Fill:
            variant = 0x200 + std::uint64_t(e.liquidity);
            break;
        case EventKind::Risk:
        case EventKind::Alert:
            return 0;
    }
    const std::uint64_t strategy = std::min<std::uint64_t>(e.strategy, strategy_names_.size());
    const std::uint64_t instrument = std::min<std::uint64_t>(e.instrument, instruments_.size());
    return (strategy << 40) | (instrument << 20) | (std::uint64_t(e.side) << 12) | variant;
}

std::string_view EventPointBuilder::strategy_name(std::uint32_t index) const noexcept {
    return index < strategy_names_.size() ? std::string_view(strategy_names_[index]) : kUnknown;
}

const InstrumentSpec* EventPointBuilder::instrument(InstrumentId id) const noexcept {
    return id < instruments_.size() ? &instruments_[id] : nullptr;
}

// Keys of the numeric fields, in the order order_numbers() / fill_numbers() give their values.
constexpr std::string_view kOrderKeys[] = {"order_id", "price", "qty", "filled_qty"};
constexpr std::string_view kFillKeys[] = {"order_id", "price", "qty", "fee", "position", "realized_pnl", "cash"};
static_assert(std::size(kFillKeys) <= EventPointBuilder::kMaxNumbers);

std::size_t EventPointBuilder::numbers(const EventRecord& e, Numbers& out) const noexcept {
    switch (e.kind) {
        case EventKind::OrderReleased:
        case EventKind::OrderUpdate:
            if (e.text_len > 0 || RejectReason(e.reason) != RejectReason::None) return 0;
            return order_numbers(e, out);
        case EventKind::Fill:
            return fill_numbers(e, out);
        case EventKind::Risk:
        case EventKind::Alert:
            break;
    }
    return 0;
}

const InstrumentSpec* EventPointBuilder::id_price_qty(const EventRecord& e, Numbers& out) const noexcept {
    out[0] = FieldValue::integer(std::int64_t(e.order_id));
    const InstrumentSpec* spec = instrument(e.instrument);
    if (spec) {
        out[1] = FieldValue::floating(spec->to_double(Price{e.price}));
        out[2] = FieldValue::floating(spec->to_double(Quantity{e.qty}));
    }
    return spec;
}

std::size_t EventPointBuilder::order_numbers(const EventRecord& e, Numbers& out) const noexcept {
    const InstrumentSpec* spec = id_price_qty(e, out);
    if (!spec) return 1;
    out[3] = FieldValue::floating(spec->to_double(Quantity{e.filled}));
    return 4;
}

std::size_t EventPointBuilder::fill_numbers(const EventRecord& e, Numbers& out) const noexcept {
    const InstrumentSpec* spec = id_price_qty(e, out);
    if (!spec) return 1;
    out[3] = FieldValue::floating(spec->money_to_double(e.fee));
    out[4] = FieldValue::floating(spec->to_double(Quantity{e.position}));
    out[5] = FieldValue::floating(spec->money_to_double(e.realized_pnl));
    out[6] = FieldValue::floating(spec->money_to_double(e.cash));
    return 7;
}

void EventPointBuilder::add_fields(std::span<const std::string_view> keys, const Numbers& values, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) fields_.push_back({keys[i], values[i]});
}

Point EventPointBuilder::order_point(const EventRecord& e, std::string_view text) {
    const InstrumentSpec* spec = instrument(e.instrument);
    tags_[0] = {"strategy", strategy_name(e.strategy)};
    tags_[1] = {"instrument", spec ? spec->name() : kUnknown};
    tags_[2] = {"side", to_string(Side(e.side))};
    tags_[3] = {"status", order_status_name(e)};
    Numbers values;
    add_fields(kOrderKeys, values, order_numbers(e, values));
    if (RejectReason(e.reason) != RejectReason::None)
        fields_.push_back({"reason", FieldValue::string(to_string(RejectReason(e.reason)))});
    if (!text.empty()) fields_.push_back({"text", FieldValue::string(text)});
    return finish(e, 4, fields_.size());
}

Point EventPointBuilder::fill_point(const EventRecord& e) {
    const InstrumentSpec* spec = instrument(e.instrument);
    tags_[0] = {"strategy", strategy_name(e.strategy)};
    tags_[1] = {"instrument", spec ? spec->name() : kUnknown};
    tags_[2] = {"side", to_string(Side(e.side))};
    tags_[3] = {"liquidity", to_string(Liquidity(e.liquidity))};
    Numbers values;
    add_fields(kFillKeys, values, fill_numbers(e, values));
    return finish(e, 4, fields_.size());
}

Point EventPointBuilder::risk_point(const EventRecord& e, std::string_view text, std::string_view source) {
    tags_[0] = {"kind", to_name(RiskEventKind(e.code))};
    tags_[1] = {"level", to_string(RiskLevel(e.reason))};
    tags_[2] = {"source", source.empty() ? kHostSource : source};
    fields_.push_back({"text", FieldValue::string(text)});
    if (e.strategy != kNoStrategy) fields_.push_back({"strategy", FieldValue::string(strategy_name(e.strategy))});
    return finish(e, 3, fields_.size());
}

Point EventPointBuilder::alert_point(const EventRecord& e, std::string_view text, std::string_view source) {
    tags_[0] = {"severity", to_string(AlertSeverity(e.code))};
    tags_[1] = {"source", source.empty() ? kHostSource : source};
    fields_.push_back({"message", FieldValue::string(text)});
    return finish(e, 2, fields_.size());
}

Point EventPointBuilder::finish(const EventRecord& e, std::size_t tags, std::size_t fields) const {
    return Point{measurement(e.kind), std::span<const Tag>(tags_.data(), tags),
                 std::span<const Field>(fields_.data(), fields), e.ts};
}

}  // namespace trellis::host::telemetry
