// Imports a PLC address table from CSV into a station template.
//
// The table is what engineers already have, usually saved from Excel: columns like the seed's
// 地址 (address), 类型 (type), 存储内容 (content), 单位 (unit), 读/写 (read/write), with English
// headers accepted too, and optional key / quantity columns. Excel in China saves GBK, so the
// encoding is detected (UTF-8 if the bytes are valid UTF-8, else GB18030, a superset of GBK)
// unless forced. Quantities are inferred from the content and unit (进水瞬时流量 + m³/h → flow);
// a numeric unit such as "0.01" is a scale factor; values are converted to the quantity's
// canonical unit (Kg → MPa). Every tag is checked like a project file's. Each problem names the
// file and line. Stateless; any thread.
//
//     AddressTableImport r = AddressTableImporter::importFile(u"plc.csv"_s, u"std"_s);
//     if (r.table) project.templates.push_back(*r.table);
#pragma once

#include "diagnostic.h"
#include "project.h"

#include <QCoreApplication>

#include <optional>

namespace PumpWatch {

struct AddressTableImport {
    std::optional<StationTemplate> table; ///< set when there were no errors
    Diagnostics diagnostics;
    QString encoding; ///< "UTF-8" or "GB18030"
};

class AddressTableImporter {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::AddressTableImporter)

public:
    enum class Encoding { Auto, Utf8, Gbk };

    struct Options {
        QString templateId;
        QString templateName; ///< defaults to the file's base name
        Encoding encoding = Encoding::Auto;
        std::optional<quint32> holdStart; ///< V byte at 40001; default: the table's lowest V byte
    };

    static AddressTableImport importFile(const QString& path, const Options& options);
    /// `fileName` names the source in diagnostics.
    static AddressTableImport import(const QByteArray& bytes, const QString& fileName,
                                     const Options& options);
};

} // namespace PumpWatch
