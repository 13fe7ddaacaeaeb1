#include "servicethread.h"

#include <QTimer>

#include <utility>

namespace PumpWatch {

ServiceThread::ServiceThread(const QString& name)
{
    m_thread.setObjectName(name);
}

ServiceThread::~ServiceThread()
{
    stop();
}

void ServiceThread::start(const std::function<void(QObject* context)>& setUp)
{
    if (m_context)
        return;
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this, &setUp] {
            if (setUp)
                setUp(m_context);
        },
        Qt::BlockingQueuedConnection);
}

void ServiceThread::stop(const std::function<void()>& tearDown)
{
    if (!m_context)
        return;
    QObject* context = std::exchange(m_context, nullptr);
    QMetaObject::invokeMethod(
        context,
        [context, &tearDown] {
            if (tearDown)
                tearDown();
            delete context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ServiceThread::post(std::function<void()> f) const
{
    if (m_context)
        QMetaObject::invokeMethod(m_context, std::move(f), Qt::QueuedConnection);
}

void ServiceThread::every(int intervalMs, std::function<void()> f) const
{
    QObject* context = m_context;
    if (!context)
        return;
    // The context is alive when this runs: stop() deletes it after everything posted before.
    QMetaObject::invokeMethod(
        context,
        [context, intervalMs, f = std::move(f)] {
            auto* timer = new QTimer(context);
            QObject::connect(timer, &QTimer::timeout, timer, f);
            timer->start(intervalMs);
        },
        Qt::QueuedConnection);
}

} // namespace PumpWatch
