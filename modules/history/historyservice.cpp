#include "historyservice.h"

#include "historywriter.h"

#include <QMutexLocker>

#include <utility>

namespace PumpWatch::History {

namespace {
constexpr int RetentionEveryMs = 3'600'000;
}

HistoryService::HistoryService(const Project& project, const Clock& clock,
                               const HistoryOptions& options, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_clock(clock)
    , m_options(options)
{}

HistoryService::~HistoryService()
{
    stop();
}

void HistoryService::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start([this](QObject*) {
        m_writer = new HistoryWriter(m_project, m_clock, m_options,
                                     [this](bool connected, const QString& error) {
                                         Q_EMIT databaseConnectionChanged(connected, error);
                                     });
        if (m_writer->open())
            m_writer->applyRetention();
    });
    m_thread.every(int(m_options.batchMs), [this] { drain(); });
    m_thread.every(int(m_options.rollupFlushMs), [this] { m_writer->flush(); });
    m_thread.every(RetentionEveryMs, [this] { m_writer->applyRetention(); });
}

void HistoryService::drain()
{
    std::vector<Sample> batch;
    std::vector<JournalEntry> entries;
    std::vector<AuditEntry> audit;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_inbox);
        entries.swap(m_journalInbox);
        audit.swap(m_auditInbox);
    }
    if (!m_writer->isConnected())
        m_writer->retryConnection();
    if (!batch.empty())
        m_writer->write(batch);
    if (!entries.empty() || !audit.empty())
        m_writer->journal(entries, audit);
}

void HistoryService::append(std::span<const Sample> samples)
{
    QMutexLocker lock(&m_mutex);
    m_inbox.insert(m_inbox.end(), samples.begin(), samples.end());
}

void HistoryService::journal(std::span<const JournalEntry> entries,
                             std::span<const AuditEntry> audit)
{
    QMutexLocker lock(&m_mutex);
    m_journalInbox.insert(m_journalInbox.end(), entries.begin(), entries.end());
    m_auditInbox.insert(m_auditInbox.end(), audit.begin(), audit.end());
}

void HistoryService::sync()
{
    m_thread.call([this] {
        drain();
        return m_writer->flush();
    });
}

void HistoryService::stop()
{
    m_thread.stop([this] {
        drain();
        m_writer->flush();
        m_finalStats = m_writer->stats();
        delete std::exchange(m_writer, nullptr);
    });
}

HistoryStats HistoryService::stats() const
{
    if (!m_thread.isRunning())
        return m_finalStats;
    return m_thread.call([this] { return m_writer->stats(); });
}

qint64 HistoryService::spoolPending() const
{
    return m_thread.call([this] { return m_writer->spoolPending(); });
}

} // namespace PumpWatch::History
