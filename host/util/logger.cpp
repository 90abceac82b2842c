#include "util/logger.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace trellis::host {

namespace {
spdlog::level::level_enum to_spd(LogLevel l) {
    switch (l) {
        case LogLevel::Debug:
            return spdlog::level::debug;
        case LogLevel::Info:
            return spdlog::level::info;
        case LogLevel::Warn:
            return spdlog::level::warn;
        case LogLevel::Error:
            return spdlog::level::err;
    }
    return spdlog::level::info;
}
}  // namespace

Logger::Logger(LogLevel min_level)
    : impl_(std::make_shared<spdlog::logger>("trellis", std::make_shared<spdlog::sinks::stderr_color_sink_mt>())) {
    impl_->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    set_level(min_level);
}

Logger::~Logger() = default;

void Logger::set_level(LogLevel level) noexcept { impl_->set_level(to_spd(level)); }

void Logger::log(LogLevel level, std::string_view source, std::string_view message) noexcept {
    try {
        impl_->log(to_spd(level), "[{}] {}", source, message);
    } catch (...) {
        // Logging must never take the host down.
    }
}

}  // namespace trellis::host
