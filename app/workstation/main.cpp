// pumpwatch: the dispatcher's workstation. Today: the project's stations and their tags; the
// workstation issue makes it the docking shell with the realtime list, alarms and trends.
#include <core/projectreader.h>
#include <core/translator.h>
#include <ui/projectoverviewwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QTimer>

#include <demoproject.h>

namespace {

class Main {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Workstation::Main)

public:
    static int run(QApplication& app)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("PumpWatch dispatcher workstation."));
        parser.addHelpOption();
        parser.addVersionOption();
        const QCommandLineOption project(QStringLiteral("project"), tr("project file to open"),
                                         QStringLiteral("FILE"));
        const QCommandLineOption demo(QStringLiteral("demo"),
                                      tr("open the built-in demo (simulated Zunyi)"));
        const QCommandLineOption language(QStringLiteral("lang"),
                                          tr("user interface language: zh_CN (default) or en"),
                                          QStringLiteral("LANG"), QStringLiteral("zh_CN"));
        const QCommandLineOption snapshot(QStringLiteral("snapshot"),
                                          tr("render the window to DIR/*.png and exit"),
                                          QStringLiteral("DIR"));
        parser.addOptions({project, demo, language, snapshot});
        parser.process(app);

        if (parser.value(language) != u"en")
            PumpWatch::installTranslators(app, QLocale(parser.value(language)));

        const QString path = parser.isSet(project)
                                 ? parser.value(project)
                                 : QString::fromLatin1(PumpWatch::DemoProjectPath);
        const PumpWatch::ProjectLoad load = PumpWatch::ProjectReader::readFile(path);
        if (!load.project) {
            const QStringList lines = PumpWatch::toStrings(load.diagnostics);
            qCritical().noquote() << lines.join(u'\n');
            if (!parser.isSet(snapshot))
                QMessageBox::critical(
                    nullptr, tr("PumpWatch"),
                    tr("The project cannot be opened:\n\n%1").arg(lines.mid(0, 20).join(u'\n')));
            return 1;
        }
        const QString source = parser.isSet(project) ? path : tr("built-in demo");
        PumpWatch::Ui::ProjectOverviewWindow window(*load.project, source);
        window.selectStation(0);
        window.show();

        if (parser.isSet(snapshot)) {
            const QString dir = parser.value(snapshot);
            QDir().mkpath(dir);
            QTimer::singleShot(200, &window, [&window, dir] {
                const bool ok = window.grab().save(dir + QStringLiteral("/workstation.png"));
                QCoreApplication::exit(ok ? 0 : 1);
            });
        }
        return QApplication::exec();
    }
};

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pumpwatch"));
    QApplication::setApplicationDisplayName(QStringLiteral("PumpWatch"));
    QApplication::setApplicationVersion(QStringLiteral(PUMPWATCH_VERSION));
    return Main::run(app);
}
