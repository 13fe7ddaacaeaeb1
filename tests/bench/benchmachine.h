// The machine a benchmark's figures come from, printed before them: a figure is only worth
// re-measuring on a machine of the same kind (cores, CPU model) and build type.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

#ifndef PUMPWATCH_BUILD_TYPE
#define PUMPWATCH_BUILD_TYPE "unknown"
#endif

namespace PumpWatch::Bench {

inline std::string cpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            return colon == std::string::npos ? line : line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

/// "machine: 2 cores, Intel(R) Xeon(R) …, build RelWithDebInfo" on its own line.
inline void printMachine()
{
    std::printf("machine: %u cores, %s, build %s\n", std::thread::hardware_concurrency(),
                cpuModel().c_str(), PUMPWATCH_BUILD_TYPE);
    std::fflush(stdout);
}

/// As many open files as the hard limit allows: a city is thousands of sockets.
inline void raiseFileLimit()
{
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
}

/// Milliseconds of wall time since `t0`.
inline double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Milliseconds of CPU time this thread has used.
inline double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

/// Milliseconds of CPU time this process has used (every thread).
inline double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

/// The median of `v` (the upper one of an even count); 0 for none.
inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

} // namespace PumpWatch::Bench
