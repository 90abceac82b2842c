#pragma once
// The host's log: one spdlog logger per host, passed to whoever logs (no
// global default logger), writing to stderr so stdout stays for results.

#include <memory>
#include <string_view>

#include "trellis/context.hpp"

namespace spdlog {
class logger;
}

namespace trellis::host {

class Logger {
public:
    explicit Logger(LogLevel min_level = LogLevel::Info);
    ~Logger();
    void log(LogLevel level, std::string_view source, std::string_view message) noexcept;
    void set_level(LogLevel level) noexcept;

private:
    std::shared_ptr<spdlog::logger> impl_;
};

}  // namespace trellis::host
