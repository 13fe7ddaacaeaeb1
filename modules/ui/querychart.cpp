#include "querychart.h"

#include "timeticks.h"

#include <history/historyoptions.h>

#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

namespace PumpWatch::Ui {

namespace {

using Reports::CellFlag;

/// Distinct hues first, then the same hues darker: 24 curves, 24 colours a person tells apart
/// in the legend.
const QColor Colours[] = {
    QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
    QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
    QColor(0x17, 0xbe, 0xcf), QColor(0x00, 0x00, 0x80), QColor(0x80, 0x80, 0x00),
    QColor(0x00, 0x80, 0x80), QColor(0x80, 0x00, 0x80), QColor(0xff, 0xbb, 0x00),
    QColor(0x00, 0xc8, 0x64), QColor(0x99, 0x00, 0x00), QColor(0x55, 0x55, 0xff),
    QColor(0x66, 0x33, 0x00), QColor(0xff, 0x55, 0x99), QColor(0x33, 0x66, 0x33),
    QColor(0x00, 0x66, 0xcc), QColor(0xcc, 0x66, 0x00), QColor(0x33, 0x33, 0x33)};

/// The fewest decimals (0 … 6) that write every tick of `axis` exactly: labels never repeat
/// ("15 15 15") whatever the series' own decimals.
int tickDecimals(double min, double step)
{
    if (!(step > 0))
        return 0;
    for (int d = 0; d < 6; ++d) {
        const double scale = std::pow(10.0, d);
        const auto whole = [scale](double v) {
            return std::abs(v * scale - std::round(v * scale)) < 1e-6 * std::max(1.0, v * scale);
        };
        if (whole(step) && whole(min))
            return d;
    }
    return 6;
}

/// History stores a steady value at least once a heartbeat: a longer silence is missing data.
const qint64 SilenceGapMs = History::HistoryOptions{}.heartbeatMs * 3 / 2;

/// The flags a curve marks, in the legend's order, with their marker's colour and shape.
struct MarkKind {
    CellFlag flag;
    const char* name; ///< in QueryChart's context
    QColor colour;
    QScatterSeries::MarkerShape shape;
};
const MarkKind MarkKinds[] = {
    {CellFlag::Estimated, QT_TRANSLATE_NOOP("PumpWatch::Ui::QueryChart", "Estimated"),
     QColor(0xf5, 0x7c, 0x00), QScatterSeries::MarkerShapeCircle},
    {CellFlag::Corrected, QT_TRANSLATE_NOOP("PumpWatch::Ui::QueryChart", "Corrected"),
     QColor(0x2e, 0x7d, 0x32), QScatterSeries::MarkerShapeRectangle},
    {CellFlag::Reset, QT_TRANSLATE_NOOP("PumpWatch::Ui::QueryChart", "Counter reset"),
     QColor(0xc6, 0x28, 0x28), QScatterSeries::MarkerShapeTriangle},
    {CellFlag::Rollover, QT_TRANSLATE_NOOP("PumpWatch::Ui::QueryChart", "Counter rollover"),
     QColor(0x6a, 0x1b, 0x9a), QScatterSeries::MarkerShapeStar},
    // A bucket still running (today's hour, the day so far) reads low: say so where it is drawn.
    {CellFlag::Incomplete, QT_TRANSLATE_NOOP("PumpWatch::Ui::QueryChart", "Not over yet"),
     QColor(0x75, 0x75, 0x75), QScatterSeries::MarkerShapeRotatedRectangle},
};

} // namespace

QueryChart::QueryChart(const QTimeZone& zone, QWidget* parent)
    : QChartView(new QChart, parent)
    , m_zone(zone)
    , m_time(new QCategoryAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    setMinimumHeight(220);
    QChart* c = chart();
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setShowToolTips(true);   // an elided name reads whole in its tooltip
    c->setMargins(QMargins(4, 4, 24, 4)); // the last time label is centred on the end
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_time->setGridLineVisible(false);
    c->addAxis(m_time, Qt::AlignBottom);
    m_cursor = new QGraphicsLineItem;
    m_cursor->setPen(QPen(QColor(0x75, 0x75, 0x75), 1, Qt::DashLine));
    m_cursor->setZValue(100);
    m_cursor->hide();
    c->scene()->addItem(m_cursor);
    // The readout on a box of the palette's base: readable over curves and grid alike.
    m_readoutBox = new QGraphicsRectItem;
    m_readoutBox->setZValue(101);
    QColor base = palette().color(QPalette::Base);
    base.setAlpha(230);
    m_readoutBox->setBrush(base);
    m_readoutBox->setPen(QPen(palette().color(QPalette::Mid), 1));
    m_readoutBox->hide();
    c->scene()->addItem(m_readoutBox);
    m_readout = new QGraphicsSimpleTextItem(m_readoutBox);
    m_readout->setBrush(palette().color(QPalette::Text));
    m_readout->setPos(6, 4);
    connect(c, &QChart::plotAreaChanged, this, [this] {
        updateTimeTicks();
        placeCursor();
    });
}

void QueryChart::clear()
{
    QChart* c = chart();
    for (Drawn& d : m_series) {
        for (QLineSeries* s : d.segments) {
            c->removeSeries(s);
            delete s;
        }
    }
    m_series.clear();
    for (QScatterSeries* s : m_markers) {
        c->removeSeries(s);
        delete s;
    }
    m_markers.clear();
    for (QValueAxis* a : m_axes) {
        c->removeAxis(a);
        delete a;
    }
    m_axes.clear();
    m_cursorMs = 0;
    m_cursor->hide();
    m_readoutBox->hide();
}

void QueryChart::setSeries(const std::vector<Reports::QuerySeries>& series, qint64 fromMs,
                           qint64 toMs, bool raw)
{
    clear();
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    m_time->setRange(double(m_fromMs), double(m_toMs));
    const std::size_t drawn = std::min(series.size(), std::size_t(m_limit));
    m_omitted = int(series.size() - drawn);
    for (std::size_t i = 0; i < drawn; ++i)
        addSeries(series[i], raw, colour(int(i)));
    // The flag markers: one scatter per kind and axis, the kind named once in the legend.
    std::map<std::pair<int, QValueAxis*>, QList<QPointF>> marks;
    for (std::size_t i = 0; i < drawn; ++i) {
        const Reports::QuerySeries& s = series[i];
        for (const Reports::QueryPoint& p : s.points) {
            if (!p.value)
                continue;
            for (int k = 0; k < int(std::size(MarkKinds)); ++k) {
                if (p.flags.testFlag(MarkKinds[k].flag))
                    marks[{k, m_series[i].axis}].append(
                        QPointF(double(p.startMs + s.shiftMs), *p.value));
            }
        }
    }
    std::vector<bool> named(std::size(MarkKinds), false);
    for (const auto& [key, points] : marks) {
        const MarkKind& kind = MarkKinds[key.first];
        auto* scatter = new QScatterSeries;
        scatter->setName(tr(kind.name));
        scatter->setMarkerShape(kind.shape);
        scatter->setMarkerSize(11);
        scatter->setBrush(Qt::NoBrush); // hollow: the line's value shows through
        scatter->setPen(QPen(kind.colour, 1.8));
        scatter->setUseOpenGL(false);
        scatter->replace(points);
        chart()->addSeries(scatter);
        scatter->attachAxis(m_time);
        scatter->attachAxis(key.second);
        scatter->setProperty("kind", tr(kind.name));
        if (named[std::size_t(key.first)]) {
            for (QLegendMarker* m : chart()->legend()->markers(scatter))
                m->setVisible(false);
        }
        named[std::size_t(key.first)] = true;
        m_markers.push_back(scatter);
    }
    fitAxes();
    updateTimeTicks();
}

QColor QueryChart::colour(int i)
{
    return Colours[std::size_t(i) % std::size(Colours)];
}

QValueAxis* QueryChart::axisFor(const Reports::QuerySeries& s, const QColor& colour)
{
    for (QValueAxis* a : m_axes) {
        if (a->property("unit").toString() == s.unit)
            return a;
    }
    auto* axis = new QValueAxis;
    axis->setTitleText(s.unit.isEmpty() ? s.name : s.unit);
    axis->setLabelsColor(colour);
    axis->setTitleBrush(colour);
    axis->setLinePenColor(colour);
    axis->setGridLineVisible(m_axes.empty());
    // Qt Charts sizes an axis for the labels it had when laid out: after the label format
    // changed (more decimals, a narrow range) it showed "…" for every number.
    axis->setTruncateLabels(false);
    axis->setProperty("unit", s.unit);
    axis->setProperty("decimals", s.decimals);
    chart()->addAxis(axis, m_axes.size() % 2 == 0 ? Qt::AlignLeft : Qt::AlignRight);
    m_axes.push_back(axis);
    return axis;
}

void QueryChart::addSeries(const Reports::QuerySeries& s, bool raw, const QColor& colour)
{
    Drawn d;
    d.label = s.label();
    d.unit = s.unit;
    d.decimals = s.decimals;
    d.axis = axisFor(s, colour);
    std::vector<QList<QPointF>> runs(1);
    const auto breakLine = [&runs] {
        if (!runs.back().isEmpty())
            runs.emplace_back();
    };
    if (raw) {
        // A column without a good sample, or a silence longer than a few columns, is a gap.
        qint64 columnMs = (m_toMs - m_fromMs) / 1600;
        for (std::size_t i = 1; i < s.envelope.size(); ++i) {
            const qint64 step = s.envelope[i].startMs - s.envelope[i - 1].startMs;
            if (step > 0)
                columnMs = std::min(columnMs, step);
        }
        const double gapMs = double(std::max(3 * columnMs, SilenceGapMs));
        for (const History::Bucket& b : s.envelope) {
            const double x = double(b.startMs + s.shiftMs);
            if (b.count <= 0) {
                breakLine();
                continue;
            }
            if (!runs.back().isEmpty() && x - runs.back().back().x() > gapMs)
                breakLine();
            runs.back().append(QPointF(x, b.min));
            if (b.max != b.min)
                runs.back().append(QPointF(x, b.max));
            if (b.endsBad)
                breakLine();
        }
    } else {
        for (const Reports::QueryPoint& p : s.points) {
            if (!p.value) {
                breakLine();
                continue;
            }
            runs.back().append(QPointF(double(p.startMs + s.shiftMs), *p.value));
        }
    }
    if (runs.back().isEmpty() && runs.size() > 1)
        runs.pop_back();
    for (std::size_t i = 0; i < runs.size(); ++i) {
        auto* line = new QLineSeries;
        line->setUseOpenGL(false);
        line->setPen(QPen(colour, 1.6));
        line->setName(d.label);
        // A lone point (one reading, one bucket) has no line to draw: show it as a dot.
        if (runs[i].size() == 1) {
            line->setPointsVisible(true);
            line->setMarkerSize(7);
        }
        line->replace(runs[i]); // one call: a month of columns draws at once
        chart()->addSeries(line);
        line->attachAxis(m_time);
        line->attachAxis(d.axis);
        // The series is named once in the legend, not once per piece.
        if (i > 0) {
            for (QLegendMarker* m : chart()->legend()->markers(line))
                m->setVisible(false);
        }
        d.segments.push_back(line);
        d.points.insert(d.points.end(), runs[i].begin(), runs[i].end());
    }
    std::sort(d.points.begin(), d.points.end(),
              [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    m_series.push_back(std::move(d));
}

void QueryChart::fitAxes()
{
    for (QValueAxis* axis : m_axes) {
        double lo = std::numeric_limits<double>::max();
        double hi = std::numeric_limits<double>::lowest();
        for (const Drawn& d : m_series) {
            if (d.axis != axis)
                continue;
            for (const QPointF& p : d.points) {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        const double pad = std::max((hi - lo) * 0.08, std::abs(hi) * 0.01 + 1e-3);
        const bool floorAtZero = lo >= 0;
        axis->setRange(floorAtZero ? std::max(0.0, lo - pad) : lo - pad, hi + pad);
        axis->applyNiceNumbers();
        if (floorAtZero && axis->min() < 0)
            axis->setMin(0);
        // As many decimals as the ticks need to read apart, never %g.
        const double step = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
        axis->setLabelFormat(QStringLiteral("%.%1f").arg(tickDecimals(axis->min(), step)));
    }
}

void QueryChart::updateTimeTicks()
{
    const double width = chart()->plotArea().width() > 0 ? chart()->plotArea().width() : 600;
    const int maxTicks = std::clamp(static_cast<int>(width / 90), 2, 10);
    const std::vector<TimeTick> ticks = timeTicks(m_fromMs, m_toMs, maxTicks, m_zone);
    for (const QString& l : m_time->categoriesLabels())
        m_time->remove(l);
    m_time->setStartValue(double(m_fromMs) - 1);
    for (const TimeTick& t : ticks)
        m_time->append(t.label, double(t.ms));
}

QStringList QueryChart::valueLabels(const QValueAxis* axis)
{
    QStringList out;
    const int n = std::max(2, axis->tickCount());
    const double step = (axis->max() - axis->min()) / (n - 1);
    const QByteArray format = axis->labelFormat().toLatin1();
    for (int i = 0; i < n; ++i)
        out << QString::asprintf(format.constData(), axis->min() + i * step);
    return out;
}

QBrush QueryChart::readoutBackground() const
{
    return m_readoutBox->brush();
}

bool QueryChart::readoutVisible() const
{
    return m_readoutBox->isVisible();
}

QStringList QueryChart::timeLabels() const
{
    return m_time->categoriesLabels();
}

std::vector<QList<QPointF>> QueryChart::pieces(int series) const
{
    std::vector<QList<QPointF>> out;
    for (const QLineSeries* s : m_series[std::size_t(series)].segments) {
        if (s->count() > 0)
            out.push_back(s->points());
    }
    return out;
}

QList<QPointF> QueryChart::markers(const QString& kind) const
{
    QList<QPointF> out;
    for (const QScatterSeries* s : m_markers) {
        if (s->property("kind").toString() == kind)
            out += s->points();
    }
    return out;
}

void QueryChart::setCursorTime(qint64 ms)
{
    m_cursorMs = ms;
    placeCursor();
}

QLineSeries* QueryChart::anyLine() const
{
    for (const Drawn& d : m_series) {
        if (!d.segments.empty())
            return d.segments.front();
    }
    return nullptr;
}

void QueryChart::placeCursor()
{
    QLineSeries* any = anyLine();
    const QRectF area = chart()->plotArea();
    if (!any || m_cursorMs < m_fromMs || m_cursorMs > m_toMs || area.isEmpty()) {
        m_cursor->hide();
        m_readoutBox->hide();
        return;
    }
    const double x = chart()->mapToPosition(QPointF(double(m_cursorMs), 0), any).x();
    m_cursor->setLine(x, area.top(), x, area.bottom());
    m_cursor->show();
    m_readout->setText(readout(m_cursorMs));
    const QRectF text = m_readout->boundingRect();
    const double w = text.width() + 12;
    m_readoutBox->setRect(0, 0, w, text.height() + 8);
    m_readoutBox->setPos(x + 8 + w > area.right() ? x - 8 - w : x + 8, area.top() + 4);
    m_readoutBox->show();
}

QString QueryChart::readout(qint64 ms) const
{
    QStringList parts{
        QDateTime::fromMSecsSinceEpoch(ms, m_zone).toString(QStringLiteral("MM-dd HH:mm:ss"))};
    for (const Drawn& d : m_series) {
        // The last point at or before the cursor: a bucket's value holds over its bucket.
        auto it = std::upper_bound(d.points.begin(), d.points.end(), double(ms),
                                   [](double x, const QPointF& p) { return x < p.x(); });
        QString value = QStringLiteral("—");
        if (it != d.points.begin()) {
            --it;
            value = QString::number(it->y(), 'f', d.decimals) +
                    (d.unit.isEmpty() ? QString() : u' ' + d.unit);
        }
        parts << d.label + u' ' + value;
    }
    return parts.join(u'\n');
}

void QueryChart::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    // Any line maps x to time: they share the time axis.
    if (QLineSeries* line = anyLine(); line && chart()->plotArea().contains(pos)) {
        m_cursorMs = static_cast<qint64>(chart()->mapToValue(pos, line).x());
        placeCursor();
        Q_EMIT cursorMoved(m_cursorMs);
    }
    QChartView::mouseMoveEvent(event);
}

void QueryChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    placeCursor();
}

} // namespace PumpWatch::Ui
