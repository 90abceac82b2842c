-- mean_reversion: a small mean-reversion quoter on one instrument. It follows
-- an exponentially weighted mean of the mid price; when the mid has fallen
-- threshold_ticks or more below that mean it bids at the best bid, when it
-- has risen as far above it offers at the best ask (post-only limit orders of
-- order_size), betting that the price returns to its mean. At most one order
-- per side; an order not filled within order_timeout_s is cancelled; a side
-- whose fill could take the position beyond max_position is not quoted.
--
--   [[strategies]]
--   name = "mr"
--   plugin = "../plugins/strategies/mean_reversion.lua"
--   [strategies.params]
--   symbol = "AMZN"
--   order_size = 100.0

local p            -- ctx.params, from on_start
local tick         -- the instrument's tick size (currency units)
local alpha        -- weight of a new mid in the mean
local mean         -- mean of the mid (currency units), nil until the first mid
local position = 0 -- instrument units: the position at start plus our fills
local live = { buy = nil, sell = nil } -- our resting order id per side

local function quote(ctx, side, price)
    if live[side] ~= nil then
        return
    end
    if side == "buy" then
        live.buy = ctx.buy(p.symbol, p.order_size, price, "post_only")
    else
        live.sell = ctx.sell(p.symbol, p.order_size, price, "post_only")
    end
end

return {
    name = "mean_reversion",
    params = {
        symbol = "AMZN",
        order_size = 100.0,      -- instrument units per order
        max_position = 500.0,    -- instrument units, each direction
        halflife_quotes = 50,    -- the mean forgets half its weight over this many quotes
        threshold_ticks = 3.0,   -- distance of the mid from its mean that triggers an order
        order_timeout_s = 5.0,   -- cancel an order resting longer than this
    },

    on_start = function(ctx)
        p = ctx.params
        tick = ctx.tick_size(p.symbol)
        alpha = 1 - 0.5 ^ (1 / p.halflife_quotes)
        position = ctx.position(p.symbol)
    end,

    on_quote = function(q, ctx)
        local mid = q.mid
        if q.symbol ~= p.symbol or mid == nil then
            return
        end
        if mean == nil then
            mean = mid
            return
        end
        mean = mean + alpha * (mid - mean)
        local deviation = (mid - mean) / tick
        if deviation <= -p.threshold_ticks and position + p.order_size <= p.max_position then
            quote(ctx, "buy", q.bid)
        elseif deviation >= p.threshold_ticks and position - p.order_size >= -p.max_position then
            quote(ctx, "sell", q.ask)
        end
    end,

    on_order = function(u, ctx)
        if u.is_fill then
            position = position + (u.side == "buy" and u.last_qty or -u.last_qty)
        end
        if u.status == "accepted" then
            ctx.set_timer(p.order_timeout_s, u.id)
        elseif u.status == "filled" or u.status == "cancelled" or u.status == "rejected" then
            if live[u.side] == u.id then
                live[u.side] = nil
            end
        end
    end,

    on_timer = function(ctx, order_id)
        if live.buy == order_id or live.sell == order_id then
            ctx.cancel(order_id)
        end
    end,

    -- Opt in to keeping the state when the file is edited while running.
    snapshot = function()
        return { mean = mean, position = position, buy = live.buy, sell = live.sell }
    end,
    restore = function(state)
        mean, position = state.mean, state.position
        live.buy, live.sell = state.buy, state.sell
    end,
}
