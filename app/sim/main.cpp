// pumpwatch-sim: the simulated city. Today it builds the city (from a project file, the demo
// or --stations N) and lists the PLC endpoints it will serve; the hydraulics and the Modbus
// servers arrive with the simulator issue.
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <core/translator.h>
#include <sim/citygenerator.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <demoproject.h>

namespace {

class Main {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::SimApp::Main)

public:
    static int run(QCoreApplication& app)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("PumpWatch simulated city of pump houses."));
        parser.addHelpOption();
        parser.addVersionOption();
        const QCommandLineOption project(QStringLiteral("project"), tr("project file of the city"),
                                         QStringLiteral("FILE"));
        const QCommandLineOption demo(QStringLiteral("demo"), tr("the built-in demo city"));
        const QCommandLineOption stations(QStringLiteral("stations"),
                                          tr("generate a city of N stations"), QStringLiteral("N"));
        const QCommandLineOption writeProject(QStringLiteral("write-project"),
                                              tr("write the city's project file here"),
                                              QStringLiteral("FILE"));
        parser.addOptions({project, demo, stations, writeProject});
        parser.process(app);

        QTextStream out(stdout);
        QTextStream err(stderr);
        PumpWatch::Project city;
        if (parser.isSet(stations)) {
            bool ok = false;
            const int n = parser.value(stations).toInt(&ok);
            if (!ok || n < 1) {
                err << tr("--stations must be a positive number") << Qt::endl;
                return 2;
            }
            city = PumpWatch::Sim::CityGenerator::generate({.stations = n});
        } else {
            const QString path = parser.isSet(project)
                                     ? parser.value(project)
                                     : QString::fromLatin1(PumpWatch::DemoProjectPath);
            PumpWatch::ProjectLoad load = PumpWatch::ProjectReader::readFile(path);
            for (const PumpWatch::Diagnostic& d : load.diagnostics)
                err << d.toString() << Qt::endl;
            if (!load.project)
                return 1;
            city = std::move(*load.project);
        }
        if (parser.isSet(writeProject)) {
            QString error;
            if (!PumpWatch::ProjectWriter::writeFile(city, parser.value(writeProject), &error)) {
                err << tr("%1: cannot write: %2").arg(parser.value(writeProject), error)
                    << Qt::endl;
                return 1;
            }
        }
        for (const PumpWatch::Station& s : city.stations) {
            for (const PumpWatch::Device& d : s.devices)
                out << s.id << u'/' << d.id << u'\t' << d.settings.endpoint << u'\t'
                    << s.displayName() << u'\n';
        }
        out << tr("%1 stations, %2 devices")
                   .arg(city.stations.size())
                   .arg(PumpWatch::Sim::CityGenerator::deviceCount(city))
            << Qt::endl;
        return 0;
    }
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pumpwatch-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    PumpWatch::installTranslators(app, QLocale::system());
    return Main::run(app);
}
