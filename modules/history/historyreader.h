// HistoryReader: the read side — raw ranges, decimated series for charts and hour/day/month
// aggregates from the rollups, by project tag. runQuery() runs a query for several tags on a
// pool thread with progress and cancellation, so the GUI never waits on the database.
//
// A reader opens its own connection in the thread that calls open() and must stay in it.
// Rollups are as fresh as the writer's last flush (HistoryOptions::rollupFlushMs).
//
//     HistoryReader reader(project, url);
//     if (!reader.open(&error)) …
//     auto hours = reader.aggregated(tag, dayStart, dayEnd, Resolution::Hour);
//
//     QFuture<QueryResult> f = runQuery(project, url, {{a, b}, from, to, QueryKind::Decimated});
//     f.cancel();                       // stops between tags and every few thousand rows
#pragma once

#include "calendar.h"
#include "databaseurl.h"
#include "dialect.h"
#include "rollup.h"

#include <core/project.h>

#include <QCoreApplication>
#include <QFuture>
#include <QSqlDatabase>

#include <functional>
#include <optional>
#include <vector>

namespace PumpWatch::History {

/// One bucket of a decimated series: the good samples' extremes in [startMs, next bucket).
/// A bucket with samples of bad quality only (an outage) has count 0.
struct Bucket {
    qint64 startMs = 0;
    qint64 count = 0;
    double min = 0.0;
    double max = 0.0;
    bool endsBad = false; ///< its last sample is of bad quality: a chart's line breaks after it
};

class HistoryReader {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::HistoryReader)

public:
    using Canceled = std::function<bool()>;

    HistoryReader(const Project& project, const DatabaseUrl& url);
    ~HistoryReader();
    HistoryReader(const HistoryReader&) = delete;
    HistoryReader& operator=(const HistoryReader&) = delete;

    bool open(QString* error);
    const QString& lastError() const { return m_error; }
    const PeriodCalendar& calendar() const { return m_calendar; }

    /// Samples with fromMs ≤ ts < toMs in time order (scan() collected); nullopt on error or
    /// when canceled.
    std::optional<std::vector<Point>> raw(TagId tag, qint64 fromMs, qint64 toMs,
                                          const Canceled& canceled = {});
    /// Steps through the samples with fromMs ≤ ts < toMs in time order, handing each to
    /// `visit` (a null value reads as NaN); `visit` returns false to stop (canceled). On SQLite
    /// through its own API, no QVariant per row: a month at 1 s in about the time SQLite takes
    /// to step through it. False on error (lastError()) or when stopped (lastError() empty).
    bool scan(TagId tag, qint64 fromMs, qint64 toMs,
              const std::function<bool(const Point&)>& visit);
    /// The newest sample before `ms`, of any quality (what holds at the start of a range) or
    /// only a good one (where a counter's advance into the range starts), in `*out` (nullopt
    /// when there is none). False on error.
    bool sampleBefore(TagId tag, qint64 ms, std::optional<Point>* out, bool goodOnly = false);
    /// The oldest good sample with fromMs ≤ ts < toMs (a counter's next reading after a range).
    bool firstGood(TagId tag, qint64 fromMs, qint64 toMs, std::optional<Point>* out);
    /// The time of the first good sample in [fromMs, toMs) whose value is exactly `value` (an
    /// hour's min or max from the rollups, to say when it happened); nullopt on error, 0 when
    /// none matches.
    std::optional<qint64> timeOfValue(TagId tag, qint64 fromMs, qint64 toMs, double value);
    /// At most `buckets` equal buckets over [fromMs, toMs): min and max of the good samples;
    /// buckets without any sample are left out.
    std::optional<std::vector<Bucket>> decimated(TagId tag, qint64 fromMs, qint64 toMs,
                                                 int buckets);
    /// Rollup rows with fromMs ≤ start < toMs. Month rows are combined from day rows.
    std::optional<std::vector<RollupRow>> aggregated(TagId tag, qint64 fromMs, qint64 toMs,
                                                     Resolution resolution);

    /// The same for many tags in a few queries (a report's stations): rows per tag, in the
    /// order of `tags`. Hour and day only.
    std::optional<std::vector<std::vector<RollupRow>>>
    aggregated(const std::vector<TagId>& tags, qint64 fromMs, qint64 toMs, Resolution resolution);

    /// Hourly rows for averages only (a day's report of pressures, levels …), in the order of
    /// `tags`: startMs, count, min, max, the time-weighted average (integral) and coveredMs;
    /// first, last and delta are left 0. On SQLite read through its own API, one prepared
    /// statement; elsewhere half the columns of aggregated().
    std::optional<std::vector<std::vector<RollupRow>>> hourAverages(const std::vector<TagId>& tags,
                                                                    qint64 fromMs, qint64 toMs);

    /// A meter's hourly rows over [fromMs, toMs) for Reports::CounterVolume with the buckets
    /// `bounds` (whole hours), in the order of `tags`, without integral and coveredMs; over them
    /// CounterVolume gives the same buckets, values, flags and comments as over every hour.
    /// On SQLite every hour comes, read through SQLite's own API with one prepared statement
    /// (SQLite reads rows faster than it groups them). On PostgreSQL the database sums the
    /// hours: where the hours of a bucket (a production day) read like a meter that only went
    /// up — within each hour and from each reading to the next, no reading further than gapMs
    /// from the one before, no hour without readings before one with them — they come as one
    /// row (RollupRow::combine of them, delta their sum); the hours of the other buckets come as
    /// they are, so that CounterVolume finds the same drops (rollover, reset, jitter) and gaps.
    std::optional<std::vector<std::vector<RollupRow>>>
    counterHours(const std::vector<TagId>& tags, qint64 fromMs, qint64 toMs,
                 const std::vector<qint64>& bounds, qint64 gapMs);

    /// Each tag's last hourly row with a good sample that starts before `beforeMs` (none when
    /// it has none): where a comm gap reaching into a report began. One indexed lookup a tag.
    std::optional<std::vector<std::optional<RollupRow>>>
    lastMeasuredHour(const std::vector<TagId>& tags, qint64 beforeMs);

    /// Each tag's newest good sample (0 when it has none), as of the writer's last flush.
    std::optional<std::vector<qint64>> lastGood(const std::vector<TagId>& tags);

    QSqlDatabase& database() { return m_db; }
    /// The series id of a tag's path; -1 when history has never seen it.
    qint64 series(TagId tag);

private:
    bool fail(const QString& error);
    /// The series of `tags` that history knows, each once; `indexOf` maps each to its tag's
    /// position (the last, for a tag given twice).
    std::vector<qint64> seriesIds(const std::vector<TagId>& tags, QHash<qint64, size_t>* indexOf);

    const Project& m_project;
    DatabaseUrl m_url;
    Dialect m_dialect;
    PeriodCalendar m_calendar;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, qint64> m_seriesOfPath;
    QString m_error;
};

enum class QueryKind : quint8 { Invalid = 0, Raw, Decimated, Aggregated };

struct Query {
    std::vector<TagId> tags;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QueryKind kind = QueryKind::Raw;
    Resolution resolution = Resolution::Hour; ///< Aggregated
    int buckets = 1000;                       ///< Decimated
};

struct QueryResult {
    struct Series {
        TagId tag = InvalidTagId;
        std::vector<Point> points;   ///< Raw
        std::vector<Bucket> buckets; ///< Decimated
        std::vector<RollupRow> rows; ///< Aggregated
    };
    std::vector<Series> series; ///< in the order of Query::tags
    QString error;
};

/// Runs `query` on the global thread pool. Progress goes from 0 to the number of tags; a
/// canceled query finishes with no result.
QFuture<QueryResult> runQuery(const Project& project, const DatabaseUrl& url, Query query);

} // namespace PumpWatch::History
