// Parsing /proc/self/stat and /proc/self/status, and the live reader.

#include <gtest/gtest.h>

#include "telemetry/system_stats.hpp"

using namespace trellis::host::telemetry;

TEST(SystemStats, ParsesStatEvenWithParenthesesInTheName) {
    // Fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
    //         cutime cstime priority nice threads itrealvalue starttime(22) ...
    const std::string stat =
        "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 "
        "123456 1000000 500 18446744073709551615\n";
    ProcSelfStat out;
    ASSERT_TRUE(parse_proc_self_stat(stat, out));
    EXPECT_EQ(out.cpu_ticks, 300u);
    EXPECT_EQ(out.start_ticks, 123456u);
    EXPECT_FALSE(parse_proc_self_stat("4242 (cut short) S 1 2 3", out));
}

TEST(SystemStats, ParsesStatus) {
    const std::string status = "Name:\ttrellis\nVmPeak:\t  99999 kB\nVmRSS:\t   20480 kB\nThreads:\t5\n";
    ProcSelfStatus out;
    ASSERT_TRUE(parse_proc_self_status(status, out));
    EXPECT_EQ(out.rss_kib, 20480u);
    EXPECT_EQ(out.threads, 5u);
    EXPECT_FALSE(parse_proc_self_status("Name:\tx\nThreads:\t1\n", out));
}

TEST(SystemStats, ReaderSeesThisProcess) {
    SystemStatsReader reader;
    const SystemStats& s = reader.current();
    EXPECT_GT(s.rss_bytes, 1024.0 * 1024.0);  // a gtest binary is well above 1 MiB
    EXPECT_GE(s.threads, 1.0);
    EXPECT_GE(s.uptime_seconds, 0.0);
    EXPECT_GE(s.cpu_percent, 0.0);
}
