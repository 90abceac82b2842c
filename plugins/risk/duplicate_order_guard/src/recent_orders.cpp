#include "recent_orders.hpp"

#include <utility>

namespace trellis::risk {

RecentOrders::RecentOrders(std::size_t capacity) : slots_(capacity ? capacity : 1) {}

const RecentOrder* RecentOrders::find(const OrderKey& key, Timestamp since) const noexcept {
    for (std::size_t rank = size_; rank-- > 0;) {  // newest first: its age goes in the reason
        const RecentOrder& entry = at(rank);
        if (entry.ts <= since) return nullptr;  // older entries are older still
        if (entry.id != kNoOrder && entry.key == key) return &entry;
    }
    return nullptr;
}

bool RecentOrders::remember(const OrderKey& key, OrderId id, Timestamp ts, Timestamp since) noexcept {
    bool lost_live = false;
    if (size_ == slots_.size()) {
        const RecentOrder& oldest = slots_[head_];
        lost_live = oldest.id != kNoOrder && oldest.ts > since;
        head_ = (head_ + 1) % slots_.size();
        --size_;
    }
    slots_[(head_ + size_) % slots_.size()] = RecentOrder{key, id, ts};
    ++size_;
    return lost_live;
}

void RecentOrders::forget(OrderId id) noexcept {
    for (std::size_t rank = 0; rank < size_; ++rank) {
        RecentOrder& entry = slots_[(head_ + rank) % slots_.size()];
        if (entry.id == id) entry.id = kNoOrder;
    }
}

void RecentOrders::write(StateWriter& w) const {
    std::uint32_t live = 0;
    for (std::size_t rank = 0; rank < size_; ++rank) live += at(rank).id != kNoOrder;
    w.put(live);
    for (std::size_t rank = 0; rank < size_; ++rank) {
        const RecentOrder& e = at(rank);
        if (e.id == kNoOrder) continue;
        w.put(e.key.strategy);
        w.put(e.key.instrument);
        w.put(std::uint8_t(e.key.side));
        w.put(std::uint8_t(e.key.type));
        w.put(e.key.price.raw);
        w.put(e.key.qty.raw);
        w.put(e.id);
        w.put(e.ts);
    }
}

bool RecentOrders::read(StateReader& r) {
    std::uint32_t count = 0;
    if (!r.get(count)) return false;
    RecentOrders restored(slots_.size());
    for (std::uint32_t i = 0; i < count; ++i) {
        RecentOrder e;
        std::uint8_t side = 0, type = 0;
        if (!(r.get(e.key.strategy) && r.get(e.key.instrument) && r.get(side) && r.get(type) &&
              r.get(e.key.price.raw) && r.get(e.key.qty.raw) && r.get(e.id) && r.get(e.ts)))
            return false;
        if (side > 1 || type > 1 || e.id == kNoOrder) return false;
        e.key.side = Side(side);
        e.key.type = OrderType(type);
        restored.remember(e.key, e.id, e.ts, e.ts);
    }
    *this = std::move(restored);
    return true;
}

}  // namespace trellis::risk
