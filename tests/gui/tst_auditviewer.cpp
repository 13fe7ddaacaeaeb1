// The audit viewer (操作审计) as an inspector uses it, on a real SQLite history written by the
// history writer: rows of two users at two stations; filtering by user (login or display name),
// by station and by action shows exactly their rows, newest first, with the cells' text; the
// CSV export reads back with the same cells (and a BOM for Excel); 校验 says the chain is intact,
// and after one row is changed behind the program's back it names that row.
#include <core/clock.h>
#include <core/users.h>
#include <history/historywriter.h>
#include <sim/citygenerator.h>
#include <ui/auditviewer.h>
#include <ui/stationpicker.h>

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone ShanghaiZone("Asia/Shanghai");

qint64 local(int hour, int minute)
{
    return QDateTime(QDate(2026, 12, 7), QTime(hour, minute), ShanghaiZone).toMSecsSinceEpoch();
}

} // namespace

class tst_AuditViewer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Project m_project;
    History::DatabaseUrl m_url;

    const Station& station(int i) const { return m_project.stations[static_cast<std::size_t>(i)]; }

    History::AuditEntry entry(int minute, const QString& user, const QString& login,
                              const QString& role, int s, const QString& action,
                              const QString& oldValue, const QString& newValue) const
    {
        History::AuditEntry e;
        e.ms = local(9, minute);
        e.user = user;
        e.login = login;
        e.role = role;
        e.workstation = u"ws-%1"_s.arg(login);
        e.station = station(s).id;
        e.action = action;
        e.target = station(s).id + u"/plc/pump1"_s;
        e.oldValue = oldValue;
        e.newValue = newValue;
        e.result = u"ok"_s;
        return e;
    }

    static QStringList column(const Ui::AuditViewer& v, int c)
    {
        QStringList out;
        for (int r = 0; r < v.model().rowCount(); ++r)
            out << v.model().item(r, c)->text();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Sim::CityOptions o;
        o.stations = 2;
        m_project = Sim::CityGenerator::generate(o);
        m_project.timeZone = u"Asia/Shanghai"_s;
        QString error;
        m_url = *History::DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"h.sqlite"_s), &error);
        ManualClock clock(local(10, 0));
        History::HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_dir.filePath(u"spool"_s);
        History::HistoryWriter writer(m_project, clock, options);
        QVERIFY(writer.open());
        writer.journal({}, std::vector{
                               entry(1, u"张三"_s, u"zhangsan"_s, u"operator"_s, 0,
                                     u"control.select"_s, {}, u"1"_s),
                               entry(2, u"张三"_s, u"zhangsan"_s, u"operator"_s, 0,
                                     u"control.operate"_s, u"0"_s, u"1"_s),
                               entry(3, u"李四"_s, u"lisi"_s, u"engineer"_s, 1, u"limits"_s,
                                     u"0.60"_s, u"0.65"_s),
                               entry(4, u"张三"_s, u"zhangsan"_s, u"operator"_s, 1,
                                     u"control.operate"_s, u"1"_s, u"0"_s),
                               entry(5, u"李四"_s, u"lisi"_s, u"engineer"_s, 0, u"write"_s,
                                     u"12.5"_s, u"13, \"manual\""_s),
                           });
        QCOMPARE(writer.journalPending(), 0);
    }

    void filtersShowTheirRowsNewestFirst()
    {
        ManualClock clock(local(10, 0));
        RealtimeStore store(m_project.tagCount());
        Alarms::AlarmService alarms(m_project, clock);
        Ui::Session session;
        const Ui::Services services{m_project, {},      {},      clock, store,
                                    alarms,    nullptr, nullptr, m_url, session};
        Ui::AuditViewer viewer(services);
        viewer.show();
        // The default period is the last 24 hours: every row.
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(viewer.model().rowCount(), 5);
        QCOMPARE(column(viewer, Ui::AuditViewer::Time).first(), u"2026-12-07 09:05:00"_s);
        QCOMPARE(column(viewer, Ui::AuditViewer::Time).last(), u"2026-12-07 09:01:00"_s);

        viewer.setUser(u"zhangsan"_s);
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(column(viewer, Ui::AuditViewer::Time),
                 (QStringList{u"2026-12-07 09:04:00"_s, u"2026-12-07 09:02:00"_s,
                              u"2026-12-07 09:01:00"_s}));
        QCOMPARE(column(viewer, Ui::AuditViewer::User), QStringList(3, u"张三 (zhangsan)"_s));
        QCOMPARE(column(viewer, Ui::AuditViewer::Role),
                 QStringList(3, roleDisplayName(Role::Operator)));
        QCOMPARE(column(viewer, Ui::AuditViewer::Workstation), QStringList(3, u"ws-zhangsan"_s));
        QCOMPARE(column(viewer, Ui::AuditViewer::Station),
                 (QStringList{station(1).displayName(), station(0).displayName(),
                              station(0).displayName()}));
        QCOMPARE(column(viewer, Ui::AuditViewer::Action),
                 (QStringList{Ui::AuditViewer::actionLabel(u"control.operate"_s),
                              Ui::AuditViewer::actionLabel(u"control.operate"_s),
                              Ui::AuditViewer::actionLabel(u"control.select"_s)}));
        QVERIFY(Ui::AuditViewer::actionLabel(u"control.operate"_s) != u"control.operate"_s);
        QCOMPARE(column(viewer, Ui::AuditViewer::Change),
                 (QStringList{u"1 → 0"_s, u"0 → 1"_s, u"1"_s}));
        QCOMPARE(viewer.statusText(), u"3 row(s)"_s);

        // The display name finds the same rows; with a station, only that station's.
        viewer.setUser(u"张三"_s);
        viewer.setStation(station(0).id);
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(column(viewer, Ui::AuditViewer::Time),
                 (QStringList{u"2026-12-07 09:02:00"_s, u"2026-12-07 09:01:00"_s}));

        // A station alone: both users' rows there.
        viewer.setUser({});
        viewer.setStation(station(1).id);
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(column(viewer, Ui::AuditViewer::User),
                 (QStringList{u"张三 (zhangsan)"_s, u"李四 (lisi)"_s}));
        QCOMPARE(column(viewer, Ui::AuditViewer::Change),
                 (QStringList{u"1 → 0"_s, u"0.60 → 0.65"_s}));

        // Every control command (a family), at every station.
        viewer.setStation({});
        viewer.setAction(u"control."_s);
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(viewer.model().rowCount(), 3);
        viewer.setAction(u"write"_s);
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(column(viewer, Ui::AuditViewer::User), QStringList{u"李四 (lisi)"_s});

        // A period that holds only 09:02–09:03.
        viewer.setAction({});
        viewer.setRange(local(9, 2), local(9, 3));
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(column(viewer, Ui::AuditViewer::Time),
                 (QStringList{u"2026-12-07 09:03:00"_s, u"2026-12-07 09:02:00"_s}));
    }

    void exportsWhatIsShown()
    {
        ManualClock clock(local(10, 0));
        RealtimeStore store(m_project.tagCount());
        Alarms::AlarmService alarms(m_project, clock);
        Ui::Session session;
        const Ui::Services services{m_project, {},      {},      clock, store,
                                    alarms,    nullptr, nullptr, m_url, session};
        Ui::AuditViewer viewer(services);
        viewer.setUser(u"lisi"_s);
        viewer.runQuery();
        viewer.wait();
        QCOMPARE(viewer.model().rowCount(), 2);
        const QString path = m_dir.filePath(u"audit.csv"_s);
        QString error;
        QVERIFY2(viewer.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QStringList lines =
            QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(viewer.model().horizontalHeaderItem(0)->text() + u','),
                 qPrintable(lines[0]));
        // The quoted field keeps its comma and quotes.
        QVERIFY2(lines[1].startsWith(u"2026-12-07 09:05:00,李四 (lisi),"_s), qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(u",\"12.5 → 13, \"\"manual\"\"\","_s), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(u"2026-12-07 09:03:00,李四 (lisi),"_s), qPrintable(lines[2]));
    }

    void verifyShowsIntactThenTheChangedRow()
    {
        ManualClock clock(local(10, 0));
        RealtimeStore store(m_project.tagCount());
        Alarms::AlarmService alarms(m_project, clock);
        Ui::Session session;
        const Ui::Services services{m_project, {},      {},      clock, store,
                                    alarms,    nullptr, nullptr, m_url, session};
        {
            Ui::AuditViewer viewer(services);
            viewer.runVerify();
            viewer.wait();
            QVERIFY2(viewer.verifiedIntact(), qPrintable(viewer.verifyText()));
            QVERIFY2(viewer.verifyText().startsWith(u"Intact: 5 audit rows"_s),
                     qPrintable(viewer.verifyText()));
        }
        qint64 id = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(m_url.path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT id FROM audit_log WHERE seq = 3"_s) && q.next());
            id = q.value(0).toLongLong();
            QVERIFY(q.exec(u"UPDATE audit_log SET new_value = '0.95' WHERE seq = 3"_s));
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        Ui::AuditViewer viewer(services);
        viewer.runVerify();
        viewer.wait();
        QVERIFY(!viewer.verifiedIntact());
        QCOMPARE(viewer.verifyText(),
                 u"Broken: audit row seq 3 (id %1, 2026-12-07 09:03:00, 李四, limits): changed — "
                 "its hash does not match its content"_s.arg(id));
    }
};

QTEST_MAIN(tst_AuditViewer)
#include "tst_auditviewer.moc"
