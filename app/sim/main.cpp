// pumpwatch-sim: the simulated city. Serves every device of a project (the demo, a file or a
// generated city of N stations) as a Modbus TCP or RTU PLC driven by the pump-house model, takes
// fault commands on stdin, or writes days of history as CSV (--backfill). docs/simulator.md.
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <core/shutdownsignals.h>
#include <core/translator.h>
#include <sim/backfill.h>
#include <sim/citygenerator.h>
#include <sim/cityserver.h>
#include <sim/gateways.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimeZone>
#include <QTimer>

#include <demoproject.h>
#include <unistd.h>

namespace {

using namespace PumpWatch;

class Main {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::SimApp::Main)

public:
    explicit Main(QCoreApplication& app)
        : m_app(app)
    {}

    int run()
    {
        addOptions();
        m_parser.process(m_app);
        if (!loadCity())
            return m_exit;
        if (m_parser.isSet(m_writeProject)) {
            QString error;
            if (!ProjectWriter::writeFile(m_city, m_parser.value(m_writeProject), &error)) {
                m_err << tr("%1: cannot write: %2").arg(m_parser.value(m_writeProject), error)
                      << Qt::endl;
                return 1;
            }
        }
        if (m_parser.isSet(m_list))
            return list();
        if (m_parser.isSet(m_backfill))
            return backfill();
        return serve();
    }

private:
    void addOptions()
    {
        m_parser.setApplicationDescription(
            tr("PumpWatch simulated city: pump houses served as Modbus TCP/RTU PLCs and IoT "
               "gateways (Neuron, Sparkplug B)."));
        m_parser.addHelpOption();
        m_parser.addVersionOption();
        m_parser.addOptions({m_project,  m_demo,           m_stations,
                             m_seed,     m_basePort,       m_rtuStations,
                             m_rtuPort,  m_neuronStations, m_sparkplugStations,
                             m_broker,   m_writeProject,   m_list,
                             m_speed,    m_start,          m_fault,
                             m_duration, m_holdup,         m_backfill,
                             m_output,   m_interval,       m_end,
                             m_keys});
    }

    /// --name as a number in [lo, hi]; sets m_exit = 2 and prints why when it is not.
    std::optional<double> number(const QCommandLineOption& option, double lo, double hi,
                                 double fallback)
    {
        if (!m_parser.isSet(option))
            return fallback;
        bool ok = false;
        const double v = m_parser.value(option).toDouble(&ok);
        if (ok && v >= lo && v <= hi)
            return v;
        m_err << tr("--%1 must be a number from %2 to %3")
                     .arg(option.names().constFirst())
                     .arg(lo)
                     .arg(hi)
              << Qt::endl;
        m_exit = 2;
        return std::nullopt;
    }

    /// An ISO 8601 local time in the city's time zone, as UTC ms.
    std::optional<qint64> localTime(const QCommandLineOption& option, qint64 fallback)
    {
        if (!m_parser.isSet(option))
            return fallback;
        const QDateTime parsed = QDateTime::fromString(m_parser.value(option), Qt::ISODate);
        if (!parsed.isValid()) {
            m_err << tr("--%1 takes a local time like 2026-11-21T08:00:00")
                         .arg(option.names().constFirst())
                  << Qt::endl;
            m_exit = 2;
            return std::nullopt;
        }
        return QDateTime(parsed.date(), parsed.time(), QTimeZone(m_city.timeZone.toLatin1()))
            .toMSecsSinceEpoch();
    }

    bool loadCity()
    {
        const auto seed = number(m_seed, 0, 4294967295.0, 1);
        const auto rtuStations = number(m_rtuStations, 0, 247, 0);
        const auto basePort = number(m_basePort, 1, 65000, 15000);
        const auto neuronStations = number(m_neuronStations, 0, 5000, 0);
        const auto sparkplugStations = number(m_sparkplugStations, 0, 5000, 0);
        if (!seed || !rtuStations || !basePort || !neuronStations || !sparkplugStations)
            return false;
        QString brokerHost;
        int brokerPort = 0;
        if (m_parser.isSet(m_broker) &&
            !Sim::CityGenerator::parseBroker(m_parser.value(m_broker), &brokerHost, &brokerPort)) {
            m_err << tr("--broker takes HOST:PORT") << Qt::endl;
            m_exit = 2;
            return false;
        }
        m_seedValue = static_cast<quint32>(*seed);
        if (m_parser.isSet(m_stations)) {
            const auto stations = number(m_stations, 1, 5000, 0);
            if (!stations)
                return false;
            Sim::CityOptions o;
            o.stations = static_cast<int>(*stations);
            o.seed = m_seedValue;
            o.basePort = static_cast<int>(*basePort);
            o.rtuStations = static_cast<int>(*rtuStations);
            if (m_parser.isSet(m_rtuPort))
                o.rtuPort = m_parser.value(m_rtuPort);
            o.neuronStations = static_cast<int>(*neuronStations);
            o.sparkplugStations = static_cast<int>(*sparkplugStations);
            if (m_parser.isSet(m_broker))
                o.broker = m_parser.value(m_broker);
            m_city = Sim::CityGenerator::generate(o);
            return true;
        }
        const QString path = m_parser.isSet(m_project) ? m_parser.value(m_project)
                                                       : QString::fromLatin1(DemoProjectPath);
        ProjectLoad load = ProjectReader::readFile(path);
        for (const Diagnostic& d : load.diagnostics)
            m_err << d.toString() << Qt::endl;
        if (!load.project) {
            m_exit = 1;
            return false;
        }
        m_city = std::move(*load.project);
        if (m_parser.isSet(m_basePort)) {
            // Serve the project's TCP devices on consecutive local ports instead of their own
            // addresses; --write-project writes the project that points there.
            int port = static_cast<int>(*basePort);
            for (Station& s : m_city.stations) {
                for (Device& d : s.devices) {
                    if (d.settings.protocol == Protocol::ModbusTcp)
                        d.settings.endpoint = QStringLiteral("127.0.0.1:%1").arg(++port);
                }
            }
        }
        return true;
    }

    int list()
    {
        QTextStream out(stdout);
        for (const Station& s : m_city.stations) {
            for (const Device& d : s.devices) {
                const DeviceSettings& ds = d.settings;
                // A gateway's device: its protocol, broker and names in the messages.
                const QString where =
                    ds.protocol == Protocol::MqttNeuron
                        ? QStringLiteral("mqtt-neuron %1 node=%2 group=%3")
                              .arg(ds.broker, ds.node, ds.group)
                    : ds.protocol == Protocol::MqttSparkplug
                        ? QStringLiteral("mqtt-sparkplug %1 spBv1.0/%2/%3%4")
                              .arg(ds.broker, ds.group, ds.node,
                                   ds.deviceId.isEmpty() ? QString() : u'/' + ds.deviceId)
                        : ds.endpoint;
                out << s.id << u'/' << d.id << u'\t' << where << u'\t' << s.displayName() << u'\n';
            }
        }
        out << tr("%1 stations, %2 devices")
                   .arg(m_city.stations.size())
                   .arg(Sim::CityGenerator::deviceCount(m_city))
            << Qt::endl;
        return 0;
    }

    int backfill()
    {
        const auto days = number(m_backfill, 0.001, 3660, 1);
        const auto interval = number(m_interval, 1, 86400, 60);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto end = localTime(m_end, now);
        if (!days || !interval || !end)
            return m_exit;
        if (!m_parser.isSet(m_output)) {
            m_err << tr("--backfill needs --output FILE") << Qt::endl;
            return 2;
        }
        QFile file(m_parser.value(m_output));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            m_err << tr("%1: cannot write: %2").arg(file.fileName(), file.errorString())
                  << Qt::endl;
            return 1;
        }
        Sim::BackfillOptions o;
        o.toMs = *end;
        o.fromMs = *end - static_cast<qint64>(*days * 86'400'000.0);
        o.intervalS = static_cast<int>(*interval);
        if (m_parser.isSet(m_keys))
            o.keys = m_parser.value(m_keys).split(u',', Qt::SkipEmptyParts);
        QString error;
        const qint64 rows = Sim::Backfill::writeCsv(m_city, m_seedValue, o, file, &error);
        if (rows < 0) {
            m_err << tr("%1: %2").arg(file.fileName(), error) << Qt::endl;
            return 1;
        }
        QTextStream(stdout) << tr("%1: %2 rows").arg(file.fileName()).arg(rows) << Qt::endl;
        return 0;
    }

    int serve()
    {
        const auto speed = number(m_speed, 0.001, 100000, 1);
        const auto duration = number(m_duration, 0, 1e9, 0);
        const auto holdup = number(m_holdup, 0, 3600, 10);
        const auto start = localTime(m_start, QDateTime::currentMSecsSinceEpoch());
        if (!speed || !duration || !holdup || !start)
            return m_exit;
        Sim::City city(m_city, m_seedValue, *start);
        Sim::ServerOptions options;
        options.speed = *speed;
        options.outageHoldupMs = static_cast<int>(*holdup * 1000);
        Sim::CityServer server(city, options);
        // Devices of mqtt-neuron / mqtt-sparkplug are published to their brokers instead.
        std::unique_ptr<Sim::GatewayPublisher> gateways;
        if (m_city.hasGateways()) {
            gateways = std::make_unique<Sim::GatewayPublisher>(city);
            server.setHook(gateways.get());
        }
        QStringList errors;
        if (!server.open(&errors)) {
            for (const QString& e : errors)
                m_err << e << Qt::endl;
            return 1;
        }
        for (const QString& fault : m_parser.values(m_fault)) {
            const QString answer = server.command(fault);
            if (!answer.startsWith(u"ok")) {
                m_err << tr("--fault '%1': %2").arg(fault, answer) << Qt::endl;
                return 2;
            }
        }
        QTextStream out(stdout);
        QStringList lines = server.endpoints();
        if (gateways)
            lines += gateways->endpoints();
        for (const QString& line : lines) {
            if (!line.contains(u':') || m_city.stations.size() <= 100)
                out << line << u'\n';
        }
        out << tr("%1 stations, %2 devices; %3× speed; commands on stdin ('help')")
                   .arg(m_city.stations.size())
                   .arg(city.units().size())
                   .arg(*speed)
            << u'\n' << "ready" << Qt::endl;
        if (gateways)
            gateways->start();
        server.start();

        ShutdownSignals signals;
        QObject::connect(&signals, &ShutdownSignals::shutdownRequested, &m_app,
                         &QCoreApplication::quit);
        if (*duration > 0)
            QTimer::singleShot(static_cast<int>(*duration * 1000), &m_app, &QCoreApplication::quit);
        QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
        QByteArray pending;
        QObject::connect(&stdinNotifier, &QSocketNotifier::activated, &m_app, [&] {
            char buffer[4096];
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n <= 0) {
                stdinNotifier.setEnabled(false); // stdin closed: keep serving
                return;
            }
            pending.append(buffer, n);
            for (qsizetype nl; (nl = pending.indexOf('\n')) >= 0;) {
                const QString line = QString::fromUtf8(pending.left(nl)).trimmed();
                pending.remove(0, nl + 1);
                if (!line.isEmpty())
                    out << server.command(line) << Qt::endl;
            }
        });
        const int code = QCoreApplication::exec();
        server.stop();
        if (gateways)
            gateways->stop();
        return code;
    }

    QCoreApplication& m_app;
    QCommandLineParser m_parser;
    QTextStream m_err{stderr};
    PumpWatch::Project m_city;
    quint32 m_seedValue = 1;
    int m_exit = 0;

    const QCommandLineOption m_project{QStringLiteral("project"), tr("project file of the city"),
                                       QStringLiteral("FILE")};
    const QCommandLineOption m_demo{QStringLiteral("demo"), tr("the built-in demo city")};
    const QCommandLineOption m_stations{QStringLiteral("stations"),
                                        tr("generate a city of N stations"), QStringLiteral("N")};
    const QCommandLineOption m_seed{QStringLiteral("seed"),
                                    tr("seed of the generated city and its model (1)"),
                                    QStringLiteral("N")};
    const QCommandLineOption m_basePort{
        QStringLiteral("base-port"),
        tr("serve TCP devices on 127.0.0.1 from port P+1 on (15000 for generated cities)"),
        QStringLiteral("P")};
    const QCommandLineOption m_rtuStations{
        QStringLiteral("rtu-stations"),
        tr("generated city: the first N stations share one Modbus RTU line"), QStringLiteral("N")};
    const QCommandLineOption m_rtuPort{QStringLiteral("rtu-port"),
                                       tr("generated city: path of the RTU line's pty link"),
                                       QStringLiteral("PATH")};
    const QCommandLineOption m_neuronStations{
        QStringLiteral("neuron-stations"),
        tr("generated city: the last N stations are EMQ Neuron gateways' (MQTT)"),
        QStringLiteral("N")};
    const QCommandLineOption m_sparkplugStations{
        QStringLiteral("sparkplug-stations"),
        tr("generated city: the M stations before those are Sparkplug B edge nodes (MQTT)"),
        QStringLiteral("M")};
    const QCommandLineOption m_broker{
        QStringLiteral("broker"), tr("generated city: the gateways' MQTT broker (127.0.0.1:1883)"),
        QStringLiteral("HOST:PORT")};
    const QCommandLineOption m_writeProject{QStringLiteral("write-project"),
                                            tr("write the city's project file here"),
                                            QStringLiteral("FILE")};
    const QCommandLineOption m_list{QStringLiteral("list"),
                                    tr("list the devices and their endpoints, then exit")};
    const QCommandLineOption m_speed{
        QStringLiteral("speed"), tr("simulated seconds per real second (1)"), QStringLiteral("X")};
    const QCommandLineOption m_start{QStringLiteral("start"),
                                     tr("simulated local time to start at (now)"),
                                     QStringLiteral("TIME")};
    const QCommandLineOption m_fault{QStringLiteral("fault"),
                                     tr("a control command to run at start, e.g. 'burst S0003 "
                                        "on' (repeatable)"),
                                     QStringLiteral("COMMAND")};
    const QCommandLineOption m_duration{QStringLiteral("duration"), tr("stop after S seconds"),
                                        QStringLiteral("S")};
    const QCommandLineOption m_holdup{QStringLiteral("outage-holdup"),
                                      tr("seconds a PLC answers on its UPS after a power "
                                         "outage (10)"),
                                      QStringLiteral("S")};
    const QCommandLineOption m_backfill{QStringLiteral("backfill"),
                                        tr("write DAYS of history as CSV instead of serving"),
                                        QStringLiteral("DAYS")};
    const QCommandLineOption m_output{QStringLiteral("output"), tr("the backfill CSV file"),
                                      QStringLiteral("FILE")};
    const QCommandLineOption m_interval{
        QStringLiteral("interval"), tr("seconds between backfill rows (60)"), QStringLiteral("S")};
    const QCommandLineOption m_end{
        QStringLiteral("end"), tr("local time the backfill ends at (now)"), QStringLiteral("TIME")};
    const QCommandLineOption m_keys{QStringLiteral("keys"),
                                    tr("backfill only these tag keys, comma-separated"),
                                    QStringLiteral("KEYS")};
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pumpwatch-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    PumpWatch::installTranslators(app, QLocale::system());
    return Main(app).run();
}
