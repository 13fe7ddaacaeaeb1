#include "sharecommands.h"

#include "cliio.h"

#include <core/projectreader.h>

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include <share/connection.h>
#include <share/readerviews.h>
#include <share/tokens.h>

namespace PumpWatch::Cli {

namespace {

QString localTime(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

QString ShareCommands::usage()
{
    return tr("  share setup --db URL --project FILE --reader NAME --password-file FILE\n"
              "                                           the read-only views pumpwatch_v1 and "
              "their reader role (PostgreSQL)\n"
              "  token add --db URL --name NAME --scope SCOPE,...\n"
              "                                           a token for the HTTP API, printed once\n"
              "  token list --db URL                      the API tokens (never the tokens "
              "themselves)\n"
              "  token revoke --db URL --name NAME        revokes a token\n"
              "  api log --db URL [--since T] [--project FILE]\n"
              "                                           the HTTP API's calls, oldest first\n");
}

int ShareCommands::run(const QString& group, const QStringList& args)
{
    const QString command = args.value(0);
    if (group == u"share" && command == u"setup")
        return setup(args);
    if (group == u"token" && command == u"add")
        return tokenAdd(args);
    if (group == u"token" && command == u"list")
        return tokenList(args);
    if (group == u"token" && command == u"revoke")
        return tokenRevoke(args);
    if (group == u"api" && command == u"log")
        return apiLog(args);
    CliIo::err() << tr("unknown command '%1 %2'; commands:\n").arg(group, command) << usage();
    return 2;
}

int ShareCommands::setup(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Creates or updates the read-only views of schema pumpwatch_v1, writes the project's "
           "stations and tags for them, and creates the LOGIN role NAME (or sets its password) "
           "with SELECT on those views and nothing else. PostgreSQL only; run it as the "
           "database's owner. Run it again after an upgrade or to change the password."));
    parser.addPositionalArgument(QStringLiteral("setup"), tr("the command"));
    const QCommandLineOption db = CliIo::databaseOption();
    const QCommandLineOption project = CliIo::projectOption();
    const QCommandLineOption reader(QStringLiteral("reader"),
                                    tr("the reader role's name, e.g. city_platform"), tr("NAME"));
    const QCommandLineOption passwordFile(
        QStringLiteral("password-file"),
        tr("a file whose first line is the reader's password (not on the command line, where "
           "other users of the computer could see it)"),
        tr("FILE"));
    parser.addOptions({db, project, reader, passwordFile});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&db, &project, &reader, &passwordFile}))
        return code;
    const auto url = CliIo::databaseUrl(parser, db);
    if (!url)
        return 2;
    QFile file(parser.value(passwordFile));
    if (!file.open(QIODevice::ReadOnly)) {
        CliIo::err() << tr("%1: %2").arg(file.fileName(), file.errorString()) << Qt::endl;
        return 1;
    }
    const QString password =
        QString::fromUtf8(file.readLine()).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
    const ProjectLoad load = ProjectReader::readFile(parser.value(project));
    CliIo::print(load.diagnostics);
    if (!load.project)
        return 1;
    QString error;
    if (!Share::ReaderViews::setup(*load.project, *url, parser.value(reader), password, &error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("the role %1 reads the views of schema %2 in %3")
                        .arg(parser.value(reader), Share::ReaderViews::schemaName(), url->display())
                 << Qt::endl;
    return 0;
}

int ShareCommands::tokenAdd(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Makes a token for the HTTP API and prints it. It is shown this once: the database "
           "keeps only its SHA-256. Scopes: %1.")
            .arg(Share::Tokens::knownScopes().join(u", ")));
    parser.addPositionalArgument(QStringLiteral("add"), tr("the command"));
    const QCommandLineOption db = CliIo::databaseOption();
    const QCommandLineOption name(QStringLiteral("name"),
                                  tr("who the token is for, e.g. city-platform"), tr("NAME"));
    const QCommandLineOption scope(QStringLiteral("scope"), tr("what it may read, comma-separated"),
                                   tr("SCOPES"));
    parser.addOptions({db, name, scope});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&db, &name, &scope}))
        return code;
    const auto url = CliIo::databaseUrl(parser, db);
    if (!url)
        return 2;
    QString error;
    Share::Connection c(*url, QStringLiteral("cli"));
    if (!c.open(&error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    QStringList scopes;
    for (const QString& s : parser.value(scope).split(QLatin1Char(','), Qt::SkipEmptyParts))
        scopes << s.trimmed();
    const auto token = Share::Tokens::add(c.db(), parser.value(name), scopes, CliIo::systemLogin(),
                                          QDateTime::currentMSecsSinceEpoch(), &error);
    if (!token) {
        CliIo::err() << error << Qt::endl;
        return error.contains(u"scope") ? 2 : 1;
    }
    CliIo::err() << tr("the token for %1 (shown once; keep it secret):").arg(parser.value(name))
                 << Qt::endl;
    CliIo::out() << QString::fromLatin1(*token) << Qt::endl;
    return 0;
}

int ShareCommands::tokenList(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the API tokens, tab-separated: name, scopes, created, created by, revoked."));
    parser.addPositionalArgument(QStringLiteral("list"), tr("the command"));
    const QCommandLineOption db = CliIo::databaseOption();
    parser.addOption(db);
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&db}))
        return code;
    const auto url = CliIo::databaseUrl(parser, db);
    if (!url)
        return 2;
    QString error;
    Share::Connection c(*url, QStringLiteral("cli"));
    const auto tokens = c.open(&error) ? Share::Tokens::list(c.db(), &error) : std::nullopt;
    if (!tokens) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    const QTimeZone zone = QTimeZone::systemTimeZone();
    for (const Share::TokenInfo& t : *tokens)
        CliIo::out() << QStringList{t.name, t.scopes.join(QLatin1Char(',')),
                                    localTime(t.createdMs, zone), t.createdBy,
                                    t.revokedMs ? localTime(t.revokedMs, zone) : QString()}
                            .join(u'\t')
                     << '\n';
    CliIo::out().flush();
    return 0;
}

int ShareCommands::tokenRevoke(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Revokes an API token: calls with it are refused (401) from now on. The token's row "
           "and name stay, so the call log still says whose calls they were."));
    parser.addPositionalArgument(QStringLiteral("revoke"), tr("the command"));
    const QCommandLineOption db = CliIo::databaseOption();
    const QCommandLineOption name(QStringLiteral("name"), tr("the token's name"), tr("NAME"));
    parser.addOptions({db, name});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&db, &name}))
        return code;
    const auto url = CliIo::databaseUrl(parser, db);
    if (!url)
        return 2;
    QString error;
    Share::Connection c(*url, QStringLiteral("cli"));
    if (!c.open(&error) || !Share::Tokens::revoke(c.db(), parser.value(name),
                                                  QDateTime::currentMSecsSinceEpoch(), &error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("token %1 revoked").arg(parser.value(name)) << Qt::endl;
    return 0;
}

int ShareCommands::apiLog(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the HTTP API's calls, oldest first, tab-separated: time, token, remote "
           "address, method, path, status, rows, milliseconds; times in the time zone of "
           "--project, else this computer's."));
    parser.addPositionalArgument(QStringLiteral("log"), tr("the command"));
    const QCommandLineOption db = CliIo::databaseOption();
    const QCommandLineOption project = CliIo::projectOption();
    const QCommandLineOption since(QStringLiteral("since"),
                                   tr("calls from this time on (default: the last 24 hours)"),
                                   tr("T"));
    parser.addOptions({db, project, since});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&db}))
        return code;
    const auto url = CliIo::databaseUrl(parser, db);
    if (!url)
        return 2;
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (parser.isSet(project)) {
        const ProjectLoad load = ProjectReader::readFile(parser.value(project));
        CliIo::print(load.diagnostics);
        if (!load.project)
            return 1;
        zone = QTimeZone(load.project->timeZone.toUtf8());
    }
    qint64 fromMs = QDateTime::currentMSecsSinceEpoch() - 24 * 3'600'000;
    if (parser.isSet(since)) {
        const auto t = CliIo::parseTime(parser.value(since), zone);
        if (!t) {
            CliIo::err() << tr("--since: '%1' is not a time").arg(parser.value(since)) << Qt::endl;
            return 2;
        }
        fromMs = *t;
    }
    QString error;
    Share::Connection c(*url, QStringLiteral("cli"));
    if (!c.open(&error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    QSqlQuery q(c.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ts, token, remote, method, path, status, row_count, "
                             "duration_ms FROM api_calls WHERE ts >= ? ORDER BY ts, id"));
    q.addBindValue(fromMs);
    if (!q.exec()) {
        CliIo::err() << q.lastError().text() << Qt::endl;
        return 1;
    }
    QTextStream& out = CliIo::out();
    while (q.next())
        out << QStringList{localTime(q.value(0).toLongLong(), zone),
                           q.value(1).isNull() ? QStringLiteral("-") : q.value(1).toString(),
                           q.value(2).toString(),
                           q.value(3).toString(),
                           q.value(4).toString(),
                           q.value(5).toString(),
                           q.value(6).toString(),
                           QString::number(q.value(7).toDouble(), 'f', 1)}
                   .join(u'\t')
            << '\n';
    out.flush();
    return 0;
}

} // namespace PumpWatch::Cli
