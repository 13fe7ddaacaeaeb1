#include "historywriter.h"

#include "bulkupsert.h"
#include "schema.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace PumpWatch::History {

Q_LOGGING_CATEGORY(lcHistory, "pumpwatch.history")

namespace {

const QStringList rollupColumns = {
    QStringLiteral("series"),     QStringLiteral("start_ts"), QStringLiteral("n"),
    QStringLiteral("v_min"),      QStringLiteral("v_max"),    QStringLiteral("v_avg"),
    QStringLiteral("covered_ms"), QStringLiteral("v_first"),  QStringLiteral("first_ts"),
    QStringLiteral("v_last"),     QStringLiteral("last_ts"),  QStringLiteral("delta")};
const QStringList stateColumns = {QStringLiteral("series"),
                                  QStringLiteral("last_ts"),
                                  QStringLiteral("last_value"),
                                  QStringLiteral("last_quality"),
                                  QStringLiteral("good_ts"),
                                  QStringLiteral("good_value"),
                                  QStringLiteral("open_hour"),
                                  QStringLiteral("open_day"),
                                  QStringLiteral("hour_extension_ms"),
                                  QStringLiteral("day_extension_ms")};
const QStringList sampleColumns = {QStringLiteral("series"), QStringLiteral("ts"),
                                   QStringLiteral("value"), QStringLiteral("quality")};

QVariant nullableInt(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

bool addRollup(BulkUpsert& table, qint64 series, const RollupRow& r, bool counter, QString* error)
{
    const bool any = r.count > 0;
    return table.add(
        {series, r.startMs, r.count, nullableDouble(any ? std::optional(r.min) : std::nullopt),
         nullableDouble(any ? std::optional(r.max) : std::nullopt), nullableDouble(r.average()),
         r.coveredMs, nullableDouble(any ? std::optional(r.first) : std::nullopt),
         nullableInt(any ? std::optional(r.firstMs) : std::nullopt),
         nullableDouble(any ? std::optional(r.last) : std::nullopt),
         nullableInt(any ? std::optional(r.lastMs) : std::nullopt),
         nullableDouble(counter ? std::optional(r.delta) : std::nullopt)},
        error);
}

std::optional<Point> pointFrom(const QVariant& ts, const QVariant& value, Quality quality)
{
    if (ts.isNull() || ts.toLongLong() < 0)
        return std::nullopt;
    return Point{ts.toLongLong(), valueOrNaN(value), quality};
}

std::atomic<int> connectionCounter{0};

} // namespace

struct HistoryWriter::Series {
    qint64 id = -1;
    quint64 key = 0;
    double deadband = 0.0;
    SeriesRollup rollup;
    bool dirty = false;
    qint64 offlineFirstMs = -1; ///< first sample taken before the database was ever reached
};

HistoryWriter::HistoryWriter(const Project& project, const Clock& clock,
                             const HistoryOptions& options, ConnectionListener listener)
    : m_project(project)
    , m_clock(clock)
    , m_options(options)
    , m_listener(std::move(listener))
    , m_dialect(options.database.engine)
    , m_calendar(QTimeZone(project.timeZone.toUtf8()))
    , m_connectionName(QStringLiteral("pumpwatch-history-writer-%1").arg(++connectionCounter))
    , m_spool(options.spoolDirectory)
{
    m_series.reserve(project.tagCount());
    for (TagId id = 0; id < project.tagCount(); ++id) {
        const TagDef& def = project.tag(id);
        RollupPolicy policy;
        policy.aggregation = quantityInfo(def.quantity).aggregation == Aggregation::Counter
                                 ? Aggregation::Counter
                                 : Aggregation::Instantaneous;
        policy.holdLimitMs = options.effectiveHoldLimitMs();
        policy.rollover = def.rollover;
        m_series.push_back(Series{-1, seriesKey(project.tagPath(id)), def.historyDeadband,
                                  SeriesRollup(policy, m_calendar), false, -1});
    }
}

HistoryWriter::~HistoryWriter()
{
    if (m_stats.connected)
        flush();
    m_db = QSqlDatabase();
    Dialect::close(m_connectionName);
}

qint64 HistoryWriter::seriesId(TagId tag) const
{
    return tag < m_series.size() ? m_series[tag].id : -1;
}

HistoryStats HistoryWriter::stats() const
{
    HistoryStats s = m_stats;
    s.cacheBytes = m_stats.connected ? Dialect::cacheBytes(m_db) : -1;
    return s;
}

bool HistoryWriter::open()
{
    return connect();
}

bool HistoryWriter::retryConnection()
{
    if (m_stats.connected)
        return true;
    if (m_clock.nowMs() < m_nextRetryMs)
        return false;
    return connect();
}

bool HistoryWriter::connect()
{
    QString error;
    m_db = m_dialect.open(m_options.database, m_connectionName, &error, m_options.busyTimeoutMs);
    const bool firstTime = m_tagOfSeries.isEmpty();
    bool ok = m_db.isValid() && Schema::migrate(m_db, m_dialect, m_clock.nowMs(), &error);
    if (ok && firstTime) {
        ok = mapSeries(&error) && restoreState(&error);
        if (ok) {
            // Samples taken while the database was never reached advanced fresh rollups; the
            // stored data decides, so those series are recomputed.
            for (TagId tag = 0; tag < m_series.size(); ++tag) {
                if (m_series[tag].offlineFirstMs >= 0)
                    m_late[tag] = m_series[tag].offlineFirstMs;
            }
        }
    }
    if (!ok) {
        disconnected(error);
        return false;
    }
    m_stats.connected = true;
    if (!flushJournal() || !drainSpool() || (firstTime && !replay(&error))) {
        if (m_stats.connected)
            disconnected(error);
        return false;
    }
    if (firstTime) {
        recordDowntime(); // on failure its samples are spooled and the connection is dropped
        if (!m_stats.connected)
            return false;
    }
    m_failures = 0;
    if (m_announcedDown) {
        m_announcedDown = false;
        qCInfo(lcHistory).noquote()
            << tr("history database %1 is back").arg(m_options.database.display());
        if (m_listener)
            m_listener(true, QString());
    }
    return flush();
}

void HistoryWriter::disconnected(const QString& error)
{
    m_stats.lastError = error;
    if (!m_announcedDown) {
        m_announcedDown = true;
        qCWarning(lcHistory).noquote()
            << tr("history database %1 unavailable: %2").arg(m_options.database.display(), error);
        if (m_listener)
            m_listener(false, error);
    }
    m_stats.connected = false;
    m_db = QSqlDatabase();
    Dialect::close(m_connectionName);
    ++m_failures;
    const qint64 delay =
        std::min<qint64>(qint64(m_options.reconnectInitialMs) << std::min(m_failures - 1, 20),
                         m_options.reconnectMaximumMs);
    m_nextRetryMs = m_clock.nowMs() + delay;
}

bool HistoryWriter::mapSeries(QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QHash<QString, qint64> known;
    if (!q.exec(QStringLiteral("SELECT id, path FROM series"))) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next())
        known.insert(q.value(1).toString(), q.value(0).toLongLong());

    std::vector<TagId> missing;
    for (TagId tag = 0; tag < m_series.size(); ++tag) {
        const auto it = known.constFind(m_project.tagPath(tag));
        if (it != known.cend())
            m_series[tag].id = *it;
        else
            missing.push_back(tag);
    }
    if (!missing.empty()) {
        if (!m_db.transaction()) {
            *error = m_db.lastError().text();
            return false;
        }
        BulkUpsert state(m_db, m_dialect, QStringLiteral("series_state"), stateColumns, 1);
        constexpr size_t Chunk = 400;
        for (size_t at = 0; at < missing.size(); at += Chunk) {
            const size_t n = std::min(Chunk, missing.size() - at);
            QString sql =
                QStringLiteral("INSERT INTO series (path, station, quantity, unit) VALUES ");
            for (size_t i = 0; i < n; ++i)
                sql += i == 0 ? QStringLiteral("(?,?,?,?)") : QStringLiteral(",(?,?,?,?)");
            sql += QStringLiteral(" RETURNING id, path");
            q.prepare(sql);
            for (size_t i = 0; i < n; ++i) {
                const TagId tag = missing[at + i];
                const TagDef& def = m_project.tag(tag);
                q.addBindValue(m_project.tagPath(tag));
                q.addBindValue(m_project.stationOfTag(tag).id);
                q.addBindValue(quantityCode(def.quantity));
                q.addBindValue(def.unit);
            }
            if (!q.exec()) {
                *error = q.lastError().text();
                m_db.rollback();
                return false;
            }
            while (q.next())
                known.insert(q.value(1).toString(), q.value(0).toLongLong());
            for (size_t i = 0; i < n; ++i) {
                const TagId tag = missing[at + i];
                m_series[tag].id = known.value(m_project.tagPath(tag), -1);
                if (!state.add({m_series[tag].id, qint64(-1), QVariant(), QVariant(), QVariant(),
                                QVariant(), QVariant(), QVariant(), qint64(0), qint64(0)},
                               error)) {
                    m_db.rollback();
                    return false;
                }
            }
        }
        if (!state.finish(error) || !m_db.commit()) {
            if (error->isEmpty())
                *error = m_db.lastError().text();
            m_db.rollback();
            return false;
        }
    }
    for (TagId tag = 0; tag < m_series.size(); ++tag)
        m_tagOfSeries.insert(m_series[tag].id, tag);
    return true;
}

bool HistoryWriter::restoreState(QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    struct Saved {
        std::optional<Point> carry, good;
        std::optional<RollupRow> hour, day;
        qint64 hourExtensionMs = 0, dayExtensionMs = 0;
    };
    QHash<qint64, Saved> saved;
    if (!q.exec(QStringLiteral("SELECT series, last_ts, last_value, last_quality, good_ts, "
                               "good_value, hour_extension_ms, day_extension_ms FROM series_state "
                               "WHERE last_ts >= 0"))) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        Saved& s = saved[q.value(0).toLongLong()];
        s.carry = pointFrom(q.value(1), q.value(2), Quality(q.value(3).toInt()));
        if (s.carry)
            m_aliveUntilMs = std::max(m_aliveUntilMs, s.carry->timestampMs);
        s.good = pointFrom(q.value(4), q.value(5), Quality::Good);
        s.hourExtensionMs = q.value(6).toLongLong();
        s.dayExtensionMs = q.value(7).toLongLong();
    }
    for (const Resolution r : {Resolution::Hour, Resolution::Day}) {
        const QString sql =
            QStringLiteral("SELECT r.series, r.start_ts, r.n, r.v_min, r.v_max, r.v_avg, "
                           "r.covered_ms, r.v_first, r.first_ts, r.v_last, r.last_ts, r.delta "
                           "FROM %1 r JOIN series_state st ON st.series = r.series AND "
                           "r.start_ts = st.%2")
                .arg(r == Resolution::Hour ? QStringLiteral("rollup_hour")
                                           : QStringLiteral("rollup_day"),
                     r == Resolution::Hour ? QStringLiteral("open_hour")
                                           : QStringLiteral("open_day"));
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
        while (q.next()) {
            const auto it = saved.find(q.value(0).toLongLong());
            if (it == saved.end())
                continue;
            // Take off the provisional extension to "now" of the last flush.
            RollupRow row = rollupFromQuery(q, 1);
            const qint64 extension =
                r == Resolution::Hour ? it->hourExtensionMs : it->dayExtensionMs;
            if (extension > 0 && it->carry) {
                row.integral -= it->carry->value * double(extension);
                row.coveredMs -= extension;
                // The run that flushed it was alive at least until the extension's end.
                m_aliveUntilMs = std::max(
                    m_aliveUntilMs, std::max(it->carry->timestampMs, row.startMs) + extension);
            }
            (r == Resolution::Hour ? it->hour : it->day) = row;
        }
    }
    for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
        const auto tag = m_tagOfSeries.constFind(it.key());
        if (tag != m_tagOfSeries.cend() && m_series[*tag].offlineFirstMs < 0)
            m_series[*tag].rollup.restore(it->carry, it->good, it->hour, it->day);
    }
    return true;
}

bool HistoryWriter::replay(QString* error)
{
    // Raw rows committed after the last flush (a crash, a kill -9): their rollups are redone.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT s.series, s.ts, s.value, s.quality FROM samples s JOIN "
                               "series_state st ON st.series = s.series WHERE s.ts > "
                               "st.last_ts ORDER BY s.series, s.ts"))) {
        *error = q.lastError().text();
        return false;
    }
    qint64 replayed = 0;
    while (q.next()) {
        const auto tag = m_tagOfSeries.constFind(q.value(0).toLongLong());
        if (tag == m_tagOfSeries.cend())
            continue;
        const Point p{q.value(1).toLongLong(), valueOrNaN(q.value(2)), Quality(q.value(3).toInt())};
        const qint64 ownFirstMs = m_series[*tag].offlineFirstMs; // this run's own, drained
        if (ownFirstMs < 0 || p.timestampMs < ownFirstMs)
            m_aliveUntilMs = std::max(m_aliveUntilMs, p.timestampMs);
        if (m_late.count(*tag))
            continue;
        if (addToRollup(*tag, p))
            ++replayed;
    }
    if (replayed > 0)
        qCInfo(lcHistory) << "replayed" << replayed << "samples written after the last flush";
    return true;
}

void HistoryWriter::recordDowntime()
{
    // The earlier run was alive until its newest stored sample or the end of its last flush's
    // extension to "now", whichever is later; it committed samples every batchMs and rollups
    // every rollupFlushMs, so it died at most that long after: the gap may start a little
    // early, never late. A held value is what a gap must cut; a counter's advance is spread
    // over a gap by design (rollup.h), so counters get no gap sample.
    if (m_aliveUntilMs < 0)
        return; // a new database: nothing was running before
    const qint64 gapMs = m_aliveUntilMs + 1;
    if (gapMs >= m_clock.nowMs())
        return; // no time has passed (or the clock was set back)
    std::vector<Sample> gaps;
    for (TagId tag = 0; tag < m_series.size(); ++tag) {
        const Series& s = m_series[tag];
        const RollupPolicy& policy = s.rollup.policy();
        if (policy.aggregation == Aggregation::Counter)
            continue;
        const std::optional<Point>& carry = s.rollup.carry();
        const bool holding = carry && isGood(carry->quality) && carry->timestampMs < gapMs &&
                             gapMs < carry->timestampMs + policy.holdLimitMs;
        // A series that took samples before the database was reached is recomputed from the
        // stored rows anyway (its carry is this run's); there the gap goes in as a late sample.
        const bool offline = s.offlineFirstMs >= 0 && gapMs < s.offlineFirstMs;
        if (holding || offline)
            gaps.push_back(
                {gapMs, std::numeric_limits<double>::quiet_NaN(), tag, Quality::Unknown, true});
    }
    if (gaps.empty())
        return;
    qCInfo(lcHistory).noquote() << tr("not running from %1 until this start: a gap in %2 series")
                                       .arg(QDateTime::fromMSecsSinceEpoch(gapMs).toString(
                                           Qt::ISODateWithMs))
                                       .arg(gaps.size());
    store(gaps);
}

bool HistoryWriter::addToRollup(TagId tag, const Point& p)
{
    m_scratchHours.clear();
    m_scratchDays.clear();
    Series& s = m_series[tag];
    if (!s.rollup.add(p, m_scratchHours, m_scratchDays))
        return false;
    for (const RollupRow& r : m_scratchHours)
        m_closed.push_back({tag, Resolution::Hour, r});
    for (const RollupRow& r : m_scratchDays)
        m_closed.push_back({tag, Resolution::Day, r});
    if (!s.dirty) {
        s.dirty = true;
        m_dirty.push_back(tag);
    }
    return true;
}

void HistoryWriter::markLate(TagId tag, qint64 timestampMs)
{
    const auto [it, inserted] = m_late.try_emplace(tag, timestampMs);
    if (!inserted)
        it->second = std::min(it->second, timestampMs);
}

bool HistoryWriter::mustStore(const Series& s, const Sample& sample) const
{
    const std::optional<Point>& last = s.rollup.carry();
    if (!last || sample.quality != last->quality ||
        sample.timestampMs - last->timestampMs >= m_options.heartbeatMs)
        return true;
    if (std::isnan(sample.value) || std::isnan(last->value))
        return std::isnan(sample.value) != std::isnan(last->value);
    if (s.deadband > 0.0)
        return std::abs(sample.value - last->value) > s.deadband;
    return sample.value != last->value;
}

void HistoryWriter::journal(std::span<const JournalEntry> entries,
                            std::span<const AuditEntry> audit)
{
    m_journal.add(entries);
    m_journal.add(audit);
    if (m_stats.connected)
        flushJournal();
}

bool HistoryWriter::flushJournal()
{
    QString error;
    if (m_journal.flush(m_db, &error))
        return true;
    disconnected(error);
    return false;
}

void HistoryWriter::write(std::span<const Sample> samples)
{
    m_stats.received += qint64(samples.size());
    store(samples);
}

void HistoryWriter::store(std::span<const Sample> samples)
{
    std::vector<RawRow> rows;
    rows.reserve(samples.size());
    for (const Sample& sample : samples) {
        if (sample.tag >= m_series.size())
            continue;
        Series& s = m_series[sample.tag];
        const std::optional<Point>& carry = s.rollup.carry();
        if (carry && sample.timestampMs <= carry->timestampMs) {
            rows.push_back({sample.tag, sample.timestampMs, sample.value, sample.quality, true});
            markLate(sample.tag, sample.timestampMs);
            ++m_stats.late;
            continue;
        }
        if (!sample.historical && !mustStore(s, sample)) {
            ++m_stats.filtered;
            continue;
        }
        addToRollup(sample.tag, {sample.timestampMs, sample.value, sample.quality});
        if (m_tagOfSeries.isEmpty() && s.offlineFirstMs < 0)
            s.offlineFirstMs = sample.timestampMs;
        rows.push_back({sample.tag, sample.timestampMs, sample.value, sample.quality, false});
    }
    if (rows.empty())
        return;
    ++m_stats.batches;
    if (m_stats.connected) {
        QString error;
        if (insertRaw(rows, &error)) {
            m_stats.stored += qint64(rows.size());
            return;
        }
        ++m_stats.failedBatches;
        disconnected(error);
    }
    spool(rows);
}

bool HistoryWriter::insertRaw(const std::vector<RawRow>& rows, QString* error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    BulkUpsert samples(m_db, m_dialect, QStringLiteral("samples"), sampleColumns, 2);
    std::map<qint64, std::pair<qint64, qint64>> late;
    bool ok = true;
    for (const RawRow& r : rows) {
        const qint64 series = m_series[r.tag].id;
        ok = samples.add(
            {series, r.timestampMs, nullableDouble(std::optional(r.value)), int(r.quality)}, error);
        if (!ok)
            break;
        if (r.late) {
            auto [it, inserted] = late.try_emplace(series, r.timestampMs, r.timestampMs);
            it->second.first = std::min(it->second.first, r.timestampMs);
            it->second.second = std::max(it->second.second, r.timestampMs);
        }
    }
    ok = ok && samples.finish(error);
    if (ok && !late.empty()) {
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("INSERT INTO rollup_dirty (series, from_ts, to_ts) VALUES (?, ?, ?)"));
        for (const auto& [series, range] : late) {
            q.bindValue(0, series);
            q.bindValue(1, range.first);
            q.bindValue(2, range.second);
            if (!(ok = q.exec())) {
                *error = q.lastError().text();
                break;
            }
        }
    }
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok)
        m_db.rollback();
    return ok;
}

void HistoryWriter::spool(const std::vector<RawRow>& rows)
{
    std::vector<SpoolRecord> records;
    records.reserve(rows.size());
    for (const RawRow& r : rows)
        records.push_back({m_series[r.tag].key, r.timestampMs, r.value, r.quality, r.late});
    QString error;
    if (!m_spool.append(records, &error)) {
        m_stats.lastError = error;
        qCCritical(lcHistory).noquote() << tr("%1 samples lost: %2").arg(rows.size()).arg(error);
        return;
    }
    m_stats.spooled += qint64(rows.size());
}

bool HistoryWriter::drainSpool()
{
    if (m_spool.pending() == 0)
        return true;
    QHash<quint64, TagId> tagOfKey;
    tagOfKey.reserve(qsizetype(m_series.size()));
    for (TagId tag = 0; tag < m_series.size(); ++tag)
        tagOfKey.insert(m_series[tag].key, tag);
    qint64 unknown = 0;
    QString error;
    std::vector<RawRow> rows;
    const bool ok = m_spool.drain(
        5000,
        [&](std::span<const SpoolRecord> records) {
            rows.clear();
            for (const SpoolRecord& r : records) {
                const auto tag = tagOfKey.constFind(r.seriesKey);
                if (tag == tagOfKey.cend()) {
                    ++unknown; // a tag no longer in the project
                    continue;
                }
                rows.push_back({*tag, r.timestampMs, r.value, r.quality, r.late});
                if (r.late)
                    markLate(*tag, r.timestampMs);
            }
            if (!insertRaw(rows, &error))
                return false;
            m_stats.stored += qint64(rows.size());
            m_stats.drained += qint64(rows.size());
            return true;
        },
        &error);
    if (unknown > 0)
        qCWarning(lcHistory).noquote()
            << tr("%1 spooled samples belong to tags no longer in the project; dropped")
                   .arg(unknown);
    if (ok)
        qCInfo(lcHistory).noquote() << tr("spool drained: %1 samples written").arg(m_stats.drained);
    else
        disconnected(error);
    return ok;
}

bool HistoryWriter::flush()
{
    if (!m_stats.connected)
        return false;
    QString error;
    if (!writeRollups(&error)) {
        disconnected(error);
        return false;
    }
    while (!m_late.empty()) {
        const auto [tag, fromMs] = *m_late.begin();
        if (!recompute(tag, fromMs, &error)) {
            disconnected(error);
            return false;
        }
        m_late.erase(m_late.begin());
        ++m_stats.recomputedSeries;
    }
    return true;
}

namespace {

/// Extends an open row to `nowMs` as if the carried value went on holding (within its hold
/// limit and the period): a steady value then shows in the current hour before the next
/// sample arrives. Returns the milliseconds added, which restore() takes off again.
qint64 extendToNow(RollupRow& row, Resolution r, const SeriesRollup& rollup,
                   const PeriodCalendar& calendar, qint64 nowMs)
{
    const auto& carry = rollup.carry();
    if (rollup.policy().aggregation == Aggregation::Counter || !carry || !isGood(carry->quality) ||
        !std::isfinite(carry->value))
        return 0;
    const qint64 from = std::max(carry->timestampMs, row.startMs);
    const qint64 to = std::min(
        {nowMs, carry->timestampMs + rollup.policy().holdLimitMs, calendar.next(r, row.startMs)});
    if (to <= from)
        return 0;
    row.integral += carry->value * double(to - from);
    row.coveredMs += to - from;
    return to - from;
}

/// The open rows and state of one series, added to the flush's tables.
bool addState(BulkUpsert& hours, BulkUpsert& days, BulkUpsert& state, qint64 series,
              const SeriesRollup& r, const PeriodCalendar& calendar, qint64 nowMs, QString* error)
{
    const bool counter = r.policy().aggregation == Aggregation::Counter;
    std::optional<RollupRow> hour = r.open(Resolution::Hour);
    std::optional<RollupRow> day = r.open(Resolution::Day);
    const qint64 hourExtension =
        hour ? extendToNow(*hour, Resolution::Hour, r, calendar, nowMs) : 0;
    const qint64 dayExtension = day ? extendToNow(*day, Resolution::Day, r, calendar, nowMs) : 0;
    if ((hour && !hour->isEmpty() && !addRollup(hours, series, *hour, counter, error)) ||
        (day && !day->isEmpty() && !addRollup(days, series, *day, counter, error)))
        return false;
    const auto& carry = r.carry();
    const auto& good = r.lastGood();
    return state.add({series, carry ? carry->timestampMs : qint64(-1),
                      nullableDouble(carry ? std::optional(carry->value) : std::nullopt),
                      carry ? QVariant(int(carry->quality)) : QVariant(QMetaType::fromType<int>()),
                      nullableInt(good ? std::optional(good->timestampMs) : std::nullopt),
                      nullableDouble(good ? std::optional(good->value) : std::nullopt),
                      nullableInt(hour ? std::optional(hour->startMs) : std::nullopt),
                      nullableInt(day ? std::optional(day->startMs) : std::nullopt), hourExtension,
                      dayExtension},
                     error);
}

} // namespace

bool HistoryWriter::writeRollups(QString* error)
{
    if (m_closed.empty() && m_dirty.empty())
        return true;
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    BulkUpsert hours(m_db, m_dialect, QStringLiteral("rollup_hour"), rollupColumns, 2);
    BulkUpsert days(m_db, m_dialect, QStringLiteral("rollup_day"), rollupColumns, 2);
    BulkUpsert state(m_db, m_dialect, QStringLiteral("series_state"), stateColumns, 1);
    bool ok = true;
    for (const ClosedRow& c : m_closed) {
        const Series& s = m_series[c.tag];
        const bool counter = s.rollup.policy().aggregation == Aggregation::Counter;
        if (!(ok = addRollup(c.resolution == Resolution::Hour ? hours : days, s.id, c.row, counter,
                             error)))
            break;
    }
    for (size_t i = 0; ok && i < m_dirty.size(); ++i) {
        const Series& s = m_series[m_dirty[i]];
        ok = addState(hours, days, state, s.id, s.rollup, m_calendar, m_clock.nowMs(), error);
    }
    ok = ok && hours.finish(error) && days.finish(error) && state.finish(error);
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        return false;
    }
    // Periods close together: at every hour boundary each series' hour (about 100 bytes a
    // series, a quarter of a megabyte in a city of 2 500 tags), at midnight its day as well,
    // and in between next to nothing. Kept, that capacity would sit idle all hour; handed back,
    // the next boundary allocates it again, once an hour.
    std::vector<ClosedRow>().swap(m_closed);
    for (const TagId tag : m_dirty)
        m_series[tag].dirty = false;
    m_dirty.clear();
    return true;
}

bool HistoryWriter::recompute(TagId tag, qint64 fromMs, QString* error)
{
    Series& s = m_series[tag];
    const bool counter = s.rollup.policy().aggregation == Aggregation::Counter;
    error->clear();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The latest sample (or good sample) before `beforeMs`.
    const auto before = [&](qint64 beforeMs, bool goodOnly) -> std::optional<Point> {
        q.prepare(goodOnly ? QStringLiteral("SELECT ts, value, quality FROM samples WHERE series "
                                            "= ? AND ts < ? AND quality IN (1, 2) ORDER BY ts "
                                            "DESC LIMIT 1")
                           : QStringLiteral("SELECT ts, value, quality FROM samples WHERE series "
                                            "= ? AND ts < ? ORDER BY ts DESC LIMIT 1"));
        q.addBindValue(s.id);
        q.addBindValue(beforeMs);
        if (!q.exec()) {
            *error = q.lastError().text();
            return std::nullopt;
        }
        if (!q.next())
            return std::nullopt;
        return pointFrom(q.value(0), q.value(1), Quality(q.value(2).toInt()));
    };
    // A late sample changes how long the sample before it holds (and, for a counter, how the
    // increment from the good reading before it spreads): start at that day's midnight.
    qint64 anchor = fromMs;
    if (const auto p = before(fromMs, counter))
        anchor = p->timestampMs;
    if (!error->isEmpty())
        return false;
    const qint64 boundary = m_calendar.start(Resolution::Day, anchor);
    const auto carry = before(boundary, false);
    const auto good = before(boundary, true);
    if (!error->isEmpty())
        return false;

    SeriesRollup fresh(s.rollup.policy(), m_calendar);
    fresh.restore(carry, good, std::nullopt, std::nullopt);
    std::vector<RollupRow> hours, days;
    q.prepare(QStringLiteral(
        "SELECT ts, value, quality FROM samples WHERE series = ? AND ts >= ? ORDER BY ts"));
    q.addBindValue(s.id);
    q.addBindValue(boundary);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next())
        fresh.add({q.value(0).toLongLong(), valueOrNaN(q.value(1)), Quality(q.value(2).toInt())},
                  hours, days);
    q.finish();

    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    BulkUpsert hourTable(m_db, m_dialect, QStringLiteral("rollup_hour"), rollupColumns, 2);
    BulkUpsert dayTable(m_db, m_dialect, QStringLiteral("rollup_day"), rollupColumns, 2);
    BulkUpsert state(m_db, m_dialect, QStringLiteral("series_state"), stateColumns, 1);
    bool ok = true;
    for (const RollupRow& r : hours)
        ok = ok && (r.startMs < boundary || addRollup(hourTable, s.id, r, counter, error));
    for (const RollupRow& r : days)
        ok = ok && (r.startMs < boundary || addRollup(dayTable, s.id, r, counter, error));
    ok = ok &&
         addState(hourTable, dayTable, state, s.id, fresh, m_calendar, m_clock.nowMs(), error) &&
         hourTable.finish(error) && dayTable.finish(error) && state.finish(error);
    if (ok) {
        q.prepare(QStringLiteral("DELETE FROM rollup_dirty WHERE series = ?"));
        q.addBindValue(s.id);
        ok = q.exec();
        if (!ok)
            *error = q.lastError().text();
    }
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        return false;
    }
    s.rollup = fresh;
    s.offlineFirstMs = -1;
    return true;
}

qint64 HistoryWriter::applyRetention()
{
    if (!m_stats.connected)
        return -1;
    const qint64 now = m_clock.nowMs();
    constexpr qint64 DayMs = 86'400'000;
    const struct {
        const char* table;
        const char* column;
        int days;
    } tables[] = {{"samples", "ts", m_options.retention.rawDays},
                  {"rollup_hour", "start_ts", m_options.retention.hourDays},
                  {"rollup_day", "start_ts", m_options.retention.dayDays}};
    qint64 deleted = 0;
    QString error;
    if (!m_db.transaction()) {
        disconnected(m_db.lastError().text());
        return -1;
    }
    QSqlQuery q(m_db);
    for (const auto& t : tables) {
        if (t.days <= 0)
            continue;
        // Per series, so both engines walk the primary key instead of scanning the table.
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE series = ? AND %2 < ?")
                      .arg(QLatin1StringView(t.table), QLatin1StringView(t.column)));
        const qint64 cutoff = now - qint64(t.days) * DayMs;
        for (const Series& s : m_series) {
            q.bindValue(0, s.id);
            q.bindValue(1, cutoff);
            if (!q.exec()) {
                error = q.lastError().text();
                m_db.rollback();
                disconnected(error);
                return -1;
            }
            deleted += std::max(0, q.numRowsAffected());
        }
    }
    if (!m_db.commit()) {
        disconnected(m_db.lastError().text());
        return -1;
    }
    return deleted;
}

} // namespace PumpWatch::History
