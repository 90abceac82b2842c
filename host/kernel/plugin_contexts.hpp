#pragma once
// The contexts plugins receive. What every kind shares lives in one template
// (ContextBase) over the SDK interface it implements; each kind adds its own
// order-entry or reporting calls on top.

#include <string>

#include "kernel/engine.hpp"
#include "util/logger.hpp"

namespace trellis::host {

// splitmix64: a tiny, well-mixed, seedable generator; each plugin gets its own
// stream derived from the run's seed and the plugin's name, so adding a plugin
// does not change another's random numbers.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

// FNV-1a, for deriving per-plugin seeds from names (stable across platforms).
constexpr std::uint64_t fnv1a(std::string_view s) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char c : s) h = (h ^ std::uint8_t(c)) * 0x100000001b3ull;
    return h;
}

template <class Interface>
class ContextBase : public Interface {
public:
    ContextBase(Engine& engine, std::string name, const BookView& book, TimerOwner owner, std::uint32_t index)
        : engine_(engine),
          name_(std::move(name)),
          book_(book),
          owner_(owner),
          index_(index),
          rng_(engine.seed() ^ fnv1a(name_)) {}

    Timestamp now() const noexcept override { return engine_.now(); }
    std::size_t instrument_count() const noexcept override { return engine_.instruments().size(); }
    const InstrumentSpec* instrument(InstrumentId id) const noexcept override { return engine_.instrument(id); }
    const InstrumentSpec* find_instrument(std::string_view symbol) const noexcept override {
        return engine_.find_instrument(symbol);
    }
    TopOfBook top_of_book(InstrumentId id) const noexcept override {
        return id < book_.size() ? book_[id] : TopOfBook{};
    }
    PositionView position(InstrumentId id) const noexcept override {
        return id < engine_.portfolio().size() ? engine_.portfolio().view(id) : PositionView{};
    }
    void set_timer(Timestamp at, std::uint64_t token) noexcept override {
        engine_.set_timer(owner_, index_, at, token);
    }
    std::uint64_t random() noexcept override { return rng_.next(); }
    Counter& counter(std::string_view name) override { return engine_.metrics().counter(qualified(name)); }
    Gauge& gauge(std::string_view name) override { return engine_.metrics().gauge(qualified(name)); }
    Histogram& histogram(std::string_view name) override { return engine_.metrics().histogram(qualified(name)); }
    void log(LogLevel level, std::string_view message) noexcept override {
        engine_.logger().log(level, name_, message);
    }

    const std::string& name() const noexcept { return name_; }

protected:
    std::string qualified(std::string_view metric) const { return name_ + "." + std::string(metric); }

    Engine& engine_;
    std::string name_;
    const BookView& book_;
    TimerOwner owner_;
    std::uint32_t index_;
    SplitMix64 rng_;
};

// A strategy sees the market after market-data latency and enters orders.
class StrategyContextImpl final : public ContextBase<StrategyContext> {
public:
    StrategyContextImpl(Engine& engine, std::string name, std::uint32_t index)
        : ContextBase(engine, std::move(name), engine.strategy_book(), TimerOwner::Strategy, index) {}

    OrderId submit(const OrderRequest& request) noexcept override { return engine_.submit(index_, request); }
    bool cancel(OrderId id) noexcept override { return engine_.cancel(index_, id); }
    bool replace(OrderId id, Price price, Quantity qty) noexcept override {
        return engine_.replace(index_, id, price, qty);
    }
    std::size_t open_order_count() const noexcept override { return engine_.orders().open_orders(index_); }
};

// A venue sees the market at exchange time and reports order updates.
class AdapterContextImpl final : public ContextBase<AdapterContext> {
public:
    AdapterContextImpl(Engine& engine, std::string name, std::uint32_t index)
        : ContextBase(engine, std::move(name), engine.exchange_book(), TimerOwner::Adapter, index) {}

    void emit(const OrderUpdate& update) noexcept override { engine_.emit(update); }
    void market_data_reconnected() noexcept override { engine_.count_reconnect(index_); }
};

// A risk rule sees the market as strategies do, plus the host's own orders and
// equity, and may cancel a strategy's orders or disable it.
class RiskContextImpl final : public ContextBase<RiskContext> {
public:
    RiskContextImpl(Engine& engine, std::string name, std::uint32_t index)
        : ContextBase(engine, std::move(name), engine.strategy_book(), TimerOwner::Risk, index) {}

    Quantity open_quantity(InstrumentId instrument, Side side) const noexcept override {
        return engine_.orders().open_quantity(instrument, side);
    }
    std::size_t open_orders(InstrumentId instrument) const noexcept override {
        if (instrument == kNoInstrument) return engine_.orders().open_orders();
        return engine_.orders().open_orders(instrument, Side::Buy) +
               engine_.orders().open_orders(instrument, Side::Sell);
    }
    bool best_own_price(InstrumentId instrument, Side side, Price& out) const noexcept override {
        bool found = false;
        engine_.orders().for_each_live(instrument, side, [&](const OrderRecord& r) {
            if (!found || (side == Side::Buy ? r.price > out : r.price < out)) out = r.price;
            found = true;
        });
        return found;
    }
    double equity() const noexcept override { return engine_.equity(); }
    double peak_equity() const noexcept override { return engine_.stats().peak_equity; }
    void cancel_orders(std::uint32_t strategy, InstrumentId instrument) noexcept override {
        engine_.cancel_orders(strategy, instrument);
    }
    void disable_strategy(std::uint32_t strategy, std::string_view reason) noexcept override {
        engine_.disable_strategy(strategy, reason, name_);
    }
    std::string_view strategy_name(std::uint32_t strategy) const noexcept override {
        return engine_.strategy_name(strategy);
    }
    std::size_t strategy_count() const noexcept override { return engine_.strategy_count(); }
};

// Alert sinks get the plain context.
class AlertContextImpl final : public ContextBase<Context> {
public:
    AlertContextImpl(Engine& engine, std::string name)
        : ContextBase(engine, std::move(name), engine.strategy_book(), TimerOwner::None, 0) {}
};

}  // namespace trellis::host
