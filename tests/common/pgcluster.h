// PgCluster: a throwaway PostgreSQL 15 server for tests and benchmarks — initdb in a temporary
// folder, pg_ctl on a free loopback port, one database "pumpwatch", stopped and deleted at the
// end. PostgreSQL refuses to run as root, so as root the server programs run as the postgres
// user (runuser); as anyone else they run as that user.
//
//     PgCluster pg;
//     QVERIFY2(pg.start(&error), qPrintable(error));
//     url = pg.url();                     // postgres://postgres@127.0.0.1:PORT/pumpwatch
//     pg.stop(); pg.startServer(&error);  // an outage, then the same cluster again
#pragma once

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>

#include <pwd.h>
#include <unistd.h>

class PgCluster {
public:
    PgCluster() { m_dir.setAutoRemove(true); }
    ~PgCluster() { stop(); }

    static QString binDir()
    {
        const QString env = qEnvironmentVariable("PUMPWATCH_PG_BIN");
        return env.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : env;
    }

    /// initdb, start, CREATE DATABASE pumpwatch.
    bool start(QString* error, const QStringList& serverSettings = {})
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("cannot create a temporary folder");
            return false;
        }
        m_settings = serverSettings;
        if (geteuid() == 0) {
            const passwd* pw = getpwnam("postgres");
            if (!pw) {
                *error = QStringLiteral("no postgres user: install postgresql-15");
                return false;
            }
            if (chown(QFile::encodeName(m_dir.path()).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                *error = QStringLiteral("cannot chown %1").arg(m_dir.path());
                return false;
            }
        }
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), data(), QStringLiteral("-A"), QStringLiteral("trust"),
                  QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-E"),
                  QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
                  QStringLiteral("--no-sync")},
                 error))
            return false;
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
        probe.close();
        if (!startServer(error))
            return false;
        const QString name = QStringLiteral("pgcluster-admin");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_port);
            db.setUserName(QStringLiteral("postgres"));
            db.setDatabaseName(QStringLiteral("postgres"));
            if (!db.open()) {
                *error = db.lastError().text();
            } else {
                QSqlQuery q(db);
                ok = q.exec(QStringLiteral("CREATE DATABASE pumpwatch"));
                if (!ok)
                    *error = q.lastError().text();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    /// Starts the server of an existing cluster (after stop()).
    bool startServer(QString* error)
    {
        QStringList options = {QStringLiteral("-p %1").arg(m_port),
                               QStringLiteral("-k %1").arg(m_dir.path()),
                               QStringLiteral("-c listen_addresses=127.0.0.1")};
        for (const QString& s : m_settings)
            options << QStringLiteral("-c %1").arg(s);
        m_running = run(QStringLiteral("pg_ctl"),
                        {QStringLiteral("-D"), data(), QStringLiteral("-l"),
                         m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                         QStringLiteral("-o"), options.join(u' '), QStringLiteral("start")},
                        error);
        return m_running;
    }

    /// Stops the server (fast: open connections are cut, as in a real outage).
    bool stop()
    {
        if (!m_running)
            return true;
        QString error;
        m_running = !run(QStringLiteral("pg_ctl"),
                         {QStringLiteral("-D"), data(), QStringLiteral("-m"),
                          QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")},
                         &error);
        return !m_running;
    }

    int port() const { return m_port; }
    QString url() const
    {
        return QStringLiteral("postgres://postgres@127.0.0.1:%1/pumpwatch").arg(m_port);
    }

private:
    QString data() const { return m_dir.filePath(QStringLiteral("data")); }

    bool run(const QString& program, const QStringList& args, QString* error)
    {
        QProcess p;
        const QString path = QDir(binDir()).filePath(program);
        if (geteuid() == 0)
            p.start(QStringLiteral("runuser"),
                    QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                QStringLiteral("--"), path} +
                        args);
        else
            p.start(path, args);
        if (!p.waitForFinished(120'000) || p.exitStatus() != QProcess::NormalExit ||
            p.exitCode() != 0) {
            *error = QStringLiteral("%1 failed: %2%3")
                         .arg(program, QString::fromLocal8Bit(p.readAllStandardError()),
                              p.errorString());
            return false;
        }
        return true;
    }

    QTemporaryDir m_dir;
    QStringList m_settings;
    int m_port = 0;
    bool m_running = false;
};
