-- inventory_guard: keeps the worst-case position of every instrument within
-- +/- max_position (instrument units: shares, BTC). Worst case means the
-- current position plus every live order of the host on the same side plus
-- this order, as if all of them filled. A replace adds only what it raises
-- the order by (its old open quantity is already among the live orders).
-- Reaching the limit exactly passes.
--
--   [[risk.rules]]
--   name = "inventory"
--   plugin = "../plugins/risk/inventory_guard.lua"
--   [risk.rules.params]
--   max_position = 500.0

-- Set once in on_start: the limit, and the ctx functions check() calls
-- (ctx's functions never change, and a local is cheaper than ctx.name).
local limit, position_of, open_quantity

return {
    name = "inventory_guard",
    params = {
        max_position = 1000.0, -- instrument units, each direction
    },

    on_start = function(ctx)
        limit = ctx.params.max_position
        position_of, open_quantity = ctx.position, ctx.open_quantity
    end,

    check = function(order, ctx)
        local symbol, side, added = order.symbol, order.side, order.qty
        if order.action == "replace" then
            added = added - order.previous_open
        end
        local position = position_of(symbol)
        local resting = open_quantity(symbol, side)
        if side == "buy" then
            local worst = position + resting + added
            if worst > limit then
                return false, string.format("worst-case position %g > max_position %g", worst, limit)
            end
        else
            local worst = position - resting - added
            if worst < -limit then
                return false, string.format("worst-case position %g < -max_position %g", worst, limit)
            end
        end
        return true
    end,
}
