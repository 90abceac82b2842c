-- max_notional: rejects an order whose notional value (price x quantity, in
-- the instrument's quote currency) is above max_notional. A limit order is
-- valued at its limit price; a market order at the current mid, and rejected
-- when there is no two-sided market to value it. An order exactly at the
-- limit passes.
--
--   [[risk.rules]]
--   name = "notional"
--   plugin = "../plugins/risk/max_notional.lua"
--   [risk.rules.params]
--   max_notional = 250000.0

local limit -- params.max_notional, read once in on_start

return {
    name = "max_notional",
    params = {
        max_notional = 100000.0, -- quote currency per order
    },

    on_start = function(ctx)
        limit = ctx.params.max_notional
    end,

    check = function(order, ctx)
        local notional = order.notional -- exact price x qty; nil for a market order
        if notional == nil then
            local mid = ctx.mid(order.symbol)
            if mid == nil then
                return false, "market order and no two-sided market to value it"
            end
            notional = mid * order.qty
        end
        if notional > limit then
            return false, string.format("notional %.2f > max_notional %.2f", notional, limit)
        end
        return true
    end,
}
