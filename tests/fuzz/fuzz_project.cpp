// libFuzzer target: the project-file loader. Whatever the bytes, it returns diagnostics or a
// project, never crashes, and never a half-loaded project: a project only without errors.
#include <core/projectreader.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const PumpWatch::ProjectLoad load =
        PumpWatch::ProjectReader::read(json, QStringLiteral("fuzz.json"));
    if (load.project && PumpWatch::hasErrors(load.diagnostics))
        std::abort();
    if (!load.project && !PumpWatch::hasErrors(load.diagnostics))
        std::abort(); // refused without saying why
    return 0;
}
