// pumpwatch-server: the headless pipeline for sites with several workstations. It loads the
// project, polls every PLC (acquisition thread) into the realtime store, and runs until
// SIGINT/SIGTERM or --duration. With --db it stores history (SQLite or PostgreSQL), spooling to
// a local file while the database is away. Alarms are evaluated on every batch and journalled
// in the database; a lost database and a stalled acquisition thread are alarms too. With --db
// and schedules in the project's reports section it issues the scheduled reports (xlsx and CSV;
// PDF and .odt need Qt Gui and are left to the workstation) on a thread of its own.
// Logs go to stdout with a level; with --dump, CSV samples own stdout and logs go to stderr.
#include <core/clock.h>
#include <core/projectreader.h>
#include <core/shutdownsignals.h>
#include <core/translator.h>
#include <history/dialect.h>
#include <history/sqlitememory.h>
#include <reports/reportschedulerservice.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <demoproject.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include "serverlink.h"

#include <QHostAddress>
#include <QSysInfo>

#include <memory>
#include <optional>
#include <remote/linkoptions.h>
#include <runtime/pipeline.h>
#include <runtime/scheduledreports.h>
#include <share/apiserver.h>
#include <share/metadata.h>

namespace {

std::FILE* g_logStream = stdout; // set once in main() before any thread starts

void logToStream(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QByteArray line = qFormatLogMessage(type, context, message).toUtf8() + '\n';
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), g_logStream);
    std::fflush(g_logStream);
}

class Main {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Server::Main)

public:
    static int run(QCoreApplication& app)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("PumpWatch acquisition, alarm and history server."));
        parser.addHelpOption();
        parser.addVersionOption();
        const QCommandLineOption project(QStringLiteral("project"), tr("project file to run"),
                                         QStringLiteral("FILE"));
        const QCommandLineOption demo(QStringLiteral("demo"), tr("run the built-in demo project"));
        const QCommandLineOption duration(QStringLiteral("duration"),
                                          tr("stop after this many seconds"), QStringLiteral("S"));
        const QCommandLineOption dump(
            QStringLiteral("dump"),
            tr("print every sample batch as CSV on stdout (logs go to stderr)"));
        const QCommandLineOption statsEvery(
            QStringLiteral("stats"), tr("log acquisition statistics every S seconds (default 60)"),
            QStringLiteral("S"), QStringLiteral("60"));
        const QCommandLineOption verbose(QStringLiteral("verbose"), tr("log debug messages too"));
        const QCommandLineOption db(
            QStringLiteral("db"),
            tr("store history in sqlite:PATH or postgres://user@host:port/database"),
            QStringLiteral("URL"));
        const QCommandLineOption spool(
            QStringLiteral("spool"),
            tr("folder for samples waiting while the database is away (default: beside the "
               "SQLite file, else the user's data folder)"),
            QStringLiteral("DIR"));
        const QCommandLineOption broker(
            QStringLiteral("broker"),
            tr("serve workstations through this MQTT broker, mqtt://user@host:port (a control "
               "room: docs/deploy-control-room.md)"),
            QStringLiteral("URL"));
        const QCommandLineOption brokerPassword(QStringLiteral("broker-password-file"),
                                                tr("the broker password, first line of FILE"),
                                                QStringLiteral("FILE"));
        const QCommandLineOption serverId(QStringLiteral("server-id"),
                                          tr("this server's name on the broker (default: the "
                                             "host name)"),
                                          QStringLiteral("ID"));
        const QCommandLineOption shard(
            QStringLiteral("shard"),
            tr("the set of stations this server serves; a second server of the same shard is "
               "its hot standby (default: main)"),
            QStringLiteral("NAME"), QStringLiteral("main"));
        const QCommandLineOption stations(
            QStringLiteral("stations"),
            tr("the shard's stations, e.g. S0001-S1000,S1500 (default: all)"),
            QStringLiteral("LIST"));
        const QCommandLineOption api(
            QStringLiteral("api"),
            tr("serve the data-sharing HTTP API on ADDRESS:PORT, e.g. 0.0.0.0:8080 (needs --db; "
               "docs/data-sharing.md)"),
            QStringLiteral("ADDRESS:PORT"));
        parser.addOptions({project, demo, duration, dump, statsEvery, verbose, db, spool, broker,
                           brokerPassword, serverId, shard, stations, api});
        parser.process(app);

        if (parser.isSet(dump))
            g_logStream = stderr;
        // Before any SQLite connection opens: the page caches' pages then stay out of the heap.
        PumpWatch::History::SqliteMemory::configure();
        if (!parser.isSet(verbose))
            QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
        if (parser.isSet(project) == parser.isSet(demo)) {
            qCritical().noquote() << tr("give either --project FILE or --demo");
            return 2;
        }
        double seconds = 0;
        if (parser.isSet(duration)) {
            bool ok = false;
            seconds = parser.value(duration).toDouble(&ok);
            if (!ok || seconds < 0) {
                qCritical().noquote() << tr("--duration must be a number of seconds");
                return 2;
            }
        }
        bool statsOk = false;
        const double statsSeconds = parser.value(statsEvery).toDouble(&statsOk);
        if (!statsOk || statsSeconds <= 0) {
            qCritical().noquote() << tr("--stats must be a positive number of seconds");
            return 2;
        }

        const QString path = parser.isSet(demo) ? QString::fromLatin1(PumpWatch::DemoProjectPath)
                                                : parser.value(project);
        const PumpWatch::ProjectLoad load = PumpWatch::ProjectReader::readFile(path);
        for (const PumpWatch::Diagnostic& d : load.diagnostics) {
            if (d.isError())
                qCritical().noquote() << d.toString();
            else
                qWarning().noquote() << d.toString();
        }
        if (!load.project) {
            qCritical().noquote() << tr("%1: not started, the project has errors").arg(path);
            return 1;
        }
        const PumpWatch::Project& p = *load.project;
        std::optional<PumpWatch::History::HistoryOptions> historyOptions;
        if (parser.isSet(db)) {
            QString error;
            const auto url = PumpWatch::History::DatabaseUrl::parse(parser.value(db), &error);
            if (!url) {
                qCritical().noquote() << error;
                return 2;
            }
            historyOptions.emplace();
            historyOptions->database = *url;
            historyOptions->spoolDirectory =
                parser.isSet(spool) ? parser.value(spool)
                : url->engine == PumpWatch::History::Engine::Sqlite
                    ? QFileInfo(url->path).absoluteDir().filePath(QStringLiteral("spool"))
                    : QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                          .filePath(QStringLiteral("spool"));
        }
        qInfo().noquote() << tr("project '%1' from %2: %3 stations, %4 tags")
                                 .arg(p.name, path)
                                 .arg(p.stations.size())
                                 .arg(p.tagCount());

        std::optional<std::pair<QHostAddress, quint16>> apiAddress;
        if (parser.isSet(api)) {
            const QString text = parser.value(api);
            const qsizetype colon = text.lastIndexOf(u':');
            bool ok = false;
            const uint port = text.mid(colon + 1).toUInt(&ok);
            const QHostAddress address(colon > 0 ? text.left(colon) : QStringLiteral("0.0.0.0"));
            if (!ok || port > 65535 || address.isNull()) {
                qCritical().noquote() << tr("--api takes ADDRESS:PORT, e.g. 0.0.0.0:8080");
                return 2;
            }
            if (!historyOptions) {
                qCritical().noquote() << tr("--api needs --db: it serves what is stored");
                return 2;
            }
            apiAddress.emplace(address, quint16(port));
        }
        std::optional<PumpWatch::Server::LinkSettings> link;
        if (parser.isSet(broker)) {
            QString error;
            const auto options = PumpWatch::Remote::LinkOptions::broker(
                parser.value(broker), parser.value(brokerPassword), &error);
            const auto mask =
                options
                    ? PumpWatch::Remote::LinkOptions::stations(parser.value(stations), p, &error)
                    : std::nullopt;
            if (!mask) {
                qCritical().noquote() << error;
                return 2;
            }
            link.emplace();
            link->broker = *options;
            link->serverId =
                parser.isSet(serverId) ? parser.value(serverId) : QSysInfo::machineHostName();
            link->shard = parser.value(shard);
            link->stations = *mask;
            if (historyOptions &&
                historyOptions->database.engine == PumpWatch::History::Engine::Postgres)
                link->leaseDatabase = historyOptions->database;
        } else if (parser.isSet(stations)) {
            qCritical().noquote() << tr("--stations goes with --broker");
            return 2;
        }

        PumpWatch::SystemClock clock;
        if (historyOptions)
            qInfo().noquote() << tr("history: %1, spool %2")
                                     .arg(historyOptions->database.display(),
                                          historyOptions->spoolDirectory);
        std::unique_ptr<PumpWatch::Server::ServerLink> remote;
        const auto makePipeline = [&] {
            return std::make_unique<PumpWatch::Runtime::Pipeline>(
                p, clock,
                PumpWatch::Runtime::PipelineOptions{
                    historyOptions, parser.isSet(dump) ? stdout : nullptr, path,
                    link ? link->stations : std::vector<bool>(),
                    remote ? remote->writeGate() : std::function<QString()>()});
        };
        {
            // The alarm rules are checked before anything starts, standby or not.
            const PumpWatch::Alarms::AlarmService rules(p, clock, {path});
            for (const PumpWatch::Diagnostic& d : rules.diagnostics()) {
                if (d.isError())
                    qCritical().noquote() << d.toString();
                else
                    qWarning().noquote() << d.toString();
            }
            if (PumpWatch::hasErrors(rules.diagnostics())) {
                qCritical().noquote()
                    << tr("%1: not started, the alarm rules have errors").arg(path);
                return 1;
            }
        }
        std::unique_ptr<PumpWatch::Runtime::Pipeline> local;
        const auto pipeline = [&]() -> PumpWatch::Runtime::Pipeline* {
            return remote ? remote->pipeline() : local.get();
        };
        const auto logAlarmChanges = [&](std::span<const PumpWatch::Alarms::AlarmChange> changes) {
            logAlarms(pipeline()->entries(), changes);
        };

        PumpWatch::ShutdownSignals signals;
        QObject::connect(&signals, &PumpWatch::ShutdownSignals::shutdownRequested, &app,
                         [](int number) {
                             qInfo().noquote() << tr("signal %1 received, stopping").arg(number);
                             QCoreApplication::quit();
                         });
        if (parser.isSet(duration)) {
            QTimer::singleShot(static_cast<int>(seconds * 1000), &app, [] {
                qInfo().noquote() << tr("duration reached, stopping");
                QCoreApplication::quit();
            });
        }
        const auto logAllStats = [&] {
            releaseFreedMemory();
            if (remote)
                qInfo().noquote() << remote->statsText();
            PumpWatch::Runtime::Pipeline* running = pipeline();
            if (!running)
                return;
            logStats(p, running->acquisition());
            logAlarmStats(running->alarms());
            if (running->history())
                logHistoryStats(*running->history());
        };
        // Other systems read the database through the API, so any server may host it, the
        // standby too.
        std::unique_ptr<PumpWatch::Share::ApiServer> apiServer;
        if (apiAddress) {
            QString error;
            apiServer = PumpWatch::Share::ApiServer::start(
                p, historyOptions->database, apiAddress->first, apiAddress->second, &error);
            if (!apiServer) {
                qCritical().noquote() << tr("API: %1").arg(error);
                return 1;
            }
            qInfo().noquote() << tr("data-sharing API on %1:%2")
                                     .arg(apiAddress->first.toString())
                                     .arg(apiServer->port());
        }
        // Scheduled reports belong to the active server: one owner per fact.
        std::unique_ptr<PumpWatch::Reports::ReportSchedulerService> reports;
        const auto whenActive = [&] {
            // The stations' and tags' names for the reader views and the API, from the project.
            QString metadataError;
            if (historyOptions &&
                !PumpWatch::Share::syncMetadata(p, historyOptions->database, &metadataError))
                qWarning().noquote() << tr("station and tag names for data sharing not written: %1")
                                            .arg(metadataError);
            // After the pipeline: its history writer has created or migrated the database.
            if (!p.reports.schedules.empty() && !historyOptions)
                qWarning().noquote() << tr("scheduled reports: not issued without --db");
            else if (!p.reports.schedules.empty())
                reports = PumpWatch::Runtime::startScheduledReports(
                    p, clock, historyOptions->database, path, QStringLiteral("pumpwatch-server"));
        };
        if (link) {
            remote = std::make_unique<PumpWatch::Server::ServerLink>(p, clock, *link);
            QObject::connect(remote.get(), &PumpWatch::Server::ServerLink::activated, &app,
                             whenActive);
            QObject::connect(remote.get(), &PumpWatch::Server::ServerLink::demoted, &app, [] {
                // Fenced: another server owns the shard now. Nothing more may
                // reach the PLCs, the broker or the journal from this one, not
                // even what is queued: out at once, back as a standby.
                std::fflush(nullptr);
                std::_Exit(3);
            });
            QString error;
            if (!remote->start(makePipeline, logAlarmChanges, &error)) {
                qCritical().noquote() << tr("broker: %1").arg(error);
                return 1;
            }
        } else {
            local = makePipeline();
            local->setAlarmObserver(logAlarmChanges);
            local->start();
            whenActive();
        }
        // The first statistics half a period after running, then one a period. Counted from
        // here, not from before the pipeline started: starting 2000 stations' history takes
        // seconds, and a timer started earlier fired at once, reporting a city not yet polled.
        // The history writer flushes its open rollups once a minute from the start; statistics
        // taken in the same moment catch the flush half done, its transient buffers (a megabyte
        // or two) counted as heap in use, more or less at random.
        const int statsMs = static_cast<int>(statsSeconds * 1000);
        QTimer statsTimer;
        QObject::connect(&statsTimer, &QTimer::timeout, &app, logAllStats);
        QTimer::singleShot(statsMs / 2, &statsTimer, [&] {
            logAllStats();
            statsTimer.start(statsMs);
        });
        qInfo().noquote() << tr("running");
        const int code = QCoreApplication::exec();
        if (reports)
            reports->stop(); // lets a run in progress finish its file
        if (remote)
            remote->stop(); // the shard offline, the lease given up, the pipeline stopped
        else
            local->stop(); // writes what is queued and the open rollups
        if (pipeline() && pipeline()->history())
            logHistoryStats(*pipeline()->history());
        qInfo().noquote() << tr("stopped");
        return code;
    }

private:
    static void logAlarms(const PumpWatch::Runtime::AlarmJournalEntries& entries,
                          std::span<const PumpWatch::Alarms::AlarmChange> changes)
    {
        using PumpWatch::Alarms::AlarmChange;
        for (const AlarmChange& c : changes) {
            const PumpWatch::Alarms::AlarmRecord& r = c.record;
            if (c.kind == AlarmChange::Raised &&
                r.severity == PumpWatch::Alarms::Severity::Critical)
                qWarning().noquote() << tr("alarm: %1").arg(entries.describe(r));
            else if (c.kind == AlarmChange::Raised)
                qInfo().noquote() << tr("alarm: %1").arg(entries.describe(r));
            else if (c.kind == AlarmChange::Ended)
                qInfo().noquote() << tr("alarm ended (%1): %2")
                                         .arg(
                                             PumpWatch::Alarms::AlarmText::endStateName(r.endState),
                                             entries.describe(r));
            else
                qInfo().noquote()
                    << tr("alarm acknowledged by %1: %2").arg(r.ackUser, entries.describe(r));
        }
    }

    static void logAlarmStats(const PumpWatch::Alarms::AlarmService& alarms)
    {
        const std::vector<PumpWatch::Alarms::AlarmRecord> live = alarms.liveRecords();
        const auto active =
            std::count_if(live.begin(), live.end(), [](const auto& r) { return r.isActive(); });
        const PumpWatch::Alarms::AlarmEngineStats s = alarms.stats();
        qInfo().noquote() << tr("alarms: %1 active, %2 awaiting acknowledgement; %3 raised, "
                                "%4 ended, %5 backfilled samples ignored")
                                 .arg(active)
                                 .arg(qsizetype(live.size()) - active)
                                 .arg(s.raised)
                                 .arg(s.ended)
                                 .arg(s.historical);
    }

    /// A server runs for months. glibc keeps memory freed in the middle of its heaps (a flush's
    /// transient buffers) resident until told otherwise, so the RSS an administrator watches
    /// creeps although nothing leaks. Once a minute the freed pages go back to the system (a few
    /// milliseconds), and the log shows the heap in use next to what is left resident, so a real
    /// leak is told apart from a held free list. SQLite's page cache is not in these figures: its
    /// pages live apart from the heap (History::SqliteMemory), in the page cache line below.
    static void releaseFreedMemory()
    {
#if defined(__GLIBC__)
        malloc_trim(0);
        const struct mallinfo2 m = mallinfo2();
        qInfo().noquote() << tr("memory: heap %1 kB in use, %2 kB free in the heap, %3 kB mapped")
                                 .arg(m.uordblks / 1024)
                                 .arg(m.fordblks / 1024)
                                 .arg(m.hblkhd / 1024);
#endif
    }

    static void logHistoryStats(const PumpWatch::History::HistoryService& history)
    {
        const PumpWatch::History::HistoryStats s = history.stats();
        qInfo().noquote() << tr("history: %1 samples received, %2 stored, %3 within deadband, "
                                "%4 late, %5 spooled, %6 drained; database %7")
                                 .arg(s.received)
                                 .arg(s.stored)
                                 .arg(s.filtered)
                                 .arg(s.late)
                                 .arg(s.spooled)
                                 .arg(s.drained)
                                 .arg(s.connected ? tr("connected") : tr("unavailable"));
        if (s.cacheBytes < 0)
            return;
        // Bounded: grows with the database up to its limit, then stays. Its pages live apart
        // from the heap; what of that memory is resident is the soak test's measure of it.
        const PumpWatch::History::SqliteMemory::Stats m = PumpWatch::History::SqliteMemory::stats();
        if (!m.configured) {
            qInfo().noquote() << tr("history: SQLite page cache %1 kB of its %2 kB")
                                     .arg(s.cacheBytes / 1024)
                                     .arg(PumpWatch::History::Dialect::SqliteCacheKiB);
            return;
        }
        qInfo().noquote() << tr("history: SQLite page cache %1 kB of its %2 kB; SQLite pages %3 "
                                "kB resident apart from the heap, %4 of %5 slots in use, %6 "
                                "taken from the heap")
                                 .arg(s.cacheBytes / 1024)
                                 .arg(PumpWatch::History::Dialect::SqliteCacheKiB)
                                 .arg(m.residentBytes / 1024)
                                 .arg(m.inUse)
                                 .arg(m.slots)
                                 .arg(m.overflow);
        if (m.overflow > 0) // pages in the heap again: the slots are too few for the caches
            qWarning().noquote() << tr("history: %1 SQLite pages did not fit in their %2 slots")
                                        .arg(m.overflow)
                                        .arg(m.slots);
    }

    static void logStats(const PumpWatch::Project& project,
                         const PumpWatch::Acquisition::AcquisitionService& acquisition)
    {
        using PumpWatch::Acquisition::CommState;
        const auto devices = acquisition.deviceStatuses();
        const auto online = std::count_if(devices.begin(), devices.end(), [](const auto& s) {
            return s.state == CommState::Online;
        });
        const PumpWatch::Acquisition::ModbusDriverStats s = acquisition.stats();
        qInfo().noquote() << tr("acquisition: %1 of %2 devices online; %3 requests, %4 answers, "
                                "%5 exceptions, %6 timeouts, %7 invalid answers, %8 demoted; "
                                "%9 cycles, %10 overruns")
                                 .arg(online)
                                 .arg(devices.size())
                                 .arg(s.requests)
                                 .arg(s.replies)
                                 .arg(s.exceptions)
                                 .arg(s.timeouts)
                                 .arg(s.invalidAnswers)
                                 .arg(s.demoted)
                                 .arg(s.cycles)
                                 .arg(s.overruns);
        // The devices that answer wrongly or are demoted, by name (the first 20).
        const std::vector<PumpWatch::Acquisition::DeviceCounters> counters =
            acquisition.deviceCounters();
        int listed = 0;
        for (std::size_t i = 0; i < counters.size() && i < devices.size() && listed < 20; ++i) {
            const auto& c = counters[i];
            const auto& status = devices[i];
            if (c.invalidAnswers == 0 && !status.demoted)
                continue;
            ++listed;
            const PumpWatch::Station& station =
                project.stations[static_cast<std::size_t>(status.station)];
            const QString name =
                station.id + u'/' + station.devices[static_cast<std::size_t>(status.device)].id;
            qInfo().noquote()
                << (status.demoted
                        ? tr("  %1: %2 invalid answers, %3 timeouts; demoted, next try %4: %5")
                              .arg(name)
                              .arg(c.invalidAnswers)
                              .arg(c.timeouts)
                              .arg(QDateTime::fromMSecsSinceEpoch(status.nextTryMs)
                                       .toString(QStringLiteral("HH:mm:ss")),
                                   status.lastError)
                        : tr("  %1: %2 invalid answers, %3 timeouts: %4")
                              .arg(name)
                              .arg(c.invalidAnswers)
                              .arg(c.timeouts)
                              .arg(status.lastError));
        }
    }
};

} // namespace

int main(int argc, char* argv[])
{
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}"
                       "%{if-info}info%{endif}%{if-warning}warning%{endif}"
                       "%{if-critical}error%{endif}%{if-fatal}fatal%{endif} %{message}"));
    qInstallMessageHandler(logToStream);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pumpwatch-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    PumpWatch::installTranslators(app, QLocale::system());
    return Main::run(app);
}
