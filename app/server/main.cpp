// pumpwatch-server: the headless pipeline for sites with several workstations. It loads the
// project, polls every PLC (acquisition thread) into the realtime store, and runs until
// SIGINT/SIGTERM or --duration. With --db it stores history (SQLite or PostgreSQL), spooling to
// a local file while the database is away. Alarms are evaluated on every batch and journalled
// in the database; a lost database and a stalled acquisition thread are alarms too.
// Logs go to stdout with a level; with --dump, CSV samples own stdout and logs go to stderr.
#include "alarmjournal.h"
#include "serversink.h"

#include <acquisition/acquisitionservice.h>
#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/projectreader.h>
#include <core/realtimestore.h>
#include <core/shutdownsignals.h>
#include <core/translator.h>
#include <history/historyservice.h>
#include <history/journal.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <demoproject.h>
#include <memory>
#include <optional>

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
        parser.addOptions({project, demo, duration, dump, statsEvery, verbose, db, spool});
        parser.process(app);

        if (parser.isSet(dump))
            g_logStream = stderr;
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

        PumpWatch::SystemClock clock;
        PumpWatch::RealtimeStore store(p.tagCount());
        std::unique_ptr<PumpWatch::History::HistoryService> history;
        if (historyOptions) {
            history =
                std::make_unique<PumpWatch::History::HistoryService>(p, clock, *historyOptions);
            qInfo().noquote() << tr("history: %1, spool %2")
                                     .arg(historyOptions->database.display(),
                                          historyOptions->spoolDirectory);
            history->start();
        }
        PumpWatch::Alarms::AlarmService alarms(p, clock, {path});
        for (const PumpWatch::Diagnostic& d : alarms.diagnostics()) {
            if (d.isError())
                qCritical().noquote() << d.toString();
            else
                qWarning().noquote() << d.toString();
        }
        if (PumpWatch::hasErrors(alarms.diagnostics())) {
            qCritical().noquote() << tr("%1: not started, the alarm rules have errors").arg(path);
            return 1;
        }
        const PumpWatch::Server::AlarmJournalEntries entries(p);
        alarms.setJournal([&](std::span<const PumpWatch::Alarms::AlarmChange> changes,
                              std::span<const PumpWatch::Alarms::AlarmAudit> audit) {
            logAlarms(entries, changes);
            if (!history)
                return;
            std::vector<PumpWatch::History::JournalEntry> rows;
            for (const auto& c : changes)
                rows.push_back(entries.entry(c));
            std::vector<PumpWatch::History::AuditEntry> audits;
            for (const auto& a : audit)
                audits.push_back(entries.audit(a));
            history->journal(rows, audits);
        });
        if (history) {
            QObject::connect(
                history.get(), &PumpWatch::History::HistoryService::databaseConnectionChanged,
                &alarms,
                [&](bool connected, const QString& error) {
                    alarms.systemStatus(PumpWatch::Alarms::SystemCondition::Database, connected,
                                        clock.nowMs(), error);
                },
                Qt::DirectConnection);
        }
        if (history)
            restoreOpenAlarms(*historyOptions, entries, alarms, *history, clock.nowMs());
        PumpWatch::Server::ServerSink sink(p, store, alarms, history.get(),
                                           parser.isSet(dump) ? stdout : nullptr);
        PumpWatch::Acquisition::AcquisitionService acquisition(p, clock, sink);
        // The acquisition thread beats once a second; ten missed beats raise the alarm.
        QTimer watchdog;
        QObject::connect(&watchdog, &QTimer::timeout, &app, [&] {
            const qint64 silentMs = clock.nowMs() - acquisition.heartbeatMs();
            alarms.systemStatus(
                PumpWatch::Alarms::SystemCondition::AcquisitionService,
                silentMs < 10 * PumpWatch::Acquisition::AcquisitionService::HeartbeatMs,
                clock.nowMs(),
                tr("the acquisition thread has not answered for %1 s").arg(silentMs / 1000));
        });

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
        QTimer statsTimer;
        QObject::connect(&statsTimer, &QTimer::timeout, &app, [&] {
            logStats(acquisition);
            logAlarmStats(alarms);
            if (history)
                logHistoryStats(*history);
        });
        statsTimer.start(static_cast<int>(statsSeconds * 1000));

        acquisition.start();
        alarms.start();
        watchdog.start(2000);
        qInfo().noquote() << tr("running");
        const int code = QCoreApplication::exec();
        watchdog.stop();
        acquisition.stop();
        alarms.stop();
        if (history) {
            history->stop(); // writes what is queued and the open rollups
            logHistoryStats(*history);
        }
        qInfo().noquote() << tr("stopped");
        return code;
    }

private:
    /// Records an earlier run left open are taken over, so they end when their condition
    /// clears instead of staying open and being raised a second time.
    static void restoreOpenAlarms(const PumpWatch::History::HistoryOptions& options,
                                  const PumpWatch::Server::AlarmJournalEntries& entries,
                                  PumpWatch::Alarms::AlarmService& alarms,
                                  PumpWatch::History::HistoryService& history, qint64 nowMs)
    {
        QString error;
        PumpWatch::History::AlarmJournal journal(options.database);
        std::optional<std::vector<PumpWatch::History::JournalRow>> rows;
        if (journal.open(&error))
            rows = journal.list({0, nowMs + 86'400'000, {}, true}, &error);
        if (!rows) {
            qWarning().noquote() << tr("open alarms of the last run not read: %1").arg(error);
            return;
        }
        std::vector<PumpWatch::Alarms::AlarmRecord> records;
        std::vector<qint64> ids;
        for (const auto& row : *rows) {
            if (const auto r = entries.record(row)) {
                records.push_back(*r);
                ids.push_back(row.id);
            }
        }
        const std::vector<quint64> keys = alarms.restore(records);
        std::vector<PumpWatch::History::JournalEntry> adopted;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == 0)
                continue;
            PumpWatch::History::JournalEntry e;
            e.kind = PumpWatch::History::JournalEntry::Adopt;
            e.key = keys[i];
            e.rowId = ids[i];
            adopted.push_back(e);
        }
        history.journal(adopted);
        if (!adopted.empty())
            qInfo().noquote() << tr("%1 alarms still open from the last run").arg(adopted.size());
    }

    static void logAlarms(const PumpWatch::Server::AlarmJournalEntries& entries,
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
    }

    static void logStats(const PumpWatch::Acquisition::AcquisitionService& acquisition)
    {
        using PumpWatch::Acquisition::CommState;
        const auto devices = acquisition.deviceStatuses();
        const auto online = std::count_if(devices.begin(), devices.end(), [](const auto& s) {
            return s.state == CommState::Online;
        });
        const PumpWatch::Acquisition::ModbusDriverStats s = acquisition.stats();
        qInfo().noquote() << tr("acquisition: %1 of %2 devices online; %3 requests, %4 answers, "
                                "%5 exceptions, %6 timeouts, %7 cycles, %8 overruns")
                                 .arg(online)
                                 .arg(devices.size())
                                 .arg(s.requests)
                                 .arg(s.replies)
                                 .arg(s.exceptions)
                                 .arg(s.timeouts)
                                 .arg(s.cycles)
                                 .arg(s.overruns);
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
