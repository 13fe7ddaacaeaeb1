// pumpwatch-server: the headless pipeline (acquisition, alarms, history) for sites with several
// workstations. Today it loads and checks the project and runs until SIGINT/SIGTERM or
// --duration; the realtime store, acquisition, history and alarms plug in here.
#include <core/projectreader.h>
#include <core/shutdownsignals.h>
#include <core/translator.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <demoproject.h>

namespace {

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
        parser.addOptions({project, demo, duration});
        parser.process(app);

        if (parser.isSet(project) == parser.isSet(demo)) {
            qCritical().noquote() << tr("give either --project FILE or --demo");
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
        qInfo().noquote() << tr("project '%1' from %2: %3 stations, %4 tags")
                                 .arg(p.name, path)
                                 .arg(p.stations.size())
                                 .arg(p.tagCount());

        PumpWatch::ShutdownSignals signals;
        QObject::connect(&signals, &PumpWatch::ShutdownSignals::shutdownRequested, &app,
                         [](int number) {
                             qInfo().noquote() << tr("signal %1 received, stopping").arg(number);
                             QCoreApplication::quit();
                         });
        if (parser.isSet(duration)) {
            bool ok = false;
            const double seconds = parser.value(duration).toDouble(&ok);
            if (!ok || seconds < 0) {
                qCritical().noquote() << tr("--duration must be a number of seconds");
                return 2;
            }
            QTimer::singleShot(static_cast<int>(seconds * 1000), &app, [] {
                qInfo().noquote() << tr("duration reached, stopping");
                QCoreApplication::quit();
            });
        }
        qInfo().noquote() << tr("running");
        const int code = QCoreApplication::exec();
        qInfo().noquote() << tr("stopped");
        return code;
    }
};

} // namespace

int main(int argc, char* argv[])
{
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}"
                       "%{if-info}info%{endif}%{if-warning}warning%{endif}"
                       "%{if-critical}error%{endif}%{if-fatal}fatal%{endif} %{message}"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pumpwatch-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    PumpWatch::installTranslators(app, QLocale::system());
    return Main::run(app);
}
