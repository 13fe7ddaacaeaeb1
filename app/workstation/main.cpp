// pumpwatch: the dispatcher's workstation. In single-PC mode it runs the whole pipeline in-process
// (acquisition, alarms, history in SQLite in the user's data folder); --demo also serves the
// simulated city in-process. A user logs in before anything is shown; --snapshot renders every
// panel to PNG once the data has settled, then exits (tests, the user guide).
#include "probe.h"
#include "remoteworkstation.h"

#include <core/clock.h>
#include <core/projectreader.h>
#include <core/translator.h>
#include <core/users.h>
#include <history/sqlitememory.h>
#include <sim/backfill.h>
#include <sim/citygenerator.h>
#include <sim/cityserver.h>
#include <sim/localbroker.h>
#include <sim/localcity.h>
#include <ui/alarmquery.h>
#include <ui/logindialog.h>
#include <ui/mainwindow.h>
#include <ui/reportspanel.h>
#include <ui/theme.h>
#include <ui/trendpanel.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QIcon>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimeZone>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cstring>
#include <ctime>
#include <demoproject.h>
#include <remote/linkoptions.h>
#include <runtime/pipeline.h>
#include <runtime/scheduledreports.h>
#include <tuple>

namespace {

using namespace PumpWatch;

/// `--demo --gateways`: this many Sparkplug B stations, and as many Neuron ones, at the end.
constexpr int DemoGatewayStations = 5;

class Main {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Workstation::Main)

public:
    explicit Main(QApplication& app)
        : m_app(app)
    {}

    int run()
    {
        // Before any SQLite connection opens: the page caches' pages then stay out of the heap.
        PumpWatch::History::SqliteMemory::configure();
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("PumpWatch dispatcher workstation."));
        parser.addHelpOption();
        parser.addVersionOption();
        const QCommandLineOption project(QStringLiteral("project"), tr("project file to run"),
                                         QStringLiteral("FILE"));
        const QCommandLineOption demo(QStringLiteral("demo"),
                                      tr("run the built-in demo: a simulated city in-process"));
        const QCommandLineOption data(
            QStringLiteral("data"),
            tr("folder for users, layouts and history (default: the user's data folder)"),
            QStringLiteral("DIR"));
        const QCommandLineOption db(
            QStringLiteral("db"),
            tr("history database instead of SQLite in the data folder: sqlite:PATH or "
               "postgres://user@host:port/database"),
            QStringLiteral("URL"));
        const QCommandLineOption language(QStringLiteral("lang"),
                                          tr("user interface language: zh_CN (default) or en"),
                                          QStringLiteral("LANG"));
        const QCommandLineOption theme(QStringLiteral("theme"), tr("dark (default) or light"),
                                       QStringLiteral("THEME"));
        const QCommandLineOption fault(
            QStringLiteral("fault"),
            tr("with --demo: a fault command for the simulated city, e.g. \"burst S0003 on\" "
               "(repeatable; docs/simulator.md)"),
            QStringLiteral("CMD"));
        const QCommandLineOption snapshot(
            QStringLiteral("snapshot"),
            tr("render the window and every panel to DIR/*.png once the data has settled, then "
               "exit (with --demo, logs in as the demo dispatcher)"),
            QStringLiteral("DIR"));
        const QCommandLineOption settle(QStringLiteral("settle"),
                                        tr("seconds to wait before the snapshot (default 12)"),
                                        QStringLiteral("S"), QStringLiteral("12"));
        const QCommandLineOption gateways(
            QStringLiteral("gateways"),
            tr("with --demo: the last %1 stations report through IoT gateways (%2 Sparkplug B edge "
               "nodes, %2 EMQ Neuron) over a mosquitto broker started on loopback")
                .arg(2 * DemoGatewayStations)
                .arg(DemoGatewayStations));
        const QCommandLineOption remote(
            QStringLiteral("remote"),
            tr("a workstation of a control room: values and alarms from the servers through this "
               "MQTT broker, acknowledgements and shelving sent to them, "
               "mqtt://workstation@host:port (docs/deploy-control-room.md)"),
            QStringLiteral("URL"));
        const QCommandLineOption remotePassword(QStringLiteral("remote-password-file"),
                                                tr("the broker password, first line of FILE"),
                                                QStringLiteral("FILE"));
        parser.addOptions({project, demo, data, db, language, theme, fault, snapshot, settle,
                           gateways, remote, remotePassword});
        parser.process(m_app);

        if (parser.isSet(project) == parser.isSet(demo))
            return fail(tr("give either --project FILE or --demo"));
        m_demo = parser.isSet(demo);
        if (parser.isSet(gateways) && !m_demo)
            return fail(tr("--gateways goes with --demo"));
        if (parser.isSet(remote) && m_demo)
            return fail(tr("--remote goes with --project: the demo runs its own city"));
        const bool withGateways = parser.isSet(gateways);
        // The demo with gateways keeps its own project copy and history: its stations differ.
        const QString demoName =
            withGateways ? QStringLiteral("demo-gateways") : QStringLiteral("demo");
        const QString dataDir =
            parser.isSet(data) ? parser.value(data)
                               : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (!QDir().mkpath(dataDir))
            return fail(tr("%1: cannot create the data folder").arg(dataDir));
        QSettings settings(QDir(dataDir).filePath(QStringLiteral("workstation.ini")),
                           QSettings::IniFormat);
        const QString lang =
            parser.isSet(language)
                ? parser.value(language)
                : settings.value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString();
        setUpLanguage(m_app, lang);
        const Ui::ThemeKind themeKind = Ui::parseTheme(
            parser.isSet(theme) ? parser.value(theme)
                                : settings.value(QStringLiteral("theme")).toString());
        Ui::applyTheme(m_app, themeKind);
        settings.setValue(QStringLiteral("theme"), Ui::themeCode(themeKind));

        // The project.
        // The demo's project is built in; edits (the alarm limits) go to a copy in the data folder,
        // which later starts read.
        const QString savePath =
            m_demo ? QDir(dataDir).filePath(demoName + QStringLiteral("-project.json"))
                   : parser.value(project);
        const QString path = !m_demo || QFileInfo::exists(savePath)
                                 ? savePath
                                 : QString::fromLatin1(DemoProjectPath);
        ProjectLoad load = ProjectReader::readFile(path);
        if (!load.project)
            return fail(tr("The project cannot be opened:\n\n%1")
                            .arg(toStrings(load.diagnostics).mid(0, 20).join(u'\n')));
        Project& p = *load.project;
        // Every time on screen is the project's wall time, as in its reports — including Qt
        // Charts' time axis and the date editors, which only know the process's local zone.
        if (QTimeZone(p.timeZone.toLatin1()).isValid()) {
            qputenv("TZ", p.timeZone.toLatin1());
            tzset();
        }
        QString error;
        if (m_demo && !Sim::LocalCity::assignFreePorts(p, &error))
            return fail(error);
        std::unique_ptr<Sim::LocalBroker> broker;
        if (withGateways) {
            broker = std::make_unique<Sim::LocalBroker>();
            if (!broker->start(&error))
                return fail(tr("The demo's MQTT broker cannot start:\n\n%1").arg(error));
            Sim::CityGenerator::makeGateways(p, DemoGatewayStations, DemoGatewayStations,
                                             QStringLiteral("127.0.0.1"), broker->port());
        }

        // The users.
        auto users = UserStore::load(QDir(dataDir).filePath(QStringLiteral("users.json")), &error);
        if (!users)
            return fail(error);
        if (m_demo && !createDemoUsers(*users, &error))
            return fail(error);

        // History: SQLite in the data folder unless --db says otherwise.
        History::HistoryOptions historyOptions;
        const QString sqlitePath =
            QDir(dataDir).filePath(m_demo ? demoName + QStringLiteral("-history.sqlite")
                                          : QStringLiteral("history.sqlite"));
        const auto url = History::DatabaseUrl::parse(
            parser.isSet(db) ? parser.value(db) : QStringLiteral("sqlite:") + sqlitePath, &error);
        if (!url)
            return fail(error);
        const bool newDatabase = !parser.isSet(db) && !QFileInfo::exists(sqlitePath);
        historyOptions.database = *url;
        historyOptions.spoolDirectory = QDir(dataDir).filePath(QStringLiteral("spool"));

        SystemClock clock;
        std::unique_ptr<Sim::LocalCity> city;
        // One instant for the live model and the backfill, which start at the same anchor.
        const qint64 startMs = clock.nowMs();
        if (m_demo) {
            // The model runs from local midnight, as the first start's backfill does, so the
            // live meters continue from the day's history (today's supply adds up).
            city =
                std::make_unique<Sim::LocalCity>(p, startMs, Sim::LocalCity::anchorMs(p, startMs));
            if (!city->start(&error))
                return fail(tr("The demo city cannot start:\n\n%1").arg(error));
            // Only commands that inject a fault: the others ("pause", "speed 60", "help")
            // would start a demo that is not what was asked for.
            const QStringList& faultVerbs = Sim::CityServer::faultCommands();
            for (const QString& f : parser.values(fault)) {
                const QString verb = f.simplified().section(u' ', 0, 0);
                if (!faultVerbs.contains(verb))
                    return fail(tr("--fault '%1': not a fault command; one of %2 "
                                   "(docs/simulator.md)")
                                    .arg(f, faultVerbs.join(QStringLiteral(", "))));
                const QString answer = city->command(f);
                if (!answer.startsWith(u"ok"))
                    return fail(tr("--fault '%1': %2").arg(f, answer));
            }
        }
        Ui::Session session;
        // In a control room the servers run the pipeline; this workstation mirrors them.
        std::unique_ptr<Runtime::Pipeline> pipeline;
        std::unique_ptr<Workstation::RemoteWorkstation> remoteLink;
        std::unique_ptr<Reports::ReportSchedulerService> reports;
        if (parser.isSet(remote)) {
            const auto link = Remote::LinkOptions::broker(parser.value(remote),
                                                          parser.value(remotePassword), &error);
            if (!link)
                return fail(error);
            Remote::RemoteOptions options;
            options.mqtt = *link;
            options.mqtt.clientId = QStringLiteral("pw-ws-%1-%2")
                                        .arg(link->user)
                                        .arg(QCoreApplication::applicationPid());
            remoteLink =
                std::make_unique<Workstation::RemoteWorkstation>(p, clock, options, [&session] {
                    return session.user() ? session.user()->role : Role::Viewer;
                });
            if (!remoteLink->start())
                return fail(tr("The broker %1 cannot be used:\n\n%2")
                                .arg(parser.value(remote), remoteLink->linkProblem()));
        } else {
            pipeline = std::make_unique<Runtime::Pipeline>(
                p, clock, Runtime::PipelineOptions{historyOptions, nullptr, path, {}});
            if (hasErrors(pipeline->diagnostics()))
                return fail(tr("%1: the alarm rules have errors:\n\n%2")
                                .arg(path, toStrings(pipeline->diagnostics()).join(u'\n')));
            pipeline->start();
            // Single-PC mode issues the project's scheduled reports itself, as the server would.
            reports = Runtime::startScheduledReports(p, clock, historyOptions.database, path,
                                                     QStringLiteral("pumpwatch"));
        }
        // A new demo database starts with the last hours the same model computes, so the
        // sparklines and trends have something to show from the first minute. It is computed and
        // written on a pool thread while the window is already up; the list reads it when done.
        QFutureWatcher<void> backfill;
        if (m_demo && newDatabase) {
            backfill.setFuture(QtConcurrent::run([&p, pipeline = pipeline.get(), startMs] {
                // The day since midnight every 5 minutes, the last six hours every minute, from
                // one model run that the live city continues.
                const Sim::BackfillOptions o = Sim::LocalCity::backfillOptions(p, startMs);
                Sim::Backfill::samples(p, Sim::LocalCity::Seed, o, [&](std::span<const Sample> b) {
                    pipeline->history()->append(b);
                });
                pipeline->history()->sync();
            }));
        }

        Ui::Services services{
            p, path, savePath, clock, remoteLink ? remoteLink->store() : pipeline->store(),
            remoteLink ? remoteLink->alarms() : pipeline->alarms(),
            pipeline ? &pipeline->acquisition() : nullptr, pipeline ? pipeline->history() : nullptr,
            // A control room's workstation reads history only with --db.
            remoteLink && !parser.isSet(db) ? std::nullopt
                                            : std::optional<History::DatabaseUrl>(*url),
            session, QDir(dataDir).filePath(QStringLiteral("tiles"))};
        if (pipeline) {
            services.control = &pipeline->control();
        } else {
            services.control = &remoteLink->control();
            services.commStatuses = [&remoteLink] { return remoteLink->commStatuses(); };
            services.linkProblem = [&remoteLink] { return remoteLink->linkProblem(); };
        }
        if (parser.isSet(snapshot)) {
            if (!m_demo || !users->find(u"zhangsan"))
                return fail(tr("--snapshot logs in as the demo dispatcher: use it with --demo"));
            session.setUser(*users->find(u"zhangsan"));
        } else if (!login(*users, services, settings)) {
            backfill.waitForFinished();
            if (pipeline)
                pipeline->stop();
            return 0;
        }

        Ui::MainWindow window(services, *users, settings);
        if (remoteLink)
            QObject::connect(
                remoteLink.get(), &Workstation::RemoteWorkstation::message, &window,
                [&window](const QString& text) { window.statusBar()->showMessage(text, 15'000); });
        if (m_demo)
            window.setDemoHint(demoHint());
        window.resize(1600, 960);
        if (window.restoreUserLayout() || parser.isSet(snapshot)) {
            window.show();
        } else {
            // First start: the whole screen (also where no window manager maximises), the
            // layout arranged for that size.
            if (const QScreen* screen = QGuiApplication::primaryScreen())
                window.setGeometry(screen->availableGeometry());
            window.showMaximized();
            QCoreApplication::processEvents();
            window.applyDefaultLayout();
        }
        bool listLoaded = false;
        const auto loadList = [&] {
            if (!std::exchange(listLoaded, true))
                window.loadListHistory();
        };
        if (backfill.isRunning())
            QObject::connect(&backfill, &QFutureWatcher<void>::finished, &window, loadList);
        else
            loadList();

        if (parser.isSet(snapshot)) {
            bool ok = false;
            const double seconds = parser.value(settle).toDouble(&ok);
            if (!ok || seconds < 0)
                return fail(tr("--settle must be a number of seconds"));
            const QString dir = parser.value(snapshot);
            QTimer::singleShot(static_cast<int>(seconds * 1000), &window, [&, dir] {
                backfill.waitForFinished();
                loadList();
                prepareSnapshot(window, clock.nowMs(), QTimeZone(p.timeZone.toLatin1()));
                QString why;
                const bool saved = window.snapshot(dir, &why) && snapshotLogin(*users, dir, &why);
                if (!saved)
                    qCritical().noquote() << why;
                QCoreApplication::exit(saved ? 0 : 1);
            });
        }
        const int code = QApplication::exec();
        backfill.waitForFinished();
        if (reports)
            reports->stop(); // lets a run in progress finish its file
        if (pipeline)
            pipeline->stop();
        if (remoteLink)
            remoteLink->stop();
        return code;
    }

private:
    int fail(const QString& message)
    {
        qCritical().noquote() << message;
        if (QApplication::platformName() != u"offscreen")
            QMessageBox::critical(nullptr, tr("PumpWatch"), message);
        return 1;
    }

    static QString demoHint()
    {
        return tr("Demo accounts: zhangsan (operator), lisi (engineer), admin (administrator), "
                  "wangwu (viewer); password: demo");
    }

    /// The demo's accounts that are missing, password "demo"; an existing account (its password
    /// changed, or a real one in a shared data folder) is never touched.
    static bool createDemoUsers(UserStore& users, QString* error)
    {
        const QString password = QStringLiteral("demo");
        const std::tuple<QString, QString, Role> accounts[] = {
            {QStringLiteral("zhangsan"), tr("Zhang San"), Role::Operator},
            {QStringLiteral("lisi"), tr("Li Si"), Role::Engineer},
            {QStringLiteral("admin"), tr("Administrator"), Role::Administrator},
            {QStringLiteral("wangwu"), tr("Wang Wu"), Role::Viewer}};
        for (const auto& [name, display, role] : accounts) {
            if (!users.find(name) && !users.set(name, display, role, password, error))
                return false;
        }
        return users.save(error);
    }

    bool login(UserStore& users, Ui::Services& services, QSettings& settings)
    {
        Ui::LoginDialog dialog(users,
                               users.isEmpty() ? Ui::LoginDialog::Mode::CreateAdministrator
                                               : Ui::LoginDialog::Mode::Login,
                               &settings);
        if (m_demo)
            dialog.setHint(demoHint());
        Ui::auditLogins(services, dialog);
        QObject::connect(
            &dialog, &Ui::LoginDialog::loggedIn, &dialog, [&services](const Alarms::Actor& who) {
                Ui::auditWorkstation(services, who, QStringLiteral("login"), QStringLiteral("ok"));
            });
        if (dialog.exec() != QDialog::Accepted || !dialog.user())
            return false;
        services.session.setUser(*dialog.user());
        return true;
    }

    /// Shows what a dispatcher would have open: a station in the detail and its last hours in
    /// the trends, yesterday and today's alarm records; and today's production report.
    static void prepareSnapshot(Ui::MainWindow& window, qint64 nowMs, const QTimeZone& zone)
    {
        int station = 0;
        for (int r = 0; r < window.stations().rowCount(); ++r) {
            if (window.stations().state(r) == StationState::Critical) {
                station = r;
                break;
            }
        }
        window.waitForListHistory();
        window.openGraphic(station);
        window.openStation(station);
        window.trends()->setHistory(nowMs - 6 * 3'600'000, nowMs);
        window.trends()->waitForHistory();
        window.alarmQuery()->setRange(nowMs - 86'400'000, nowMs + 60'000);
        window.alarmQuery()->run();
        window.alarmQuery()->wait();
        Ui::ReportRequest report;
        report.family = Ui::ReportRequest::Family::Production;
        report.period = Reports::ReportPeriod(Reports::ReportPeriod::Day,
                                              QDateTime::fromMSecsSinceEpoch(nowMs, zone).date());
        window.reports()->setRequest(report);
        window.reports()->generate();
        window.reports()->wait();
        QCoreApplication::processEvents();
    }

    bool snapshotLogin(UserStore& users, const QString& dir, QString* error)
    {
        Ui::LoginDialog dialog(users, Ui::LoginDialog::Mode::Login);
        dialog.setHint(demoHint());
        dialog.setUserName(QStringLiteral("zhangsan"));
        dialog.show();
        QCoreApplication::processEvents();
        const QString path = QDir(dir).filePath(QStringLiteral("login.png"));
        if (!dialog.grab().save(path)) {
            *error = tr("%1: cannot write the image").arg(path);
            return false;
        }
        return true;
    }

    QApplication& m_app;
    bool m_demo = false;
};

} // namespace

int main(int argc, char* argv[])
{
    // The probe has no windows: a QCoreApplication, so it runs where no display is.
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--probe") == 0)
            return PumpWatch::Workstation::runProbe(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pumpwatch"));
    QApplication::setApplicationDisplayName(QStringLiteral("PumpWatch"));
    QApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    // The task bar groups the windows under the menu entry (pumpwatch.desktop) and shows its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("pumpwatch"));
    QIcon icon;
    for (const int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/hicolor/%1x%1/apps/pumpwatch.png").arg(size));
    QApplication::setWindowIcon(icon);
    return Main(app).run();
}
