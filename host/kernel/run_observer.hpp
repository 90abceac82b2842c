#pragma once
// What the engine tells an observer (the CSV recorder, tests) as a run goes.
// Every call happens on the engine thread.

#include "kernel/order_manager.hpp"
#include "kernel/portfolio.hpp"

namespace trellis::host {

class RunObserver {
public:
    virtual ~RunObserver() = default;
    // An order left the host for the risk chain and the venue (or was refused at once).
    virtual void on_order_created(const OrderRecord& /*record*/) {}
    // An order — or a cancel-replace of it — passed every check and was released toward its venue.
    virtual void on_order_released(const OrderRecord& /*record*/) {}
    // An update was applied; `record` is the state after it (nullptr for unknown orders).
    virtual void on_order_update(const OrderRecord* /*record*/, const OrderUpdate& /*update*/) {}
    // The order reached a terminal state (called once per order, after on_order_update).
    virtual void on_order_closed(const OrderRecord& /*record*/) {}
    // A fill was booked; `account` is the instrument's account after it.
    virtual void on_fill(const OrderUpdate& /*fill*/, std::uint32_t /*strategy*/,
                         const InstrumentAccount& /*account*/) {}
    // Periodic mark-to-market sample (simulated time).
    virtual void on_equity_sample(Timestamp /*ts*/, InstrumentId /*instrument*/, const InstrumentAccount& /*account*/,
                                  Price /*mark*/) {}
};

}  // namespace trellis::host
