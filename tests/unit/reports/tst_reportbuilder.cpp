// Reports from history written from a known flow (knownhistory.h): a production day is 1680
// m³, each hour 100 or 40 m³. The faults, and what the reports make of them:
// - S1 (北郊水厂 二号线): silent from 11-21 07:10 to 09:40, across the day boundary. The
//   rollups spread the 200 m³ of the gap evenly over its 150 minutes, so 50/150 of it (66.667
//   m³, not the 33.333 that went through) lands before 08:00: the day is 1713.333, estimated,
//   with the gap named, and the next day 1646.667 — nothing lost, nothing silently moved.
// - S2 (北郊水厂 一号线): a meter with a 100 000 m³ modulus that rolls over on the 20th.
// - S3 (南郊水厂 南老线): reset to 0 right after its 11:59 reading on the 20th.
// - S4 (南郊水厂 南南线): replaced at 14:00 on the 20th (old meter's final 20 000 + V, new meter
//   from 5 000), entered as a replacement.
// Days with rollover, reset and replacement still total exactly 1680 and are flagged.
#include "knownhistory.h"

#include <reports/reportbuilder.h>
#include <reports/reportstore.h>

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Reports;
using namespace PumpWatch::Test::Known;

class tst_ReportBuilder : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    Project m_project;
    History::DatabaseUrl m_url;
    std::unique_ptr<History::HistoryReader> m_reader;
    User m_admin = admin();

    TagId tag(const char* station, const char* key) const
    {
        return m_project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    }

    std::optional<Report> production(const char* period)
    {
        QString error;
        ReportBuilder builder(m_project, *m_reader);
        auto r = builder.production(*ReportPeriod::parse(QString::fromLatin1(period), &error),
                                    {End + 5000, QStringLiteral("李四")}, &error);
        if (!r)
            qWarning() << error;
        return r;
    }

    /// The body row whose first cell is `label`.
    static int rowOf(const Report& r, const QString& label)
    {
        for (int i = r.headerRows; i < r.rowCount(); ++i) {
            if (r.cell(i, 0).text == label)
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_project = project();
        QString error;
        m_url = *History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("h.db")), &error);
        QVERIFY2(write(m_project, m_url, m_tmp.filePath(QStringLiteral("spool")), &error),
                 qPrintable(error));
        m_reader = std::make_unique<History::HistoryReader>(m_project, m_url);
        QVERIFY2(m_reader->open(&error), qPrintable(error));
    }

    void layoutFollowsPlantsAndLines()
    {
        const auto r = production("2026-11");
        QVERIFY(r);
        QVERIFY2(r->check().isEmpty(), qPrintable(r->check().join(u'\n')));
        QCOMPARE(r->title, QStringLiteral("供排水公司 monthly water production report"));
        QVERIFY(r->subtitles.join(u'|').contains(QStringLiteral("08:00")));
        QCOMPARE(r->headerRows, 2);
        QStringList top, second;
        for (int c = 0; c < r->columnCount(); ++c) {
            top << r->cell(0, c).text;
            second << r->cell(1, c).text;
        }
        QCOMPARE(top.join(u','), QStringLiteral("Date,北郊水厂,,,南郊水厂,,,Total"));
        QCOMPARE(second.join(u','),
                 QStringLiteral(",二号线,一号线,Subtotal,南老线,南南线,Subtotal,"));
        QCOMPARE(r->rowCount(), 2 + 30 + 4); // headers, 30 days, 合计 平均 最大 最小
        // Kd over the complete days (11-20, 11-21): S1 1713.333 and 1646.667 → 1.02.
        const QString notes = r->notes.join(u'\n');
        QVERIFY2(notes.contains(QStringLiteral("北郊水厂 二号线 1.02, 北郊水厂 一号线 1.00")),
                 qPrintable(notes));
    }

    void dayTotalsAreExact()
    {
        const auto r = production("2026-11");
        QVERIFY(r);
        const int d20 = rowOf(*r, QStringLiteral("2026-11-20"));
        const int d21 = rowOf(*r, QStringLiteral("2026-11-21"));
        QVERIFY(d20 > 0 && d21 == d20 + 1);
        // S1: the gap across 11-21 08:00, interpolated and said so.
        const Cell& s1 = r->cell(d20, 1);
        QVERIFY(qAbs(*s1.value -
                     (1680.0 + 200.0 * 50 / 150 - 200.0 * 10 / 60 * 0 - 40.0 * 50 / 60)) < 1e-6);
        QVERIFY(s1.flags & CellFlag::Estimated);
        QVERIFY2(s1.comment.contains(QStringLiteral("11-21 07:10")) &&
                     s1.comment.contains(QStringLiteral("11-21 09:40")),
                 qPrintable(s1.comment));
        QVERIFY(qAbs(*r->cell(d21, 1).value - (1680.0 - 200.0 * 50 / 150 + 40.0 * 50 / 60)) < 1e-6);
        QVERIFY(r->cell(d21, 1).flags & CellFlag::Estimated);
        QVERIFY(qAbs(*s1.value + *r->cell(d21, 1).value - 2 * 1680.0) < 1e-6);
        // S2 rolled over, S3 was reset, S4 replaced: the day is still 1680.
        for (int c : {2, 4, 5})
            QVERIFY2(
                qAbs(*r->cell(d20, c).value - 1680.0) < 1e-6,
                qPrintable(
                    QStringLiteral("column %1: %2").arg(c).arg(*r->cell(d20, c).value, 0, 'f', 6)));
        QVERIFY(r->cell(d20, 2).flags & CellFlag::Rollover);
        // Volumes against the flow rate's integral: S2 agrees, S3's flow meter reads 10 % high.
        QVERIFY(!(r->cell(d20, 2).flags & CellFlag::Suspect));
        QVERIFY(!(r->cell(d21, 2).flags & CellFlag::Suspect));
        QVERIFY(r->cell(d21, 4).flags & CellFlag::Suspect);
        QVERIFY2(r->cell(d21, 4).comment.contains(QStringLiteral("1848 m³, -9.1 %")),
                 qPrintable(r->cell(d21, 4).comment));
        QVERIFY(r->cell(d20, 4).flags & CellFlag::Reset);
        QVERIFY(r->cell(d20, 5).flags & CellFlag::Replaced);
        QVERIFY(!(r->cell(d20, 5).flags & CellFlag::Reset));
        QVERIFY(!(r->cell(d21, 2).flags & (CellFlag::Rollover | CellFlag::Reset)));
        QVERIFY(qAbs(*r->cell(d21, 2).value - 1680.0) < 1e-6);
        // Subtotals and the total add what is shown.
        QVERIFY(qAbs(*r->cell(d20, 3).value - (*s1.value + 1680.0)) < 1e-6);
        QVERIFY(qAbs(*r->cell(d20, 7).value - (*s1.value + 3 * 1680.0)) < 1e-6);
        QCOMPARE(r->cell(d20, 7).displayText(), QStringLiteral("6753"));
    }

    void noDataIsBlankAndTheOpenDayIncomplete()
    {
        const auto r = production("2026-11");
        QVERIFY(r);
        const int d18 = rowOf(*r, QStringLiteral("2026-11-18"));
        QVERIFY(!r->cell(d18, 1).isNumber());
        QVERIFY(r->cell(d18, 1).flags & CellFlag::Missing);
        QCOMPARE(r->cell(d18, 1).displayText(), QString());
        QVERIFY(!r->cell(d18, 7).isNumber()); // a total of nothing is blank, not 0
        // The meters' first readings came at 11-20 00:00, within production day 11-19.
        const int d19 = rowOf(*r, QStringLiteral("2026-11-19"));
        QVERIFY(qAbs(*r->cell(d19, 2).value - 40.0 * 8) < 1e-6);
        QVERIFY(r->cell(d19, 2).flags & CellFlag::Incomplete);
        QVERIFY2(r->cell(d19, 2).comment.contains(QStringLiteral("11-20 00:00")),
                 qPrintable(r->cell(d19, 2).comment));
        const int d22 = rowOf(*r, QStringLiteral("2026-11-22"));
        QVERIFY(r->cell(d22, 2).flags & CellFlag::Incomplete);
        QVERIFY(qAbs(*r->cell(d22, 2).value - 400.0) < 1e-6); // 08:00 → 12:00 at 100 m³/h
        // S4 silent from 11-22 03:00 to 10:00: the day before gets 5/7 of the gap's 400 m³.
        QVERIFY(qAbs(*r->cell(d22 - 1, 5).value - (1680.0 - 5 * 40.0 + 400.0 * 5 / 7)) < 1e-6);
        const int d23 = rowOf(*r, QStringLiteral("2026-11-23"));
        QVERIFY(!r->cell(d23, 2).isNumber());
    }

    void hourlyReportFollowsTheBoundary()
    {
        const auto r = production("2026-11-20");
        QVERIFY(r);
        QCOMPARE(r->rowCount(), 2 + 24 + 4);
        QCOMPARE(r->cell(2, 0).text, QStringLiteral("08:00"));
        QCOMPARE(r->cell(25, 0).text, QStringLiteral("07:00"));
        QCOMPARE(r->cell(2, 2).value, 100.0);               // S2 08:00–09:00
        QVERIFY(qAbs(*r->cell(14, 2).value - 40.0) < 1e-9); // 20:00–21:00
        // S4's replacement between 13:59 and 14:00 lands in the 13:00 hour, as its volume did.
        QVERIFY(qAbs(*r->cell(2 + 5, 5).value - 100.0) < 1e-6);
        QVERIFY(qAbs(*r->cell(2 + 6, 5).value - 100.0) < 1e-6);
        // S1's last hour holds 10 minutes read and 50 interpolated.
        QVERIFY(qAbs(*r->cell(25, 1).value - (40.0 * 10 / 60 + 200.0 * 50 / 150)) < 1e-6);
        const int total = rowOf(*r, QStringLiteral("Total"));
        QVERIFY(qAbs(*r->cell(total, 2).value - 1680.0) < 1e-6);
    }

    // A day that starts inside a comm gap that began hours before it (S4, silent from 11-22
    // 03:00 to 10:00): its hours are estimated with the whole gap named, not "data from 10:00".
    void dayStartingInsideAGap()
    {
        const auto r = production("2026-11-22");
        QVERIFY(r);
        const Cell& first = r->cell(2, 5); // 08:00–09:00: 400 m³ over 7 hours
        QVERIFY(qAbs(*first.value - 400.0 / 7) < 1e-6);
        QVERIFY(first.flags & CellFlag::Estimated);
        QVERIFY2(first.comment.contains(QStringLiteral("11-22 03:00")) &&
                     first.comment.contains(QStringLiteral("11-22 10:00")) &&
                     !first.comment.contains(QStringLiteral("data from")),
                 qPrintable(first.comment));
        const int total = rowOf(*r, QStringLiteral("Total"));
        QVERIFY(qAbs(*r->cell(total, 5).value - (400.0 * 2 / 7 + 200.0)) < 1e-6);
    }

    void yearSumsMonths()
    {
        const auto year = production("2026");
        QVERIFY(year);
        const int nov = rowOf(*year, QStringLiteral("2026-11"));
        // 11-20 00:00–08:00 (production day 11-19) + two days + 11-22 08:00–12:00
        QVERIFY(qAbs(*year->cell(nov, 2).value - (40.0 * 8 + 2 * 1680.0 + 400.0)) < 1e-6);
        QVERIFY(year->cell(nov, 2).flags & CellFlag::Incomplete);
        QVERIFY(!year->cell(rowOf(*year, QStringLiteral("2026-10")), 2).isNumber());
    }

    void correctionTurnsTheCellGreen()
    {
        ReportStore store(m_reader->database());
        QString error;
        Correction c;
        c.family = QStringLiteral("production");
        c.cell = QStringLiteral("line:bj2/day/2026-11-21");
        c.periodStartMs = local(21, 8);
        c.original = 1646.667;
        c.corrected = 1650;
        c.method = CorrectionMethod::PairedMeter;
        c.reason = QStringLiteral("通讯中断");
        User op{QStringLiteral("zhangsan"), QStringLiteral("张三"), {}, Role::Operator};
        QVERIFY(!store.addCorrection(c, op, QStringLiteral("ws1"), &error));
        // Refused by the permission table: the message names who and what they may not do.
        QVERIFY2(error.contains(QStringLiteral("张三")) &&
                     error.contains(actionDisplayName(Action::CorrectReports)),
                 qPrintable(error));
        QVERIFY2(store.addCorrection(c, m_admin, QStringLiteral("ws1"), &error), qPrintable(error));
        const auto r = production("2026-11");
        const int d21 = rowOf(*r, QStringLiteral("2026-11-21"));
        QCOMPARE(r->cell(d21, 1).value, 1650.0);
        QCOMPARE(r->cell(d21, 1).flags, CellFlags(CellFlag::Corrected));
        QVERIFY(r->cell(d21, 1).comment.contains(QStringLiteral("赵六")));
        QVERIFY(qAbs(*r->cell(d21, 3).value - (1650.0 + 1680.0)) < 1e-6);
        // The year's November holds the corrected day's change (from the original recorded with
        // the correction); the day's hourly report names it.
        const auto year = production("2026");
        const Cell& nov = year->cell(rowOf(*year, QStringLiteral("2026-11")), 1);
        QVERIFY2(qAbs(*nov.value - (40.0 * 8 + 2 * 1680.0 + 400.0 - 1646.667 + 1650.0)) < 1e-6,
                 qPrintable(QString::number(*nov.value, 'f', 4)));
        QVERIFY(nov.flags & CellFlag::Corrected);
        QVERIFY2(nov.comment.contains(QStringLiteral("2026-11-21 corrected by 赵六")),
                 qPrintable(nov.comment));
        const auto hours = production("2026-11-21");
        QVERIFY2(hours->notes.join(u'\n').contains(QStringLiteral("2026-11-21 corrected by 赵六")),
                 qPrintable(hours->notes.join(u'\n')));
        QSqlQuery q(m_reader->database());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT COUNT(*), MAX(login) FROM audit_log WHERE action = 'report.correct'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toString(), QStringLiteral("zhaoliu"));
    }

    std::optional<Report> energy(const char* period)
    {
        QString error;
        ReportBuilder builder(m_project, *m_reader);
        auto r = builder.energy(*ReportPeriod::parse(QString::fromLatin1(period), &error),
                                {End + 5000, QStringLiteral("李四")}, &error);
        if (!r)
            qWarning() << error;
        return r;
    }

    static int columnOf(const Report& r, const QString& name)
    {
        for (int c = 0; c < r.columnCount(); ++c) {
            if (r.columns[c].name == name)
                return c;
        }
        return -1;
    }

    // S5 on production day 11-20: 30 kW by day, 12 kW by night → 504 kWh for 1680 m³ = 0.3
    // kWh/m³; ΔP 0.5 − 0.1 = 0.4 MPa → 1000 × 504 / (1680 × 0.4) = 750 kWh/(km³·MPa),
    // efficiency 277.8 / 750 = 37.04 %. Tariff v1: 峰 08–11 and 18–21 (3 × 30 + 2 × 30 + 12 =
    // 162), 平 11–18, 21–22, 06–08 (7 × 30 + 12 + 2 × 12 = 246), 谷 22–06 (8 × 12 = 96); cost
    // 162 × 1.0 + 246 × 0.6 + 96 × 0.3 = 338.40. A year before: 0.36 kWh/m³ → −0.060, −16.7 %.
    void energyOfADay()
    {
        const auto r = energy("2026-11-20");
        QVERIFY(r);
        QVERIFY2(r->check().isEmpty(), qPrintable(r->check().join(u'\n')));
        // 北郊 S1, S2, subtotal; 南郊 S3, S4, subtotal; the others: S5.
        const int s2 = r->headerRows + 6;
        QCOMPARE(r->cell(s2, 0).text, QStringLiteral("(A)澳门路口"));
        const auto at = [&](const char* column) {
            const int c = columnOf(*r, QString::fromUtf8(column));
            if (c < 0)
                qWarning() << "no column" << column;
            return r->cell(s2, c);
        };
        QVERIFY(qAbs(*at("This period Energy kWh").value - 504.0) < 1e-6);
        QVERIFY(qAbs(*at("This period Water m³").value - 1680.0) < 1e-6);
        QCOMPARE(at("This period kWh/m³").displayText(), QStringLiteral("0.300"));
        QCOMPARE(at("This period kWh/(km³·MPa)").displayText(), QStringLiteral("750.0"));
        QCOMPARE(at("This period Efficiency %").displayText(), QStringLiteral("37.0"));
        QVERIFY(qAbs(*at("Energy by tariff kWh peak").value - 162.0) < 1e-6);
        QVERIFY(qAbs(*at("Energy by tariff kWh flat").value - 246.0) < 1e-6);
        QVERIFY(qAbs(*at("Energy by tariff kWh valley").value - 96.0) < 1e-6);
        QCOMPARE(columnOf(*r, QStringLiteral("Energy by tariff kWh sharp peak")), -1);
        QCOMPARE(at("Cost ¥").displayText(), QStringLiteral("338.40"));
        QCOMPARE(at("Against last year (kWh/m³) Base").displayText(), QStringLiteral("0.360"));
        QCOMPARE(at("Against last year (kWh/m³) Change").displayText(), QStringLiteral("-0.060"));
        QCOMPARE(at("Against last year (kWh/m³) Growth %").displayText(), QStringLiteral("-16.7"));
        // The day before had 8 hours of data at the same rate: growth 0.
        QCOMPARE(at("Against the period before (kWh/m³) Growth %").displayText(),
                 QStringLiteral("0.0"));
        // S1 has no energy meter readings: "—", never 0 or ±∞.
        QCOMPARE(r->cell(s2 - 1, columnOf(*r, QStringLiteral("This period kWh/m³"))).text,
                 QStringLiteral("—"));
        QVERIFY(r->notes.join(u'\n').contains(QStringLiteral("沪发改价管〔2022〕50号")));
        QVERIFY2(r->subtitles.join(u'\n').contains(QStringLiteral("1 of 5 against 2025")),
                 qPrintable(r->subtitles.join(u'\n')));
    }

    // 11-22 08:00–12:00 under v2 (from 11-22): 峰 08:00–10:30 → 30 + 30 + 15, 平 → 15 + 30.
    // The 10:00 hour is split at 10:30 by the meter's readings.
    void energyWithHalfHoursAndAPartialPeriod()
    {
        const auto r = energy("2026-11-22");
        QVERIFY(r);
        const int s2 = r->headerRows + 6;
        const auto at = [&](const char* column) {
            return r->cell(s2, columnOf(*r, QString::fromUtf8(column)));
        };
        QVERIFY(qAbs(*at("This period Energy kWh").value - 120.0) < 1e-6);
        QVERIFY(qAbs(*at("Energy by tariff kWh peak").value - 75.0) < 1e-6);
        QVERIFY(qAbs(*at("Energy by tariff kWh flat").value - 45.0) < 1e-6);
        QCOMPARE(at("Cost ¥").displayText(), QStringLiteral("117.00")); // 75 × 1.2 + 45 × 0.6
        QVERIFY(r->subtitles.join(u'\n').contains(QStringLiteral("2026-11-22 12:00")));
        // Compared with 11-21 08:00–12:00, not the whole day before.
        QCOMPARE(at("Against the period before (kWh/m³) Base").displayText(),
                 QStringLiteral("0.300"));
    }

    void cancelStopsTheBuild()
    {
        QString error;
        ReportBuilder builder(m_project, *m_reader);
        ReportOptions options{End + 5000, {}, [] { return true; }};
        QVERIFY(!builder.production({ReportPeriod::Month, QDate(2026, 11, 1)}, options, &error));
        QCOMPARE(error, QStringLiteral("canceled"));
        QVERIFY(!builder.energy({ReportPeriod::Day, QDate(2026, 11, 20)}, options, &error));
        QVERIFY(!builder.daily(QDate(2026, 11, 20), QStringLiteral("outlet_pressure"), options,
                               &error));
    }

    // Issuing a corrected report makes a new version; the earlier file and its hash stay.
    void versionsKeepEarlierFiles()
    {
        ReportStore store(m_reader->database());
        QString error;
        const User lisi{QStringLiteral("lisi"), QStringLiteral("李四"), {}, Role::Engineer};
        const auto issue = [&](const QString& name, const QByteArray& content) {
            QFile f(m_tmp.filePath(name));
            if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
                return std::optional<ReportVersion>();
            f.close();
            return store.addVersion(QStringLiteral("production-month-2026-11"),
                                    QStringLiteral("csv"), f.fileName(), lisi, &error);
        };
        const auto v1 = issue(QStringLiteral("p.v1.csv"), "day,1646\r\n");
        QVERIFY2(v1, qPrintable(error));
        const auto v2 = issue(QStringLiteral("p.v2.csv"), "day,1650\r\n");
        QVERIFY2(v2, qPrintable(error));
        QCOMPARE(v1->version, 1);
        QCOMPARE(v2->version, 2);
        QCOMPARE(ReportStore::sha256Of(v1->file, &error), v1->sha256);
        QCOMPARE(v1->sha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash("day,1646\r\n", QCryptographicHash::Sha256).toHex()));
        const auto listed = store.versions(QStringLiteral("production-month-2026-11"), &error);
        QVERIFY(listed && listed->size() == 2);
        QCOMPARE(listed->back().sha256, v1->sha256); // newest first
        // 审核: not by whoever generated it (by login, whatever the display name), once; another
        // user of the same display name may.
        QVERIFY(!store.review(v2->id, lisi, QStringLiteral("ws1"), &error));
        QVERIFY(error.contains(QStringLiteral("李四")));
        const User renamed{QStringLiteral("lisi"), QStringLiteral("李工"), {}, Role::Engineer};
        QVERIFY(!store.review(v2->id, renamed, QStringLiteral("ws1"), &error));
        const User namesake{QStringLiteral("lisi2"), QStringLiteral("李四"), {}, Role::Engineer};
        QVERIFY2(store.review(v1->id, namesake, QStringLiteral("ws1"), &error), qPrintable(error));
        QVERIFY2(store.review(v2->id, m_admin, QStringLiteral("ws1"), &error), qPrintable(error));
        QVERIFY(!store.review(v2->id, m_admin, QStringLiteral("ws1"), &error));
        QVERIFY(error.contains(QStringLiteral("already")));
        const auto after = store.versions(QStringLiteral("production-month-2026-11"), &error);
        QCOMPARE(after->front().reviewedBy, QStringLiteral("赵六"));
    }

    // Entered replacements are matched to the drop they explain: a newer entry with a typo
    // (an old-meter reading below its last one) is not applied and is named, the earlier good
    // one still counts; an entry where the readings never dropped is named, not applied.
    void replacementsMustFitTheReadings()
    {
        ReportStore store(m_reader->database());
        QString error;
        const QString s4 = m_project.tagPath(m_project.findTag(u"S4", u"plc", u"outlet_total"));
        const QString s1 = m_project.tagPath(m_project.findTag(u"S1", u"plc", u"outlet_total"));
        QVERIFY2(store.addReplacement(
                     {0, s4, local(20, 14, 5), 200.0, 5000.0, {}, QStringLiteral("录错")}, m_admin,
                     QStringLiteral("ws1"), &error),
                 qPrintable(error));
        QVERIFY2(
            store.addReplacement({0, s1, local(20, 3), 1100.0, 0.0, {}, QStringLiteral("误录")},
                                 m_admin, QStringLiteral("ws1"), &error),
            qPrintable(error));
        const auto r = production("2026-11");
        QVERIFY(r);
        const int d20 = rowOf(*r, QStringLiteral("2026-11-20"));
        const Cell& s4day = r->cell(d20, 5);
        QVERIFY(qAbs(*s4day.value - 1680.0) < 1e-6);
        QVERIFY(s4day.flags & CellFlag::Replaced);
        QVERIFY(s4day.flags & CellFlag::Suspect);
        QVERIFY2(
            s4day.comment.contains(QStringLiteral("11-20 14:05 (old 200, new 5000) does not fit")),
            qPrintable(s4day.comment));
        const Cell& s1day = r->cell(rowOf(*r, QStringLiteral("2026-11-19")), 1);
        QVERIFY(s1day.flags & CellFlag::Suspect);
        QVERIFY2(s1day.comment.contains(QStringLiteral("matches no drop")),
                 qPrintable(s1day.comment));
        QVERIFY(qAbs(*s1day.value - 8 * 40.0) < 1e-6);
    }

    void dailyComprehensive()
    {
        QString error;
        ReportBuilder builder(m_project, *m_reader);
        const auto r = builder.daily(QDate(2026, 11, 20), QStringLiteral("outlet_pressure"),
                                     {End + 5000, {}}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->columnCount(), 1 + 24 + 3);
        QCOMPARE(r->cell(0, 1).text, QStringLiteral("08:00"));
        QCOMPARE(r->cell(1, 0).text, QStringLiteral("(H)黄家坝"));
        QCOMPARE(r->cell(1, 1).displayText(), QStringLiteral("0.300"));  // MPa: 3 decimals
        QCOMPARE(r->cell(1, 13).displayText(), QStringLiteral("0.250")); // 20:00
        QCOMPARE(r->cell(1, 25).value, 0.30);                            // max
        QCOMPARE(r->cell(1, 26).value, 0.25);                            // min
        QVERIFY(qAbs(*r->cell(1, 27).value - 0.275) < 1e-9);
        // S2's 10:00 hour had only bad samples: blank, not 0.
        QVERIFY(!r->cell(2, 3).isNumber());
        QVERIFY(r->cell(2, 3).flags & CellFlag::Missing);
        QCOMPARE(r->cell(2, 2).value, 0.5);
        // Its max, min and average are over 23 hours: incomplete.
        QVERIFY(r->cell(2, 27).flags & CellFlag::Incomplete);
        QVERIFY(!(r->cell(1, 27).flags & CellFlag::Incomplete));
        // S3 has no pressure tag data at all.
        QCOMPARE(r->rowCount(), 1 + 5);
        QVERIFY(!r->cell(3, 1).isNumber());
    }
};

QTEST_GUILESS_MAIN(tst_ReportBuilder)
#include "tst_reportbuilder.moc"
