#pragma once
/// @file alert_sink.hpp
/// The alert-sink interface: where operator alerts go (used by a later issue).

#include <cstdint>
#include <string_view>

#include "trellis/context.hpp"
#include "trellis/order.hpp"
#include "trellis/plugin.hpp"

namespace trellis {

/// How urgent an alert is.
enum class AlertSeverity : std::uint8_t { Info = 0, Warning = 1, Critical = 2 };

/// Lower-case name of a severity ("info", "warning", "critical").
constexpr std::string_view to_string(AlertSeverity s) noexcept {
    switch (s) {
        case AlertSeverity::Info:
            return "info";
        case AlertSeverity::Warning:
            return "warning";
        case AlertSeverity::Critical:
            return "critical";
    }
    return "info";
}

/// An alert raised by the host or a plugin.
struct Alert {
    Timestamp ts = 0;
    AlertSeverity severity = AlertSeverity::Info;
    FixedText<48> source;    ///< who raised it (plugin or subsystem name)
    FixedText<200> message;  ///< what happened
};

/// Delivers alerts somewhere (a log, a chat, a pager). Runs off the engine thread.
class AlertSink : public Plugin {
public:
    static constexpr PluginKind kKind = PluginKind::AlertSink;

    /// Called once before any alert.
    virtual Status start(Context& ctx) = 0;
    /// Delivers one alert.
    virtual void on_alert(const Alert& alert) noexcept = 0;
};

}  // namespace trellis
