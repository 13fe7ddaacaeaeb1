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
//
// Or on a configuration of one's own, e.g. the shipped one with its files in a test folder:
//
//     MosquittoBroker broker(MosquittoBroker::Config::fromFile(
//         PUMPWATCH_SOURCE_DIR "/installer/mosquitto/pumpwatch.conf",
//         {{QStringLiteral("/etc/mosquitto/pumpwatch"), dir.path()}}));
//
// Its first `listener` line becomes the test's loopback listener (what follows it, e.g.
// `protocol`, applies to that), persistence goes to the broker's own temporary folder, and the
// paths of the replacements are rewritten — so the test runs what a control room runs.
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
#include <optional>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace PumpWatch::Test {

class MosquittoBroker {
public:
    /// A configuration of one's own in place of the built-in anonymous one.
    struct Config {
        QString text; ///< a mosquitto.conf
        /// Literal replacements made in `text` first, e.g. {"/etc/mosquitto/pumpwatch", dir}.
        QList<std::pair<QString, QString>> replacements;
        QString errorString; ///< set by fromFile if the file cannot be read

        static Config fromFile(const QString& path,
                               QList<std::pair<QString, QString>> replacements = {})
        {
            Config config;
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                config.text = QString::fromUtf8(file.readAll());
            else
                config.errorString = QStringLiteral("cannot read %1").arg(path);
            config.replacements = std::move(replacements);
            return config;
        }
    };

    /// Starts a broker; `extraConf` is appended to its configuration (e.g. "retain_available
    /// false\n"). Check isRunning() / errorString().
    explicit MosquittoBroker(QString extraConf = {})
        : m_extraConf(std::move(extraConf))
    {
        m_port = freeLoopbackPort();
        start();
    }
    /// Starts a broker on `config` (see the top of this file). Check isRunning() / errorString().
    explicit MosquittoBroker(Config config)
        : m_config(std::move(config))
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
    /// The broker's temporary folder: its configuration file, and its persistence when given a
    /// Config with `persistence true`.
    QString dir() const { return m_dir.path(); }

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
        QString text;
        if (m_config) {
            if (!adapted(&text))
                return false;
        } else {
            text = QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\npersistence false\n"
                                  "max_queued_messages 20000\n%2\n")
                       .arg(m_port)
                       .arg(m_extraConf);
        }
        // As root it would switch to user mosquitto, who cannot read our files.
        if (::geteuid() == 0)
            text += QStringLiteral("user root\n");
        file.write(text.toUtf8());
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
    /// m_config made fit for a test: replacements made, the first listener on our loopback port,
    /// the machine's own paths (persistence, pid, log file) dropped or moved into m_dir.
    bool adapted(QString* out)
    {
        if (!m_config->errorString.isEmpty()) {
            m_error = m_config->errorString;
            return false;
        }
        QString text = m_config->text;
        for (const auto& [from, to] : m_config->replacements)
            text.replace(from, to);
        QStringList lines;
        bool listener = false;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            const QString key = line.trimmed().section(QLatin1Char(' '), 0, 0);
            if (key == u"listener") {
                if (listener) {
                    m_error = QStringLiteral("a test broker has one listener: %1").arg(line);
                    return false;
                }
                listener = true;
                lines << QStringLiteral("listener %1 127.0.0.1").arg(m_port);
            } else if (key == u"persistence_location" || key == u"pid_file" || key == u"log_dest") {
                lines << QStringLiteral("# (test) ") + line;
            } else {
                lines << line;
            }
        }
        if (!listener)
            lines.prepend(QStringLiteral("listener %1 127.0.0.1").arg(m_port));
        lines << QStringLiteral("persistence_location %1/").arg(m_dir.path());
        *out = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        return true;
    }

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
    std::optional<Config> m_config;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_error;
    int m_port = 0;
};

} // namespace PumpWatch::Test
