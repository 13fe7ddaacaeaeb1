#include "cliio.h"

#include <QFile>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace PumpWatch::Cli {

QTextStream& CliIo::out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& CliIo::err()
{
    static QTextStream stream(stderr);
    return stream;
}

void CliIo::print(const Diagnostics& diagnostics)
{
    for (const Diagnostic& d : diagnostics)
        err() << d.toString() << Qt::endl;
}

bool CliIo::parse(QCommandLineParser& parser, const QStringList& args, int positionals)
{
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("pumpwatch-cli")} + args)) {
        err() << parser.errorText() << Qt::endl << parser.helpText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return false;
    }
    if (parser.positionalArguments().size() != positionals + 1) {
        err() << parser.helpText();
        return false;
    }
    return true;
}

bool CliIo::writeOutput(const QByteArray& data, const QString& path)
{
    if (path.isEmpty() || path == u"-") {
        out().flush();
        // The bytes as they are (a UTF-8 byte order mark included), not through QTextStream.
        return std::fwrite(data.constData(), 1, size_t(data.size()), stdout) ==
                   size_t(data.size()) &&
               std::fflush(stdout) == 0;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
        err() << tr("%1: cannot write: %2").arg(path, file.errorString()) << Qt::endl;
        return false;
    }
    return true;
}

QCommandLineOption CliIo::databaseOption()
{
    return QCommandLineOption(
        QStringLiteral("db"),
        tr("the history database: sqlite:PATH or postgres://user@host:port/database"), tr("URL"));
}

QCommandLineOption CliIo::projectOption()
{
    return QCommandLineOption(QStringLiteral("project"), tr("the project file"), tr("FILE"));
}

std::optional<History::DatabaseUrl> CliIo::databaseUrl(const QCommandLineParser& parser,
                                                       const QCommandLineOption& option)
{
    QString error;
    auto url = History::DatabaseUrl::parse(parser.value(option), &error);
    if (!url)
        err() << error << Qt::endl;
    return url;
}

QString CliIo::systemLogin()
{
    // $USER is missing under sudo -u, cron and systemd; the account itself never is.
    QString name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
#ifdef Q_OS_UNIX
    if (name.isEmpty()) {
        if (const passwd* pw = getpwuid(getuid()))
            name = QString::fromLocal8Bit(pw->pw_name);
    }
#endif
    return name;
}

int CliIo::require(const QCommandLineParser& parser,
                   std::initializer_list<const QCommandLineOption*> required)
{
    for (const QCommandLineOption* o : required) {
        if (!parser.isSet(*o)) {
            err() << tr("--%1 is required").arg(o->names().constLast()) << Qt::endl;
            return 2;
        }
    }
    return 0;
}

std::optional<qint64> CliIo::parseTime(const QString& text, const QTimeZone& zone)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        t = QDateTime(d, QTime(0, 0));
    }
    if (t.timeSpec() == Qt::LocalTime) // no offset given: the zone's local time
        t = QDateTime(t.date(), t.time(), zone);
    return t.toMSecsSinceEpoch();
}

std::optional<std::pair<qint64, qint64>> CliIo::parsePeriod(const QString& from, const QString& to,
                                                            const QTimeZone& zone)
{
    const auto f = parseTime(from, zone);
    const auto t = parseTime(to, zone);
    if (!f || !t || *t <= *f) {
        err() << tr("--from and --to must be local times like 2026-11-21T08:00:00, "
                    "--from before --to")
              << Qt::endl;
        return std::nullopt;
    }
    return std::pair{*f, *t};
}

} // namespace PumpWatch::Cli
