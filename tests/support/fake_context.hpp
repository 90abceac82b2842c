#pragma once
// Test double for the SDK contexts: records what a plugin asks of the host and
// lets a test set the clock, the book and positions. Header-only so plugin
// tests can use it without linking the host.

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "trellis/context.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::fakes {

class FakeContext final : public StrategyContext, public AdapterContext, public RiskContext {
public:
    struct Call {  // an order-entry call a strategy made
        enum class Kind { Submit, Cancel, Replace } kind;
        OrderId id;
        OrderRequest request;  // for Submit; price/qty for Replace
    };
    struct Timer {
        Timestamp at;
        std::uint64_t token;
    };

    explicit FakeContext(std::vector<InstrumentSpec> instruments = {}) : instruments_(std::move(instruments)) {
        books_.resize(instruments_.size());
        positions_.resize(instruments_.size());
    }

    // --- test controls ---
    Timestamp clock = 0;
    std::vector<Call> calls;
    std::vector<OrderUpdate> emitted;
    std::vector<Timer> timers;
    std::vector<std::string> logs;
    bool refuse_submits = false;
    std::size_t strategy_open_orders = 0;  // what open_order_count() answers
    std::uint64_t rng_state = 0x9E3779B97F4A7C15ull;

    void set_book(InstrumentId id, TopOfBook book) { books_.at(id) = book; }
    void set_position(InstrumentId id, PositionView p) { positions_.at(id) = p; }

    // --- Context ---
    Timestamp now() const noexcept override { return clock; }
    std::size_t instrument_count() const noexcept override { return instruments_.size(); }
    const InstrumentSpec* instrument(InstrumentId id) const noexcept override {
        return id < instruments_.size() ? &instruments_[id] : nullptr;
    }
    const InstrumentSpec* find_instrument(std::string_view symbol) const noexcept override {
        for (const auto& i : instruments_)
            if (i.name() == symbol) return &i;
        return nullptr;
    }
    TopOfBook top_of_book(InstrumentId id) const noexcept override {
        return id < books_.size() ? books_[id] : TopOfBook{};
    }
    PositionView position(InstrumentId id) const noexcept override {
        return id < positions_.size() ? positions_[id] : PositionView{};
    }
    void set_timer(Timestamp at, std::uint64_t token) noexcept override { timers.push_back({at, token}); }
    std::uint64_t random() noexcept override {  // splitmix64: deterministic
        std::uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    Counter& counter(std::string_view name) override { return counters_[std::string(name)]; }
    Gauge& gauge(std::string_view name) override { return gauges_[std::string(name)]; }
    Histogram& histogram(std::string_view name) override { return histograms_[std::string(name)]; }
    void log(LogLevel, std::string_view message) noexcept override { logs.emplace_back(message); }

    // --- StrategyContext ---
    OrderId submit(const OrderRequest& request) noexcept override {
        if (refuse_submits) return kNoOrder;
        const OrderId id = next_id_++;
        calls.push_back({Call::Kind::Submit, id, request});
        ++strategy_open_orders;
        return id;
    }
    bool cancel(OrderId id) noexcept override {
        calls.push_back({Call::Kind::Cancel, id, {}});
        return true;
    }
    bool replace(OrderId id, Price price, Quantity qty) noexcept override {
        OrderRequest r;
        r.price = price;
        r.qty = qty;
        calls.push_back({Call::Kind::Replace, id, r});
        return true;
    }
    std::size_t open_order_count() const noexcept override { return strategy_open_orders; }

    // --- RiskContext (tests set these fields) ---
    std::map<std::pair<InstrumentId, Side>, Quantity> open_qty;
    std::map<InstrumentId, std::size_t> open_order_counts;
    std::map<std::pair<InstrumentId, Side>, Price> own_best;
    double equity_now = 0.0;
    double equity_peak = 0.0;
    std::vector<std::pair<std::uint32_t, InstrumentId>> cancel_requests;
    std::vector<std::pair<std::uint32_t, std::string>> disabled;

    Quantity open_quantity(InstrumentId id, Side side) const noexcept override {
        auto it = open_qty.find({id, side});
        return it == open_qty.end() ? Quantity{} : it->second;
    }
    std::size_t open_orders(InstrumentId id) const noexcept override {
        if (id == kNoInstrument) {
            std::size_t n = 0;
            for (const auto& [k, v] : open_order_counts) n += v;
            return n;
        }
        auto it = open_order_counts.find(id);
        return it == open_order_counts.end() ? 0 : it->second;
    }
    bool best_own_price(InstrumentId id, Side side, Price& out) const noexcept override {
        auto it = own_best.find({id, side});
        if (it == own_best.end()) return false;
        out = it->second;
        return true;
    }
    double equity() const noexcept override { return equity_now; }
    double peak_equity() const noexcept override { return equity_peak; }
    void cancel_orders(std::uint32_t strategy, InstrumentId id) noexcept override {
        cancel_requests.emplace_back(strategy, id);
    }
    void disable_strategy(std::uint32_t strategy, std::string_view reason) noexcept override {
        disabled.emplace_back(strategy, std::string(reason));
    }
    std::string_view strategy_name(std::uint32_t strategy) const noexcept override {
        return strategy == 0 ? "strategy0" : "";
    }
    std::size_t strategies = 1;
    std::size_t strategy_count() const noexcept override { return strategies; }

    // --- AdapterContext ---
    void emit(const OrderUpdate& update) noexcept override { emitted.push_back(update); }
    std::size_t reconnects = 0;
    void market_data_reconnected() noexcept override { ++reconnects; }

    const std::map<std::string, Counter, std::less<>>& counters() const { return counters_; }
    // A counter's value, or -1 when the plugin never obtained it (so a misspelt
    // name in a test cannot pass for a counter that stayed at 0).
    std::int64_t counter_value(std::string_view name) const {
        const auto it = counters_.find(name);
        return it == counters_.end() ? -1 : it->second.value();
    }
    // The histogram a plugin obtained under `name`, or nullptr when it never asked for it.
    const Histogram* find_histogram(std::string_view name) const {
        const auto it = histograms_.find(name);
        return it == histograms_.end() ? nullptr : &it->second;
    }

private:
    std::vector<InstrumentSpec> instruments_;
    std::vector<TopOfBook> books_;
    std::vector<PositionView> positions_;
    std::map<std::string, Counter, std::less<>> counters_;
    std::map<std::string, Gauge, std::less<>> gauges_;
    std::map<std::string, Histogram, std::less<>> histograms_;
    OrderId next_id_ = 1;
};

// Builds an InstrumentSpec for tests.
inline InstrumentSpec make_instrument(InstrumentId id, std::string_view symbol, int price_decimals, int qty_decimals,
                                      std::int64_t tick_raw, std::int64_t lot_raw) {
    InstrumentSpec s;
    s.id = id;
    const std::size_t n = symbol.size() < s.symbol.size() - 1 ? symbol.size() : s.symbol.size() - 1;
    for (std::size_t i = 0; i < n; ++i) s.symbol[i] = symbol[i];
    s.price_decimals = price_decimals;
    s.qty_decimals = qty_decimals;
    s.tick_size = Price{tick_raw};
    s.lot_size = Quantity{lot_raw};
    return s;
}

}  // namespace trellis::fakes
