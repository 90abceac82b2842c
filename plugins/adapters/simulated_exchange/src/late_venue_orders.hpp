#pragma once
// Venue (L3) orders that joined a price level while one of our orders was
// already resting there. For the exact queue model the question "was this
// venue order in front of us?" is answered by exclusion: an order recorded
// here with an add sequence number later than our arrival is behind us;
// every other order (including orders older than the data file) was there
// before us. Only adds at prices where we rest are recorded, so the table
// stays small; entries leave when the venue order is deleted or fully
// executed, or when we no longer rest at its price (swept when full).

#include <cstdint>

#include "fixed_hash_map.hpp"
#include "trellis/types.hpp"

namespace trellis::simex {

struct VenueOrderKey {
    std::uint64_t order_id = 0;
    InstrumentId instrument = 0;  // venue ids are unique per instrument's feed only
    bool operator==(const VenueOrderKey&) const = default;
};

struct VenueOrderKeyHash {
    std::uint64_t operator()(const VenueOrderKey& k) const noexcept {
        return mix_hash(k.order_id ^ (std::uint64_t{k.instrument} << 48));
    }
};

struct LateVenueOrder {
    std::uint64_t add_seq = 0;   ///< market-event sequence number of its OrderAdd
    std::int64_t remaining = 0;  ///< visible size still resting (raw)
    Price price;
    Side side = Side::Buy;
};

class LateVenueOrders {
public:
    explicit LateVenueOrders(std::size_t max_orders) : orders_(max_orders) {}

    /// Records an add; false if the table is full (the caller may sweep and retry).
    bool record(InstrumentId instrument, std::uint64_t order_id, const LateVenueOrder& order) noexcept {
        LateVenueOrder* slot = orders_.find_or_insert({order_id, instrument}, order);
        if (slot) *slot = order;
        return slot != nullptr;
    }
    /// True if the venue order joined after sequence number `arrival_seq` (it is behind us).
    bool added_after(InstrumentId instrument, std::uint64_t order_id, std::uint64_t arrival_seq) const noexcept {
        const LateVenueOrder* o = orders_.find({order_id, instrument});
        return o && o->add_seq > arrival_seq;
    }
    /// The venue order lost qty (cancel or execution); forgotten when nothing remains.
    void reduce(InstrumentId instrument, std::uint64_t order_id, std::int64_t qty) noexcept {
        LateVenueOrder* o = orders_.find({order_id, instrument});
        if (!o) return;
        o->remaining -= qty;
        if (o->remaining <= 0) orders_.erase({order_id, instrument});
    }
    void forget(InstrumentId instrument, std::uint64_t order_id) noexcept { orders_.erase({order_id, instrument}); }

    /// Drops entries for which keep(instrument, order) is false.
    template <class Keep>
    void sweep(Keep keep) noexcept {
        orders_.erase_if([&](const VenueOrderKey& k, const LateVenueOrder& o) { return !keep(k.instrument, o); });
    }

    bool full() const noexcept { return orders_.full(); }
    std::size_t size() const noexcept { return orders_.size(); }
    std::size_t max_entries() const noexcept { return orders_.max_entries(); }
    void clear() noexcept { orders_.clear(); }
    template <class F>
    void for_each(F f) const {
        orders_.for_each(f);
    }

private:
    FixedHashMap<VenueOrderKey, LateVenueOrder, VenueOrderKeyHash> orders_;
};

}  // namespace trellis::simex
