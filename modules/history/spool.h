// Spool: the store-and-forward file. While the database cannot take samples (PostgreSQL down,
// disk full), the writer appends them here; when it is back, drain() hands them over in order
// and the file is removed only after every record has been written. A record names its series
// by a stable 64-bit hash of the tag path, so a spool left by a crashed process is drained by
// the next one even if the project's tag ids have moved.
//
// The file is append-only and flushed per batch; a torn last record (power cut mid-write) is
// dropped on reading, and cut off before the next process appends to the file. One thread.
#pragma once

#include <core/quality.h>

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <functional>
#include <span>
#include <vector>

namespace PumpWatch::History {

struct SpoolRecord {
    quint64 seriesKey = 0;
    qint64 timestampMs = 0;
    double value = 0.0;
    Quality quality = Quality::Unknown;
    bool late = false; ///< older than the series' newest sample: its rollups need recomputing
};

/// FNV-1a over the UTF-8 of "station/device/tag": stable across processes and Qt versions.
quint64 seriesKey(QStringView tagPath);

class Spool {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::Spool)

public:
    explicit Spool(const QString& directory);

    QString filePath() const { return m_path; }
    /// Records waiting in the file.
    qint64 pending() const;
    bool append(std::span<const SpoolRecord> records, QString* error);
    /// Reads the records in chunks of up to `chunk` and passes each to `consume`. When every
    /// chunk was consumed the file is removed; when `consume` returns false the file is kept
    /// whole (writing is idempotent, so the next drain may repeat records safely).
    bool drain(int chunk, const std::function<bool(std::span<const SpoolRecord>)>& consume,
               QString* error);

private:
    QString m_path;
    QFile m_file; ///< open for appending while the outage lasts
};

} // namespace PumpWatch::History
