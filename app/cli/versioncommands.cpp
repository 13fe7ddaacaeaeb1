#include "versioncommands.h"

#include "cliio.h"

#include <core/fileversions.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <graphics/drawingjson.h>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace PumpWatch::Cli {

namespace {

QCommandLineOption drawingOption()
{
    return QCommandLineOption(
        QStringLiteral("drawing"),
        QCoreApplication::translate("PumpWatch::Cli::VersionCommands",
                                    "a drawing file instead of the project file"),
        QStringLiteral("FILE"));
}

/// The file the command works on: --drawing, else --project; empty (and the reason said) when
/// neither or both are given.
QString targetFile(const QCommandLineParser& parser, const QCommandLineOption& project,
                   const QCommandLineOption& drawing)
{
    if (parser.isSet(project) == parser.isSet(drawing)) {
        CliIo::err() << QCoreApplication::translate("PumpWatch::Cli::VersionCommands",
                                                    "give --project FILE or --drawing FILE")
                     << Qt::endl;
        return {};
    }
    return parser.value(parser.isSet(drawing) ? drawing : project);
}

QString localTime(const QDateTime& t)
{
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace

bool VersionCommands::handles(const QString& command)
{
    return command == u"versions" || command == u"restore";
}

QString VersionCommands::usage()
{
    return tr("  project versions --project FILE          the versions kept of a project file "
              "(or --drawing FILE)\n"
              "  project restore --project FILE --version ID\n"
              "                                           bring a version back (the current one "
              "is kept)\n");
}

int VersionCommands::run(const QStringList& args)
{
    return args.value(0) == u"versions" ? list(args) : restore(args);
}

int VersionCommands::list(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the versions every save keeps of a project or drawing file, oldest first: the "
           "id (the UTC time the content was replaced), when that content had been written "
           "(local time) and its size."));
    parser.addPositionalArgument(QStringLiteral("versions"), tr("the command"));
    const QCommandLineOption project = CliIo::projectOption();
    const QCommandLineOption drawing = drawingOption();
    const QCommandLineOption keep(
        QStringLiteral("keep"),
        tr("from now on keep N versions of the files in this folder (default 20, 0: none)"),
        QStringLiteral("N"));
    parser.addOptions({project, drawing, keep});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QString file = targetFile(parser, project, drawing);
    if (file.isEmpty())
        return 2;
    if (parser.isSet(keep)) {
        bool ok = false;
        const int n = parser.value(keep).toInt(&ok);
        QString error;
        if (!ok || n < 0 || n > 1000) {
            CliIo::err() << tr("--keep must be a number from 0 to 1000") << Qt::endl;
            return 2;
        }
        if (!FileVersions::setKeepCount(file, n, &error)) {
            CliIo::err() << error << Qt::endl;
            return 1;
        }
        FileVersions::prune(file, n);
    }
    const std::vector<FileVersion> versions = FileVersions::list(file);
    if (versions.empty()) {
        CliIo::out() << tr("%1: no versions kept (in %2)").arg(file, FileVersions::folder(file))
                     << Qt::endl;
        return 0;
    }
    CliIo::out() << tr("%1: %n version(s) in %2, the newest %3 kept", nullptr, int(versions.size()))
                        .arg(file, FileVersions::folder(file))
                        .arg(FileVersions::keepCount(file))
                 << Qt::endl
                 << tr("ID                    replaced (local)         written (local)          "
                       "bytes")
                 << Qt::endl;
    for (const FileVersion& v : versions) {
        CliIo::out() << v.id.leftJustified(22) << localTime(v.replaced).leftJustified(25)
                     << localTime(v.written).leftJustified(25) << v.size << Qt::endl;
    }
    return 0;
}

int VersionCommands::restore(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Brings a kept version of a project or drawing file back. The version is read as the "
           "workstation would first: a broken one is refused. The content it replaces is kept as "
           "a version, so a restore can be undone with another. Stop the workstations editing "
           "the project first, or they may save over it."));
    parser.addPositionalArgument(QStringLiteral("restore"), tr("the command"));
    const QCommandLineOption project = CliIo::projectOption();
    const QCommandLineOption drawing = drawingOption();
    const QCommandLineOption version(QStringLiteral("version"),
                                     tr("the version's id, as `project versions` lists it"),
                                     QStringLiteral("ID"));
    parser.addOptions({project, drawing, version});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&version}))
        return code;
    const QString file = targetFile(parser, project, drawing);
    if (file.isEmpty())
        return 2;
    const QString id = parser.value(version);
    const std::optional<FileVersion> v = FileVersions::find(file, id);
    if (!v) {
        CliIo::err() << tr("%1: no version '%2' in %3 (`pumpwatch-cli project versions` lists "
                           "them)")
                            .arg(file, id, FileVersions::folder(file))
                     << Qt::endl;
        return 1;
    }
    QFile in(v->path);
    if (!in.open(QIODevice::ReadOnly)) {
        CliIo::err() << tr("%1: cannot read: %2").arg(v->path, in.errorString()) << Qt::endl;
        return 1;
    }
    const QByteArray text = in.readAll();

    // Checked as the workstation reads it.
    Diagnostics problems;
    bool good = false;
    if (parser.isSet(drawing)) {
        const Graphics::DrawingLoad load = Graphics::DrawingJson::read(text, v->path);
        problems = load.diagnostics;
        good = load.drawing.has_value();
    } else {
        const ProjectLoad load = ProjectReader::read(text, v->path);
        problems = load.diagnostics;
        good = load.project.has_value();
    }
    if (!good) {
        CliIo::print(problems);
        CliIo::err() << tr("%1: version %2 (%3) is broken, not restored; %1 is unchanged")
                            .arg(file, v->id, v->path)
                     << Qt::endl;
        return 1;
    }

    const std::vector<FileVersion> before = FileVersions::list(file);
    QString error;
    // The project writer keeps the replaced content as a version first; a drawing the same way.
    if (!parser.isSet(drawing)) {
        if (!ProjectWriter::writeFile(text, file, &error)) {
            CliIo::err() << tr("%1: not restored: %2").arg(file, error) << Qt::endl;
            return 1;
        }
    } else {
        QSaveFile out(file);
        if (!FileVersions::preserve(file, &error, &text) || !out.open(QIODevice::WriteOnly) ||
            out.write(text) != text.size() || !out.commit()) {
            CliIo::err()
                << tr("%1: not restored: %2").arg(file, error.isEmpty() ? out.errorString() : error)
                << Qt::endl;
            return 1;
        }
    }
    const std::vector<FileVersion> after = FileVersions::list(file);
    const bool kept = !after.empty() && (before.empty() || after.back().id != before.back().id);
    CliIo::out() << tr("%1: version %2 restored").arg(file, v->id);
    if (kept)
        CliIo::out() << tr("; the content it replaced is version %1").arg(after.back().id);
    else
        CliIo::out() << tr("; it was the current content already");
    CliIo::out() << Qt::endl;
    return 0;
}

} // namespace PumpWatch::Cli
