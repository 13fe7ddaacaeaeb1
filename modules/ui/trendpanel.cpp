#include "trendpanel.h"

#include "stationlistmodel.h"
#include "theme.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>

namespace PumpWatch::Ui {

namespace {

const QColor PenColours[] = {QColor(0x42, 0xa5, 0xf5), QColor(0x66, 0xbb, 0x6a),
                             QColor(0xff, 0xa7, 0x26), QColor(0xab, 0x47, 0xbc),
                             QColor(0xef, 0x53, 0x50), QColor(0x26, 0xc6, 0xda)};

} // namespace

struct TrendPanel::Pen {
    TagId tag = InvalidTagId;
    QColor colour;
    QValueAxis* axis = nullptr;
    std::vector<QLineSeries*> segments;
    std::vector<QPointF> points; ///< x: ms; NaN y separates segments
    bool visible = true;
};

/// The chart view with wheel zoom, pan and a cursor readout.
class TrendChartView : public QChartView {
public:
    TrendChartView(QChart* chart, TrendPanel& panel)
        : QChartView(chart)
        , m_panel(panel)
    {
        setRubberBand(QChartView::HorizontalRubberBand);
        setRenderHint(QPainter::Antialiasing);
        setMouseTracking(true);
        m_cursor = new QGraphicsLineItem;
        m_cursor->setPen(QPen(QColor(0x9e, 0x9e, 0x9e), 1, Qt::DashLine));
        m_cursor->setZValue(100);
        chart->scene()->addItem(m_cursor);
        m_label = new QGraphicsSimpleTextItem;
        m_label->setZValue(101);
        m_label->setBrush(palette().color(QPalette::Text));
        chart->scene()->addItem(m_label);
    }

protected:
    void wheelEvent(QWheelEvent* event) override
    {
        if (event->modifiers() & Qt::ShiftModifier) {
            chart()->scroll(-event->angleDelta().y() / 2.0, 0);
        } else {
            const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
            const QRectF area = chart()->plotArea();
            const double x = event->position().x();
            // Zoom around the cursor: keep the time under it where it is.
            QRectF r = area;
            r.setWidth(area.width() / factor);
            r.moveLeft(x - (x - area.left()) / factor);
            chart()->zoomIn(r);
        }
        event->accept();
    }

    void keyPressEvent(QKeyEvent* event) override
    {
        if (event->key() == Qt::Key_Left)
            chart()->scroll(-chart()->plotArea().width() / 5, 0);
        else if (event->key() == Qt::Key_Right)
            chart()->scroll(chart()->plotArea().width() / 5, 0);
        else
            QChartView::keyPressEvent(event);
    }

    void mouseMoveEvent(QMouseEvent* event) override
    {
        const QRectF area = chart()->plotArea();
        const QPointF pos = event->position();
        if (area.contains(pos) && !chart()->series().isEmpty()) {
            const QPointF value = chart()->mapToValue(pos, chart()->series().front());
            m_cursor->setLine(pos.x(), area.top(), pos.x(), area.bottom());
            m_cursor->show();
            m_label->setText(m_panel.readout(static_cast<qint64>(value.x())));
            const double x = pos.x() + 8 + m_label->boundingRect().width() > area.right()
                                 ? pos.x() - 8 - m_label->boundingRect().width()
                                 : pos.x() + 8;
            m_label->setPos(x, area.top() + 4);
            m_label->show();
        } else {
            m_cursor->hide();
            m_label->hide();
        }
        QChartView::mouseMoveEvent(event);
    }

private:
    TrendPanel& m_panel;
    QGraphicsLineItem* m_cursor;
    QGraphicsSimpleTextItem* m_label;
};

TrendPanel::TrendPanel(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_reader(services.store)
    , m_chart(new QChart)
    , m_time(new QDateTimeAxis)
    , m_range(new QComboBox(this))
    , m_penList(new QListWidget(this))
    , m_status(new QLabel(this))
{
    m_chart->legend()->hide();
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(7);
    m_time->setLabelsColor(palette().color(QPalette::Text));
    m_time->setGridLineColor(palette().color(QPalette::Mid));
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_view = new TrendChartView(m_chart, *this);
    m_view->setBackgroundBrush(palette().color(QPalette::Base));

    m_range->addItem(tr("Realtime, 10 minutes"), qint64(0));
    m_range->addItem(tr("Last hour"), qint64(3'600'000));
    m_range->addItem(tr("Last 6 hours"), qint64(6 * 3'600'000));
    m_range->addItem(tr("Last 24 hours"), qint64(24 * 3'600'000));
    m_range->addItem(tr("Last 7 days"), qint64(7 * 86'400'000));
    m_range->addItem(tr("Last 30 days"), qint64(30) * 86'400'000);
    m_range->setEnabled(services.database.has_value());
    m_penList->setMaximumWidth(220);
    m_penList->setToolTip(tr("Untick to hide a pen"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Range"), this));
    bar->addWidget(m_range);
    bar->addWidget(m_status, 1);
    auto* body = new QHBoxLayout;
    body->addWidget(m_view, 1);
    body->addWidget(m_penList);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(body);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        const qint64 span = m_range->currentData().toLongLong();
        if (span == 0) {
            setRealtime();
        } else {
            const qint64 now = m_services.clock.nowMs();
            setHistory(now - span, now);
        }
    });
    connect(m_penList, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const int i = m_penList->row(item);
        if (i < 0 || i >= penCount())
            return;
        Pen& pen = *m_pens[static_cast<std::size_t>(i)];
        pen.visible = item->checkState() == Qt::Checked;
        for (QLineSeries* s : pen.segments)
            s->setVisible(pen.visible);
    });
    connect(&m_query, &QFutureWatcher<History::QueryResult>::finished, this, &TrendPanel::loaded);
    m_requery.setSingleShot(true);
    m_requery.setInterval(300);
    connect(&m_requery, &QTimer::timeout, this, [this] {
        if (!m_realtime)
            load(static_cast<qint64>(m_time->min().toMSecsSinceEpoch()),
                 static_cast<qint64>(m_time->max().toMSecsSinceEpoch()));
    });
    connect(m_time, &QDateTimeAxis::rangeChanged, this, &TrendPanel::rangeChanged);
    setRealtime();
}

TrendPanel::~TrendPanel()
{
    m_query.cancel();
    m_query.waitForFinished();
}

QChart* TrendPanel::chart() const
{
    return m_chart;
}

void TrendPanel::setPens(const std::vector<TagId>& tags)
{
    for (auto& pen : m_pens) {
        for (QLineSeries* s : pen->segments) {
            m_chart->removeSeries(s);
            delete s;
        }
    }
    m_pens.clear();
    m_penList->clear();
    for (TagId t : tags)
        appendPen(t);
    pensAdded(0);
}

void TrendPanel::addPen(TagId tag)
{
    const std::size_t first = m_pens.size();
    if (appendPen(tag))
        pensAdded(first);
}

bool TrendPanel::appendPen(TagId tag)
{
    if (tag == InvalidTagId || tag >= m_services.project.tagCount())
        return false;
    for (const auto& p : m_pens) {
        if (p->tag == tag)
            return false;
    }
    auto pen = std::make_unique<Pen>();
    pen->tag = tag;
    pen->colour = PenColours[m_pens.size() % std::size(PenColours)];
    const Project& p = m_services.project;
    auto* item =
        new QListWidgetItem(p.stationOfTag(tag).displayName() + u' ' + p.tag(tag).name, m_penList);
    item->setForeground(pen->colour);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
    m_pens.push_back(std::move(pen));
    return true;
}

void TrendPanel::pensAdded(std::size_t first)
{
    rebuildAxes();
    if (!m_realtime) {
        load(m_fromMs, m_toMs); // one query for every pen
        return;
    }
    for (std::size_t i = first; i < m_pens.size(); ++i)
        startFromStore(*m_pens[i]);
    fitValueAxes();
}

void TrendPanel::startFromStore(Pen& pen)
{
    pen.points.clear();
    const TagValue v = m_services.store.value(pen.tag);
    if (isGood(v.quality))
        pen.points.emplace_back(double(v.timestampMs), v.value);
    draw(pen);
}

void TrendPanel::showStation(int station)
{
    const Station& s = m_services.project.stations[static_cast<std::size_t>(station)];
    setPens({shownTag(m_services.project, s, StationListModel::Pressure),
             shownTag(m_services.project, s, StationListModel::Flow)});
}

void TrendPanel::rebuildAxes()
{
    for (QValueAxis* a : m_axes) {
        m_chart->removeAxis(a);
        delete a;
    }
    m_axes.clear();
    QStringList units;
    const Project& p = m_services.project;
    for (auto& pen : m_pens) {
        const QString unit = p.tag(pen->tag).unit;
        qsizetype i = units.indexOf(unit);
        if (i < 0) {
            units << unit;
            i = units.size() - 1;
            auto* axis = new QValueAxis;
            axis->setTitleText(unit);
            axis->setLabelsColor(pen->colour);
            axis->setTitleBrush(pen->colour);
            axis->setGridLineVisible(i == 0);
            axis->setGridLineColor(palette().color(QPalette::Mid));
            axis->setLabelFormat(QStringLiteral("%.3g"));
            m_chart->addAxis(axis, i % 2 == 0 ? Qt::AlignLeft : Qt::AlignRight);
            m_axes.push_back(axis);
        }
        pen->axis = m_axes[static_cast<std::size_t>(i)];
        for (QLineSeries* s : pen->segments) {
            for (QAbstractAxis* a : s->attachedAxes())
                s->detachAxis(a);
            s->attachAxis(m_time);
            s->attachAxis(pen->axis);
        }
    }
}

void TrendPanel::draw(Pen& pen)
{
    // One series per run of points between gaps: Qt Charts cannot draw a NaN as a break.
    std::vector<QList<QPointF>> runs(1);
    for (const QPointF& p : pen.points) {
        if (std::isnan(p.y())) {
            if (!runs.back().isEmpty())
                runs.emplace_back();
            continue;
        }
        runs.back().append(p);
    }
    if (runs.back().isEmpty() && runs.size() > 1)
        runs.pop_back();
    while (pen.segments.size() > runs.size()) {
        m_chart->removeSeries(pen.segments.back());
        delete pen.segments.back();
        pen.segments.pop_back();
    }
    while (pen.segments.size() < runs.size()) {
        auto* s = new QLineSeries;
        s->setPen(QPen(pen.colour, 1.6));
        s->setUseOpenGL(false);
        m_chart->addSeries(s);
        s->attachAxis(m_time);
        s->attachAxis(pen.axis);
        s->setVisible(pen.visible);
        pen.segments.push_back(s);
    }
    for (std::size_t i = 0; i < runs.size(); ++i)
        pen.segments[i]->replace(runs[i]);
}

void TrendPanel::fitValueAxes()
{
    for (QValueAxis* axis : m_axes) {
        double lo = std::numeric_limits<double>::max();
        double hi = std::numeric_limits<double>::lowest();
        const double from = double(m_time->min().toMSecsSinceEpoch());
        const double to = double(m_time->max().toMSecsSinceEpoch());
        for (const auto& pen : m_pens) {
            if (pen->axis != axis)
                continue;
            for (const QPointF& p : pen->points) {
                if (!std::isnan(p.y()) && p.x() >= from && p.x() <= to) {
                    lo = std::min(lo, p.y());
                    hi = std::max(hi, p.y());
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        const double pad = std::max((hi - lo) * 0.08, std::abs(hi) * 0.01 + 1e-3);
        axis->setRange(lo - pad, hi + pad);
        axis->applyNiceNumbers();
    }
}

void TrendPanel::setRealtime(qint64 windowMs)
{
    m_realtime = true;
    m_windowMs = windowMs;
    m_query.cancel();
    for (auto& pen : m_pens)
        startFromStore(*pen);
    m_status->setText(tr("Realtime"));
    const QSignalBlocker block(m_range);
    m_range->setCurrentIndex(0);
    refresh();
}

void TrendPanel::setHistory(qint64 fromMs, qint64 toMs)
{
    m_realtime = false;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_drawing = true;
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    m_drawing = false;
    rangeChanged();
    m_requery.stop();
    // The range box shows a set range only when it is one of its own.
    const QSignalBlocker block(m_range);
    int match = -1;
    for (int i = 1; i < m_range->count(); ++i) {
        if (qAbs(m_range->itemData(i).toLongLong() - (toMs - fromMs)) < 60'000)
            match = i;
    }
    m_range->setCurrentIndex(match);
    load(fromMs, toMs);
}

void TrendPanel::rangeChanged()
{
    if (m_drawing || m_realtime)
        return;
    const qint64 span = m_time->max().toMSecsSinceEpoch() - m_time->min().toMSecsSinceEpoch();
    m_time->setTickCount(std::clamp(static_cast<int>(m_chart->plotArea().width() / 110), 2, 9));
    m_time->setFormat(span > 2 * 86'400'000 ? QStringLiteral("MM-dd HH:mm")
                                            : QStringLiteral("HH:mm"));
    m_requery.start();
}

void TrendPanel::load(qint64 fromMs, qint64 toMs)
{
    if (!m_services.database || m_pens.empty())
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    History::Query q;
    for (const auto& pen : m_pens)
        q.tags.push_back(pen->tag);
    q.fromMs = fromMs;
    q.toMs = toMs;
    q.kind = History::QueryKind::Decimated;
    q.buckets = std::max(200, static_cast<int>(m_chart->plotArea().width()));
    m_query.cancel();
    m_status->setText(tr("Reading history…"));
    m_query.setFuture(History::runQuery(m_services.project, *m_services.database, q));
}

void TrendPanel::loaded()
{
    if (m_query.isCanceled() || m_realtime)
        return;
    const History::QueryResult result = m_query.result();
    if (!result.error.isEmpty()) {
        m_status->setText(result.error);
        return;
    }
    qint64 count = 0;
    for (std::size_t i = 0; i < result.series.size() && i < m_pens.size(); ++i) {
        Pen& pen = *m_pens[i];
        pen.points.clear();
        for (const History::Bucket& b : result.series[i].buckets) {
            if (b.count == 0) {
                pen.points.emplace_back(double(b.startMs), std::nan(""));
                continue;
            }
            pen.points.emplace_back(double(b.startMs), b.min);
            if (b.max != b.min)
                pen.points.emplace_back(double(b.startMs), b.max);
            count += b.count;
        }
        draw(pen);
    }
    fitValueAxes();
    const QLocale locale;
    m_status->setText(
        tr("%1 samples, %2 to %3")
            .arg(locale.toString(count),
                 QDateTime::fromMSecsSinceEpoch(m_fromMs).toString(QStringLiteral("MM-dd HH:mm")),
                 QDateTime::fromMSecsSinceEpoch(m_toMs).toString(QStringLiteral("MM-dd HH:mm"))));
    // Times are the workstation's local time, as the time axis shows them.
}

void TrendPanel::waitForHistory()
{
    m_query.waitForFinished();
    QCoreApplication::processEvents();
}

void TrendPanel::refresh()
{
    if (!m_realtime)
        return;
    const qint64 now = m_services.clock.nowMs();
    const auto& changed = m_reader.refresh();
    for (auto& pen : m_pens) {
        if (std::binary_search(changed.begin(), changed.end(), pen->tag)) {
            const TagValue& v = m_reader.value(pen->tag);
            if (isGood(v.quality))
                pen->points.emplace_back(double(v.timestampMs), v.value);
            else if (!pen->points.empty() && !std::isnan(pen->points.back().y()))
                pen->points.emplace_back(double(v.timestampMs), std::nan(""));
        }
        const double oldest = double(now - m_windowMs);
        std::erase_if(pen->points, [&](const QPointF& p) { return p.x() < oldest; });
        draw(*pen);
    }
    m_drawing = true;
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(std::clamp(static_cast<int>(m_chart->plotArea().width() / 110), 2, 9));
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(now - m_windowMs),
                     QDateTime::fromMSecsSinceEpoch(now));
    m_drawing = false;
    fitValueAxes();
}

QString TrendPanel::readout(qint64 ms) const
{
    QStringList parts{
        QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("MM-dd HH:mm:ss"))};
    const Project& p = m_services.project;
    const QLocale locale;
    for (const auto& pen : m_pens) {
        const QPointF* nearest = nullptr;
        for (const QPointF& pt : pen->points) {
            if (!std::isnan(pt.y()) &&
                (!nearest || std::abs(pt.x() - double(ms)) < std::abs(nearest->x() - double(ms))))
                nearest = &pt;
        }
        parts << p.tag(pen->tag).name + u' ' +
                     (nearest ? locale.toString(nearest->y(), 'g', 5) : QStringLiteral("—")) +
                     u' ' + p.tag(pen->tag).unit;
    }
    return parts.join(u'\n');
}

std::vector<QPointF> TrendPanel::points(int pen) const
{
    return m_pens[static_cast<std::size_t>(pen)]->points;
}

} // namespace PumpWatch::Ui
