// The trend panel against a history database written by the test (six hours at 1 s of a
// station's outlet pressure, flow, tank level and pump frequency, a comm outage and a silence):
// lines break at the outage and the silence; one axis per unit on alternating sides in the pen's
// colour, the flow axis not below zero, fixed-point labels; the pressure's alarm limits in force
// as dashed lines; a Ctrl+drag zoom re-reads history at a finer resolution; realtime starts with
// the window's history drawn; time ticks on round times; the CSV of what is visible.
#include <core/clock.h>
#include <core/translator.h>
#include <history/historywriter.h>
#include <sim/citygenerator.h>
#include <ui/stationlistmodel.h>
#include <ui/theme.h>
#include <ui/trendpanel.h>

#include <QAbstractAxis>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QChart>
#include <QFile>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QLineSeries>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <map>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone ShanghaiZone("Asia/Shanghai");

qint64 local(int hour, int minute = 0, int second = 0)
{
    return QDateTime(QDate(2026, 11, 20), QTime(hour, minute, second), ShanghaiZone)
        .toMSecsSinceEpoch();
}

const qint64 Start = local(6), End = local(12);
const qint64 OutageFrom = local(10), OutageTo = local(10, 30); // comm failure, marked bad
const qint64 SilenceFrom = local(8), SilenceTo = local(8, 30); // nothing stored at all

} // namespace

class tst_Trends : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(installTranslators(*QCoreApplication::instance(), QLocale(u"zh_CN"_s)));
        QVERIFY(m_dir.isValid());
        Sim::CityOptions o;
        o.stations = 2;
        m_project = Sim::CityGenerator::generate(o);
        const Station& s = m_project.stations[0];
        m_pressure = Ui::shownTag(m_project, s, Ui::StationListModel::Pressure);
        m_flow = Ui::shownTag(m_project, s, Ui::StationListModel::Flow);
        for (TagId t = s.firstTag; t < s.firstTag + s.tagCount; ++t) {
            if (m_project.tag(t).quantity == Quantity::Level && m_level == InvalidTagId)
                m_level = t;
            if (m_project.tag(t).quantity == Quantity::Frequency && m_frequency == InvalidTagId)
                m_frequency = t;
        }
        QVERIFY(m_pressure != InvalidTagId && m_flow != InvalidTagId);
        QVERIFY(m_level != InvalidTagId && m_frequency != InvalidTagId);
        QString error;
        m_url = *History::DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"h.sqlite"_s), &error);
        writeHistory();
    }

    void linesBreakWhereDataIsMissing_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("holeFrom");
        QTest::addColumn<qint64>("holeTo");
        QTest::newRow("comm-outage") << local(9, 30) << local(11) << OutageFrom << OutageTo;
        QTest::newRow("nothing-stored") << local(7, 30) << local(9) << SilenceFrom << SilenceTo;
        QTest::newRow("outage-in-six-hours") << Start << End << OutageFrom << OutageTo;
    }

    void linesBreakWhereDataIsMissing()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, holeFrom);
        QFETCH(qint64, holeTo);
        Fixture f(*this);
        f.panel.setPens({m_pressure});
        f.panel.setHistory(from, to);
        f.panel.waitForHistory();
        const auto pieces = f.panel.pieces(0);
        QVERIFY(!pieces.empty());
        // No piece spans the hole.
        int across = 0;
        for (const QList<QPointF>& piece : pieces) {
            QVERIFY(piece.size() > 1);
            if (piece.front().x() < double(holeFrom) && piece.back().x() > double(holeTo))
                ++across;
        }
        QCOMPARE(across, 0);
        if (QTest::currentDataTag() != "outage-in-six-hours"_L1) {
            QCOMPARE(pieces.size(), 2u);
            QVERIFY(pieces[0].back().x() <= double(holeFrom));
            QVERIFY(pieces[1].front().x() >= double(holeTo) - double(f.panel.resolutionMs()));
        }
    }

    void oneAxisPerUnitFlowFromZero()
    {
        Fixture f(*this);
        const TagId otherPressure =
            Ui::shownTag(m_project, m_project.stations[1], Ui::StationListModel::Pressure);
        f.panel.setPens({m_pressure, m_flow, m_level, m_frequency, otherPressure});
        f.panel.setHistory(Start, End);
        f.panel.waitForHistory();
        const auto axes = f.panel.valueAxes();
        QCOMPARE(axes.size(), 4u); // MPa, m³/h, m, Hz
        QCOMPARE(f.panel.valueAxis(4), f.panel.valueAxis(0));
        for (std::size_t i = 0; i < axes.size(); ++i) {
            QCOMPARE(axes[i]->alignment(), i % 2 == 0 ? Qt::AlignLeft : Qt::AlignRight);
            QCOMPARE(axes[i]->labelsColor(), f.panel.chart()->series().isEmpty()
                                                 ? QColor()
                                                 : axes[i]->titleBrush().color());
            QVERIFY2(!axes[i]->labelFormat().contains(u'g') &&
                         !axes[i]->labelFormat().contains(u'e'),
                     qPrintable(axes[i]->labelFormat()));
        }
        QCOMPARE(axes[0]->titleText(), u"MPa"_s);
        QCOMPARE(axes[1]->titleText(), m_project.tag(m_flow).unit);
        // The flow stops at night (0 m³/h): its axis starts at zero, not below.
        QCOMPARE(f.panel.valueAxis(1)->min(), 0.0);
        QVERIFY(f.panel.valueAxis(1)->max() >= 40.0);
        QVERIFY(f.panel.valueAxis(2)->min() >= 0.0);
    }

    /// Every axis shows its numbers as painted, never "…". The workstation's trend dock showed
    /// "…" for every pressure label (docs/images/panel-trends.png, 2026-12-06); this plain
    /// panel does not reproduce that (the workstation's theme and CJK font differ), a before and
    /// after of `pumpwatch --snapshot` with the guide's faults did. What it checks: labels
    /// painted in realtime, on both axes, are numbers.
    void axisLabelsAreNumbersOnceTheDataArrives()
    {
        Fixture f(*this);
        f.panel.resize(670, 280); // as docked beside the list in the workstation
        f.panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
        const Sample now[] = {{End, 0.41, m_pressure, Quality::Good, false},
                              {End, 35.0, m_flow, Quality::Good, false}};
        f.store.publish(std::span(now));
        f.panel.setPens({m_pressure, m_flow}); // realtime, as the workstation opens it
        QVERIFY(f.panel.isRealtime());
        f.panel.waitForHistory();
        f.panel.chartView()->grab();
        const auto* view = qobject_cast<QGraphicsView*>(f.panel.chartView());
        QVERIFY(view && view->scene());
        int numbers = 0;
        for (QGraphicsItem* item : view->scene()->items()) {
            const auto* text = dynamic_cast<QGraphicsTextItem*>(item);
            if (!text || !text->isVisible())
                continue;
            // Qt Charts elides with three dots.
            QVERIFY2(!text->toPlainText().contains(u'…') && !text->toPlainText().contains(u"..."),
                     qPrintable(text->toPlainText()));
            numbers +=
                QRegularExpression(u"^-?\\d+(\\.\\d+)?$"_s).match(text->toPlainText()).hasMatch();
        }
        QVERIFY2(numbers >= 6, qPrintable(QString::number(numbers)));
    }

    void limitLinesOfThePen()
    {
        Fixture f(*this);
        AlarmLimits limits = f.alarms.limits(m_pressure);
        limits.enabled = true;
        limits.highHigh = 0.65;
        limits.high = 0.6;
        limits.low = 0.2;
        limits.lowLow.reset();
        limits.periods.clear();
        f.alarms.setLimits(std::vector{std::pair{m_pressure, limits}}, {u"lisi"_s, u"李四"_s});
        f.panel.setPens({m_pressure});
        f.panel.setHistory(Start, End);
        f.panel.waitForHistory();
        const auto lines = f.panel.limitLines(0);
        QCOMPARE(lines.size(), 3u);
        const Ui::StateColours& colours = Ui::stateColours();
        const std::tuple<QString, double, QColor> expected[] = {{u"HH"_s, 0.65, colours.critical},
                                                                {u"H"_s, 0.6, colours.warning},
                                                                {u"L"_s, 0.2, colours.warning}};
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& [label, value, colour] = expected[i];
            QCOMPARE(lines[i].label, label);
            QCOMPARE(lines[i].value, value);
            QVERIFY(f.panel.chart()->series().contains(lines[i].series));
            QCOMPARE(lines[i].series->pen().style(), Qt::DashLine);
            QCOMPARE(lines[i].series->pen().color(), colour);
            const QList<QPointF> pts = lines[i].series->points();
            QCOMPARE(pts.size(), 2);
            QCOMPARE(pts[0].y(), value);
            QCOMPARE(qint64(pts[0].x()), Start);
            QCOMPARE(qint64(pts[1].x()), End);
            // In view.
            QVERIFY(value <= f.panel.valueAxis(0)->max() && value >= f.panel.valueAxis(0)->min());
        }
    }

    /// Ctrl+drag over a part of six hours zooms to it and reads that part again, finer.
    void zoomReReadsHistoryFiner()
    {
        Fixture f(*this);
        f.panel.resize(1000, 500);
        f.panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
        f.panel.setPens({m_pressure});
        f.panel.setHistory(Start, End);
        f.panel.waitForHistory();
        const qint64 coarse = f.panel.resolutionMs();
        QVERIFY(coarse >= 20'000);
        const QRectF area = f.panel.chart()->plotArea();
        auto* view = qobject_cast<QAbstractScrollArea*>(f.panel.chartView());
        QVERIFY(view);
        QWidget* viewport = view->viewport();
        QVERIFY(viewport);
        const double x1 = area.left() + area.width() * 0.50;
        const double x2 = area.left() + area.width() * 0.52;
        const double y = area.center().y();
        drag(viewport, {x1, y}, {x2, y}, Qt::ControlModifier);
        const auto [from, to] = f.panel.timeRange();
        QVERIFY2(to - from < 15 * 60'000, qPrintable(QString::number(to - from)));
        QVERIFY(from > Start && to < End);
        QVERIFY(!f.panel.isRealtime());
        QTRY_VERIFY(f.panel.resolutionMs() < coarse / 10);
        f.panel.waitForHistory();
        int inView = 0;
        for (const QPointF& p : f.panel.points(0))
            inView += !std::isnan(p.y()) && p.x() >= double(from) && p.x() <= double(to);
        QVERIFY2(inView > 200, qPrintable(QString::number(inView)));
        // A plain drag pans: the span stays, the range moves later.
        drag(viewport, {x2, y}, {x1, y}, Qt::NoModifier);
        const auto [panFrom, panTo] = f.panel.timeRange();
        QVERIFY(qAbs((panTo - panFrom) - (to - from)) < 1000);
        QVERIFY(panFrom > from);
        f.panel.resetZoom();
        f.panel.waitForHistory();
        QCOMPARE(f.panel.timeRange(), std::pair(Start, End));
    }

    void realtimeStartsWithTheWindowsHistory()
    {
        Fixture f(*this);
        const Sample now{End, 0.41, m_pressure, Quality::Good, false};
        f.store.publish(std::span(&now, 1));
        f.panel.setPens({m_pressure});
        QVERIFY(f.panel.isRealtime());
        f.panel.waitForHistory();
        const auto points = f.panel.points(0);
        QVERIFY2(points.size() > 300, qPrintable(QString::number(points.size())));
        QVERIFY(points.front().x() <= double(End - 9 * 60'000));
        QCOMPARE(points.back(), QPointF(double(End), 0.41));
        QCOMPARE(f.panel.timeRange(), std::pair(End - 10 * 60'000, End));
        QCOMPARE(f.panel.pieces(0).size(), 1u);
    }

    void timeTicksOnRoundTimes_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("first"); // at the latest, in the project's zone
        QTest::newRow("six-hours") << Start + 7 * 60'000 << End << u"^\\d\\d:00$"_s << u"08:00"_s;
        QTest::newRow("ten-minutes")
            << local(11, 50, 13) << End << u"^(11:5\\d|12:00)$"_s << u"11:55"_s;
        QTest::newRow("three-days") << local(0) - 2 * 86'400'000 << local(11)
                                    << u"^\\d\\d-\\d\\d( \\d\\d:00)?$"_s << u"11-18 12:00"_s;
    }

    void timeTicksOnRoundTimes()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(QString, pattern);
        QFETCH(QString, first);
        Fixture f(*this);
        f.panel.setPens({m_pressure});
        f.panel.setHistory(from, to);
        f.panel.waitForHistory();
        const QStringList labels = f.panel.timeLabels();
        QVERIFY2(labels.size() >= 2, qPrintable(labels.join(u' ')));
        QVERIFY2(labels.front() <= first, qPrintable(labels.join(u' ')));
        for (const QString& l : labels)
            QVERIFY2(QRegularExpression(pattern).match(l).hasMatch(), qPrintable(l));
    }

    void csvOfWhatIsVisible()
    {
        Fixture f(*this);
        f.panel.setPens({m_pressure, m_flow});
        f.panel.setHistory(local(11, 0), local(11, 1));
        f.panel.waitForHistory();
        const QString path = m_dir.filePath(u"trend.csv"_s);
        QString error;
        QVERIFY2(f.panel.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s);
        const QString station = m_project.stations[0].displayName();
        QCOMPARE(lines[0], u"时间,%1 %2 (MPa),%1 %3 (%4)"_s.arg(
                               station, m_project.tag(m_pressure).name, m_project.tag(m_flow).name,
                               m_project.tag(m_flow).unit));
        // Every sample the database holds for the minute, at its time: the pressure each
        // second, the flow when it changed.
        History::HistoryReader reader(m_project, m_url);
        QVERIFY2(reader.open(&error), qPrintable(error));
        std::map<qint64, QStringList> expected;
        const TagId tags[] = {m_pressure, m_flow};
        for (int i = 0; i < 2; ++i) {
            const auto points = reader.raw(tags[i], local(11, 0), local(11, 1));
            QVERIFY(points);
            for (const History::Point& p : *points) {
                QStringList& cells = expected[p.timestampMs];
                cells.resize(2);
                cells[i] = QString::number(p.value, 'f', i == 0 ? 3 : 1);
            }
        }
        QCOMPARE(expected.size(), 60u);
        QStringList wanted;
        for (const auto& [ms, cells] : expected)
            wanted << QDateTime::fromMSecsSinceEpoch(ms, ShanghaiZone)
                              .toString(u"yyyy-MM-dd HH:mm:ss"_s) +
                          u',' + cells.join(u',');
        QCOMPARE(lines.mid(1, lines.size() - 2), wanted);
        QCOMPARE(lines[1].section(u',', 0, 1),
                 u"2026-11-20 11:00:00,%1"_s.arg(pressureText(local(11))));
        QCOMPARE(lines.back(), QString());
    }

private:
    struct Fixture {
        explicit Fixture(tst_Trends& t)
            : clock(End)
            , store(t.m_project.tagCount())
            , alarms(t.m_project, clock)
            , services{t.m_project, {},      {},      clock,   store,
                       alarms,      nullptr, nullptr, t.m_url, session}
            , panel(services)
        {
            panel.resize(900, 400);
        }
        ManualClock clock;
        RealtimeStore store;
        Alarms::AlarmService alarms;
        Ui::Session session;
        Ui::Services services;
        Ui::TrendPanel panel;
    };

    static void drag(QWidget* w, QPointF from, QPointF to, Qt::KeyboardModifiers modifiers)
    {
        QMouseEvent press(QEvent::MouseButtonPress, from, w->mapToGlobal(from), Qt::LeftButton,
                          Qt::LeftButton, modifiers);
        QApplication::sendEvent(w, &press);
        for (int i = 1; i <= 4; ++i) {
            const QPointF p = from + (to - from) * i / 4.0;
            QMouseEvent move(QEvent::MouseMove, p, w->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                             modifiers);
            QApplication::sendEvent(w, &move);
        }
        QMouseEvent release(QEvent::MouseButtonRelease, to, w->mapToGlobal(to), Qt::LeftButton,
                            Qt::NoButton, modifiers);
        QApplication::sendEvent(w, &release);
    }

    // The history: a sawtooth pressure, a flow that stops every other minute, a level, a
    // frequency; one sample a second.
    static double pressure(qint64 ms) { return 0.30 + 0.02 * double((ms / 1000) % 10); }
    static double flow(qint64 ms)
    {
        return (ms / 60'000) % 2 == 0 ? 0.0 : 40.0 + double((ms / 1000) % 5);
    }
    QString pressureText(qint64 ms) const { return QString::number(pressure(ms), 'f', 3); }
    QString flowText(qint64 ms) const { return QString::number(flow(ms), 'f', 1); }

    void writeHistory()
    {
        ManualClock clock(Start);
        History::HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_dir.filePath(u"spool"_s);
        History::HistoryWriter writer(m_project, clock, options);
        QVERIFY(writer.open());
        std::vector<Sample> batch;
        for (qint64 t = Start; t < End; t += 1000) {
            if (t >= SilenceFrom && t < SilenceTo)
                continue;
            const bool outage = t >= OutageFrom && t < OutageTo;
            if (outage && t != OutageFrom)
                continue;
            const Quality q = outage ? Quality::BadCommFailure : Quality::Good;
            batch.push_back({t, pressure(t), m_pressure, q, false});
            batch.push_back({t, flow(t), m_flow, q, false});
            batch.push_back({t, 2.0 + double((t / 1000) % 7) * 0.1, m_level, q, false});
            batch.push_back({t, 40.0 + double((t / 1000) % 9), m_frequency, q, false});
            if (batch.size() >= 4000) {
                clock.setNowMs(t);
                writer.write(batch);
                batch.clear();
            }
        }
        clock.setNowMs(End);
        writer.write(batch);
        QVERIFY(writer.flush());
    }

    QTemporaryDir m_dir;
    Project m_project;
    History::DatabaseUrl m_url;
    TagId m_pressure = InvalidTagId;
    TagId m_flow = InvalidTagId;
    TagId m_level = InvalidTagId;
    TagId m_frequency = InvalidTagId;
};

QTEST_MAIN(tst_Trends)
#include "tst_trends.moc"
