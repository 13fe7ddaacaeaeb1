// An alarm journal row as the record panel and pumpwatch-cli show it, in Chinese: every cell of
// an open critical record of a tag in the project, of an ended and acknowledged one whose tag
// left the project, and of a system alarm; times in the zone asked for, not the computer's.
#include <alarms/alarmrecordcells.h>
#include <core/translator.h>
#include <sim/citygenerator.h>

#include <QTest>

using namespace PumpWatch;
using namespace Qt::StringLiterals;
using Cells = Alarms::AlarmRecordCells;

namespace {

const QTimeZone Shanghai("Asia/Shanghai");

qint64 shanghai(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Shanghai).toMSecsSinceEpoch();
}

} // namespace

class tst_AlarmRecordCells : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(installTranslators(*QCoreApplication::instance(), QLocale(u"zh_CN"_s)));
        Sim::CityOptions o;
        o.stations = 2;
        m_project = Sim::CityGenerator::generate(o);
        const Station& s = m_project.stations.front();
        for (TagId t = s.firstTag; t < s.firstTag + s.tagCount; ++t) {
            if (m_project.tag(t).name == u"出水压力")
                m_pressure = t;
        }
        QVERIFY(m_pressure != InvalidTagId);
    }

    void headersMatchTheColumns()
    {
        const QStringList h = Cells::headers();
        QCOMPARE(h.size(), int(Cells::ColumnCount));
        QCOMPARE(h[Cells::Priority], u"级别"_s);
        QCOMPARE(h[Cells::Start], u"开始时间"_s);
    }

    void openRecordOfATagInTheProject()
    {
        const Station& s = m_project.stations.front();
        History::JournalRow r;
        r.id = 7;
        r.station = s.id;
        r.stationName = s.displayName();
        const QString path = m_project.tagPath(m_pressure);
        r.tag = path.mid(path.indexOf(u'/') + 1);
        r.tagName = u"出水压力"_s;
        r.unit = u"MPa"_s;
        r.type = u"high_high"_s;
        r.severity = 2;
        r.value = 0.65234;
        r.startMs = shanghai(20, 6, 5);
        r.endState = u"active"_s;
        const QStringList c = Cells::cells(r, &m_project, Shanghai);
        QCOMPARE(c.size(), int(Cells::ColumnCount));
        QCOMPARE(c[Cells::Priority], u"紧急"_s);
        QCOMPARE(c[Cells::Station], s.displayName());
        QCOMPARE(c[Cells::Subject], u"出水压力"_s);
        QCOMPARE(c[Cells::Value], u"0.652 MPa"_s);
        QCOMPARE(c[Cells::Type], u"高高限报警"_s);
        QCOMPARE(c[Cells::Start], u"2026-11-20 06:05:00"_s);
        QCOMPARE(c[Cells::End], QString());
        QCOMPARE(c[Cells::Acknowledged], u"未确认"_s);
        QCOMPARE(c[Cells::AckTime], QString());
        QCOMPARE(c[Cells::AckUser], QString());
        QCOMPARE(c[Cells::EndState], u"未恢复"_s);
        QCOMPARE(c[Cells::Note], QString());
        QCOMPARE(c[Cells::Cause], QString());
        // The same instant in another zone reads that zone's wall time.
        QCOMPARE(Cells::cells(r, &m_project, QTimeZone::utc())[Cells::Start],
                 u"2026-11-19 22:05:00"_s);
    }

    void endedRecordOfATagThatLeftTheProject()
    {
        History::JournalRow r;
        r.station = u"S9999"_s;
        r.stationName = u"已拆除泵房"_s;
        r.tag = u"plc/gone"_s;
        r.tagName = u"旧液位"_s;
        r.unit = u"m"_s;
        r.type = u"low"_s;
        r.value = 0.15;
        r.startMs = shanghai(20, 7);
        r.endMs = shanghai(20, 9, 30);
        r.endState = u"normal"_s;
        r.ackMs = shanghai(20, 8, 10);
        r.ackUser = u"张三"_s;
        r.note = u"  已通知泵房值班员\n水位已恢复 "_s;
        r.detail = u"sensor_range;min=0;max=5;unit=m"_s;
        for (const Project* project : std::initializer_list<const Project*>{&m_project, nullptr}) {
            const QStringList c = Cells::cells(r, project, Shanghai);
            QCOMPARE(c[Cells::Priority], u"警告"_s);
            QCOMPARE(c[Cells::Value], u"0.150 m"_s);
            QCOMPARE(c[Cells::Type], u"低限报警"_s);
            QCOMPARE(c[Cells::End], u"2026-11-20 09:30:00"_s);
            QCOMPARE(c[Cells::Acknowledged], u"已确认"_s);
            QCOMPARE(c[Cells::AckTime], u"2026-11-20 08:10:00"_s);
            QCOMPARE(c[Cells::AckUser], u"张三"_s);
            QCOMPARE(c[Cells::EndState], u"转正常"_s);
            QCOMPARE(c[Cells::Note], u"已通知泵房值班员\n水位已恢复"_s);
            QVERIFY2(c[Cells::Cause].contains(u"5"_s), qPrintable(c[Cells::Cause]));
        }
    }

    void systemAlarmHasNoStation()
    {
        History::JournalRow r;
        r.type = u"database"_s;
        r.tagName = QString();
        r.startMs = shanghai(21, 0);
        r.endState = u"active"_s;
        const QStringList c = Cells::cells(r, nullptr, Shanghai);
        QCOMPARE(c[Cells::Station], u"系统"_s);
        QCOMPARE(c[Cells::Value], QString());
        QCOMPARE(c[Cells::Start], u"2026-11-21 00:00:00"_s);
    }

private:
    Project m_project;
    TagId m_pressure = InvalidTagId;
};

QTEST_GUILESS_MAIN(tst_AlarmRecordCells)
#include "tst_alarmrecordcells.moc"
