// tst_sparkplug's independent implementation: protoc's Python classes for our
// sparkplug_b.proto, generated into a temporary directory and driven by sparkplug_peer.py with
// Debian's python3 (the python3 on PATH may be a pyenv shim without python3-protobuf).
#pragma once
#include <QDebug>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

struct Peer {
    QTemporaryDir dir;
    QString python;
    QString skip; ///< why it can't run here: protoc or python3-protobuf missing

    Peer()
    {
        const QString protoc = QStandardPaths::findExecutable(QStringLiteral("protoc"));
        python = QFile::exists(QStringLiteral("/usr/bin/python3"))
                     ? QStringLiteral("/usr/bin/python3")
                     : QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (protoc.isEmpty() || python.isEmpty()) {
            skip = QStringLiteral("protoc or python3 missing (installer/install-deps.sh)");
            return;
        }
        if (QProcess::execute(
                python, {QStringLiteral("-c"), QStringLiteral("import google.protobuf")}) != 0) {
            skip = QStringLiteral("python3-protobuf missing (installer/install-deps.sh)");
            return;
        }
        const QString here = QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/unit/mqtt");
        QProcess p;
        p.start(protoc, {QStringLiteral("--proto_path=") + here,
                         QStringLiteral("--python_out=") + dir.path(),
                         here + QStringLiteral("/sparkplug_b.proto")});
        p.waitForFinished();
        if (p.exitCode() != 0)
            skip = QStringLiteral("protoc failed: ") +
                   QString::fromLocal8Bit(p.readAllStandardError());
    }
    /// sparkplug_peer.py's standard output (empty, with a warning, if it failed).
    QByteArray run(const QStringList& args)
    {
        QProcess p;
        p.start(python, QStringList{QStringLiteral(PUMPWATCH_SOURCE_DIR
                                                   "/tests/unit/mqtt/sparkplug_peer.py"),
                                    dir.path()} +
                            args);
        p.waitForFinished(30000);
        if (p.exitCode() != 0)
            qWarning() << p.readAllStandardError();
        return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray();
    }
    QByteArray file(const char* name)
    {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};
