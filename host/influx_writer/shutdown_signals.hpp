#pragma once
// SIGTERM and SIGINT as a readable file descriptor (signalfd): the receive
// loop waits on it beside the socket, so nothing runs in a signal handler.
// Construct it before any thread starts: the signals are blocked in the
// constructing thread and every thread it later creates inherits the mask.

#include "util/error.hpp"

namespace trellis::host::influx_writer {

class ShutdownSignals {
public:
    static Result<ShutdownSignals> block_and_open();
    ~ShutdownSignals();
    ShutdownSignals(ShutdownSignals&& other) noexcept;
    ShutdownSignals& operator=(ShutdownSignals&&) = delete;
    ShutdownSignals(const ShutdownSignals&) = delete;

    // Readable once SIGTERM or SIGINT is pending.
    int fd() const noexcept { return fd_; }

private:
    explicit ShutdownSignals(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace trellis::host::influx_writer
