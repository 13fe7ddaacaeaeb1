#include "historyservice.h"

#include "historywriter.h"

#include <QMutexLocker>
#include <QTimer>

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
{
    m_thread.setObjectName(QStringLiteral("history"));
}

HistoryService::~HistoryService()
{
    stop();
}

template <typename F>
auto HistoryService::inThread(F f) const
{
    decltype(f()) result{};
    if (m_context)
        QMetaObject::invokeMethod(
            m_context, [&] { result = f(); }, Qt::BlockingQueuedConnection);
    return result;
}

void HistoryService::start()
{
    if (m_context)
        return;
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_writer = new HistoryWriter(m_project, m_clock, m_options,
                                         [this](bool connected, const QString& error) {
                                             Q_EMIT databaseConnectionChanged(connected, error);
                                         });
            if (m_writer->open())
                m_writer->applyRetention();
            auto* batch = new QTimer(m_context);
            QObject::connect(batch, &QTimer::timeout, m_context, [this] { drain(); });
            batch->start(int(m_options.batchMs));
            auto* flush = new QTimer(m_context);
            QObject::connect(flush, &QTimer::timeout, m_context, [this] { m_writer->flush(); });
            flush->start(int(m_options.rollupFlushMs));
            auto* retention = new QTimer(m_context);
            QObject::connect(retention, &QTimer::timeout, m_context,
                             [this] { m_writer->applyRetention(); });
            retention->start(RetentionEveryMs);
        },
        Qt::BlockingQueuedConnection);
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
    inThread([this] {
        drain();
        return m_writer->flush();
    });
}

void HistoryService::stop()
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            drain();
            m_writer->flush();
            m_finalStats = m_writer->stats();
            delete m_writer;
            m_writer = nullptr;
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_context = nullptr;
    m_thread.quit();
    m_thread.wait();
}

HistoryStats HistoryService::stats() const
{
    if (!m_context)
        return m_finalStats;
    return inThread([this] { return m_writer->stats(); });
}

qint64 HistoryService::spoolPending() const
{
    return inThread([this] { return m_writer->spoolPending(); });
}

} // namespace PumpWatch::History
