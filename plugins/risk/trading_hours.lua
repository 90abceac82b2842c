-- trading_hours: accepts orders only while the market is open: from `open`
-- (inclusive) to `close` (exclusive), both "HH:MM" in exchange local time,
-- which is UTC + utc_offset_hours (-4 for New York in summer, -5 in winter).
-- The host clock is used, so a backtest applies the rule in simulated time.
--
--   [[risk.rules]]
--   name = "hours"
--   plugin = "../plugins/risk/trading_hours.lua"
--   [risk.rules.params]
--   open = "09:35"          # no orders in the opening auction minutes
--   close = "15:55"

local NS_PER_SECOND = 1000000000
local SECONDS_PER_DAY = 86400

-- Set once in on_start (check() only does integer arithmetic; now = ctx.now).
local open_s, close_s, offset_s, reason, now

local function seconds_of_day(text, key)
    local h, m = string.match(text, "^(%d%d?):(%d%d)$")
    h, m = tonumber(h), tonumber(m)
    if h == nil or h > 23 or m > 59 then
        error(string.format("params.%s must be a time of day \"HH:MM\", got %q", key, text), 0)
    end
    return h * 3600 + m * 60
end

return {
    name = "trading_hours",
    params = {
        open = "09:30",
        close = "16:00",
        utc_offset_hours = -4.0,
    },

    on_start = function(ctx)
        local p = ctx.params
        open_s = seconds_of_day(p.open, "open")
        close_s = seconds_of_day(p.close, "close")
        if open_s >= close_s then
            error(string.format("params.open (%s) must be before params.close (%s)", p.open, p.close), 0)
        end
        offset_s = math.floor(p.utc_offset_hours * 3600 + 0.5)
        reason = string.format("outside trading hours %s-%s", p.open, p.close)
        now = ctx.now
    end,

    check = function(order, ctx)
        local t = (now() // NS_PER_SECOND + offset_s) % SECONDS_PER_DAY
        if t < open_s or t >= close_s then
            return false, reason
        end
        return true
    end,
}
