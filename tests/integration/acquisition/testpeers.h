// Helpers of the acquisition integration tests: a child process with a line-based control
// channel (pumpwatch-sim, the pymodbus peer), free ports, and a sink that records what the
// driver reports. Header-only; the tests run the driver on their own thread.
#pragma once
#include <acquisition/modbusdriver.h>
#include <core/realtimestore.h>

#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <map>
#include <vector>

namespace PumpWatch::Test {

/// One of the project's programs in the build tree ("pumpwatch-server").
inline QString bin(const char* name)
{
    return QStringLiteral(PUMPWATCH_BIN_DIR "/") + QLatin1StringView(name);
}

/// A program that prints "ready" when serving and answers one line per stdin command.
class ControlledProcess {
public:
    ~ControlledProcess() { kill(); }

    bool start(const QString& program, const QStringList& args, int timeoutMs = 30'000)
    {
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(timeoutMs))
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                m_banner << QString::fromUtf8(line);
                if (line == "ready")
                    return true;
            }
            if (m_process.state() != QProcess::Running)
                return false;
            m_process.waitForReadyRead(200);
        }
        return false;
    }

    /// Sends `line`; returns the answer line ("ok …" or "error: …"), empty on timeout.
    QString command(const QString& line, int timeoutMs = 10'000)
    {
        m_process.write(line.toUtf8() + '\n');
        m_process.waitForBytesWritten(timeoutMs);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            while (m_process.canReadLine()) {
                const QString answer = QString::fromUtf8(m_process.readLine().trimmed());
                if (answer.startsWith(u"ok") || answer.startsWith(u"error"))
                    return answer;
            }
            m_process.waitForReadyRead(100);
        }
        return {};
    }

    /// The number after "ok " of a command's answer; NaN if it failed.
    double number(const QString& line)
    {
        const QString answer = command(line);
        bool ok = false;
        const double v = answer.mid(3).toDouble(&ok);
        return answer.startsWith(u"ok ") && ok ? v : std::numeric_limits<double>::quiet_NaN();
    }

    void kill()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }
    const QStringList& banner() const { return m_banner; }

private:
    QProcess m_process;
    QStringList m_banner;
};

/// `count` consecutive free TCP ports on 127.0.0.1 below the ephemeral range; returns the
/// port before the first (pumpwatch-sim's --base-port convention), or 0.
inline int freePortBase(int count, int lo, int hi)
{
    const int span = hi - lo - count - 1;
    const int seed = static_cast<int>((QCoreApplication::applicationPid() * 7919) % span);
    for (int attempt = 0; attempt < 200; ++attempt) {
        const int base = lo + (seed + attempt * (count + 17)) % span;
        std::vector<std::unique_ptr<QTcpServer>> held;
        bool all = true;
        for (int p = base + 1; p <= base + count && all; ++p) {
            held.push_back(std::make_unique<QTcpServer>());
            all = held.back()->listen(QHostAddress::LocalHost, static_cast<quint16>(p));
        }
        if (all)
            return base;
    }
    return 0;
}

/// Records everything the driver reports, keyed for the assertions the tests make.
class RecordingSink final : public Acquisition::AcquisitionSink {
public:
    explicit RecordingSink(quint32 tagCount)
        : store(tagCount)
        , firstBad(tagCount, 0)
    {}

    void samples(std::span<const Sample> batch) override
    {
        store.publish(batch);
        for (const Sample& s : batch) {
            ++counts[s.quality];
            if (s.quality == Quality::BadCommFailure && firstBad[s.tag] == 0)
                firstBad[s.tag] = QDateTime::currentMSecsSinceEpoch();
        }
    }
    void commStatusChanged(const Acquisition::CommStatus& s) override { statuses.push_back(s); }
    void audit(const Acquisition::WriteRecord& r) override { audits.push_back(r); }

    TagValue value(TagId id) const { return store.value(id); }

    RealtimeStore store;
    std::vector<qint64> firstBad; ///< wall ms of each tag's first Bad-CommFailure sample
    std::map<Quality, int> counts;
    std::vector<Acquisition::CommStatus> statuses;
    std::vector<Acquisition::WriteRecord> audits;
};

/// Runs a write to its end on this thread's event loop.
inline Acquisition::WriteRecord writeAndWait(Acquisition::ModbusDriver& driver, TagId tag,
                                             double value,
                                             const QString& user = QStringLiteral("tester"))
{
    std::optional<Acquisition::WriteRecord> result;
    driver.write(tag, value, user, [&](const Acquisition::WriteRecord& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000))
        return {};
    return result.value_or(Acquisition::WriteRecord{});
}

inline bool allOnline(const Acquisition::ModbusDriver& driver)
{
    for (int i = 0; i < driver.deviceCount(); ++i) {
        if (driver.deviceStatus(i).state != Acquisition::CommState::Online)
            return false;
    }
    return true;
}

} // namespace PumpWatch::Test
