#include "influx_writer/shutdown_signals.hpp"

#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <utility>

namespace trellis::host::influx_writer {

Result<ShutdownSignals> ShutdownSignals::block_and_open() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    if (const int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr); rc != 0)
        return fail(std::string("cannot block SIGTERM/SIGINT: ") + std::strerror(rc));
    const int fd = ::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    if (fd < 0) return fail(std::string("cannot open a signalfd for SIGTERM/SIGINT: ") + std::strerror(errno));
    return ShutdownSignals(fd);
}

ShutdownSignals::ShutdownSignals(ShutdownSignals&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

ShutdownSignals::~ShutdownSignals() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace trellis::host::influx_writer
