// ServiceThread: a worker thread with its own event loop, the one the acquisition, history and
// alarm services each run on. Objects made in `start()`'s set-up or in `every()` belong to that
// loop; the thread's context object owns the timers, so `stop()` deletes them before it joins.
//
// start(), stop() and call() block the caller until the thread has run the function: use them
// at start-up, at shutdown, and from threads that may wait (server logs, tests, a pool thread),
// never from the GUI thread while it runs. post() and every() never wait.
//
//     ServiceThread thread(QStringLiteral("history"));
//     thread.start([&](QObject* context) { writer = new Writer; });   // runs in the thread
//     thread.every(1000, [&] { writer->flush(); });
//     thread.post([&] { writer->retry(); });                          // returns at once
//     const Stats s = thread.call([&] { return writer->stats(); });   // waits
//     thread.stop([&] { delete writer; });
#pragma once

#include <QObject>
#include <QThread>

#include <functional>

namespace PumpWatch {

class ServiceThread {
public:
    explicit ServiceThread(const QString& name);
    /// Stops the thread if it still runs.
    ~ServiceThread();
    ServiceThread(const ServiceThread&) = delete;
    ServiceThread& operator=(const ServiceThread&) = delete;

    /// Starts the thread and runs `setUp` in it; returns once it has run.
    void start(const std::function<void(QObject* context)>& setUp = {});
    /// Runs `tearDown` in the thread after what is already posted, deletes the context with its
    /// timers, then joins the thread.
    void stop(const std::function<void()>& tearDown = {});
    bool isRunning() const { return m_context != nullptr; }
    /// Lives in the thread while it runs; parent for the thread's timers. Null when stopped.
    QObject* context() const { return m_context; }

    /// Queues `f` to run in the thread and returns at once; dropped when not running.
    void post(std::function<void()> f) const;
    /// Calls `f` in the thread every `intervalMs` until stop(); returns at once.
    void every(int intervalMs, std::function<void()> f) const;
    /// Runs `f` in the thread and returns its result, default-constructed when not running.
    /// Blocks until the thread gets to it: not for the GUI thread.
    template <typename F>
    auto call(F f) const
    {
        decltype(f()) result{};
        if (m_context)
            QMetaObject::invokeMethod(
                m_context, [&] { result = f(); }, Qt::BlockingQueuedConnection);
        return result;
    }

private:
    QThread m_thread;
    QObject* m_context = nullptr; ///< lives in m_thread
};

} // namespace PumpWatch
