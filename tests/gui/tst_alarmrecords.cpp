// The alarm records (报警记录) as a dispatcher reads them, against a real SQLite alarm journal
// written by the history writer, in Chinese: the records of the current shift include one that
// began in the last shift and is still open (未恢复); a preset follows the clock; a period that
// ends before it starts is refused; each filter (priority, type, acknowledgement, station typed
// as pinyin initials, open only); the live panel's colours; multi-line notes; the CSV's lines.
#include <core/clock.h>
#include <core/textsearch.h>
#include <core/translator.h>
#include <history/historywriter.h>
#include <sim/citygenerator.h>
#include <ui/alarmquery.h>
#include <ui/stationpicker.h>
#include <ui/theme.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QInputMethodEvent>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone ShanghaiZone("Asia/Shanghai");

qint64 local(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), ShanghaiZone).toMSecsSinceEpoch();
}

} // namespace

class tst_AlarmRecords : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(installTranslators(*QCoreApplication::instance(), QLocale(u"zh_CN"_s)));
        QVERIFY(m_dir.isValid());
        Sim::CityOptions o;
        o.stations = 3;
        m_project = Sim::CityGenerator::generate(o);
        QString error;
        m_url = *History::DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"h.sqlite"_s), &error);
        writeJournal();
    }

    void presetRangesFollowTheClock_data()
    {
        QTest::addColumn<Ui::RangePreset>("preset");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        using P = Ui::RangePreset;
        QTest::newRow("day-shift")
            << P::CurrentShift << local(20, 10, 30) << local(20, 8) << local(20, 20);
        QTest::newRow("day-shift-starts-at-8")
            << P::CurrentShift << local(20, 8) << local(20, 8) << local(20, 20);
        QTest::newRow("night-shift-evening")
            << P::CurrentShift << local(20, 21, 15) << local(20, 20) << local(21, 8);
        QTest::newRow("night-shift-morning")
            << P::CurrentShift << local(21, 7, 59) << local(20, 20) << local(21, 8);
        QTest::newRow("today") << P::Today << local(20, 10, 30) << local(20, 0) << local(21, 0);
        QTest::newRow("yesterday")
            << P::Yesterday << local(20, 0, 10) << local(19, 0) << local(20, 0);
        QTest::newRow("last-24-hours")
            << P::Last24Hours << local(20, 10, 30) << local(19, 10, 30) << local(20, 10, 30);
    }

    void presetRangesFollowTheClock()
    {
        QFETCH(Ui::RangePreset, preset);
        QFETCH(qint64, now);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        const Ui::QueryRange r = Ui::QueryRange::of(preset, now, ShanghaiZone);
        QCOMPARE(r.fromMs, from);
        QCOMPARE(r.toMs, to);
        // The panel evaluates its preset when the query runs, not when it was chosen.
        ManualClock clock(local(18, 12));
        Fixture f(*this, clock);
        f.query.setPreset(preset);
        clock.setNowMs(now);
        f.query.run();
        f.query.wait();
        QCOMPARE(f.query.range().fromMs, from);
        QCOMPARE(f.query.range().toMs, to);
    }

    /// 本班 at 10:30 is 08:00–20:00: the open critical alarm from 06:00 is listed, the warning
    /// that ended at 07:30 is not.
    void theShiftListsWhatWasActiveInIt()
    {
        ManualClock clock(local(20, 10, 30));
        Fixture f(*this, clock);
        QAbstractItemModelTester tester(&f.query.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.query.setPreset(Ui::RangePreset::CurrentShift);
        f.query.run();
        f.query.wait();
        QCOMPARE(starts(f.query),
                 (QStringList{u"2026-11-20 10:00:00"_s, u"2026-11-20 09:30:00"_s,
                              u"2026-11-20 07:00:00"_s, u"2026-11-20 06:00:00"_s}));
        QCOMPARE(f.query.statusText(), u"共 4 条记录"_s);
        const QStandardItemModel& m = f.query.result();
        const int carried = 3;
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Priority)->text(), u"紧急"_s);
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Station)->text(), station(0).displayName());
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Subject)->text(), u"出水压力"_s);
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Value)->text(), u"0.652 MPa"_s);
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Type)->text(), u"高高限报警"_s);
        QCOMPARE(m.item(carried, Ui::AlarmQuery::End)->text(), QString());
        QCOMPARE(m.item(carried, Ui::AlarmQuery::EndStateColumn)->text(), u"未恢复"_s);
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Acknowledged)->text(), u"未确认"_s);
        // Colours as in the live panel: open critical red, open warning orange, ended greyed.
        const Ui::StateColours& colours = Ui::stateColours();
        QCOMPARE(m.item(carried, Ui::AlarmQuery::Type)->foreground().color(), colours.critical);
        QCOMPARE(m.item(0, Ui::AlarmQuery::Type)->foreground().color(), colours.warning);
        QCOMPARE(m.item(1, Ui::AlarmQuery::Type)->foreground().color(), colours.staleText);
        QCOMPARE(m.item(2, Ui::AlarmQuery::EndStateColumn)->text(), u"转正常"_s);
        QCOMPARE(m.item(2, Ui::AlarmQuery::Type)->foreground().color(), colours.staleText);
        // A note of two lines: the first in the row, all of it in the tooltip.
        QCOMPARE(m.item(2, Ui::AlarmQuery::Note)->text(), u"已通知泵房值班员 …"_s);
        QCOMPARE(m.item(2, Ui::AlarmQuery::Note)->toolTip(), MultiLineNote);
        QCOMPARE(m.item(2, Ui::AlarmQuery::AckUser)->text(), u"张三"_s);
        QTableView* table = f.query.table();
        QVERIFY(table->rowHeight(2) >= table->fontMetrics().height());
    }

    void aPeriodEndingBeforeItStartsIsRefused()
    {
        ManualClock clock(local(20, 10, 30));
        Fixture f(*this, clock);
        f.query.setPreset(Ui::RangePreset::Today);
        f.query.run();
        f.query.wait();
        QCOMPARE(f.query.result().rowCount(), 5);
        f.query.setRange(local(20, 12), local(20, 9));
        QCOMPARE(f.query.preset(), Ui::RangePreset::Custom);
        f.query.run();
        f.query.wait();
        QCOMPARE(f.query.result().rowCount(), 0);
        QCOMPARE(f.query.statusText(), u"时段的开始必须早于结束。"_s);
    }

    void filters_data()
    {
        QTest::addColumn<std::optional<Alarms::Severity>>("severity");
        QTest::addColumn<std::optional<Alarms::AlarmType>>("type");
        QTest::addColumn<std::optional<bool>>("acknowledged");
        QTest::addColumn<bool>("openOnly");
        QTest::addColumn<QString>("typed"); // into the station picker; "initials:N" for station N
        QTest::addColumn<QStringList>("expected");
        const std::optional<Alarms::Severity> anySeverity;
        const std::optional<Alarms::AlarmType> anyType;
        const std::optional<bool> anyAck;
        const QString h10 = u"2026-11-20 10:00:00"_s, h0930 = u"2026-11-20 09:30:00"_s,
                      h07 = u"2026-11-20 07:00:00"_s, h06 = u"2026-11-20 06:00:00"_s;
        QTest::newRow("critical") << std::optional(Alarms::Severity::Critical) << anyType << anyAck
                                  << false << QString() << QStringList{h0930, h06};
        QTest::newRow("warning") << std::optional(Alarms::Severity::Warning) << anyType << anyAck
                                 << false << QString() << QStringList{h10, h07};
        QTest::newRow("type-low") << anySeverity << std::optional(Alarms::AlarmType::Low) << anyAck
                                  << false << QString() << QStringList{h07};
        QTest::newRow("type-comm") << anySeverity << std::optional(Alarms::AlarmType::CommFailure)
                                   << anyAck << false << QString() << QStringList{h0930};
        QTest::newRow("acknowledged") << anySeverity << anyType << std::optional(true) << false
                                      << QString() << QStringList{h10, h0930, h07};
        QTest::newRow("unacknowledged") << anySeverity << anyType << std::optional(false) << false
                                        << QString() << QStringList{h06};
        QTest::newRow("open-only")
            << anySeverity << anyType << anyAck << true << QString() << QStringList{h10, h06};
        QTest::newRow("station-by-initials") << anySeverity << anyType << anyAck << false
                                             << u"initials:1"_s << QStringList{h10, h0930};
        QTest::newRow("station-by-name")
            << anySeverity << anyType << anyAck << false << u"name:0"_s << QStringList{h07, h06};
        QTest::newRow("critical-at-station")
            << std::optional(Alarms::Severity::Critical) << anyType << anyAck << false
            << u"initials:1"_s << QStringList{h0930};
    }

    void filters()
    {
        QFETCH(std::optional<Alarms::Severity>, severity);
        QFETCH(std::optional<Alarms::AlarmType>, type);
        QFETCH(std::optional<bool>, acknowledged);
        QFETCH(bool, openOnly);
        QFETCH(QString, typed);
        QFETCH(QStringList, expected);
        ManualClock clock(local(20, 10, 30));
        Fixture f(*this, clock);
        f.query.setPreset(Ui::RangePreset::CurrentShift);
        f.query.run();
        f.query.wait();
        QCOMPARE(f.query.result().rowCount(), 4);
        // Each filter re-runs the query.
        f.query.setSeverity(severity);
        f.query.setType(type);
        f.query.setAcknowledged(acknowledged);
        f.query.setActiveOnly(openOnly);
        if (!typed.isEmpty()) {
            const Station& s = station(typed.section(u':', 1).toInt());
            const QString text =
                typed.startsWith(u"initials") ? SearchKey(s.name).initials() : s.name;
            Ui::StationPicker* picker = f.query.stationPicker();
            picker->setFocus();
            if (typed.startsWith(u"initials")) {
                QTest::keyClicks(picker, text);
            } else { // Chinese comes from the input method
                QInputMethodEvent ime;
                ime.setCommitString(text);
                QApplication::sendEvent(picker, &ime);
            }
            QTest::keyClick(picker, Qt::Key_Return);
            QCOMPARE(picker->stationId(), s.id);
            QCOMPARE(picker->text(), s.displayName());
        }
        f.query.wait();
        QCOMPARE(starts(f.query), expected);
    }

    void aStationNoOneHasIsSaidSo()
    {
        ManualClock clock(local(20, 10, 30));
        Fixture f(*this, clock);
        f.query.stationPicker()->setText(u"zzzz"_s);
        f.query.stationPicker()->resolve();
        f.query.run();
        f.query.wait();
        QCOMPARE(f.query.result().rowCount(), 0);
        QCOMPARE(f.query.statusText(), u"没有站点与“zzzz”匹配。"_s);
    }

    /// The CSV holds what is shown: the filtered rows, every column, notes whole.
    void csvFollowsWhatIsShown()
    {
        ManualClock clock(local(20, 10, 30));
        Fixture f(*this, clock);
        f.query.setPreset(Ui::RangePreset::CurrentShift);
        f.query.setSeverity(Alarms::Severity::Warning);
        f.query.run();
        f.query.wait();
        const QString path = m_dir.filePath(u"records.csv"_s);
        QString error;
        QVERIFY2(f.query.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString s0 = station(0).displayName(), s1 = station(1).displayName();
        const QString expected =
            u"序号,级别,站名,监控值,数值,报警类型,开始时间,截止时间,是否确认,确认时间,"
            "确认人,结束状态,处理内容,原因\r\n"_s +
            u"1,警告,%1,出水压力,0.612 MPa,高限报警,2026-11-20 10:00:00,,已确认,"
            "2026-11-20 10:05:00,李四,未恢复,观察中,\r\n"_s.arg(s1) +
            u"2,警告,%1,出水压力,0.152 MPa,低限报警,2026-11-20 07:00:00,2026-11-20 "
            "09:00:00,已确认,2026-11-20 08:10:00,张三,转正常,\"%2\",\r\n"_s.arg(s0, MultiLineNote);
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF")); // the BOM Excel needs to read UTF-8
        QCOMPARE(QString::fromUtf8(bytes.mid(3)), expected);
    }

private:
    static inline const QString MultiLineNote = u"已通知泵房值班员\n更换出水压力变送器"_s;

    struct Fixture {
        Fixture(tst_AlarmRecords& t, const Clock& clock)
            : store(t.m_project.tagCount())
            , alarms(t.m_project, clock)
            , services{t.m_project, {},      {},      clock,   store,
                       alarms,      nullptr, nullptr, t.m_url, session}
            , query(services)
        {
            query.resize(1400, 500);
        }
        RealtimeStore store;
        Alarms::AlarmService alarms;
        Ui::Session session;
        Ui::Services services;
        Ui::AlarmQuery query;
    };

    const Station& station(int i) const { return m_project.stations[static_cast<std::size_t>(i)]; }

    static QStringList starts(const Ui::AlarmQuery& q)
    {
        QStringList out;
        for (int r = 0; r < q.result().rowCount(); ++r)
            out << q.result().item(r, Ui::AlarmQuery::Start)->text();
        return out;
    }

    TagId pressure(int s) const
    {
        const Station& st = station(s);
        for (TagId t = st.firstTag; t < st.firstTag + st.tagCount; ++t) {
            if (m_project.tag(t).name == u"出水压力")
                return t;
        }
        return InvalidTagId;
    }

    /// The journal of two days at two stations, as the alarm system writes it.
    void writeJournal()
    {
        ManualClock clock(local(20, 11));
        History::HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_dir.filePath(u"spool"_s);
        History::HistoryWriter writer(m_project, clock, options);
        QVERIFY(writer.open());
        std::vector<History::JournalEntry> entries;
        quint64 key = 0;
        const auto record = [&](int s, const char* type, int severity, double value, qint64 start,
                                qint64 end, qint64 ack, const QString& user, const QString& note) {
            History::JournalEntry e;
            e.key = ++key;
            const TagId tag = pressure(s);
            QVERIFY(tag != InvalidTagId);
            e.station = station(s).id;
            e.stationName = station(s).displayName();
            const QString path = m_project.tagPath(tag);
            e.tag = path.mid(path.indexOf(u'/') + 1);
            e.tagName = m_project.tag(tag).name;
            e.unit = m_project.tag(tag).unit;
            if (QByteArrayView(type) == "comm_failure") {
                e.tag = station(s).devices.front().id;
                e.tagName = zoneDisplayName(station(s).devices.front().zone);
                e.unit.clear();
            } else {
                e.value = value;
            }
            e.type = QString::fromLatin1(type);
            e.severity = severity;
            e.startMs = start;
            e.endState = u"active"_s;
            entries.push_back(e);
            if (ack) {
                e.kind = History::JournalEntry::Acknowledge;
                e.ackMs = ack;
                e.ackUser = user;
                e.note = note;
                entries.push_back(e);
            }
            if (end) {
                e.kind = History::JournalEntry::End;
                e.endMs = end;
                e.endState = u"normal"_s;
                entries.push_back(e);
            }
        };
        const QString none;
        record(0, "high", 1, 0.601, local(19, 23), local(20, 7, 30), 0, none, none);
        record(0, "high_high", 2, 0.652, local(20, 6), 0, 0, none, none);
        record(0, "low", 1, 0.152, local(20, 7), local(20, 9), local(20, 8, 10), u"张三"_s,
               MultiLineNote);
        record(1, "comm_failure", 2, 0, local(20, 9, 30), local(20, 10), local(20, 9, 40),
               u"张三"_s, u"已派人检修"_s);
        record(1, "high", 1, 0.612, local(20, 10), 0, local(20, 10, 5), u"李四"_s, u"观察中"_s);
        writer.journal(entries, {});
        QCOMPARE(writer.journalPending(), 0);
    }

    QTemporaryDir m_dir;
    Project m_project;
    History::DatabaseUrl m_url;
};

QTEST_MAIN(tst_AlarmRecords)
#include "tst_alarmrecords.moc"
