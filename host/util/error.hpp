#pragma once
// The error type of the kernel: std::expected<T, Error>. The message is
// user-facing and already says what, where and how to fix.

#include <expected>
#include <string>
#include <utility>

namespace trellis::host {

struct Error {
    std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) { return std::unexpected(Error{std::move(message)}); }

}  // namespace trellis::host
