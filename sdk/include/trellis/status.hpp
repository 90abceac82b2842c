#pragma once
/// @file status.hpp
/// The typed error that crosses the plugin boundary.

#include <cstdint>
#include <string>
#include <utility>

namespace trellis {

/// Category of a failure reported by a plugin or the host.
enum class StatusCode : std::uint8_t {
    Ok = 0,
    InvalidArgument,     ///< a parameter or input is wrong
    NotFound,            ///< something named does not exist
    FailedPrecondition,  ///< called in the wrong state
    Internal,            ///< a bug or unexpected exception
    Unsupported,         ///< the plugin does not implement this
};

/// Result of a fallible plugin call: a code plus a message that says what and why.
struct Status {
    StatusCode code = StatusCode::Ok;
    std::string message;

    /// Success.
    static Status ok() { return {}; }
    /// Failure with a code and a message.
    static Status error(StatusCode c, std::string m) { return {c, std::move(m)}; }
    /// True on success.
    bool is_ok() const noexcept { return code == StatusCode::Ok; }
    explicit operator bool() const noexcept { return is_ok(); }
};

}  // namespace trellis
