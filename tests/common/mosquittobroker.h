// A real mosquitto broker for a test: `mosquitto -c <generated conf>` on a free loopback port,
// anonymous, no persistence, max_queued_messages 20000 (DISTRIBUTED.md: the default 1000 caps
// what a subscriber gets queued). kill() is a SIGKILL — a broker crash, no goodbye to the
// clients — and start() brings it back on the same port, for broker-outage tests.
//
//     PumpWatch::Test::MosquittoBroker broker;          // started; QVERIFY(broker.isRunning())
//     options.port = broker.port();
//     broker.kill();                                    // clients see their connection lost
//     QVERIFY2(broker.start(), qPrintable(broker.errorString()));
//     broker.reload();                                  // SIGHUP: re-read password/ACL files
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace PumpWatch::Test {

class MosquittoBroker {
public:
    /// Starts a broker; `extraConf` is appended to its configuration (e.g. "retain_available
    /// false\n"). Check isRunning() / errorString().
    explicit MosquittoBroker(QString extraConf = {})
        : m_extraConf(std::move(extraConf))
    {
        m_port = freeLoopbackPort();
        start();
    }
    ~MosquittoBroker() { kill(); }
    MosquittoBroker(const MosquittoBroker&) = delete;
    MosquittoBroker& operator=(const MosquittoBroker&) = delete;

    int port() const { return m_port; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    /// Why start() failed, with the broker's own output.
    QString errorString() const { return m_error; }

    /// (Re)starts the broker on port(); true once it accepts connections (≤ 5 s).
    bool start()
    {
        if (isRunning())
            return true;
        const QString conf = m_dir.filePath(QStringLiteral("mosquitto.conf"));
        QFile file(conf);
        if (!m_dir.isValid() || !file.open(QIODevice::WriteOnly)) {
            m_error = QStringLiteral("cannot write %1").arg(conf);
            return false;
        }
        file.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\npersistence false\n"
                                  "max_queued_messages 20000\n%2%3\n")
                       .arg(m_port)
                       // As root it would switch to user mosquitto, who cannot read our files.
                       .arg(::geteuid() == 0 ? QStringLiteral("user root\n") : QString())
                       .arg(m_extraConf)
                       .toUtf8());
        file.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("mosquitto"), {QStringLiteral("-c"), conf});
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5000) {
            if (!m_process.waitForStarted(100) && m_process.state() == QProcess::NotRunning)
                break;
            if (accepts())
                return true;
            QThread::msleep(20);
        }
        m_process.kill();
        m_process.waitForFinished(2000);
        m_error = QStringLiteral("mosquitto on port %1 did not start: %2")
                      .arg(m_port)
                      .arg(QString::fromLocal8Bit(m_process.readAll()));
        return false;
    }

    /// SIGKILL, and waits until it is gone.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }

    /// SIGHUP: the broker re-reads its password and ACL files (config changes need a restart).
    void reload()
    {
        if (isRunning())
            ::kill(pid_t(m_process.processId()), SIGHUP);
    }

    /// A loopback port nothing listens on (now).
    static int freeLoopbackPort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        int port = 0;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        ::close(fd);
        return port;
    }

private:
    bool accepts() const
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(quint16(m_port));
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(fd);
        return ok;
    }

    QString m_extraConf;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_error;
    int m_port = 0;
};

} // namespace PumpWatch::Test
