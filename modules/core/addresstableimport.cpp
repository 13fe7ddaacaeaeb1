#include "addresstableimport.h"

#include "tagcheck.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <array>

namespace PumpWatch {
namespace {

struct Row {
    int line; ///< 1-based line where the record starts
    QStringList cells;
};

/// RFC 4180 records with the delimiter found in the header line (comma, tab or semicolon).
std::vector<Row> parseCsv(const QString& text)
{
    const qsizetype headerEnd = text.indexOf(u'\n');
    const QStringView header = QStringView(text).left(headerEnd < 0 ? text.size() : headerEnd);
    const QChar delimiter = header.count(u'\t') > header.count(u',')  ? u'\t'
                            : header.count(u';') > header.count(u',') ? u';'
                                                                      : u',';
    std::vector<Row> rows;
    Row row{1, {}};
    QString cell;
    bool quoted = false;
    int line = 1;
    const auto endRow = [&] {
        row.cells << cell.trimmed();
        cell.clear();
        const bool blank = std::all_of(row.cells.begin(), row.cells.end(),
                                       [](const QString& c) { return c.isEmpty(); });
        if (!blank)
            rows.push_back(std::move(row));
        row = Row{line, {}};
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                if (c == u'\n')
                    ++line;
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == delimiter) {
            row.cells << cell.trimmed();
            cell.clear();
        } else if (c == u'\n') {
            ++line;
            endRow();
        } else if (c != u'\r') {
            cell += c;
        }
    }
    endRow();
    return rows;
}

enum Column {
    AddressCol,
    TypeCol,
    ContentCol,
    UnitCol,
    AccessCol,
    KeyCol,
    QuantityCol,
    ColumnCount
};

constexpr std::array<const char*, ColumnCount> columnNames = {
    "地址|address|addr",
    "类型|数据类型|type|data type",
    "存储内容|内容|名称|描述|content|name|description",
    "单位|unit",
    "读/写|读写|access|r/w|rw|read/write",
    "key|键",
    "quantity|物理量"};

int columnOf(const QString& header)
{
    const QString h = header.trimmed().toLower();
    for (int c = 0; c < ColumnCount; ++c) {
        for (QStringView name :
             QStringView(QString::fromUtf8(columnNames[static_cast<std::size_t>(c)])).split(u'|')) {
            if (h == name)
                return c;
        }
    }
    return -1;
}

DataType plcType(const QString& text)
{
    static const std::array<std::pair<const char*, DataType>, 22> names{{
        {"float", DataType::Float32},  {"real", DataType::Float32},  {"float32", DataType::Float32},
        {"double", DataType::Float64}, {"lreal", DataType::Float64}, {"float64", DataType::Float64},
        {"int", DataType::Int16},      {"int16", DataType::Int16},   {"short", DataType::Int16},
        {"word", DataType::UInt16},    {"uint", DataType::UInt16},   {"uint16", DataType::UInt16},
        {"dint", DataType::Int32},     {"int32", DataType::Int32},   {"dword", DataType::UInt32},
        {"udint", DataType::UInt32},   {"uint32", DataType::UInt32}, {"bool", DataType::Bool},
        {"bit", DataType::Bool},       {"byte", DataType::UInt8},    {"uint8", DataType::UInt8},
        {"sint", DataType::Int8},
    }};
    for (const auto& [name, type] : names) {
        if (text.compare(QLatin1StringView(name), Qt::CaseInsensitive) == 0)
            return type;
    }
    return parseDataType(text);
}

Access plcAccess(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == u"只读" || t == u"r" || t == u"ro" || t == u"read")
        return Access::Read;
    if (t == u"读写" || t == u"可读写" || t == u"r/w" || t == u"rw" || t == u"w" || t == u"只写" ||
        t == u"read/write" || t == u"write")
        return Access::ReadWrite;
    return Access::Invalid;
}

/// What the content text says the tag measures; Unknown when it does not say.
Quantity quantityFromContent(const QString& content, DataType type)
{
    struct Rule {
        const char* words;
        Quantity quantity;
        bool needsBool;
    };
    static const std::array<Rule, 20> rules{{
        {"功率因数", Quantity::PowerFactor, false},
        {"用电量|电能|电度|耗电", Quantity::Energy, false},
        {"累计|累积|总量", Quantity::Totalizer, false},
        {"流量", Quantity::Flow, false},
        {"压力", Quantity::Pressure, false},
        {"液位|水位", Quantity::Level, false},
        {"频率", Quantity::Frequency, false},
        {"功率", Quantity::Power, false},
        {"电流", Quantity::Current, false},
        {"电压", Quantity::Voltage, false},
        {"浊度", Quantity::Turbidity, false},
        {"余氯", Quantity::ResidualChlorine, false},
        {"ph", Quantity::PH, false},
        {"温度", Quantity::Temperature, false},
        {"停电|失电|断电", Quantity::PowerFail, true},
        {"故障", Quantity::Fault, true},
        {"启停|启动|停止|命令|控制", Quantity::Command, true},
        {"阀", Quantity::ValveOpen, true}, // before 门: 阀门 is a valve, not a door
        {"门", Quantity::Door, true},
        {"运行", Quantity::Running, true},
    }};
    const QString lower = content.toLower();
    for (const Rule& rule : rules) {
        if (rule.needsBool != (type == DataType::Bool))
            continue;
        for (QStringView word : QStringView(QString::fromUtf8(rule.words)).split(u'|')) {
            if (lower.contains(word))
                return rule.quantity;
        }
    }
    return Quantity::Unknown;
}

/// A readable key from the content: 进水瞬时流量 → inlet_flow, 2#泵频率 → pump2_frequency.
QString keyFor(const QString& content, Quantity quantity, const Address& address)
{
    QString prefix;
    if (content.contains(u"进水"))
        prefix = QStringLiteral("inlet_");
    else if (content.contains(u"出水"))
        prefix = QStringLiteral("outlet_");
    else if (content.contains(u"水箱"))
        prefix = QStringLiteral("tank_");
    for (int pump = 1; pump <= 9; ++pump) {
        if (content.contains(QStringLiteral("%1#").arg(pump)) ||
            content.contains(QStringLiteral("%1号").arg(pump)))
            prefix = QStringLiteral("pump%1_").arg(pump);
    }
    if (quantity == Quantity::Generic || quantity == Quantity::Unknown)
        return address.text.toLower().remove(u'.');
    QString key = prefix + quantityCode(quantity);
    if (content.contains(u"设定"))
        key += QStringLiteral("_setpoint");
    return key;
}

QString decode(const QByteArray& bytes, AddressTableImporter::Encoding encoding, QString* used)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (encoding != AddressTableImporter::Encoding::Gbk) {
        QStringDecoder utf8(QStringDecoder::Utf8);
        const QString text = utf8(data);
        if (!utf8.hasError() || encoding == AddressTableImporter::Encoding::Utf8) {
            *used = QStringLiteral("UTF-8");
            return text;
        }
    }
    QStringDecoder gb("GB18030");
    *used = QStringLiteral("GB18030");
    return gb(data);
}

} // namespace

AddressTableImport AddressTableImporter::importFile(const QString& path, const Options& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        AddressTableImport r;
        r.diagnostics.push_back({Diagnostic::Severity::Error,
                                 path,
                                 0,
                                 0,
                                 {},
                                 tr("cannot open: %1").arg(file.errorString())});
        return r;
    }
    Options o = options;
    if (o.templateName.isEmpty())
        o.templateName = QFileInfo(path).completeBaseName();
    return import(file.readAll(), path, o);
}

AddressTableImport AddressTableImporter::import(const QByteArray& bytes, const QString& fileName,
                                                const Options& options)
{
    AddressTableImport result;
    const auto error = [&](int line, const QString& column, const QString& message) {
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, fileName, line, 0, column, message});
    };

    const std::vector<Row> rows = parseCsv(decode(bytes, options.encoding, &result.encoding));
    if (rows.empty()) {
        error(0, {}, tr("the file holds no table"));
        return result;
    }
    std::array<int, ColumnCount> column;
    column.fill(-1);
    for (qsizetype i = 0; i < rows[0].cells.size(); ++i) {
        const int c = columnOf(rows[0].cells[i]);
        if (c >= 0 && column[static_cast<std::size_t>(c)] < 0)
            column[static_cast<std::size_t>(c)] = static_cast<int>(i);
    }
    for (Column required : {AddressCol, TypeCol, ContentCol}) {
        if (column[required] < 0) {
            const QString names =
                QString::fromUtf8(columnNames[required]).replace(u'|', QStringLiteral(", "));
            error(rows[0].line, {}, tr("no column for %1").arg(names));
        }
    }
    if (hasErrors(result.diagnostics))
        return result;

    StationTemplate t;
    t.id = options.templateId;
    t.name = options.templateName.isEmpty() ? options.templateId : options.templateName;
    t.device.addressing = AddressingMode::Modbus;

    std::vector<int> lines; // source line of each tag
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const Row& row = rows[r];
        const auto cell = [&](Column c) {
            const int i = column[c];
            return i >= 0 && i < row.cells.size() ? row.cells[i] : QString();
        };
        TagDef def;
        def.name = cell(ContentCol);
        AddressParse parsed = Address::parse(cell(AddressCol));
        if (!parsed.address) {
            error(row.line, QStringLiteral("address"), parsed.error);
            continue;
        }
        def.address = *parsed.address;
        if (def.address.area == AddressArea::S7V)
            t.device.addressing = AddressingMode::S7V;
        def.type = plcType(cell(TypeCol));
        if (def.type == DataType::Invalid) {
            error(row.line, QStringLiteral("type"),
                  tr("'%1' is not a data type").arg(cell(TypeCol)));
            continue;
        }
        def.access = plcAccess(cell(AccessCol));
        if (def.access == Access::Invalid) {
            error(row.line, QStringLiteral("access"),
                  tr("'%1' is not 只读/读写 (r/rw)").arg(cell(AccessCol)));
            continue;
        }

        const QString unitText = cell(UnitCol);
        bool numericUnit = false;
        const double factor = unitText.toDouble(&numericUnit);
        if (const QString q = cell(QuantityCol); !q.isEmpty()) {
            def.quantity = quantityFromCode(q);
            if (def.quantity == Quantity::Unknown) {
                error(row.line, QStringLiteral("quantity"), tr("'%1' is not a quantity").arg(q));
                continue;
            }
        } else {
            def.quantity = quantityFromContent(def.name, def.type);
        }
        if (def.quantity == Quantity::Unknown) {
            // The unit may still say it (m³/h is a flow); otherwise a plain number.
            for (const QuantityInfo& info : allQuantities()) {
                if (!numericUnit && !unitText.isEmpty() && findUnit(info.quantity, unitText)) {
                    def.quantity = info.quantity;
                    break;
                }
            }
            if (def.quantity == Quantity::Unknown)
                def.quantity = Quantity::Generic;
        }
        def.unit = QString::fromUtf8(quantityInfo(def.quantity).canonicalUnit);
        if (numericUnit && factor != 0.0) {
            def.scale.gain = factor;
        } else if (def.quantity == Quantity::Generic) {
            def.unit = unitText;
        } else if (!unitText.isEmpty()) {
            const Unit* unit = findUnit(def.quantity, unitText);
            if (!unit) {
                error(row.line, QStringLiteral("unit"),
                      tr("'%1' is not a unit of %2 (%3)")
                          .arg(unitText, quantityCode(def.quantity), unitSymbols(def.quantity)));
                continue;
            }
            def.scale.gain = unit->toCanonical;
        }
        def.key =
            cell(KeyCol).isEmpty() ? keyFor(def.name, def.quantity, def.address) : cell(KeyCol);
        t.tags.push_back(def);
        lines.push_back(row.line);
    }

    // Keys must be unique: the second inlet_flow becomes inlet_flow_2.
    QHash<QString, int> seen;
    for (TagDef& def : t.tags) {
        const int n = ++seen[def.key];
        if (n > 1)
            def.key += QStringLiteral("_%1").arg(n);
    }

    if (t.device.addressing == AddressingMode::S7V) {
        quint32 lowest = options.holdStart.value_or(0xFFFFFFFF);
        if (!options.holdStart) {
            for (const TagDef& def : t.tags) {
                if (def.address.area == AddressArea::S7V)
                    lowest = std::min(lowest, def.address.index & ~1u);
            }
        }
        t.device.holdStart = lowest;
    }
    for (std::size_t i = 0; i < t.tags.size(); ++i) {
        for (const TagProblem& p : TagCheck::check(t.tags[i], t.device))
            error(lines[i], QString::fromLatin1(p.field), p.message);
    }
    if (!hasErrors(result.diagnostics))
        result.table = std::move(t);
    return result;
}

} // namespace PumpWatch
