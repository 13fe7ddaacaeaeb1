#include "spool.h"

#include <QDir>
#include <QFileInfo>
#include <QtEndian>

#include <cstring>

namespace PumpWatch::History {

namespace {
constexpr char Magic[8] = {'P', 'W', 'S', 'P', 'O', 'O', 'L', '1'};
constexpr qint64 RecordSize = 8 + 8 + 8 + 1 + 1;

void encode(const SpoolRecord& r, char* out)
{
    quint64 bits = 0;
    std::memcpy(&bits, &r.value, sizeof bits);
    qToLittleEndian(r.seriesKey, out);
    qToLittleEndian(quint64(r.timestampMs), out + 8);
    qToLittleEndian(bits, out + 16);
    out[24] = char(r.quality);
    out[25] = r.late ? 1 : 0;
}

SpoolRecord decode(const char* in)
{
    SpoolRecord r;
    r.seriesKey = qFromLittleEndian<quint64>(in);
    r.timestampMs = qint64(qFromLittleEndian<quint64>(in + 8));
    const quint64 bits = qFromLittleEndian<quint64>(in + 16);
    std::memcpy(&r.value, &bits, sizeof bits);
    r.quality = Quality(quint8(in[24]));
    r.late = in[25] != 0;
    return r;
}
} // namespace

quint64 seriesKey(QStringView tagPath)
{
    quint64 hash = 14695981039346656037ULL;
    for (const char c : tagPath.toUtf8()) {
        hash ^= quint8(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

Spool::Spool(const QString& directory)
    : m_path(QDir(directory).filePath(QStringLiteral("history-spool.bin")))
{}

qint64 Spool::pending() const
{
    const qint64 size = QFileInfo(m_path).size();
    return size <= qint64(sizeof Magic) ? 0 : (size - qint64(sizeof Magic)) / RecordSize;
}

bool Spool::append(std::span<const SpoolRecord> records, QString* error)
{
    if (!m_file.isOpen()) {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        m_file.setFileName(m_path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
            *error = tr("cannot open the spool file %1: %2").arg(m_path, m_file.errorString());
            return false;
        }
        if (m_file.size() == 0) {
            m_file.write(Magic, sizeof Magic);
        } else if (const qint64 torn = (m_file.size() - qint64(sizeof Magic)) % RecordSize;
                   m_file.size() > qint64(sizeof Magic) && torn != 0) {
            // A crash left part of a record: cut it, or every record appended after it would be
            // read shifted (garbage series and values).
            if (!m_file.resize(m_file.size() - torn)) {
                *error =
                    tr("cannot repair the spool file %1: %2").arg(m_path, m_file.errorString());
                m_file.close();
                return false;
            }
        }
    }
    QByteArray bytes(qsizetype(records.size()) * RecordSize, Qt::Uninitialized);
    for (size_t i = 0; i < records.size(); ++i)
        encode(records[i], bytes.data() + qsizetype(i) * RecordSize);
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        *error = tr("cannot write the spool file %1: %2").arg(m_path, m_file.errorString());
        return false;
    }
    return true;
}

bool Spool::drain(int chunk, const std::function<bool(std::span<const SpoolRecord>)>& consume,
                  QString* error)
{
    m_file.close();
    QFile in(m_path);
    if (!in.exists())
        return true;
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the spool file %1: %2").arg(m_path, in.errorString());
        return false;
    }
    char magic[sizeof Magic];
    if (in.read(magic, sizeof magic) != qint64(sizeof magic) ||
        std::memcmp(magic, Magic, sizeof Magic) != 0) {
        *error = tr("%1 is not a PumpWatch spool file; left in place").arg(m_path);
        return false;
    }
    std::vector<SpoolRecord> records;
    records.reserve(size_t(chunk));
    QByteArray bytes;
    for (;;) {
        bytes = in.read(qint64(chunk) * RecordSize);
        const qsizetype whole = bytes.size() / RecordSize; // a torn tail is dropped
        if (whole == 0)
            break;
        records.clear();
        for (qsizetype i = 0; i < whole; ++i)
            records.push_back(decode(bytes.constData() + i * RecordSize));
        if (!consume(records))
            return false;
    }
    in.close();
    QFile::remove(m_path);
    return true;
}

} // namespace PumpWatch::History
