// libFuzzer target: the PLC address-table CSV import (UTF-8 or GBK, as Excel writes it). A table
// only without errors; otherwise errors that say why; never a crash.
#include <core/addresstableimport.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    PumpWatch::AddressTableImporter::Options options;
    options.templateId = QStringLiteral("fuzz");
    const PumpWatch::AddressTableImport r =
        PumpWatch::AddressTableImporter::import(bytes, QStringLiteral("fuzz.csv"), options);
    if (r.table && PumpWatch::hasErrors(r.diagnostics))
        std::abort();
    if (!r.table && !PumpWatch::hasErrors(r.diagnostics))
        std::abort();
    return 0;
}
