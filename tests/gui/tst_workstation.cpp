// The workstation end to end on a small simulated city served in-process: a power outage
// injected at a station raises a critical alarm that flashes and starts the horn, the
// dispatcher acknowledges it from the keyboard with a note, and the journal row in the SQLite
// history carries the note and the dispatcher's name. Also: the layout persists across a
// restart, per user; login rejects a wrong password; passwords are not stored. An engineer's
// edit of the alarm limit table is refused to an operator, checked, saved to the project file,
// audited under the engineer's name and raises the alarm the new limit calls for, no restart.
#include <core/clock.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <core/servicethread.h>
#include <core/users.h>
#include <history/journal.h>
#include <sim/citygenerator.h>
#include <sim/localcity.h>
#include <ui/alarmpanel.h>
#include <ui/limiteditor.h>
#include <ui/logindialog.h>
#include <ui/mainwindow.h>
#include <ui/mapcanvas.h>
#include <ui/mappanel.h>
#include <ui/stationdetail.h>
#include <ui/stationlistview.h>
#include <ui/theme.h>
#include <ui/trendpanel.h>

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <runtime/pipeline.h>

using namespace PumpWatch;

namespace {

Project threeStations(QString* error)
{
    Sim::CityOptions o;
    o.stations = 3;
    Project project = Sim::CityGenerator::generate(o);
    // No time-of-day limits (S0002 has a weekday-morning band): the tests judge values against
    // the base limits, whatever the hour they run at.
    for (Station& s : project.stations) {
        for (StationTag& t : s.tags)
            t.def.alarm.periods.clear();
    }
    project.reindex();
    Sim::LocalCity::assignFreePorts(project, error);
    return project;
}

History::HistoryOptions sqliteHistory(const History::DatabaseUrl& url, const QString& spool)
{
    History::HistoryOptions o;
    o.database = url;
    o.spoolDirectory = spool;
    return o;
}

/// Three stations served in-process and the real pipeline over them, history in SQLite under
/// `dir` — what `pumpwatch --demo` runs. `error` is empty when it started.
struct LiveCity {
    LiveCity(const QDir& dir, const QString& name)
        : project(threeStations(&error))
        , path(dir.filePath(name + QStringLiteral(".json")))
        , city(project, clock.nowMs())
        , url(*History::DatabaseUrl::parse(
              QStringLiteral("sqlite:") + dir.filePath(name + QStringLiteral(".sqlite")), &error))
        , pipeline(project, clock,
                   {sqliteHistory(url, dir.filePath(name + QStringLiteral("-spool"))),
                    nullptr,
                    path,
                    {}})
        , services{project,
                   path,
                   path,
                   clock,
                   pipeline.store(),
                   pipeline.alarms(),
                   &pipeline.acquisition(),
                   pipeline.history(),
                   url,
                   session}
    {
        if (error.isEmpty() && ProjectWriter::writeFile(project, path, &error) &&
            city.start(&error))
            pipeline.start();
    }
    ~LiveCity() { pipeline.stop(); }

    QString error;
    Project project;
    QString path; ///< the project file
    SystemClock clock;
    Sim::LocalCity city;
    History::DatabaseUrl url;
    Runtime::Pipeline pipeline;
    Ui::Session session;
    Ui::Services services;
};

/// A generated city with no PLCs, no pipeline and no history: the window on its own.
struct QuietCity {
    explicit QuietCity(int stations)
        : project([stations] {
            Sim::CityOptions o;
            o.stations = stations;
            return Sim::CityGenerator::generate(o);
        }())
        , clock(1'795'000'000'000)
        , store(project.tagCount())
        , alarms(project, clock)
        , services{project, QString(), QString(), clock,        store,
                   alarms,  nullptr,   nullptr,   std::nullopt, session}
    {}

    const Project project;
    ManualClock clock;
    RealtimeStore store;
    Alarms::AlarmService alarms;
    Ui::Session session;
    Ui::Services services;
};

/// Answers the next message box: keeps its text and presses the button labelled `button`
/// (Escape when there is none). Nothing is asserted here: a failure would hang in the box.
struct ModalAnswer {
    QString text;
    bool answered = false;
};
void answerNextMessageBox(QObject* context, ModalAnswer* answer, const QString& button)
{
    auto* poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, answer, button] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        answer->text = box->text();
        answer->answered = true;
        poll->deleteLater();
        for (QAbstractButton* b : box->buttons()) {
            if (b->text() == button) {
                b->click();
                return;
            }
        }
        box->reject();
    });
    poll->start();
}

/// The audit log's rows as "user_name|login|action|result", oldest first, read back from the
/// SQLite file the pipeline wrote.
QStringList auditRows(const QString& databasePath, const QString& where)
{
    QStringList rows;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("audit-rows"));
        db.setDatabaseName(databasePath);
        if (!db.open())
            return {QStringLiteral("cannot open ") + databasePath};
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT user_name, login, action, result FROM audit_log WHERE "
                                   "%1 ORDER BY id")
                        .arg(where)))
            return {q.lastQuery()};
        while (q.next())
            rows << QStringList{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                q.value(3).toString()}
                        .join(u'|');
    }
    QSqlDatabase::removeDatabase(QStringLiteral("audit-rows"));
    return rows;
}

/// Counts the paint events a widget gets.
struct PaintCounter : QObject {
    int count = 0;
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        count += event->type() == QEvent::Paint;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

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
        // After the back-off a wrong password starts (tst_gui_login has its details).
        QTRY_VERIFY(dialog.findChild<QPushButton*>(QStringLiteral("login"))->isEnabled());
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
        LiveCity c(m_dir.path(), QStringLiteral("ack"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        session.setUser(*m_users.find(u"zhangsan"));
        QString error;
        QSettings settings(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.stations().state(1) == StationState::Normal, 15000);

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
        QTRY_COMPARE(window.stations().state(1), StationState::Critical);
        // The horn sounds.
        QVERIFY(center.sound().isPlaying());
        QVERIFY(center.sound().effect().isPlaying());
        QCOMPARE(center.sound().effect().loopCount(), int(QSoundEffect::Infinite));

        // Keyboard: select the alarm, Enter, type the note, Ctrl+Enter.
        QTableView* table = window.alarmPanel()->table();
        table->setFocus();
        table->selectRow(powerRow());
        // The dialog is answered from the event loop; what it found is asserted afterwards (a
        // failed check inside the callback would leave the dialog open until the test times out).
        bool noteTyped = false;
        QTimer::singleShot(0, this, [&noteTyped] {
            QWidget* dialog = QApplication::activeModalWidget();
            auto* note = dialog ? dialog->findChild<QPlainTextEdit*>() : nullptr;
            if (!note) {
                if (auto* d = qobject_cast<QDialog*>(dialog))
                    d->reject();
                return;
            }
            note->insertPlainText(QStringLiteral("已通知供电局，值班员到场")); // typed with an IME
            QTest::keyClick(note, Qt::Key_Return, Qt::ControlModifier);
            noteTyped = true;
        });
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY2(noteTyped, "Enter on the alarm opened no note dialog");

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
        History::AlarmJournal journal(url);
        QVERIFY2(journal.open(&error), qPrintable(error));
        const auto rows =
            journal.list({0, clock.nowMs() + 1, QStringLiteral("S0002"), false}, &error);
        QVERIFY2(rows, qPrintable(error));
        const auto it = std::find_if(rows->begin(), rows->end(),
                                     [](const auto& r) { return r.type == u"power_fail"; });
        QVERIFY(it != rows->end());
        QCOMPARE(it->ackUser, QStringLiteral("张三"));
        QCOMPARE(it->ackLogin, QStringLiteral("zhangsan"));
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
        // Audited through the alarm engine, like shelving, with both names.
        pipeline.history()->sync();
        QCOMPARE(auditRows(url.path, QStringLiteral("action = 'silence' AND target = "
                                                    "'alarm-horn'")),
                 QStringList{"张三|zhangsan|silence|ok"});
    }

    /// The banner shows the newest unacknowledged alarm of the highest priority, on that
    /// priority's colour, flashing until acknowledged; a new alarm brings the alarm list to the
    /// front even when 报警设置 was in front of it.
    void bannerShowsTheHighestPriorityAndTheAlarmListComesForward()
    {
        LiveCity c(m_dir.path(), QStringLiteral("banner"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        session.setUser(*m_users.find(u"zhangsan"));
        QSettings settings(m_dir.filePath(QStringLiteral("banner.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.resize(1600, 960);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.stations().state(2) == StationState::Normal, 15000);
        Ui::AlarmBanner* banner = window.banner();
        QCOMPARE(banner->shownKey(), quint64(0));
        window.dock(QStringLiteral("alarmSettings"))->raise();
        QTRY_VERIFY(window.alarmPanel()->visibleRegion().isEmpty());

        // A critical power outage first, then a newer warning (a high limit under the value).
        QVERIFY(city.command(QStringLiteral("outage S0002 on")).startsWith(u"ok"));
        const auto critical = [&] {
            for (const auto& r : pipeline.alarms().liveRecords()) {
                if (r.type == Alarms::AlarmType::PowerFail && r.isActive())
                    return r;
            }
            return Alarms::AlarmRecord{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(critical().key != 0, 10000);
        // The alarm list came forward by itself.
        QTRY_VERIFY(!window.alarmPanel()->visibleRegion().isEmpty());

        const TagId pressure = project.findTag(QStringLiteral("S0003"), QStringLiteral("low"),
                                               QStringLiteral("outlet_pressure"));
        AlarmLimits limits = project.tag(pressure).alarm;
        limits.lowLow.reset();
        limits.low.reset();
        limits.highHigh.reset();
        limits.high = 0.01;
        limits.periods.clear();
        limits.onDelayS = 0;
        const std::pair<TagId, AlarmLimits> edit{pressure, limits};
        pipeline.alarms().setLimits(std::span(&edit, 1),
                                    Alarms::Actor{QStringLiteral("lisi"), QStringLiteral("李四")});
        const auto warning = [&] {
            for (const auto& r : pipeline.alarms().liveRecords()) {
                if (r.tag == pressure && r.type == Alarms::AlarmType::High)
                    return r;
            }
            return Alarms::AlarmRecord{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(warning().key != 0, 10000);
        QVERIFY(warning().startMs >= critical().startMs);

        // The banner names the critical alarm, with its state as text, on red, flashing.
        QTRY_COMPARE(banner->shownKey(), critical().key);
        QVERIFY2(banner->alarmText().contains(QStringLiteral("Power failure")),
                 qPrintable(banner->alarmText()));
        QVERIFY(!banner->alarmText().contains(QRegularExpression(QStringLiteral("\\de[-+]?\\d"))));
        const QColor red = Ui::stateColours().critical;
        QTRY_COMPARE(banner->fill(), red);
        QTRY_COMPARE(banner->fill(), red.darker(160));
        QTRY_COMPARE(banner->fill(), red);
        // What a person sees: the banner's pixels are that red.
        const QImage seen = banner->grab().toImage();
        QCOMPARE(seen.pixelColor(2, seen.height() / 2), banner->fill());

        // Every critical alarm acknowledged: the warning, in orange, with its value formatted.
        for (const auto& r : pipeline.alarms().liveRecords()) {
            if (r.severity == Alarms::Severity::Critical && !r.isAcknowledged())
                pipeline.alarms().acknowledge(
                    r.key, Alarms::Actor{QStringLiteral("zhangsan"), QStringLiteral("张三")},
                    QString());
        }
        QTRY_COMPARE(banner->shownKey(), warning().key);
        const QColor orange = Ui::stateColours().warning;
        QTRY_COMPARE(banner->fill(), orange);
        QTRY_COMPARE(banner->fill(), orange.darker(160));
        const QRegularExpression pressureValue(QStringLiteral(" \\d\\.\\d{3} MPa$"));
        QVERIFY2(pressureValue.match(banner->alarmText()).hasMatch(),
                 qPrintable(banner->alarmText()));

        // All acknowledged: no alarm, no alarm colour.
        pipeline.alarms().acknowledge(
            warning().key, Alarms::Actor{QStringLiteral("zhangsan"), QStringLiteral("张三")},
            QString());
        QTRY_COMPARE(banner->shownKey(), quint64(0));
        QVERIFY(banner->fill() != orange && banner->fill() != red);
    }

    /// What a dispatcher reads in the station detail and the alarm list: each value in its
    /// precision, pumps as 运行/停止, and a sensor that broke is not shown as a good number —
    /// its quality agrees with the active sensor alarm.
    void valuesAreFormattedAndBadQualityIsVisible()
    {
        LiveCity c(m_dir.path(), QStringLiteral("quality"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        session.setUser(*m_users.find(u"zhangsan"));
        QSettings settings(m_dir.filePath(QStringLiteral("quality.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.stations().state(2) == StationState::Normal, 15000);
        window.openStation(2);
        Ui::StationTagsModel& detail = window.stationDetail()->model();
        QAbstractItemModelTester detailTester(
            &detail, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester alarmTester(
            &window.alarmCenter().model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto rowOf = [&](const char* key) {
            for (int r = 0; r < detail.rowCount(); ++r) {
                if (project.tag(detail.tagAt(r)).key == QLatin1String(key))
                    return r;
            }
            return -1;
        };
        const auto cell = [&](const char* key, int column, int role = Qt::DisplayRole) {
            return detail.index(rowOf(key), column).data(role);
        };
        using Col = Ui::StationTagsModel;
        QTRY_VERIFY(cell("outlet_pressure", Col::Value).toString() != QStringLiteral("—"));
        const QRegularExpression threeDecimals(QStringLiteral("^\\d\\.\\d{3}$"));
        QVERIFY2(threeDecimals.match(cell("outlet_pressure", Col::Value).toString()).hasMatch(),
                 qPrintable(cell("outlet_pressure", Col::Value).toString()));
        const QRegularExpression oneDecimal(QStringLiteral("^\\d+\\.\\d$"));
        QVERIFY2(oneDecimal.match(cell("pump1_frequency", Col::Value).toString()).hasMatch(),
                 qPrintable(cell("pump1_frequency", Col::Value).toString()));
        QVERIFY(QStringList({"Running", "Stopped"})
                    .contains(cell("pump1_running", Col::Value).toString()));
        QCOMPARE(cell("pump1_fault", Col::Value).toString(), QStringLiteral("Normal"));
        QCOMPARE(cell("tank_level", Col::Quality).toString(), QStringLiteral("good"));

        // The level sensor's 4–20 mA loop breaks: it reads far below its range.
        QVERIFY(city.command(QStringLiteral("sensor S0003 tank_level range")).startsWith(u"ok"));
        const TagId level = detail.tagAt(rowOf("tank_level"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto& r : pipeline.alarms().liveRecords()) {
                    if (r.tag == level && r.type == Alarms::AlarmType::SensorFault)
                        return true;
                }
                return false;
            }(),
            30000);
        QTRY_COMPARE(cell("tank_level", Col::Quality).toString(), QStringLiteral("sensor fault"));
        QCOMPARE(cell("tank_level", Col::Value).toString(), QStringLiteral("####"));
        QVERIFY2(cell("tank_level", Col::Value, Qt::ToolTipRole).toString().contains(u"raw value"),
                 qPrintable(cell("tank_level", Col::Value, Qt::ToolTipRole).toString()));
        QCOMPARE(cell("tank_level", Col::Value, Qt::ForegroundRole).value<QColor>(),
                 Ui::stateColours().offline);

        // The alarm list names it with its value in the level's precision, no raw float.
        Ui::AlarmListModel& alarms = window.alarmCenter().model();
        QTRY_VERIFY([&] {
            for (int r = 0; r < alarms.rowCount(); ++r) {
                if (alarms.record(r).tag == level)
                    return true;
            }
            return false;
        }());
        for (int r = 0; r < alarms.rowCount(); ++r) {
            const QString value = alarms.index(r, Ui::AlarmListModel::Value).data().toString();
            QVERIFY2(!value.contains(QRegularExpression(QStringLiteral("\\de[-+]?\\d"))) &&
                         !value.contains(QRegularExpression(QStringLiteral("\\.\\d{4}"))),
                     qPrintable(value));
        }
    }

    /// Closing asks, names the unacknowledged critical alarms, is refused to an operator, and
    /// every attempt is audited with the login name.
    void exitNeedsAPermissionAndIsConfirmed()
    {
        LiveCity c(m_dir.path(), QStringLiteral("exit"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        session.setUser(*m_users.find(u"zhangsan"));
        QSettings settings(m_dir.filePath(QStringLiteral("exit.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(city.command(QStringLiteral("outage S0001 on")).startsWith(u"ok"));
        QTRY_VERIFY_WITH_TIMEOUT(window.stations().state(0) == StationState::Critical, 15000);

        // The operator presses Ctrl+Q: refused, the window stays.
        ModalAnswer refused;
        answerNextMessageBox(this, &refused, QString());
        QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(refused.answered);
        QVERIFY2(refused.text.contains(QStringLiteral("may not close")), qPrintable(refused.text));
        QVERIFY(window.isVisible());

        // The engineer is asked, sees the critical alarm, and keeps it running.
        session.setUser(*m_users.find(u"lisi"));
        ModalAnswer kept;
        answerNextMessageBox(this, &kept, QStringLiteral("Keep running"));
        QVERIFY(!window.close());
        QVERIFY(kept.answered);
        QVERIFY2(kept.text.contains(QStringLiteral("critical alarm(s) not acknowledged")),
                 qPrintable(kept.text));
        QVERIFY2(kept.text.contains(project.stations[0].displayName()), qPrintable(kept.text));
        QVERIFY(window.isVisible());
        // Then exits.
        ModalAnswer exited;
        answerNextMessageBox(this, &exited, QStringLiteral("Exit"));
        QVERIFY(window.close());
        QVERIFY(!window.isVisible());

        pipeline.history()->sync();
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("exit"));
            db.setDatabaseName(url.path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT user_name, login, result FROM audit_log WHERE "
                                          "action = 'exit' ORDER BY id")));
            QStringList rows;
            while (q.next())
                rows << q.value(0).toString() + u'|' + q.value(1).toString() + u'|' +
                            q.value(2).toString();
            QCOMPARE(rows,
                     QStringList({"张三|zhangsan|refused", "李四|lisi|cancelled", "李四|lisi|ok"}));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("exit"));
    }

    /// A first start at 1920×1080: the dispatcher sees the list and the map with every station
    /// on it; every panel is in the View menu; neither layout needs a horizontal scroll bar in
    /// the list; the title names the project (the platform adds the application's name).
    void firstStartShowsTheListAndTheMap()
    {
        QuietCity c(40);
        auto& [project, clock, store, alarms, session, services] = c;
        QSettings settings(m_dir.filePath(QStringLiteral("first.ini")), QSettings::IniFormat);
        session.setUser(*m_users.find(u"zhangsan"));
        Ui::MainWindow window(services, m_users, settings);
        QCOMPARE(window.windowTitle(), project.name);
        window.resize(1920, 1080);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.applyDefaultLayout();
        QCoreApplication::processEvents();

        Ui::MapPanel* map = window.map();
        QTRY_VERIFY(!map->visibleRegion().isEmpty());
        QVERIFY(map->width() > 500 && map->height() > 300);
        QTRY_VERIFY([&] {
            const QRect inside = map->canvas()->rect();
            for (const Station& s : project.stations) {
                if (!inside.contains(map->canvas()->toScreen(Gis::lonLat(s.location)).toPoint()))
                    return false;
            }
            return true;
        }());
        QVERIFY(!window.alarmPanel()->visibleRegion().isEmpty());
        QTRY_VERIFY(!window.stationList()->table()->horizontalScrollBar()->isVisible());

        QStringList viewMenu;
        for (QAction* menu : window.menuBar()->actions()) {
            if (menu->menu() && menu->text().contains(QStringLiteral("View"))) {
                for (QAction* a : menu->menu()->actions())
                    viewMenu << a->text();
            }
        }
        for (QDockWidget* d : window.findChildren<QDockWidget*>())
            QVERIFY2(viewMenu.contains(d->windowTitle()), qPrintable(d->windowTitle()));
        QVERIFY(viewMenu.contains(QStringLiteral("Map")));
        QVERIFY(viewMenu.contains(QStringLiteral("Alarm settings")));

        // The engineer's layout at the same size.
        window.applyLayout(Ui::MainWindow::Layout::Engineer);
        QCoreApplication::processEvents();
        QTRY_VERIFY(!window.stationList()->table()->horizontalScrollBar()->isVisible());
        QVERIFY(!window.trends()->visibleRegion().isEmpty());
    }

    void engineerEditsLimitsThatApplyAtOnce()
    {
        LiveCity c(m_dir.path(), QStringLiteral("limits"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        session.setUser(*m_users.find(u"zhangsan"));
        QSettings settings(m_dir.filePath(QStringLiteral("limits.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Ui::LimitEditor& editor = *window.limitEditor();
        Ui::LimitTableModel& model = editor.model();
        editor.setKey(QStringLiteral("outlet_pressure"));
        QCOMPARE(model.rowCount(), 3);
        const TagId tag = project.findTag(u"S0002/low/outlet_pressure");
        QCOMPARE(model.tagAt(1), tag);
        const QModelIndex high = model.index(1, Ui::LimitTableModel::High);

        // An operator sees the table but cannot change it.
        QVERIFY(!(model.flags(high) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(high, QStringLiteral("0.1")));
        QVERIFY(!editor.save());
        QVERIFY2(editor.status().contains(actionDisplayName(Action::EditAlarmLimits)),
                 qPrintable(editor.status()));

        session.setUser(*m_users.find(u"lisi"));
        QVERIFY(model.flags(high) & Qt::ItemIsEditable);
        QTRY_VERIFY_WITH_TIMEOUT(isGood(pipeline.store().value(tag).quality), 15000);
        const double v = pipeline.store().value(tag).value;
        QVERIFY(v > 0.05);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();

        // A limit out of order is shown and cannot be saved.
        QVERIFY(model.setData(model.index(1, Ui::LimitTableModel::Low), QStringLiteral("99")));
        QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.problems(1).isEmpty());
        QVERIFY(!model.setData(high, QStringLiteral("abc"))); // not a number
        QVERIFY(!editor.save());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        file.close();

        // Limits that put today's value above H (and under HH): typed in, and pasted.
        const auto text = [](double x) { return QString::number(x, 'f', 3); };
        QVERIFY(model.setData(model.index(1, Ui::LimitTableModel::LowLow), text(v * 0.2)));
        QVERIFY(model.setData(model.index(1, Ui::LimitTableModel::Low), text(v * 0.3)));
        editor.table()->setCurrentIndex(
            editor.table()->model()->index(1, Ui::LimitTableModel::High));
        editor.paste(text(v * 0.5) + u'\t' + text(v * 3) + u'\n');
        QVERIFY(model.problems(1).isEmpty());
        QCOMPARE(model.limits(1).high, std::optional<double>(text(v * 0.5).toDouble()));
        QCOMPARE(model.limits(1).highHigh, std::optional<double>(text(v * 3).toDouble()));
        QCOMPARE(model.editCount(), 1u);
        QVERIFY(model.index(1, Ui::LimitTableModel::High).data(Qt::FontRole).isValid());

        QStringList confirmed;
        editor.setConfirm([&](const QStringList& changes) {
            confirmed = changes;
            return true;
        });
        QVERIFY(editor.save());
        QCOMPARE(confirmed.size(), 1);
        QVERIFY2(confirmed[0].contains(project.stations[1].displayName()),
                 qPrintable(confirmed[0]));
        QCOMPARE(model.editCount(), 0u);

        // In the file, for the next start ...
        const ProjectLoad saved = ProjectReader::readFile(path);
        QVERIFY(saved.project);
        QCOMPARE(saved.project->tag(tag).alarm.high, model.limits(1).high);
        QCOMPARE(saved.project->tag(project.findTag(u"S0003/low/outlet_pressure")).alarm,
                 project.tag(project.findTag(u"S0003/low/outlet_pressure")).alarm);
        // ... in force now: the standing value raises the high alarm ...
        QCOMPARE(pipeline.alarms().limits(tag).high, model.limits(1).high);
        const auto highAlarm = [&] {
            const auto live = pipeline.alarms().liveRecords();
            return std::any_of(live.begin(), live.end(), [&](const Alarms::AlarmRecord& r) {
                return r.tag == tag && r.type == Alarms::AlarmType::High && r.isActive();
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(highAlarm(), 20000);
        // ... and audited under the engineer's name with the old and new settings.
        pipeline.history()->sync();
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("audit"));
            db.setDatabaseName(url.path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT user_name, target, old_value, new_value, login "
                                          "FROM audit_log WHERE action = 'limits'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("李四"));
            QCOMPARE(q.value(4).toString(), QStringLiteral("lisi"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("S0002/low/outlet_pressure"));
            QCOMPARE(q.value(2).toString(), ProjectWriter::alarmText(project.tag(tag).alarm));
            QCOMPARE(q.value(3).toString(),
                     ProjectWriter::alarmText(saved.project->tag(tag).alarm));
            QVERIFY(!q.next());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("audit"));
    }

    /// Ctrl+L locks the screen; a wrong password is a failed login under the name typed, and
    /// the engineer taking over logs the operator out: every step is a row with both names.
    void lockFailedLoginAndChangeOfUserAreAudited()
    {
        LiveCity c(m_dir.path(), QStringLiteral("lock"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        session.setUser(*m_users.find(u"zhangsan"));
        QSettings settings(m_dir.filePath(QStringLiteral("lock.ini")), QSettings::IniFormat);
        Ui::MainWindow window(services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The lock dialog is answered from the event loop (nothing asserted in there): a wrong
        // password, then, after its back-off, the right one.
        bool wrongRefused = false;
        bool answered = false;
        bool typedWrong = false;
        auto* poll = new QTimer(this);
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, this, [&, poll] {
            auto* dialog = qobject_cast<Ui::LoginDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            if (!typedWrong) {
                dialog->setUserName(QStringLiteral("lisi"));
                dialog->setPassword(QStringLiteral("wrong"));
                wrongRefused = !dialog->tryLogin();
                typedWrong = true;
                return;
            }
            auto* login = dialog->findChild<QPushButton*>(QStringLiteral("login"));
            if (!login || !login->isEnabled())
                return;
            dialog->setPassword(QStringLiteral("other-pw"));
            answered = dialog->tryLogin();
            poll->stop();
            poll->deleteLater();
        });
        poll->start();
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(wrongRefused);
        QVERIFY(answered);
        QCOMPARE(session.user()->name, QStringLiteral("lisi"));
        pipeline.history()->sync();
        QCOMPARE(auditRows(url.path, QStringLiteral("target = 'workstation'")),
                 QStringList({"张三|zhangsan|lock|ok", "|lisi|login|failed",
                              "张三|zhangsan|logout|ok", "李四|lisi|login|ok"}));
    }

    /// A control write reaches the audit log (not only the server's log) with the login it
    /// was made for, the old and new value and the result.
    void controlWriteIsAudited()
    {
        LiveCity c(m_dir.path(), QStringLiteral("write"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        auto& [startError, project, path, clock, city, url, pipeline, session, services] = c;
        const TagId setpoint =
            project.findTag(QStringLiteral("S0001/low/outlet_pressure_setpoint"));
        QVERIFY(setpoint != InvalidTagId);
        // Written once the PLC has answered: before its first poll the device is offline, and a
        // write to it is refused as such (seen on a loaded machine).
        QTRY_VERIFY_WITH_TIMEOUT(isGood(pipeline.store().value(setpoint).quality), 15000);
        QSignalSpy finished(&pipeline.acquisition(),
                            &Acquisition::AcquisitionService::writeFinished);
        pipeline.acquisition().write(setpoint, 0.36, QStringLiteral("lisi"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        const auto record = finished.front().at(1).value<Acquisition::WriteRecord>();
        QVERIFY2(record.ok, qPrintable(record.error));
        pipeline.history()->sync();
        QCOMPARE(auditRows(url.path, QStringLiteral("action = 'write' AND target = "
                                                    "'S0001/low/outlet_pressure_setpoint' AND "
                                                    "new_value = '0.36'")),
                 QStringList{"lisi|lisi|write|ok"});
    }

    void layoutPersistsAcrossRestartPerUser()
    {
        QuietCity c(2);
        auto& [project, clock, store, alarms, session, services] = c;
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
            window.saveUserLayout(); // as logging out or exiting does
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

    void guiKeepsRunningWhileAServiceThreadStalls_data()
    {
        QTest::addColumn<bool>("acquisition");
        QTest::newRow("acquisition-stalled") << true;
        QTest::newRow("history-stalled") << false;
    }

    // A worker thread that hangs (a driver stuck in a call, a database that does not answer)
    // must not freeze the dispatcher's screen: the window keeps ticking, painting and locking
    // while the thread is stalled for 10 s.
    void guiKeepsRunningWhileAServiceThreadStalls()
    {
        QFETCH(bool, acquisition);
        LiveCity c(m_dir.path(),
                   acquisition ? QStringLiteral("stall-acq") : QStringLiteral("stall-history"));
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        c.session.setUser(*m_users.find(u"zhangsan"));
        QSettings settings(m_dir.filePath(QStringLiteral("stall.ini")), QSettings::IniFormat);
        Ui::MainWindow window(c.services, m_users, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.stations().state(1) == StationState::Normal, 15000);
        QLabel* clockLabel = nullptr;
        const QRegularExpression clockText(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"));
        for (QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
            if (clockText.match(label->text()).hasMatch())
                clockLabel = label;
        }
        QVERIFY(clockLabel);

        // The thread blocks for 10 s or until the test lets it go, also when a check fails.
        const ServiceThread& thread =
            acquisition ? c.pipeline.acquisition().thread() : c.pipeline.history()->thread();
        const qint64 receivedBefore = acquisition ? 0 : c.pipeline.history()->stats().received;
        QSemaphore letGo;
        std::atomic<bool> stalled = false;
        thread.post([&] {
            stalled = true;
            // 10 s at most, so that a GUI thread that waits for this one comes back to fail.
            Q_UNUSED(letGo.tryAcquire(1, 10'000));
        });
        auto release = qScopeGuard([&] { letGo.release(); });
        QTRY_VERIFY(stalled);

        // What the GUI thread does meanwhile: a 50 ms probe records the longest gap between
        // its ticks; the window ticks every second (comm status, list, clock), repaints, and
        // the screen is locked and unlocked.
        QElapsedTimer sinceProbe;
        qint64 longestGapMs = 0;
        QStringList clockTexts;
        QTimer probe;
        probe.setInterval(50);
        connect(&probe, &QTimer::timeout, &probe, [&] {
            longestGapMs = std::max(longestGapMs, sinceProbe.restart());
            if (clockTexts.isEmpty() || clockTexts.last() != clockLabel->text())
                clockTexts.push_back(clockLabel->text());
        });
        PaintCounter paints;
        window.installEventFilter(&paints);
        QTimer repaint;
        repaint.setInterval(200);
        connect(&repaint, &QTimer::timeout, &window, [&] { window.repaint(); });
        bool lockShown = false;
        bool unlocked = false;
        QTimer::singleShot(2000, &window, [&] { window.lock(); });
        QTimer::singleShot(5000, &window, [&] {
            if (auto* dialog = qobject_cast<Ui::LoginDialog*>(QApplication::activeModalWidget())) {
                lockShown = true;
                dialog->setPassword(QStringLiteral("s3cret-pw"));
                unlocked = dialog->tryLogin();
            }
        });
        QEventLoop stall;
        QTimer::singleShot(10'000, &stall, &QEventLoop::quit);
        sinceProbe.start();
        probe.start();
        repaint.start();
        stall.exec();
        probe.stop();
        repaint.stop();

        qInfo("longest gap between 50 ms probe ticks while stalled: %lld ms", longestGapMs);
        // 50 ms over the probe's interval: room for one tick of the window or one offscreen
        // repaint on a shared machine, far below any wait on the stalled thread.
        QVERIFY2(longestGapMs < 100, qPrintable(QString::number(longestGapMs)));
        QVERIFY2(clockTexts.size() >= 9, qPrintable(clockTexts.join(u", ")));
        QVERIFY(paints.count >= 40);
        QVERIFY(lockShown);
        QVERIFY(unlocked);
        QVERIFY(stalled);

        // Once let go, the thread catches up.
        release.dismiss();
        letGo.release();
        if (acquisition) {
            const qint64 releasedMs = c.clock.nowMs();
            QTRY_VERIFY(c.pipeline.acquisition().heartbeatMs() >= releasedMs);
        } else {
            c.pipeline.history()->sync();
            QVERIFY(c.pipeline.history()->stats().received > receivedBefore);
        }
    }

private:
    QTemporaryDir m_dir;
    UserStore m_users;
};

QTEST_MAIN(tst_Workstation)
#include "tst_workstation.moc"
