#include "usercommands.h"

#include "cliio.h"

#include <core/clock.h>
#include <core/project.h>
#include <core/users.h>
#include <history/historyservice.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QSysInfo>

#include <cstdio>
#include <functional>

namespace PumpWatch::Cli {

namespace {

/// The workstation's data folder for this account: where `pumpwatch` keeps users.json.
QString defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("pumpwatch"));
}

std::optional<QString> readPassword(const QString& file)
{
    QFile f;
    const bool opened = file.isEmpty() || file == u"-"
                            ? f.open(stdin, QIODevice::ReadOnly)
                            : (f.setFileName(file), f.open(QIODevice::ReadOnly));
    if (!opened)
        return std::nullopt;
    QByteArray line = f.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

/// One audit row, written through the history service as the workstation writes its own.
bool writeAudit(const History::DatabaseUrl& url, const QString& spool, History::AuditEntry e,
                QString* error)
{
    const Project none;
    SystemClock clock;
    History::HistoryOptions options;
    options.database = url;
    options.spoolDirectory = spool;
    History::HistoryService history(none, clock, options);
    history.start();
    e.ms = clock.nowMs();
    e.user = CliIo::systemLogin();
    e.login = CliIo::systemLogin();
    e.workstation = QSysInfo::machineHostName();
    e.detail = e.detail.isEmpty() ? QStringLiteral("pumpwatch-cli")
                                  : e.detail + QStringLiteral("; pumpwatch-cli");
    history.journal({}, std::span(&e, 1));
    history.sync();
    const History::HistoryStats stats = history.stats();
    history.stop();
    if (!stats.connected) {
        *error = UserCommands::tr("%1: the audit row could not be written: %2")
                     .arg(url.display(), stats.lastError);
        return false;
    }
    return true;
}

} // namespace

QString UserCommands::usage()
{
    return tr("  user add LOGIN --role ROLE [--name NAME] [--department TEXT] [--must-change]\n"
              "  user list | reset-password LOGIN | unlock LOGIN | disable LOGIN | enable LOGIN\n"
              "                      [--data DIR | --users FILE] [--db URL] [--password-file F]\n"
              "                                           the workstation's accounts\n");
}

int UserCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    const QStringList commands{
        QStringLiteral("add"),    QStringLiteral("list"),    QStringLiteral("reset-password"),
        QStringLiteral("unlock"), QStringLiteral("disable"), QStringLiteral("enable")};
    if (!commands.contains(command)) {
        CliIo::err() << tr("unknown command 'user %1'; commands:\n").arg(command) << usage();
        return 2;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Manages the accounts of the workstation whose data folder is --data (default: %1, "
           "the workstation's for this account). Passwords are read from the first line of "
           "--password-file or of stdin. Every change is audited in --db (default: the "
           "history.sqlite of the data folder).")
            .arg(defaultDataDir()));
    parser.addPositionalArgument(command, tr("the command"));
    const QCommandLineOption data(QStringLiteral("data"), tr("the workstation's data folder"),
                                  QStringLiteral("DIR"), defaultDataDir());
    const QCommandLineOption usersFile(QStringLiteral("users"), tr("the users file itself"),
                                       QStringLiteral("FILE"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  tr("viewer, operator, engineer or administrator"),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption name(QStringLiteral("name"), tr("the full name shown (张三)"),
                                  QStringLiteral("NAME"));
    const QCommandLineOption department(QStringLiteral("department"), tr("unit and department"),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption mustChange(QStringLiteral("must-change"),
                                        tr("the user changes the password at the first login"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          tr("read the password from FILE's first line"),
                                          QStringLiteral("FILE"));
    const QCommandLineOption db = CliIo::databaseOption();
    parser.addOptions({data, usersFile, role, name, department, mustChange, passwordFile, db});
    const bool needsLogin = command != u"list";
    if (!CliIo::parse(parser, args, needsLogin ? 1 : 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QString login = parser.positionalArguments().value(1);
    const QDir dataDir(parser.value(data));
    const QString path = parser.isSet(usersFile) ? parser.value(usersFile)
                                                 : dataDir.filePath(QStringLiteral("users.json"));
    QString error;
    auto store = UserStore::load(path, &error);
    if (!store) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    if (command == u"list") {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const User& u : store->users()) {
            const QString state = u.disabled             ? QStringLiteral("disabled")
                                  : u.isLocked(now)      ? QStringLiteral("locked")
                                  : u.mustChangePassword ? QStringLiteral("must-change-password")
                                                         : QStringLiteral("active");
            CliIo::out()
                << QStringList{u.name, u.displayName, roleCode(u.role), u.department, state}.join(
                       u'\t')
                << '\n';
        }
        CliIo::out().flush();
        return 0;
    }

    History::AuditEntry audit;
    audit.target = QStringLiteral("user:") + login;
    std::function<bool()> change;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (command == u"add" || command == u"reset-password") {
        const auto password = readPassword(parser.value(passwordFile));
        if (!password || password->isEmpty()) {
            CliIo::err() << tr("no password: give it on the first line of --password-file or "
                               "of stdin")
                         << Qt::endl;
            return 2;
        }
        if (command == u"add") {
            if (const int code = CliIo::require(parser, {&role}))
                return code;
            const auto r = parseRole(parser.value(role));
            if (!r) {
                CliIo::err() << tr("--role %1: one of viewer, operator, engineer, administrator")
                                    .arg(parser.value(role))
                             << Qt::endl;
                return 2;
            }
            User u;
            u.name = login;
            u.displayName = parser.value(name);
            u.department = parser.value(department);
            u.role = *r;
            audit.action = QStringLiteral("user.add");
            audit.newValue = QStringLiteral("role=%1 name=%2 department=%3")
                                 .arg(roleCode(u.role), u.displayName, u.department);
            change = [&, u, pw = *password] {
                return store->add(u, pw, parser.isSet(mustChange), now, &error);
            };
        } else {
            audit.action = QStringLiteral("user.reset_password");
            audit.newValue = QStringLiteral("must change at next login");
            change = [&, pw = *password] { return store->resetPassword(login, pw, now, &error); };
        }
    } else if (command == u"unlock") {
        audit.action = QStringLiteral("user.unlock");
        change = [&] { return store->unlock(login, &error); };
    } else {
        const bool disable = command == u"disable";
        audit.action = disable ? QStringLiteral("user.disable") : QStringLiteral("user.enable");
        change = [&, disable] { return store->setDisabled(login, disable, &error); };
    }

    // The database the change is audited in: --db, else the workstation's own SQLite file.
    const auto url =
        parser.isSet(db)
            ? CliIo::databaseUrl(parser, db)
            : History::DatabaseUrl::parse(QStringLiteral("sqlite:") +
                                              dataDir.filePath(QStringLiteral("history.sqlite")),
                                          &error);
    if (!url)
        return 2;
    if (!dataDir.exists() && !QDir().mkpath(dataDir.path())) {
        CliIo::err() << tr("%1: cannot create the data folder").arg(dataDir.path()) << Qt::endl;
        return 1;
    }
    const bool ok = change() && store->save(&error);
    audit.result = ok ? QStringLiteral("ok") : QStringLiteral("refused");
    audit.detail = ok ? QString() : error;
    QString auditError;
    if (!writeAudit(*url, dataDir.filePath(QStringLiteral("spool")), audit, &auditError)) {
        CliIo::err() << auditError << Qt::endl;
        return 1;
    }
    if (!ok) {
        CliIo::err() << login << ": " << error << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("%1: %2 done (%3)").arg(login, command, path) << Qt::endl;
    return 0;
}

} // namespace PumpWatch::Cli
