// A database taken away and brought back, as the history and crash tests need it: a PostgreSQL
// cluster stopped and started again; an SQLite file locked by an exclusive transaction of the
// test's own (writers then fail with "database is locked" after their busy timeout).
//
//     std::unique_ptr<QSqlDatabase> locker;
//     QVERIFY2(takeDatabaseAway(pg, sqlitePath, locker, &error), qPrintable(error));
//     QVERIFY2(bringDatabaseBack(pg, locker, &error), qPrintable(error));
#pragma once
#include "../../common/pgcluster.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

/// Stops `pg`, or (`pg` null) locks the SQLite file at `sqlitePath` with a transaction that
/// `locker` holds.
inline bool takeDatabaseAway(PgCluster* pg, const QString& sqlitePath,
                             std::unique_ptr<QSqlDatabase>& locker, QString* error)
{
    if (pg) {
        if (!pg->stop())
            *error = QStringLiteral("the PostgreSQL cluster did not stop");
        return error->isEmpty();
    }
    locker = std::make_unique<QSqlDatabase>(
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker")));
    locker->setDatabaseName(sqlitePath);
    QSqlQuery q(*locker);
    if (!locker->open() || !q.exec(QStringLiteral("BEGIN EXCLUSIVE")))
        *error = locker->lastError().text() + q.lastError().text();
    return error->isEmpty();
}

/// Starts `pg` again, or ends the locking transaction.
inline bool bringDatabaseBack(PgCluster* pg, std::unique_ptr<QSqlDatabase>& locker, QString* error)
{
    if (pg)
        return pg->startServer(error);
    if (!locker)
        return true;
    if (!QSqlQuery(*locker).exec(QStringLiteral("ROLLBACK")))
        *error = locker->lastError().text();
    locker->close();
    locker.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    return error->isEmpty();
}
