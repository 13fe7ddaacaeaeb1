#include "projectcommands.h"

#include "cliio.h"

#include <alarms/ruleset.h>
#include <core/addresstableimport.h>
#include <core/jsonwriter.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <sim/citygenerator.h>
#include <sim/citymap.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace PumpWatch::Cli {

QString ProjectCommands::usage()
{
    return tr(
        "  project validate FILE                    check a project file, list every problem\n"
        "  project import-csv CSV --template ID     import a PLC address table into a template\n"
        "  project generate --stations N            write a simulated city's project\n");
}

int ProjectCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"validate")
        return validate(args);
    if (command == u"import-csv")
        return importCsv(args);
    if (command == u"generate")
        return generate(args);
    CliIo::err() << tr("unknown command 'project %1'; commands:\n").arg(command) << usage();
    return 2;
}

int ProjectCommands::validate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Checks a project file and lists every problem in it."));
    parser.addPositionalArgument(QStringLiteral("validate"), tr("the command"));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("the project file"));
    if (!CliIo::parse(parser, args, 1))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;

    const QString path = parser.positionalArguments().at(1);
    ProjectLoad load = ProjectReader::readFile(path);
    if (load.project) {
        // The alarm rules' expressions are only understood by the alarm module.
        const Alarms::RuleSet rules(*load.project, path);
        load.diagnostics.insert(load.diagnostics.end(), rules.diagnostics().begin(),
                                rules.diagnostics().end());
        if (hasErrors(rules.diagnostics()))
            load.project.reset();
    }
    CliIo::print(load.diagnostics);
    if (!load.project) {
        CliIo::err() << tr("%1: %n error(s)", nullptr, errorCount(load.diagnostics)).arg(path)
                     << Qt::endl;
        return 1;
    }
    const Project& p = *load.project;
    int devices = 0;
    for (const Station& s : p.stations)
        devices += static_cast<int>(s.devices.size());
    CliIo::out() << tr("%1: valid — %2 stations, %3 devices, %4 tags, %5 templates")
                        .arg(path)
                        .arg(p.stations.size())
                        .arg(devices)
                        .arg(p.tagCount())
                        .arg(p.templates.size())
                 << Qt::endl;
    return 0;
}

int ProjectCommands::importCsv(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Imports a PLC address table (CSV from Excel, UTF-8 or GBK) into a station template. "
           "Without --project the template is printed as JSON."));
    parser.addPositionalArgument(QStringLiteral("import-csv"), tr("the command"));
    parser.addPositionalArgument(QStringLiteral("CSV"), tr("the address table"));
    const QCommandLineOption templateId(QStringLiteral("template"), tr("id of the template"),
                                        QStringLiteral("ID"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  tr("name of the template (default: the file name)"),
                                  QStringLiteral("NAME"));
    const QCommandLineOption encoding(QStringLiteral("encoding"),
                                      tr("auto, utf-8 or gbk (default: auto)"),
                                      QStringLiteral("ENC"), QStringLiteral("auto"));
    const QCommandLineOption holdStart(QStringLiteral("hold-start"),
                                       tr("V byte mapped to 40001 (default: the lowest V address)"),
                                       QStringLiteral("VBYTE"));
    const QCommandLineOption project(QStringLiteral("project"),
                                     tr("add or replace the template in this project file"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption output(QStringLiteral("output"),
                                    tr("write the project here instead of back to --project"),
                                    QStringLiteral("FILE"));
    parser.addOptions({templateId, name, encoding, holdStart, project, output});
    if (!CliIo::parse(parser, args, 1))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (!parser.isSet(templateId)) {
        CliIo::err() << tr("--template ID is required") << Qt::endl;
        return 2;
    }

    AddressTableImporter::Options options;
    options.templateId = parser.value(templateId);
    options.templateName = parser.value(name);
    const QString enc = parser.value(encoding).toLower();
    if (enc == u"utf-8" || enc == u"utf8")
        options.encoding = AddressTableImporter::Encoding::Utf8;
    else if (enc == u"gbk" || enc == u"gb18030")
        options.encoding = AddressTableImporter::Encoding::Gbk;
    else if (enc != u"auto") {
        CliIo::err() << tr("--encoding must be auto, utf-8 or gbk") << Qt::endl;
        return 2;
    }
    if (parser.isSet(holdStart)) {
        bool ok = false;
        options.holdStart = parser.value(holdStart).toUInt(&ok);
        if (!ok) {
            CliIo::err() << tr("--hold-start must be a V byte number") << Qt::endl;
            return 2;
        }
    }

    const QString csv = parser.positionalArguments().at(1);
    AddressTableImport result = AddressTableImporter::importFile(csv, options);
    CliIo::print(result.diagnostics);
    if (!result.table) {
        CliIo::err() << tr("%1: %n error(s), nothing imported", nullptr,
                           errorCount(result.diagnostics))
                            .arg(csv)
                     << Qt::endl;
        return 1;
    }

    if (!parser.isSet(project)) {
        JsonWriter w;
        ProjectWriter::writeTemplate(w, *result.table);
        return CliIo::writeOutput(w.finish(), parser.value(output)) ? 0 : 1;
    }

    const QString projectPath = parser.value(project);
    ProjectLoad load = ProjectReader::readFile(projectPath);
    CliIo::print(load.diagnostics);
    if (!load.project) {
        CliIo::err() << tr("%1: fix the project before importing into it").arg(projectPath)
                     << Qt::endl;
        return 1;
    }
    Project& p = *load.project;
    const int existing = p.templateIndex(result.table->id);
    if (existing >= 0) {
        // Stations keep their overrides only where the key still exists, and their devices
        // follow the new defaults except where the station set its own.
        const StationTemplate& old = p.templates[static_cast<std::size_t>(existing)];
        for (Station& s : p.stations) {
            for (Device& d : s.devices) {
                if (d.templateIndex == existing)
                    d.settings = rebased(d.settings, old.device, result.table->device);
            }
            std::erase_if(s.tags, [&](StationTag& st) {
                const Device& d = s.devices[static_cast<std::size_t>(st.device)];
                if (d.templateIndex != existing || st.overrides < 0)
                    return false;
                const QString key = old.tags[static_cast<std::size_t>(st.overrides)].key;
                st.overrides = -1;
                for (std::size_t i = 0; i < result.table->tags.size(); ++i) {
                    if (result.table->tags[i].key == key)
                        st.overrides = static_cast<int>(i);
                }
                return st.overrides < 0;
            });
        }
        p.templates[static_cast<std::size_t>(existing)] = *result.table;
    } else {
        p.templates.push_back(*result.table);
    }
    p.reindex();
    const QString target = parser.isSet(output) ? parser.value(output) : projectPath;
    // The new table may clash with what stations define (an extra tag with a key the table
    // now has): check the result as a whole before anything is written.
    const QByteArray text = ProjectWriter::write(p, QFileInfo(target).absolutePath());
    const ProjectLoad check = ProjectReader::read(text, target);
    if (!check.project) {
        CliIo::print(check.diagnostics);
        CliIo::err() << tr("%1: not written, the project would have errors").arg(target)
                     << Qt::endl;
        return 1;
    }
    QString error;
    if (!ProjectWriter::writeFile(text, target, &error)) {
        CliIo::err() << tr("%1: cannot write: %2").arg(target, error) << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("%1: template '%2' with %3 tags (%4) written to %5")
                        .arg(csv, result.table->id)
                        .arg(result.table->tags.size())
                        .arg(result.encoding, target)
                 << Qt::endl;
    return 0;
}

int ProjectCommands::generate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Writes the project of a simulated city of pump houses around Zunyi."));
    parser.addPositionalArgument(QStringLiteral("generate"), tr("the command"));
    const QCommandLineOption stations(QStringLiteral("stations"),
                                      tr("number of stations (default 60)"), QStringLiteral("N"),
                                      QStringLiteral("60"));
    const QCommandLineOption seed(QStringLiteral("seed"), tr("random seed (default 1)"),
                                  QStringLiteral("SEED"), QStringLiteral("1"));
    const QCommandLineOption host(QStringLiteral("host"),
                                  tr("address of the simulated PLCs (default 127.0.0.1)"),
                                  QStringLiteral("HOST"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption basePort(QStringLiteral("base-port"),
                                      tr("the first PLC listens on this port + 1 (default 15000)"),
                                      QStringLiteral("PORT"), QStringLiteral("15000"));
    const QCommandLineOption output(QStringLiteral("output"),
                                    tr("file to write (default: standard output)"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption map(
        QStringLiteral("map"),
        tr("also write the city's offline base map (district outlines, main roads, the river) "
           "into map/ beside the output file, and show it in the project"));
    const QCommandLineOption neuron(QStringLiteral("neuron-stations"),
                                    tr("the last N stations are EMQ Neuron gateways' (default 0)"),
                                    QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption sparkplug(
        QStringLiteral("sparkplug-stations"),
        tr("the M stations before those are Sparkplug B edge nodes (default 0)"),
        QStringLiteral("M"), QStringLiteral("0"));
    const QCommandLineOption broker(QStringLiteral("broker"),
                                    tr("the gateways' MQTT broker (default 127.0.0.1:1883)"),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:1883"));
    parser.addOptions({stations, seed, host, basePort, output, map, neuron, sparkplug, broker});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;

    Sim::CityOptions options;
    bool okStations = false, okSeed = false, okPort = false;
    options.stations = parser.value(stations).toInt(&okStations);
    options.seed = parser.value(seed).toUInt(&okSeed);
    options.basePort = parser.value(basePort).toInt(&okPort);
    options.host = parser.value(host);
    options.baseMap = parser.isSet(map);
    bool okNeuron = false, okSparkplug = false;
    options.neuronStations = parser.value(neuron).toInt(&okNeuron);
    options.sparkplugStations = parser.value(sparkplug).toInt(&okSparkplug);
    options.broker = parser.value(broker);
    QString brokerHost;
    int brokerPort = 0;
    if (!okNeuron || !okSparkplug || options.neuronStations < 0 || options.sparkplugStations < 0 ||
        !Sim::CityGenerator::parseBroker(options.broker, &brokerHost, &brokerPort)) {
        CliIo::err() << tr("--neuron-stations and --sparkplug-stations take numbers, --broker "
                           "HOST:PORT")
                     << Qt::endl;
        return 2;
    }
    if (options.baseMap && !parser.isSet(output)) {
        CliIo::err() << tr("--map needs --output: the map files go beside the project") << Qt::endl;
        return 2;
    }
    if (!okStations || options.stations < 1 || options.stations > 100000) {
        CliIo::err() << tr("--stations must be a number from 1 to 100000") << Qt::endl;
        return 2;
    }
    if (!okSeed || !okPort || options.basePort < 1) {
        CliIo::err() << tr("--seed and --base-port must be numbers") << Qt::endl;
        return 2;
    }
    const Project p = Sim::CityGenerator::generate(options);
    if (options.basePort + Sim::CityGenerator::deviceCount(p) > 65535) {
        CliIo::err() << tr("%1 devices do not fit above port %2")
                            .arg(Sim::CityGenerator::deviceCount(p))
                            .arg(options.basePort)
                     << Qt::endl;
        return 2;
    }
    if (options.baseMap) {
        QString error;
        if (!Sim::CityMap::write(QFileInfo(parser.value(output)).absolutePath(), &error)) {
            CliIo::err() << tr("cannot write the base map: %1").arg(error) << Qt::endl;
            return 1;
        }
        // The drawings it refers to are the demo's, compiled in (resources/demo/graphics).
        const QDir dir = QFileInfo(parser.value(output)).absoluteDir();
        for (const GraphicRef& g : p.graphics) {
            const QString target = dir.filePath(g.file);
            QFile::remove(target);
            if (!dir.mkpath(QFileInfo(g.file).path()) ||
                !QFile::copy(QStringLiteral(":/demo/") + g.file, target) ||
                !QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner |
                                                   QFile::ReadGroup | QFile::ReadOther)) {
                CliIo::err() << tr("cannot write %1").arg(target) << Qt::endl;
                return 1;
            }
        }
    }
    return CliIo::writeOutput(ProjectWriter::write(p), parser.value(output)) ? 0 : 1;
}

} // namespace PumpWatch::Cli
