// pumpwatch-cli: tools for engineers and scripts. Headless: no Qt Widgets, and Qt Gui only for
// `report render`, which paints PDF and .odt under the offscreen platform (no display needed).
#include "alarmcommands.h"
#include "auditcommands.h"
#include "backupcommands.h"
#include "graphicscommands.h"
#include "historycommands.h"
#include "projectcommands.h"
#include "querycommands.h"
#include "reportcommands.h"
#include "sharecommands.h"
#include "usercommands.h"
#include "versioncommands.h"

#include <core/translator.h>

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <memory>

namespace {

class Main {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::Main)

public:
    static int usage(int code)
    {
        QTextStream(code == 0 ? stdout : stderr)
            << tr("usage: pumpwatch-cli GROUP COMMAND [options]   (COMMAND --help for its "
                  "options)\n\n")
            << PumpWatch::Cli::ProjectCommands::usage() << PumpWatch::Cli::VersionCommands::usage()
            << PumpWatch::Cli::HistoryCommands::usage() << PumpWatch::Cli::BackupCommands::usage()
            << PumpWatch::Cli::AlarmCommands::usage() << PumpWatch::Cli::AuditCommands::usage()
            << PumpWatch::Cli::GraphicsCommands::usage() << PumpWatch::Cli::ReportCommands::usage()
            << PumpWatch::Cli::QueryCommands::usage() << PumpWatch::Cli::ShareCommands::usage()
            << PumpWatch::Cli::UserCommands::usage();
        return code;
    }
};

} // namespace

int main(int argc, char* argv[])
{
    // Painting needs a QGuiApplication; its offscreen platform needs no display.
    std::unique_ptr<QCoreApplication> app;
    if (PumpWatch::Cli::ReportCommands::needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("pumpwatch-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    PumpWatch::installTranslators(*app, QLocale::system());

    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h")
        return Main::usage(args.isEmpty() ? 2 : 0);
    if (args.first() == u"project" && PumpWatch::Cli::VersionCommands::handles(args.value(1)))
        return PumpWatch::Cli::VersionCommands::run(args.mid(1));
    if (args.first() == u"project")
        return PumpWatch::Cli::ProjectCommands::run(args.mid(1));
    if (args.first() == u"alarms")
        return PumpWatch::Cli::AlarmCommands::run(args.mid(1));
    if (args.first() == u"audit")
        return PumpWatch::Cli::AuditCommands::run(args.mid(1));
    if (args.first() == u"graphics")
        return PumpWatch::Cli::GraphicsCommands::run(args.mid(1));
    if (args.first() == u"db")
        return PumpWatch::Cli::BackupCommands::run(args.mid(1));
    if (args.first() == u"history")
        return PumpWatch::Cli::HistoryCommands::run(args.mid(1));
    if (args.first() == u"query")
        return PumpWatch::Cli::QueryCommands::run(args.mid(1));
    if (args.first() == u"report")
        return PumpWatch::Cli::ReportCommands::run(args.mid(1));
    if (args.first() == u"user")
        return PumpWatch::Cli::UserCommands::run(args.mid(1));
    if (args.first() == u"share" || args.first() == u"token" || args.first() == u"api")
        return PumpWatch::Cli::ShareCommands::run(args.first(), args.mid(1));
    return Main::usage(2);
}
