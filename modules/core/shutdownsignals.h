// ShutdownSignals: turns SIGINT and SIGTERM into a Qt signal in the main thread, through a
// self-pipe (the only async-signal-safe way to reach the event loop). One per process; create
// it in main() after the QCoreApplication.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace PumpWatch {

class ShutdownSignals : public QObject {
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject* parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace PumpWatch
