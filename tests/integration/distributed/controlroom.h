// Helpers of the control-room tests: pumpwatch-server and `pumpwatch --probe` as child processes.
// A probe prints JSON lines (app/workstation/probe.h); ProbeProcess keeps every event and waits
// for the one a test expects. ServerProcess logs to a file and can be killed, stopped and
// continued like a real machine's process.
#pragma once

#include "../acquisition/testpeers.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <functional>
#include <optional>

namespace PumpWatch::Test {

class ProbeProcess {
public:
    ~ProbeProcess() { stop(); }

    bool start(const QString& project, int brokerPort, const QString& workstation,
               const QString& who, int requestTimeoutMs = 5000)
    {
        m_process.setProgram(bin("pumpwatch"));
        m_process.setArguments(
            {QStringLiteral("--probe"), QStringLiteral("--project"), project,
             QStringLiteral("--remote"),
             QStringLiteral("mqtt://%1@127.0.0.1:%2").arg(workstation).arg(brokerPort),
             QStringLiteral("--user"), who, QStringLiteral("--request-timeout"),
             QString::number(requestTimeoutMs)});
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        return m_process.waitForStarted(10'000);
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel(); // stdin closed: the probe quits
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    void command(const QString& line)
    {
        m_process.write(line.toUtf8() + '\n');
        m_process.waitForBytesWritten(2000);
    }

    /// Events so far; a test remembers the size and waits for something after it.
    qsizetype mark()
    {
        read();
        return m_events.size();
    }
    const QList<QJsonObject>& events() const { return m_events; }

    /// The first event from `from` on that `match` accepts, waiting at most `timeoutMs`.
    std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject&)>& match,
                                       int timeoutMs, qsizetype from = 0)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            read();
            for (qsizetype i = from; i < m_events.size(); ++i)
                if (match(m_events[i]))
                    return m_events[i];
            from = std::max(from, m_events.size());
            if (t.elapsed() > timeoutMs || m_process.state() != QProcess::Running)
                return std::nullopt;
            m_process.waitForReadyRead(20);
            QCoreApplication::processEvents();
        }
    }

    std::optional<QJsonObject> waitForEvent(const QString& ev, int timeoutMs, qsizetype from = 0)
    {
        return waitFor([&](const QJsonObject& o) { return o.value(u"ev").toString() == ev; },
                       timeoutMs, from);
    }

    /// Sends a command that answers with one event `ev` and returns it.
    std::optional<QJsonObject> ask(const QString& line, const QString& ev, int timeoutMs = 5000)
    {
        const qsizetype from = mark();
        command(line);
        return waitForEvent(ev, timeoutMs, from);
    }

    /// A request (ack, select …): its "sent" event, then its response.
    std::optional<QJsonObject> request(const QString& line, int timeoutMs = 10'000)
    {
        const std::optional<QJsonObject> sent = ask(line, QStringLiteral("sent"));
        if (!sent)
            return std::nullopt;
        return response(sent->value(u"req").toString(), timeoutMs);
    }

    std::optional<QJsonObject> response(const QString& req, int timeoutMs = 10'000)
    {
        return waitFor(
            [&](const QJsonObject& o) {
                return o.value(u"ev").toString() == u"response" &&
                       o.value(u"req").toString() == req;
            },
            timeoutMs);
    }

    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

private:
    void read()
    {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (doc.isObject())
                m_events.append(doc.object());
        }
    }

    QProcess m_process;
    QList<QJsonObject> m_events;
};

class ServerProcess {
public:
    ~ServerProcess() { kill(); }

    bool start(const QStringList& args, const QString& log)
    {
        m_log = log;
        // The answers a dispatcher reads come from the server, in its language.
        // CTest sets LC_ALL=C.UTF-8 for every test, which Qt would take first: the messages in
        // Chinese, the characters still UTF-8.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("LC_ALL"));
        env.insert(QStringLiteral("LC_CTYPE"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
        m_process.setProcessEnvironment(env);
        m_process.setStandardOutputFile(log, QIODevice::Append);
        m_process.setStandardErrorFile(log, QIODevice::Append);
        m_process.start(bin("pumpwatch-server"), args);
        return m_process.waitForStarted(10'000);
    }

    /// Waits until the log has a line containing `text` (after `from` bytes).
    bool waitForLog(const QString& text, int timeoutMs, qint64 from = 0) const
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (logText(from).contains(text))
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    QString logText(qint64 from = 0) const
    {
        QFile f(m_log);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        f.seek(from);
        return QString::fromUtf8(f.readAll());
    }
    qint64 logSize() const { return QFileInfo(m_log).size(); }

    void signal(int number)
    {
        if (m_process.state() == QProcess::Running)
            ::kill(pid_t(m_process.processId()), number);
    }
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        signal(SIGCONT);
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    /// SIGTERM: a clean stop.
    bool terminate(int timeoutMs = 10'000)
    {
        signal(SIGTERM);
        return m_process.waitForFinished(timeoutMs);
    }
    bool waitForExit(int timeoutMs) { return m_process.waitForFinished(timeoutMs); }
    int exitCode() const { return m_process.exitCode(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

private:
    QProcess m_process;
    QString m_log;
};

/// p-th percentile (0…100) of `values`, nearest rank.
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const std::size_t rank =
        std::size_t(std::ceil(p / 100.0 * double(values.size()))) - (p > 0 ? 1 : 0);
    return values[std::min(rank, values.size() - 1)];
}

} // namespace PumpWatch::Test
