-- log_alerts: writes every alert at or above min_severity ("info",
-- "warning" or "critical") to the host log, at the matching log level.
--
--   [[alerts]]
--   name = "log"
--   plugin = "../plugins/alerts/log_alerts.lua"
--   [alerts.params]
--   min_severity = "warning"

local RANK = { info = 0, warning = 1, critical = 2 }
local LOG_LEVEL = { info = "info", warning = "warn", critical = "error" }
local min_rank

return {
    name = "log_alerts",
    params = {
        min_severity = "info",
    },

    on_start = function(ctx)
        min_rank = RANK[ctx.params.min_severity]
        if min_rank == nil then
            error("params.min_severity must be \"info\", \"warning\" or \"critical\", got \""
                .. ctx.params.min_severity .. "\"", 0)
        end
    end,

    on_alert = function(alert, ctx)
        if RANK[alert.severity] >= min_rank then
            ctx.log(LOG_LEVEL[alert.severity], string.format("[%s] %s", alert.source, alert.message))
        end
    end,
}
