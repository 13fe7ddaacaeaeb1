#include "graphicscommands.h"

#include "cliio.h"

#include <core/fileversions.h>
#include <core/projectreader.h>
#include <graphics/drawingcheck.h>
#include <graphics/drawingjson.h>
#include <graphics/drawinglibrary.h>
#include <graphics/symbols/hmilint.h>

#include <QCommandLineParser>

#include <algorithm>

namespace PumpWatch::Cli {

QString GraphicsCommands::usage()
{
    return tr(
        "  graphics check --project FILE            resolve every station's drawing, list "
        "broken bindings and HP-HMI warnings\n"
        "  graphics format FILE                     rewrite a drawing file in canonical form\n");
}

int GraphicsCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"check")
        return check(args);
    if (command == u"format")
        return format(args);
    CliIo::err() << tr("unknown command 'graphics %1'; commands:\n").arg(command) << usage();
    return 2;
}

int GraphicsCommands::check(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Resolves the process graphic of every station of a project and lists each binding "
           "that does not hold: a missing tag, a wrong type, a control on a read-only tag."));
    parser.addPositionalArgument(QStringLiteral("check"), tr("the command"));
    const QCommandLineOption project(QStringLiteral("project"), tr("the project file"),
                                     QStringLiteral("FILE"));
    parser.addOption(project);
    const QCommandLineOption themeOption(
        QStringLiteral("theme"),
        tr("lint the drawings against this colour theme (%1); default: every built-in one")
            .arg(Graphics::Theme::builtInIds().join(QStringLiteral(", "))),
        QStringLiteral("ID"));
    parser.addOption(themeOption);
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (!parser.isSet(project)) {
        CliIo::err() << tr("--project is required") << Qt::endl;
        return 2;
    }
    std::vector<Graphics::Theme> themes;
    for (const QString& id : parser.isSet(themeOption) ? QStringList{parser.value(themeOption)}
                                                       : Graphics::Theme::builtInIds()) {
        QString error;
        auto theme = Graphics::Theme::builtIn(id, &error);
        if (!theme) {
            CliIo::err() << error << Qt::endl;
            return 2;
        }
        themes.push_back(std::move(*theme));
    }
    const QString path = parser.value(project);
    const ProjectLoad load = ProjectReader::readFile(path);
    if (!load.project) {
        CliIo::print(load.diagnostics);
        CliIo::err() << tr("%1: %n error(s)", nullptr, errorCount(load.diagnostics)).arg(path)
                     << Qt::endl;
        return 1;
    }
    const Project& p = *load.project;
    const auto library = Graphics::DrawingLibrary::load(p);
    CliIo::print(library.diagnostics());
    if (p.graphics.empty()) {
        CliIo::err() << tr("%1: the project lists no drawings (\"graphics\")").arg(path)
                     << Qt::endl;
        return 1;
    }
    const Graphics::CheckResult result = Graphics::checkDrawings(library.drawings(), p);
    for (const Graphics::StationCheck& check : result.stations) {
        if (!check.hasDrawing()) {
            const Station& station = p.stations[std::size_t(check.station)];
            CliIo::out()
                << tr("%1 %2: no drawing serves this station").arg(station.id, station.name)
                << Qt::endl;
            continue;
        }
        for (const Graphics::Problem& problem : check.problems)
            CliIo::out() << problem.toString() << Qt::endl;
    }
    for (const Graphics::StrayOverride& stray : result.strayOverrides) {
        CliIo::out() << tr("%1: overrides for station '%2', which the project does not "
                           "have")
                            .arg(stray.file, stray.station)
                     << Qt::endl;
    }
    printWarnings(library.drawings(), themes);
    const int problems = result.problemCount();
    const int stationsWithProblems = result.stationsWithProblems();
    const int loadErrors = errorCount(library.diagnostics());
    CliIo::out() << tr("%1: %2 stations checked against %3 drawings: %4 problems at %5 stations")
                        .arg(path)
                        .arg(p.stations.size())
                        .arg(library.drawings().size())
                        .arg(problems + loadErrors)
                        .arg(stationsWithProblems)
                 << Qt::endl;
    return problems + loadErrors == 0 ? 0 : 1;
}

void GraphicsCommands::printWarnings(const std::vector<Graphics::Drawing>& drawings,
                                     const std::vector<Graphics::Theme>& themes)
{
    // Warnings never fail the check: a drawing that trips them still opens and runs.
    std::vector<Graphics::LintWarning> warnings;
    const auto add = [&warnings](const std::vector<Graphics::LintWarning>& found) {
        for (const Graphics::LintWarning& w : found) {
            if (std::find(warnings.begin(), warnings.end(), w) == warnings.end())
                warnings.push_back(w);
        }
    };
    for (const Graphics::Drawing& d : drawings) {
        for (const Graphics::Theme& t : themes)
            add(Graphics::lintDrawing(d, t));
    }
    for (const Graphics::Theme& t : themes)
        add(Graphics::lintTheme(t));
    CliIo::out() << tr("HP-HMI warnings (ISA-101): %n", nullptr, int(warnings.size())) << Qt::endl;
    for (const Graphics::LintWarning& w : warnings)
        CliIo::out() << QStringLiteral("  ") << w.toString() << Qt::endl;
}

int GraphicsCommands::format(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reads a drawing file and writes it back in canonical form (the bytes PumpWatch "
           "itself saves), so that hand edits diff cleanly."));
    parser.addPositionalArgument(QStringLiteral("format"), tr("the command"));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("the drawing file"));
    if (!CliIo::parse(parser, args, 1))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QString file = parser.positionalArguments().at(1);
    const Graphics::DrawingLoad load = Graphics::DrawingJson::readFile(file);
    CliIo::print(load.diagnostics);
    if (!load.drawing)
        return 1;
    QString error;
    const QByteArray text = Graphics::DrawingJson::write(*load.drawing);
    if (!FileVersions::preserve(file, &error, &text)) { // the hand-edited file is kept
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    if (!Graphics::DrawingJson::writeFile(*load.drawing, file, &error)) {
        CliIo::err() << tr("%1: cannot write: %2").arg(file, error) << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace PumpWatch::Cli
