// Loading a 2000-station project: PumpWatch's reader (parse, check, build the model) against
// the baseline of parsing the same file with QJsonDocument alone, in the same run.
// Time: the median of --runs loads. Memory: each side runs in a forked child whose peak RSS
// is reset first (/proc/self/clear_refs = 5), reported as peak and retained growth over the
// child's starting RSS. (Retained memory cannot be read this way: the allocator keeps freed
// pages, so RSS after the load equals the peak.)
#include "benchmachine.h"

#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <sim/citygenerator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace PumpWatch;

namespace {

long statusKb(const char* field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0)
            return std::stol(line.substr(std::string(field).size()));
    }
    return -1;
}

struct Memory {
    long peakKb = -1;
};

/// Runs `work` in a child process; the work keeps its result alive until the RSS is read.
Memory measureMemory(const std::function<std::shared_ptr<void>()>& work)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        {
            std::ofstream("/proc/self/clear_refs") << "5";
        }
        const long startKb = statusKb("VmRSS:");
        const std::shared_ptr<void> result = work();
        Memory m{statusKb("VmHWM:") - startKb};
        [[maybe_unused]] const auto n = write(fds[1], &m, sizeof m);
        _exit(result ? 0 : 1);
    }
    close(fds[1]);
    Memory m;
    const bool got = read(fds[0], &m, sizeof m) == sizeof m;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return got && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? m : Memory{};
}

double medianMs(int runs, const std::function<bool()>& work)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!work())
            return -1;
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    const QStringList args = QCoreApplication::arguments();
    const int stations = args.contains(QStringLiteral("--stations"))
                             ? args.value(args.indexOf(QStringLiteral("--stations")) + 1).toInt()
                             : 2000;
    const int runs =
        args.contains(QStringLiteral("--runs"))
            ? std::max(1, args.value(args.indexOf(QStringLiteral("--runs")) + 1).toInt())
            : 5;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("city.json"));
    const Project city = Sim::CityGenerator::generate({.stations = stations});
    QString error;
    if (!ProjectWriter::writeFile(city, path, &error)) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path), qPrintable(error));
        return 1;
    }
    const qint64 bytes = QFileInfo(path).size();

    const auto baseline = [&]() -> std::shared_ptr<void> {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return nullptr;
        auto doc = std::make_shared<QJsonDocument>(QJsonDocument::fromJson(f.readAll()));
        return doc->isObject() ? doc : nullptr;
    };
    const auto ours = [&]() -> std::shared_ptr<void> {
        ProjectLoad load = ProjectReader::readFile(path);
        if (!load.project)
            return nullptr;
        return std::make_shared<Project>(std::move(*load.project));
    };

    // Warm the page cache and the allocator once.
    baseline();
    ours();
    const double baselineMs = medianMs(runs, [&] { return baseline() != nullptr; });
    const double oursMs = medianMs(runs, [&] { return ours() != nullptr; });
    const Memory baselineMem = measureMemory(baseline);
    const Memory oursMem = measureMemory(ours);
    if (baselineMs < 0 || oursMs < 0 || baselineMem.peakKb < 0 || oursMem.peakKb < 0) {
        std::fprintf(stderr, "a load failed\n");
        return 1;
    }

    std::printf("project load: %d stations, %u tags, %lld bytes, median of %d runs\n", stations,
                city.tagCount(), static_cast<long long>(bytes), runs);
    std::printf("  %-34s %9s %14s\n", "", "time ms", "peak RSS +kB");
    std::printf("  %-34s %9.1f %14ld\n", "baseline: QJsonDocument::fromJson", baselineMs,
                baselineMem.peakKb);
    std::printf("  %-34s %9.1f %14ld\n", "ProjectReader::readFile", oursMs, oursMem.peakKb);
    std::printf("  ratio (ours / baseline): time %.2f, peak memory %.2f\n", oursMs / baselineMs,
                double(oursMem.peakKb) / double(std::max(1L, baselineMem.peakKb)));
    return 0;
}
