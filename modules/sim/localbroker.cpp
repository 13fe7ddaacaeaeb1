#include "localbroker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace PumpWatch::Sim {

LocalBroker::~LocalBroker()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate(); // mosquitto saves its state on SIGTERM
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
}

bool LocalBroker::start(QString* error)
{
    if (QStandardPaths::findExecutable(QStringLiteral("mosquitto")).isEmpty() &&
        QStandardPaths::findExecutable(QStringLiteral("mosquitto"), {QStringLiteral("/usr/sbin")})
            .isEmpty()) {
        *error = tr("mosquitto is not installed (installer/install-deps.sh installs it)");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = tr("no temporary folder for the broker: %1").arg(m_dir.errorString());
        return false;
    }
    {
        QTcpServer probe; // a free port: taken, read, released
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = tr("no free port on 127.0.0.1: %1").arg(probe.errorString());
            return false;
        }
        m_port = probe.serverPort();
    }
    const QString conf = m_dir.filePath(QStringLiteral("mosquitto.conf"));
    QFile file(conf);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(conf, file.errorString());
        return false;
    }
    file.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\n"
                              "persistence true\npersistence_location %2/\nautosave_interval 10\n"
                              "queue_qos0_messages true\nmax_queued_messages 20000\n%3")
                   .arg(m_port)
                   .arg(m_dir.path())
                   // As root it would switch to the mosquitto user, who cannot use our folder.
                   .arg(::geteuid() == 0 ? QStringLiteral("user root\n") : QString())
                   .toUtf8());
    file.close();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    const QString program = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    m_process.start(program.isEmpty() ? QStringLiteral("/usr/sbin/mosquitto") : program,
                    {QStringLiteral("-c"), conf});
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        if (m_process.state() == QProcess::NotRunning)
            break;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(m_port));
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    *error = tr("mosquitto did not listen on 127.0.0.1:%1: %2")
                 .arg(m_port)
                 .arg(QString::fromUtf8(m_process.readAll()).trimmed());
    m_process.kill();
    m_process.waitForFinished(3000);
    return false;
}

} // namespace PumpWatch::Sim
