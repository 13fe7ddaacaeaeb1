// Backfill: N days of a city's history computed by the same model the servers run, written as
// CSV for tools that load history (reports, tests). One row per tag and instant, every
// `intervalS` seconds aligned to the interval, values as a client decodes them:
//   time,station,device,tag,value
//   2026-11-20T00:00:00,S0001,low,outlet_pressure,0.4012
// Times are ISO 8601 in the project's local time, as everywhere in the CLI. Not thread-safe.
//
//     BackfillOptions o{.fromMs = from, .toMs = to, .intervalS = 300};
//     Backfill::writeCsv(project, seed, o, file, &error);
#pragma once

#include <core/project.h>
#include <core/sample.h>

#include <QCoreApplication>
#include <QIODevice>
#include <QStringList>

#include <functional>
#include <span>

namespace PumpWatch::Sim {

struct BackfillOptions {
    qint64 fromMs = 0; ///< UTC
    qint64 toMs = 0;   ///< UTC, inclusive
    int intervalS = 60;
    QStringList keys; ///< only these tag keys; empty: every simulated tag
    /// From `denseFromMs` on, every `denseIntervalS` instead (0: off): a coarse day and a fine
    /// last few hours from one model run, so the meters count on without a restart.
    qint64 denseFromMs = 0;
    int denseIntervalS = 0;
};

class Backfill {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Sim::Backfill)

public:
    using Batch = std::function<void(std::span<const Sample> samples)>;

    /// The same history as samples (historical, good), one batch per instant, oldest first:
    /// for loading it straight into a history database. Returns the number of samples.
    static qint64 samples(const Project& project, quint64 seed, const BackfillOptions& options,
                          const Batch& batch);
    /// Rows written, or -1 with `error` set.
    static qint64 writeCsv(const Project& project, quint64 seed, const BackfillOptions& options,
                           QIODevice& out, QString* error);
};

} // namespace PumpWatch::Sim
