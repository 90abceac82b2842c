// snapshot()/restore(): the venue's whole state as versioned bytes, so a new
// instance (or version) of the plugin can take over resting orders with their
// queue positions during a hot swap.
//
// Encoded with the SDK's StateWriter/StateReader (trellis/state_codec.hpp).
// Layout, version 1 (all integers native little-endian):
//   magic "SMEX" (4 bytes), u32 version, u64 market-event sequence number
//   u32 instruments, then per instrument: i64 bid, ask, bid_qty, ask_qty, taken_bid, taken_ask; u8 flags
//   u32 resting orders, then per order (in price-time priority per instrument and side):
//       u64 id, u16 instrument, u8 side, u8 type, u8 tif, i64 price, i64 qty, u64 user_tag,
//       u32 strategy, i64 created_ts, i64 filled, i64 ahead, i64 last_seen, i64 traded_since_seen,
//       u64 arrival_seq, u8 known
//   u32 late venue orders, then each: u64 venue id, u16 instrument, u64 add_seq, i64 remaining, i64 price, u8 side
//   u32 levels, then each: u16 instrument, u8 side, i64 price, i64 size
//   u32 recently terminal ids (oldest first), then each u64

#include <algorithm>
#include <string>
#include <utility>

#include "matching_engine.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::simex {

namespace {

constexpr SnapshotMagic kMagic{'S', 'M', 'E', 'X'};
constexpr std::uint32_t kVersion = 1;

enum MarketFlags : std::uint8_t { kTrades = 1, kL3 = 2, kLevels = 4, kHalted = 8 };

void put_market(StateWriter& w, const InstrumentMarket& m) {
    for (std::int64_t v : {m.bid.raw, m.ask.raw, m.bid_qty.raw, m.ask_qty.raw, m.taken_bid, m.taken_ask}) w.put(v);
    w.put(std::uint8_t((m.trades_seen ? kTrades : 0) | (m.l3_seen ? kL3 : 0) | (m.levels_seen ? kLevels : 0) |
                       (m.halted ? kHalted : 0)));
}

// A read past the end yields zeros (StateReader); the caller checks r.failed() before using the market.
InstrumentMarket get_market(StateReader& r) {
    InstrumentMarket m;
    std::uint8_t flags = 0;
    for (std::int64_t* v : {&m.bid.raw, &m.ask.raw, &m.bid_qty.raw, &m.ask_qty.raw, &m.taken_bid, &m.taken_ask})
        r.get(*v);
    r.get(flags);
    m.trades_seen = flags & kTrades;
    m.l3_seen = flags & kL3;
    m.levels_seen = flags & kLevels;
    m.halted = flags & kHalted;
    return m;
}

void put_order(StateWriter& w, const RestingOrder& o) {
    const OrderRequest& q = o.order.request;
    w.put(o.order.id);
    w.put(q.instrument);
    w.put(std::uint8_t(q.side));
    w.put(std::uint8_t(q.type));
    w.put(std::uint8_t(q.tif));
    w.put(q.price.raw);
    w.put(q.qty.raw);
    w.put(q.user_tag);
    w.put(o.order.strategy);
    w.put(o.order.created_ts);
    w.put(o.filled);
    w.put(o.queue.ahead);
    w.put(o.queue.last_seen);
    w.put(o.queue.traded_since_seen);
    w.put(o.queue.arrival_seq);
    w.put(std::uint8_t(o.queue.known));
}

// Reads one order; returns an empty string or what is wrong with it.
std::string get_order(StateReader& r, std::size_t instruments, RestingOrder& o) {
    OrderRequest& q = o.order.request;
    std::uint8_t side = 0, type = 0, tif = 0, known = 0;
    r.get(o.order.id);
    r.get(q.instrument);
    r.get(side);
    r.get(type);
    r.get(tif);
    r.get(q.price.raw);
    r.get(q.qty.raw);
    r.get(q.user_tag);
    r.get(o.order.strategy);
    r.get(o.order.created_ts);
    r.get(o.filled);
    r.get(o.queue.ahead);
    r.get(o.queue.last_seen);
    r.get(o.queue.traded_since_seen);
    r.get(o.queue.arrival_seq);
    r.get(known);
    o.queue.known = known != 0;
    if (r.failed()) return "truncated";
    // Only limit orders that may rest (GTC, post-only) are ever stored.
    if (o.order.id == kNoOrder || q.instrument >= instruments || side > 1 || type != std::uint8_t(OrderType::Limit) ||
        tif > 2 || tif == std::uint8_t(TimeInForce::ImmediateOrCancel) || q.price.raw <= 0 || o.filled < 0 ||
        q.qty.raw <= o.filled || o.queue.ahead < 0)
        return "invalid resting order with id " + std::to_string(o.order.id);
    q.side = Side(side);
    q.type = OrderType(type);
    q.tif = TimeInForce(tif);
    return {};
}

Status corrupt(const std::string& what) {
    return Status::error(StatusCode::InvalidArgument, "simulated_exchange snapshot is unusable: " + what +
                                                          "; take a fresh snapshot from a running simulated_exchange");
}

}  // namespace

std::vector<std::byte> MatchingEngine::snapshot() const {
    StateWriter w(kMagic, kVersion);
    w.put(seq_);
    w.put(std::uint32_t(markets_.size()));
    for (const auto& m : markets_) put_market(w, m);

    w.put(std::uint32_t(resting_.size()));
    for (std::size_t instrument = 0; instrument < markets_.size(); ++instrument)
        for (const Side side : {Side::Buy, Side::Sell})
            for (std::uint32_t i = resting_.head(InstrumentId(instrument), side); i != RestingOrders::kNil;
                 i = resting_.next(i))
                put_order(w, resting_.at(i));

    w.put(std::uint32_t(late_.size()));
    late_.for_each([&](const VenueOrderKey& k, const LateVenueOrder& o) {
        w.put(k.order_id);
        w.put(k.instrument);
        w.put(o.add_seq);
        w.put(o.remaining);
        w.put(o.price.raw);
        w.put(std::uint8_t(o.side));
    });

    w.put(std::uint32_t(levels_.size()));
    levels_.for_each([&](const LevelKey& k, std::int64_t size) {
        w.put(k.instrument);
        w.put(std::uint8_t(k.side));
        w.put(k.price);
        w.put(size);
    });

    w.put(std::uint32_t(terminal_.size()));
    terminal_.for_each([&](OrderId id) { w.put(id); });
    return std::move(w).take();
}

Status MatchingEngine::restore(std::span<const std::byte> bytes) {
    if (bytes.empty()) return Status::ok();  // nothing to carry over
    // The header is checked here rather than with StateReader::read_header so
    // the messages keep telling an operator to take a fresh snapshot.
    StateReader r(bytes);
    SnapshotMagic magic{};
    std::uint32_t version = 0, instruments = 0;
    std::uint64_t seq = 0;
    r.get(magic);
    if (magic != kMagic) return corrupt("it does not start with the SMEX magic");
    r.get(version);
    if (version != kVersion)
        return corrupt("version " + std::to_string(version) + " is not supported (this build reads version " +
                       std::to_string(kVersion) + ")");
    r.get(seq);
    r.get(instruments);
    if (r.failed()) return corrupt("truncated header");
    if (emit_.bound() && instruments != emit_.context().instrument_count())
        return corrupt("it holds " + std::to_string(instruments) + " instruments but the host has " +
                       std::to_string(emit_.context().instrument_count()));
    if (instruments > 0xFFFF) return corrupt("instrument count out of range");
    std::vector<InstrumentMarket> markets;
    for (std::uint32_t i = 0; i < instruments && !r.failed(); ++i) markets.push_back(get_market(r));

    std::uint32_t order_count = 0;
    r.get(order_count);
    if (order_count > resting_.capacity())
        return corrupt(std::to_string(order_count) +
                       " resting orders exceed max_open_orders=" + std::to_string(resting_.capacity()));
    std::vector<RestingOrder> orders(order_count);
    for (auto& o : orders)
        if (std::string why = get_order(r, instruments, o); !why.empty()) return corrupt(why);
    std::vector<OrderId> ids;
    for (const auto& o : orders) ids.push_back(o.order.id);
    std::sort(ids.begin(), ids.end());
    if (const auto dup = std::adjacent_find(ids.begin(), ids.end()); dup != ids.end())
        return corrupt("order id " + std::to_string(*dup) + " appears twice");

    std::uint32_t late_count = 0;
    r.get(late_count);
    if (late_count > late_.max_entries()) return corrupt("too many tracked venue orders for max_tracked_venue_orders");
    std::vector<std::pair<VenueOrderKey, LateVenueOrder>> late(late_count);
    for (auto& [k, o] : late) {
        std::uint8_t side = 0;
        r.get(k.order_id);
        r.get(k.instrument);
        r.get(o.add_seq);
        r.get(o.remaining);
        r.get(o.price.raw);
        r.get(side);
        if (side > 1 || k.instrument >= instruments) return corrupt("invalid tracked venue order");
        o.side = Side(side);
    }

    std::uint32_t level_count = 0;
    r.get(level_count);
    if (level_count > levels_.max_entries()) return corrupt("too many price levels for max_tracked_levels");
    std::vector<std::pair<LevelKey, std::int64_t>> levels(level_count);
    for (auto& [k, size] : levels) {
        std::uint8_t side = 0;
        r.get(k.instrument);
        r.get(side);
        r.get(k.price);
        r.get(size);
        if (side > 1 || k.instrument >= instruments) return corrupt("invalid price level");
        k.side = Side(side);
    }

    std::uint32_t terminal_count = 0;
    r.get(terminal_count);
    if (r.failed() || terminal_count > bytes.size()) return corrupt("truncated");
    std::vector<OrderId> terminal(terminal_count);
    for (auto& id : terminal) r.get(id);
    if (r.failed()) return corrupt("truncated");
    if (!r.at_end()) return corrupt("unexpected bytes after the end");

    // Everything decoded and checked: replace the state.
    markets_ = std::move(markets);
    resting_.reset(markets_.size());
    // Written in priority order, so stable insertion rebuilds the same lists.
    for (const auto& o : orders) resting_.add(o);
    late_.clear();
    for (const auto& [k, o] : late) late_.record(k.instrument, k.order_id, o);
    levels_.clear();
    for (const auto& [k, size] : levels) levels_.set(k.instrument, k.side, Price{k.price}, size);
    terminal_.clear();
    for (OrderId id : terminal) terminal_.add(id);
    seq_ = seq;
    restored_ = true;
    return Status::ok();
}

}  // namespace trellis::simex
