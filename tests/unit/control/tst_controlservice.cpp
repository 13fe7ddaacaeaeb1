// ControlService: every transition of select → operate → read-back, with an injected clock, a
// real realtime store and the standard pump-house template, and the exact audit records.
#include <sim/citygenerator.h>

#include <QSignalSpy>
#include <QTest>

#include <control/controlservice.h>

using namespace PumpWatch;
using namespace PumpWatch::Control;

namespace {

constexpr qint64 T0 = 1'800'000'000'000;

struct Write {
    TagId tag;
    double value;
    QString login;
};

} // namespace

class tst_ControlService : public QObject {
    Q_OBJECT

    Project m_project = Sim::CityGenerator::generate({.stations = 2, .seed = 3});
    ManualClock m_clock{T0};
    std::unique_ptr<RealtimeStore> m_store;
    std::unique_ptr<ControlService> m_control;
    std::vector<Write> m_writes;
    QStringList m_records;
    QStringList m_alarms;

    const Operator zhangsan{QStringLiteral("zhangsan"), QStringLiteral("张三"), Role::Operator,
                            QStringLiteral("WS1")};
    const Operator lisi{QStringLiteral("lisi"), QStringLiteral("李四"), Role::Engineer,
                        QStringLiteral("WS2")};
    const Operator wangwu{QStringLiteral("wangwu"), QStringLiteral("王五"), Role::Viewer,
                          QStringLiteral("WS1")};

    TagId tag(const char* key) const
    {
        const Station& s = m_project.stations[0];
        return m_project.findTag(s.id, s.devices[0].id, QString::fromLatin1(key));
    }
    void set(const char* key, double value, Quality q = Quality::Good)
    {
        const Sample s{m_clock.nowMs(), value, tag(key), q};
        m_store->publish(std::span(&s, 1));
    }
    /// A fresh, normal station: pump 2 stopped, the tank well filled, 30 Hz.
    void normalStation()
    {
        set("pump1_running", 1);
        set("pump2_running", 0);
        set("pump2_command", 1);
        set("tank_level", 2.5);
        set("frequency_setpoint", 30);
        set("inlet_valve_open", 1);
    }
    ControlAddress at(const char* object) const { return {0, 0, QString::fromLatin1(object)}; }
    Acquisition::WriteRecord written(bool ok, const QString& error = {})
    {
        Acquisition::WriteRecord r;
        r.id = quint64(m_writes.size());
        r.ok = ok;
        r.error = error;
        r.finishedMs = m_clock.nowMs();
        return r;
    }

private Q_SLOTS:
    void init()
    {
        m_clock.setNowMs(T0);
        m_writes.clear();
        m_records.clear();
        m_alarms.clear();
        m_store = std::make_unique<RealtimeStore>(m_project.tagCount());
        m_control = std::make_unique<ControlService>(
            m_project, m_clock, *m_store, [this](TagId t, double v, const QString& login) {
                m_writes.push_back({t, v, login});
                return quint64(m_writes.size());
            });
        m_control->setRecorder([this](const ControlRecord& r) {
            m_records << QStringLiteral("%1 +%2s %3 %4 %5 %6 %7→%8 %9")
                             .arg(r.action)
                             .arg((r.ms - T0) / 1000)
                             .arg(r.who.login, r.who.workstation, r.stationId, r.object, r.oldValue,
                                  r.newValue, causeCode(r.cause));
        });
        m_control->setAlarmHook(
            [this](TagId t, bool failed, qint64, const ControlDef&, const Outcome&) {
                m_alarms << QStringLiteral("%1 %2").arg(m_project.tag(t).key).arg(failed);
            });
        normalStation();
    }

    void startStoppedPump()
    {
        QSignalSpy changed(m_control.get(), &ControlService::changed);
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Selected);
        QCOMPARE(m_control->state(at("pump[2]")).holder.name, QStringLiteral("张三"));
        m_clock.advanceMs(3000);
        QVERIFY(m_control->operate(zhangsan, at("pump[2]")).ok());
        QCOMPARE(m_writes.size(), std::size_t(1));
        QCOMPARE(m_writes[0].tag, tag("pump2_command"));
        QCOMPARE(m_writes[0].value, 1.0);
        QCOMPARE(m_writes[0].login, QStringLiteral("zhangsan"));
        m_clock.advanceMs(200);
        m_control->writeFinished(1, written(true));
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Executing);
        m_clock.advanceMs(4000); // the soft start
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Executing);
        set("pump2_running", 1);
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Done);
        QVERIFY(m_control->state(at("pump[2]")).last.ok());
        QCOMPARE(m_records, (QStringList{
                                "select +0s zhangsan WS1 S0001 pump[2] Stopped→start ok",
                                "operate +3s zhangsan WS1 S0001 pump[2] Stopped→start ok",
                                "done +7s zhangsan WS1 S0001 pump[2] Running→start ok",
                            }));
        QVERIFY(changed.size() >= 3);
        // A success tells the alarms too: it ends a failure alarm of the object if one stands
        // (also one an earlier run left), and is ignored when none does.
        QCOMPARE(m_alarms, QStringList{"pump2_command 0"});
    }

    void viewerIsRefused()
    {
        const Outcome o = m_control->select(wangwu, at("pump[2]"), 1);
        QCOMPARE(o.cause, Cause::NotPermitted);
        // The refusal names the role and the permission it lacks.
        QVERIFY2(o.message.contains(roleDisplayName(Role::Viewer)) &&
                     o.message.contains(actionDisplayName(Action::OperateEquipment)),
                 qPrintable(o.message));
        QCOMPARE(m_control->check(wangwu, at("pump[2]")).cause, Cause::NotPermitted);
        QCOMPARE(m_control->check(zhangsan, at("pump[2]")).cause, Cause::None);
        QCOMPARE(m_records,
                 QStringList{"select +0s wangwu WS1 S0001 pump[2] Stopped→start not_permitted"});
        QVERIFY(m_writes.empty());
    }

    void unknownObject()
    {
        QCOMPARE(m_control->select(zhangsan, at("pump[7]"), 1).cause, Cause::UnknownObject);
        QCOMPARE(m_control->select(zhangsan, {5, 0, QStringLiteral("pump[1]")}, 1).cause,
                 Cause::UnknownObject);
    }

    void selectionTimesOut()
    {
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        m_clock.advanceMs(29'999);
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Selected);
        m_clock.advanceMs(1);
        normalStation();
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Idle);
        QCOMPARE(m_control->operate(zhangsan, at("pump[2]")).cause, Cause::NotSelected);
        QVERIFY(m_writes.empty());
        QCOMPARE(m_records,
                 (QStringList{"select +0s zhangsan WS1 S0001 pump[2] Stopped→start ok",
                              "expire +30s zhangsan WS1 S0001 pump[2] Stopped→start select_expired",
                              "operate +30s zhangsan WS1 S0001 pump[2] Stopped→ not_selected"}));
    }

    void selectedElsewhere()
    {
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        const Outcome o = m_control->select(lisi, at("pump[2]"), 0);
        QCOMPARE(o.cause, Cause::SelectedElsewhere);
        QVERIFY2(o.message.contains(QStringLiteral("张三")) && o.message.contains(u"WS1"),
                 qPrintable(o.message));
        // The same login on another workstation is someone else too.
        Operator elsewhere = zhangsan;
        elsewhere.workstation = QStringLiteral("WS3");
        QCOMPARE(m_control->select(elsewhere, at("pump[2]"), 1).cause, Cause::SelectedElsewhere);
        QCOMPARE(m_control->operate(lisi, at("pump[2]")).cause, Cause::NotSelected);
        QCOMPARE(m_control->cancel(lisi, at("pump[2]")).cause, Cause::NotSelected);
        QVERIFY(m_control->cancel(zhangsan, at("pump[2]")).ok());
        QVERIFY(m_control->select(lisi, at("pump[2]"), 0).ok());
        QCOMPARE(
            m_records,
            (QStringList{"select +0s zhangsan WS1 S0001 pump[2] Stopped→start ok",
                         "select +0s lisi WS2 S0001 pump[2] Stopped→stop selected_elsewhere",
                         "select +0s zhangsan WS3 S0001 pump[2] Stopped→start selected_elsewhere",
                         "operate +0s lisi WS2 S0001 pump[2] Stopped→ not_selected",
                         "cancel +0s lisi WS2 S0001 pump[2] Stopped→ not_selected",
                         "cancel +0s zhangsan WS1 S0001 pump[2] Stopped→start cancelled",
                         "select +0s lisi WS2 S0001 pump[2] Stopped→stop ok"}));
    }

    void staleDataIsRefused()
    {
        m_clock.advanceMs(31'000); // the demo's 1 s poll: stale after 30 s
        Outcome o = m_control->select(zhangsan, at("pump[2]"), 1);
        QCOMPARE(o.cause, Cause::Stale);
        set("pump2_running", 0, Quality::BadCommFailure);
        o = m_control->select(zhangsan, at("pump[2]"), 1);
        QCOMPARE(o.cause, Cause::Stale);
        QVERIFY2(o.message.contains(QStringLiteral("last good value")), qPrintable(o.message));
        QVERIFY(m_writes.empty());
        // Going stale between select and operate refuses the operate.
        normalStation();
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        set("pump2_running", 0, Quality::BadCommFailure);
        QCOMPARE(m_control->operate(zhangsan, at("pump[2]")).cause, Cause::Stale);
        QVERIFY(m_writes.empty());
    }

    void interlockRefusesAStartNotAStop()
    {
        set("tank_level", 0.3);
        const Outcome o = m_control->select(zhangsan, at("pump[2]"), 1);
        QCOMPARE(o.cause, Cause::Interlock);
        QVERIFY2(o.message.contains(QStringLiteral("水箱液位低低")), qPrintable(o.message));
        QCOMPARE(m_control->check(zhangsan, at("pump[2]"), 1.0).cause, Cause::Interlock);
        QVERIFY(m_control->select(zhangsan, at("pump[1]"), 0).ok()); // a stop is never blocked
        // The tank drains between select and operate: the start is refused at operate.
        set("tank_level", 2.0);
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        set("tank_level", 0.2);
        QCOMPARE(m_control->operate(zhangsan, at("pump[2]")).cause, Cause::Interlock);
        QVERIFY(m_writes.empty());
        // An interlock whose own value is bad holds too.
        set("tank_level", 2.0, Quality::BadSensorFault);
        QCOMPARE(m_control->select(zhangsan, at("pump[2]"), 1).cause, Cause::Interlock);
    }

    void missingFeedbackFailsAndRaisesAnAlarm()
    {
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        QVERIFY(m_control->operate(zhangsan, at("pump[2]")).ok());
        m_control->writeFinished(1, written(true));
        for (int i = 0; i < 19; ++i) {
            m_clock.advanceMs(1000);
            set("pump2_running", 0); // the pump never starts
            m_control->tick();
        }
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Executing);
        m_clock.advanceMs(1000);
        set("pump2_running", 0);
        m_control->tick();
        const ControlState st = m_control->state(at("pump[2]"));
        QCOMPARE(st.step, Step::Failed);
        QCOMPARE(st.last.cause, Cause::NoFeedback);
        QVERIFY2(st.last.message.contains(QStringLiteral("20 s")), qPrintable(st.last.message));
        QCOMPARE(m_alarms, QStringList{"pump2_command 1"});
        QCOMPARE(m_writes.size(), std::size_t(1)); // never retried
        QCOMPARE(m_records.last(),
                 QStringLiteral("fail +20s zhangsan WS1 S0001 pump[2] Stopped→start no_feedback"));
        // A later command that succeeds ends the alarm.
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 0).ok());
        QVERIFY(m_control->operate(zhangsan, at("pump[2]")).ok());
        m_control->writeFinished(2, written(true));
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Done); // already stopped
        QCOMPARE(m_alarms, (QStringList{"pump2_command 1", "pump2_command 0"}));
    }

    void unacknowledgedWriteFailsAsAWriteFailure()
    {
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 7).ok()); // any non-zero starts
        QVERIFY(m_control->operate(zhangsan, at("pump[2]")).ok());
        QCOMPARE(m_writes.back().value, 1.0);
        m_clock.advanceMs(20'000); // the PLC never answered the write
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[2]")).step, Step::Failed);
        QCOMPARE(m_control->state(at("pump[2]")).last.cause, Cause::WriteFailed);
        QCOMPARE(m_control->select(zhangsan, at("frequency_setpoint"), qQNaN()).cause,
                 Cause::OutOfRange);
    }

    void refusedWriteFails()
    {
        QVERIFY(m_control->select(zhangsan, at("inlet_valve"), 0).ok());
        QVERIFY(m_control->operate(zhangsan, at("inlet_valve")).ok());
        m_control->writeFinished(1, written(false, QStringLiteral("Modbus exception 4")));
        QCOMPARE(m_control->state(at("inlet_valve")).step, Step::Failed);
        QCOMPARE(m_control->state(at("inlet_valve")).last.cause, Cause::WriteFailed);
        QCOMPARE(m_records.last(),
                 QStringLiteral(
                     "fail +0s zhangsan WS1 S0001 inlet_valve Fully open→close write_failed"));
        QCOMPARE(m_alarms, QStringList{"inlet_valve_command 1"});
        QCOMPARE(m_writes.size(), std::size_t(1));
    }

    void busyWhileExecuting()
    {
        QVERIFY(m_control->select(zhangsan, at("pump[2]"), 1).ok());
        QVERIFY(m_control->operate(zhangsan, at("pump[2]")).ok());
        QCOMPARE(m_control->select(zhangsan, at("pump[2]"), 0).cause, Cause::Busy);
        QCOMPARE(m_control->select(lisi, at("pump[2]"), 0).cause, Cause::SelectedElsewhere);
        QCOMPARE(m_control->operate(zhangsan, at("pump[2]")).cause, Cause::NotSelected);
        QCOMPARE(m_writes.size(), std::size_t(1));
    }

    void setpointRangeAndStep()
    {
        const ControlAddress f = at("frequency_setpoint");
        QCOMPARE(m_control->select(zhangsan, f, 55).cause, Cause::OutOfRange);
        QCOMPARE(m_control->select(zhangsan, f, -1).cause, Cause::OutOfRange);
        const Outcome big = m_control->select(zhangsan, f, 40);
        QCOMPARE(big.cause, Cause::StepTooBig);
        QVERIFY2(big.message.contains(QStringLiteral("again")), qPrintable(big.message));
        QVERIFY(m_control->select(zhangsan, f, 34).ok());       // within the 5 Hz step
        QVERIFY(m_control->select(zhangsan, f, 40, true).ok()); // typed twice
        QVERIFY(m_control->operate(zhangsan, f).ok());
        QCOMPARE(m_writes.back().tag, tag("frequency_setpoint"));
        QCOMPARE(m_writes.back().value, 40.0);
        m_control->writeFinished(1, written(true));
        m_clock.advanceMs(1000);
        set("frequency_setpoint", 40.04); // float32 and scaling: within the 0.1 Hz tolerance
        m_control->tick();
        QCOMPARE(m_control->state(f).step, Step::Done);
        QCOMPARE(m_records,
                 (QStringList{"select +0s zhangsan WS1 S0001 frequency_setpoint 30→55 out_of_range",
                              "select +0s zhangsan WS1 S0001 frequency_setpoint 30→-1 out_of_range",
                              "select +0s zhangsan WS1 S0001 frequency_setpoint 30→40 step_too_big",
                              "select +0s zhangsan WS1 S0001 frequency_setpoint 30→34 ok",
                              "select +0s zhangsan WS1 S0001 frequency_setpoint 30→40 ok",
                              "operate +0s zhangsan WS1 S0001 frequency_setpoint 30→40 ok",
                              "done +1s zhangsan WS1 S0001 frequency_setpoint 40.04→40 ok"}));
    }

    void aSetpointReadBackOutsideToleranceFails()
    {
        const ControlAddress f = at("frequency_setpoint");
        QVERIFY(m_control->select(zhangsan, f, 33).ok());
        QVERIFY(m_control->operate(zhangsan, f).ok());
        m_control->writeFinished(1, written(true));
        m_clock.advanceMs(1000);
        set("frequency_setpoint", 32.5); // the PLC clamped it
        m_control->tick();
        QCOMPARE(m_control->state(f).step, Step::Executing);
        m_clock.advanceMs(9000);
        set("frequency_setpoint", 32.5);
        m_control->tick();
        QCOMPARE(m_control->state(f).step, Step::Failed);
        QCOMPARE(m_control->state(f).last.cause, Cause::NoFeedback);
    }

    void readBackBeforeTheWriteDoesNotCount()
    {
        // The feedback already reads "running" from before (a stale reading of a pump that was
        // running): only a reading taken after the PLC took the write proves it.
        QVERIFY(m_control->select(zhangsan, at("pump[1]"), 1).ok());
        QVERIFY(m_control->operate(zhangsan, at("pump[1]")).ok());
        m_clock.advanceMs(500);
        m_control->writeFinished(1, written(true));
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[1]")).step, Step::Executing);
        set("pump1_running", 1);
        m_control->tick();
        QCOMPARE(m_control->state(at("pump[1]")).step, Step::Done);
    }
};

QTEST_GUILESS_MAIN(tst_ControlService)
#include "tst_controlservice.moc"
