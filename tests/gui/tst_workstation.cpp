// The workstation end to end on a small simulated city served in-process: a power outage
// injected at a station raises a critical alarm that flashes and starts the horn, the
// dispatcher acknowledges it from the keyboard with a note, and the journal row in the SQLite
// history carries the note and the dispatcher's name. Also: the layout persists across a
// restart, per user; login rejects a wrong password; passwords are not stored.
#include <core/clock.h>
#include <core/users.h>
#include <history/journal.h>
#include <sim/citygenerator.h>
#include <sim/localcity.h>
#include <ui/alarmpanel.h>
#include <ui/logindialog.h>
#include <ui/mainwindow.h>
#include <ui/stationlistview.h>

#include <QApplication>
#include <QDockWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <runtime/pipeline.h>

using namespace PumpWatch;

class tst_Workstation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        auto users = UserStore::load(m_dir.filePath(QStringLiteral("users.json")), &error);
        QVERIFY2(users, qPrintable(error));
        m_users = std::move(*users);
        // A low iteration count keeps the test quick; the KDF is the same.
        QVERIFY(m_users.set(QStringLiteral("zhangsan"), QStringLiteral("张三"), Role::Operator,
                            QStringLiteral("s3cret-pw"), &error, 1000));
        QVERIFY(m_users.set(QStringLiteral("lisi"), QStringLiteral("李四"), Role::Engineer,
                            QStringLiteral("other-pw"), &error, 1000));
        QVERIFY2(m_users.save(&error), qPrintable(error));
    }

    void passwordsAreSaltedAndLoginRejectsAWrongOne()
    {
        QFile file(m_users.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(!stored.contains("s3cret-pw"));
        QVERIFY(stored.contains("pbkdf2-sha256"));
        QVERIFY(m_users.find(u"zhangsan")->salt != m_users.find(u"lisi")->salt);
        // RFC 7914 §11 test vector for PBKDF2-HMAC-SHA256 (c = 1).
        QCOMPARE(UserStore::pbkdf2Sha256("passwd", "salt", 1, 64).toHex(),
                 QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"));

        Ui::LoginDialog dialog(m_users, Ui::LoginDialog::Mode::Login);
        dialog.setUserName(QStringLiteral("zhangsan"));
        dialog.setPassword(QStringLiteral("wrong"));
        QVERIFY(!dialog.tryLogin());
        QVERIFY(!dialog.user());
        QVERIFY(!dialog.error().isEmpty());
        QVERIFY(dialog.result() != QDialog::Accepted);
        dialog.setPassword(QStringLiteral("s3cret-pw"));
        QVERIFY(dialog.tryLogin());
        QCOMPARE(dialog.user()->displayName, QStringLiteral("张三"));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        // An unknown user fails the same way.
        Ui::LoginDialog other(m_users, Ui::LoginDialog::Mode::Login);
        other.setUserName(QStringLiteral("nobody"));
        other.setPassword(QStringLiteral("s3cret-pw"));
        QVERIFY(!other.tryLogin());
    }

    void criticalAlarmFlashesSoundsAndIsAcknowledgedWithANote()
    {
        Sim::CityOptions o;
        o.stations = 3;
        Project project = Sim::CityGenerator::generate(o);
        QString error;
        QVERIFY2(Sim::LocalCity::assignFreePorts(project, &error), qPrintable(error));
        SystemClock clock;
        Sim::LocalCity city(project, clock.nowMs());
        QVERIFY2(city.start(&error), qPrintable(error));
        const auto url = History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("h.sqlite")), &error);
        QVERIFY(url);
        History::HistoryOptions history;
        history.database = *url;
        history.spoolDirectory = m_dir.filePath(QStringLiteral("spool"));
        Runtime::Pipeline pipeline(project, clock, {history, nullptr, QStringLiteral("test")});
        pipeline.start();
        Ui::Session session;
        session.setUser(*m_users.find(u"zhangsan"));
        Ui::Services services{project,
                              QStringLiteral("test"),
                              clock,
                              pipeline.store(),
                              pipeline.alarms(),
                              &pipeline.acquisition(),
                              pipeline.history(),
                              *url,
                              session};
        QSettings settings(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.stations().state(1) == Ui::StationState::Normal, 15000);

        QVERIFY(city.command(QStringLiteral("outage S0002 on")).startsWith(u"ok"));
        Ui::AlarmCenter& center = window.alarmCenter();
        Ui::AlarmListModel& model = center.model();
        auto powerRow = [&]() -> int {
            for (int r = 0; r < model.rowCount(); ++r) {
                if (model.record(r).type == Alarms::AlarmType::PowerFail)
                    return r;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(powerRow() >= 0, 10000);
        const Alarms::AlarmRecord raised = model.record(powerRow());
        QCOMPARE(raised.severity, Alarms::Severity::Critical);
        QCOMPARE(raised.station, 1);
        // It flashes: the row's colour goes on and off until acknowledged.
        QTRY_VERIFY(model.index(powerRow(), 0).data(Ui::AlarmListModel::FlashRole).toBool());
        QTRY_VERIFY(!model.index(powerRow(), 0).data(Ui::AlarmListModel::FlashRole).toBool());
        QTRY_VERIFY(model.index(powerRow(), 0).data(Qt::BackgroundRole).isValid());
        QTRY_COMPARE(window.stations().state(1), Ui::StationState::Critical);
        // The horn sounds.
        QVERIFY(center.sound().isPlaying());
        QVERIFY(center.sound().effect().isPlaying());
        QCOMPARE(center.sound().effect().loopCount(), int(QSoundEffect::Infinite));

        // Keyboard: select the alarm, Enter, type the note, Ctrl+Enter.
        QTableView* table = window.alarmPanel()->table();
        table->setFocus();
        table->selectRow(powerRow());
        QTimer::singleShot(0, this, [] {
            QWidget* dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            auto* note = dialog->findChild<QPlainTextEdit*>();
            QVERIFY(note);
            note->insertPlainText(QStringLiteral("已通知供电局，值班员到场")); // typed with an IME
            QTest::keyClick(note, Qt::Key_Return, Qt::ControlModifier);
        });
        QTest::keyClick(table, Qt::Key_Return);

        QTRY_VERIFY(model.record(powerRow()).isAcknowledged());
        QCOMPARE(model.record(powerRow()).ackUser, QStringLiteral("张三"));
        QTRY_VERIFY(!model.index(powerRow(), 0).data(Ui::AlarmListModel::FlashRole).toBool());
        // Horn: on only while some other critical alarm waits (the outage's comm loss may).
        const auto live = pipeline.alarms().liveRecords();
        const bool others =
            std::any_of(live.begin(), live.end(), [](const auto& r) { return r.requiresSound(); });
        QTRY_COMPARE(center.sound().isPlaying(), others);

        // The journal row carries the note and the name.
        pipeline.history()->sync();
        History::AlarmJournal journal(*url);
        QVERIFY2(journal.open(&error), qPrintable(error));
        const auto rows =
            journal.list({0, clock.nowMs() + 1, QStringLiteral("S0002"), false}, &error);
        QVERIFY2(rows, qPrintable(error));
        const auto it = std::find_if(rows->begin(), rows->end(),
                                     [](const auto& r) { return r.type == u"power_fail"; });
        QVERIFY(it != rows->end());
        QCOMPARE(it->ackUser, QStringLiteral("张三"));
        QCOMPARE(it->note, QStringLiteral("已通知供电局，值班员到场"));
        QVERIFY(it->ackMs.has_value());

        // Silencing is separate from acknowledging: the PLC's UPS runs out and the comm loss
        // of S0002 is a new critical alarm that sounds; silencing mutes it, unacknowledged.
        QTRY_VERIFY_WITH_TIMEOUT(center.sound().isPlaying(), 30000);
        center.silence();
        QVERIFY(!center.sound().isPlaying());
        QVERIFY(center.sound().isSilenced());
        QCOMPARE(center.sound().silencedBy(), QStringLiteral("张三"));
        const auto after = pipeline.alarms().liveRecords();
        QVERIFY(std::any_of(after.begin(), after.end(),
                            [](const auto& r) { return r.requiresSound(); }));
        window.close();
        pipeline.stop();
    }

    void layoutPersistsAcrossRestartPerUser()
    {
        Sim::CityOptions o;
        o.stations = 2;
        const Project project = Sim::CityGenerator::generate(o);
        ManualClock clock(1'795'000'000'000);
        RealtimeStore store(project.tagCount());
        Alarms::AlarmService alarms(project, clock);
        Ui::Session session;
        Ui::Services services{project, QString(), clock,        store,  alarms,
                              nullptr, nullptr,   std::nullopt, session};
        const QString ini = m_dir.filePath(QStringLiteral("layout.ini"));
        {
            QSettings settings(ini, QSettings::IniFormat);
            session.setUser(*m_users.find(u"zhangsan"));
            Ui::MainWindow window(services, m_users, settings);
            window.resize(1400, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.restoreUserLayout();
            window.dock(QStringLiteral("trends"))->hide();
            window.addDockWidget(Qt::LeftDockWidgetArea, window.dock(QStringLiteral("alarmPanel")));
            window.stationList()->table()->setColumnHidden(Ui::StationListModel::Total, true);
            window.close(); // saves the layout
        }
        {
            QSettings settings(ini, QSettings::IniFormat);
            Ui::MainWindow window(services, m_users, settings);
            window.resize(1400, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.restoreUserLayout();
            QVERIFY(window.dock(QStringLiteral("trends"))->isHidden());
            QCOMPARE(window.dockWidgetArea(window.dock(QStringLiteral("alarmPanel"))),
                     Qt::LeftDockWidgetArea);
            QVERIFY(window.stationList()->table()->isColumnHidden(Ui::StationListModel::Total));

            // Another user has a layout of their own.
            session.setUser(*m_users.find(u"lisi"));
            QVERIFY(!window.dock(QStringLiteral("trends"))->isHidden());
            QCOMPARE(window.dockWidgetArea(window.dock(QStringLiteral("alarmPanel"))),
                     Qt::BottomDockWidgetArea);
            // And back.
            session.setUser(*m_users.find(u"zhangsan"));
            QVERIFY(window.dock(QStringLiteral("trends"))->isHidden());
        }
    }

private:
    QTemporaryDir m_dir;
    UserStore m_users;
};

QTEST_MAIN(tst_Workstation)
#include "tst_workstation.moc"
