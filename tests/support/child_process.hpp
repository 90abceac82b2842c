#pragma once
// A program run by a test as a real child process: stdout and stderr go to
// files (read them after it exits), signals and exit status are the real ones.
// Test-only: failures throw std::runtime_error.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace trellis::test {

class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& out_file,
                 const std::filesystem::path& err_file)
        : out_file_(out_file), err_file_(err_file) {
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (out < 0 || err < 0) ::_exit(127);
            ::dup2(out, 1);
            ::dup2(err, 2);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
    }
    ~ChildProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void signal(int sig) const { ::kill(pid_, sig); }

    // The exit code, or -1 if it did not exit within `timeout` (or died from a signal: 128+sig).
    int wait_exit(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            const pid_t done = ::waitpid(pid_, &status, WNOHANG);
            if (done == pid_) {
                pid_ = -1;
                if (WIFEXITED(status)) return WEXITSTATUS(status);
                return 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

    std::string out() const { return read(out_file_); }
    std::string err() const { return read(err_file_); }

private:
    static std::string read(const std::filesystem::path& file) {
        std::ifstream in(file);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::filesystem::path out_file_;
    std::filesystem::path err_file_;
    pid_t pid_ = -1;
};

// Runs a program to completion (up to 30 s) and returns its exit code with its output.
struct Completed {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline Completed run_to_completion(const std::vector<std::string>& argv, const std::filesystem::path& dir) {
    ChildProcess child(argv, dir / "run.out", dir / "run.err");
    Completed done;
    done.exit_code = child.wait_exit(std::chrono::seconds(30));
    done.out = child.out();
    done.err = child.err();
    return done;
}

}  // namespace trellis::test
