#include "trendpanel.h"

#include "stationlistmodel.h"
#include "theme.h"
#include "timeticks.h"

#include <core/csv.h>
#include <core/valueformat.h>
#include <history/historyoptions.h>

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QGraphicsLineItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>
#include <map>

namespace PumpWatch::Ui {

namespace {

const QColor PenColours[] = {QColor(0x42, 0xa5, 0xf5), QColor(0x66, 0xbb, 0x6a),
                             QColor(0xff, 0xa7, 0x26), QColor(0xab, 0x47, 0xbc),
                             QColor(0xef, 0x53, 0x50), QColor(0x26, 0xc6, 0xda)};

constexpr qint64 SecondMs = 1000;
constexpr qint64 MinuteMs = 60 * SecondMs;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;

/// History stores a steady value at least once a heartbeat: a longer silence is missing data.
const qint64 SilenceGapMs = History::HistoryOptions{}.heartbeatMs * 3 / 2;

/// Quantities that cannot be negative in a pump house: their axis starts at zero at the lowest.
bool isNonNegative(Quantity q)
{
    switch (q) {
    case Quantity::Flow:
    case Quantity::Totalizer:
    case Quantity::Level:
    case Quantity::Frequency:
    case Quantity::Power:
    case Quantity::Energy:
    case Quantity::Current:
    case Quantity::Voltage:
    case Quantity::Turbidity:
    case Quantity::ResidualChlorine:
        return true;
    default:
        return false;
    }
}

QDateTime wallTime(qint64 ms, const QTimeZone& zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return QDateTime(t.date(), t.time());
}

} // namespace

struct TrendPanel::Pen {
    TagId tag = InvalidTagId;
    QColor colour;
    QValueAxis* axis = nullptr;
    std::vector<QLineSeries*> segments;
    std::vector<QPointF> points; ///< x: ms; NaN y separates segments
    std::vector<LimitLine> limits;
    bool visible = true;
};

/// The chart view: drag pans, Ctrl+drag (or the zoom tool) zooms to a range, the wheel zooms
/// around the cursor, right click zooms out; a cursor line with a readout.
class TrendChartView : public QChartView {
public:
    TrendChartView(QChart* chart, TrendPanel& panel)
        : QChartView(chart)
        , m_panel(panel)
    {
        setRubberBand(QChartView::NoRubberBand);
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

    void mousePressEvent(QMouseEvent* event) override
    {
        if (event->button() == Qt::RightButton) {
            event->accept();
            return; // zooms out on release
        }
        if (event->button() == Qt::LeftButton) {
            const bool zoom =
                (event->modifiers() & Qt::ControlModifier) || m_panel.m_zoomTool->isChecked();
            setRubberBand(zoom ? QChartView::HorizontalRubberBand : QChartView::NoRubberBand);
            if (!zoom) {
                m_panning = true;
                m_lastX = event->position().x();
                viewport()->setCursor(Qt::ClosedHandCursor);
                event->accept();
                return;
            }
        }
        QChartView::mousePressEvent(event);
    }

    void mouseReleaseEvent(QMouseEvent* event) override
    {
        if (event->button() == Qt::RightButton) {
            m_panel.zoomOut();
            event->accept();
            return;
        }
        if (m_panning && event->button() == Qt::LeftButton) {
            m_panning = false;
            viewport()->unsetCursor();
            event->accept();
            return;
        }
        QChartView::mouseReleaseEvent(event);
        setRubberBand(QChartView::NoRubberBand);
    }

    void mouseMoveEvent(QMouseEvent* event) override
    {
        const QRectF area = chart()->plotArea();
        const QPointF pos = event->position();
        if (m_panning) {
            chart()->scroll(m_lastX - pos.x(), 0);
            m_lastX = pos.x();
        }
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
        if (!m_panning)
            QChartView::mouseMoveEvent(event);
    }

private:
    TrendPanel& m_panel;
    QGraphicsLineItem* m_cursor;
    QGraphicsSimpleTextItem* m_label;
    bool m_panning = false;
    double m_lastX = 0;
};

TrendPanel::TrendPanel(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_reader(services.store)
    , m_chart(new QChart)
    , m_time(new QCategoryAxis)
    , m_range(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_zoomTool(new QToolButton(this))
    , m_penList(new QListWidget(this))
    , m_status(new QLabel(this))
{
    m_chart->legend()->hide();
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
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
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
        e->setEnabled(services.database.has_value());
    }
    auto* show = new QPushButton(tr("Show"), this);
    show->setToolTip(tr("Show the history of this period"));
    show->setEnabled(services.database.has_value());
    m_zoomTool->setText(tr("Zoom"));
    m_zoomTool->setCheckable(true);
    m_zoomTool->setToolTip(tr("Drag to zoom to a range (or hold Ctrl while dragging); drag "
                              "without it pans, right click zooms out"));
    auto* reset = new QToolButton(this);
    reset->setText(tr("Reset"));
    reset->setToolTip(tr("Back to the chosen range"));
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export CSV…"));
    exportButton->setToolTip(tr("Export the visible curves"));
    m_penList->setMaximumWidth(220);
    m_penList->setToolTip(tr("Untick to hide a pen"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_range);
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(QStringLiteral("–"), this));
    bar->addWidget(m_to);
    bar->addWidget(show);
    bar->addStretch(1);
    bar->addWidget(m_zoomTool);
    bar->addWidget(reset);
    bar->addWidget(exportButton);
    auto* body = new QHBoxLayout;
    body->addWidget(m_view, 1);
    body->addWidget(m_penList);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(body, 1);
    layout->addWidget(m_status);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        if (m_range->currentIndex() < 0)
            return;
        const qint64 span = m_range->currentData().toLongLong();
        if (span == 0) {
            setRealtime();
        } else {
            const qint64 now = m_services.clock.nowMs();
            setHistory(now - span, now);
        }
    });
    connect(show, &QPushButton::clicked, this, [this] {
        const QTimeZone zone(m_services.project.timeZone.toLatin1());
        const qint64 from = QDateTime(m_from->date(), m_from->time(), zone).toMSecsSinceEpoch();
        const qint64 to = QDateTime(m_to->date(), m_to->time(), zone).toMSecsSinceEpoch();
        if (from >= to) {
            m_status->setText(tr("The start of the period must be before its end."));
            return;
        }
        setHistory(from, to);
    });
    connect(reset, &QToolButton::clicked, this, &TrendPanel::resetZoom);
    connect(exportButton, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export curves"),
                                                          tr("trend.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export curves"), error);
    });
    connect(m_penList, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const int i = m_penList->row(item);
        if (i < 0 || i >= penCount())
            return;
        Pen& pen = *m_pens[static_cast<std::size_t>(i)];
        pen.visible = item->checkState() == Qt::Checked;
        for (QLineSeries* s : pen.segments)
            s->setVisible(pen.visible);
        for (const LimitLine& l : pen.limits)
            l.series->setVisible(pen.visible);
    });
    connect(&m_query, &QFutureWatcher<History::QueryResult>::finished, this, &TrendPanel::loaded);
    m_requery.setSingleShot(true);
    m_requery.setInterval(300);
    connect(&m_requery, &QTimer::timeout, this, [this] {
        if (!m_realtime)
            load(static_cast<qint64>(m_time->min()), static_cast<qint64>(m_time->max()));
    });
    connect(m_time, &QValueAxis::rangeChanged, this, &TrendPanel::rangeChanged);
    connect(m_chart, &QChart::plotAreaChanged, this, &TrendPanel::updateTimeTicks);
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

QWidget* TrendPanel::chartView() const
{
    return m_view;
}

void TrendPanel::setPens(const std::vector<TagId>& tags)
{
    for (auto& pen : m_pens) {
        for (QLineSeries* s : pen->segments) {
            m_chart->removeSeries(s);
            delete s;
        }
        for (const LimitLine& l : pen->limits) {
            m_chart->removeSeries(l.series);
            delete l.series;
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
    for (std::size_t i = 0; i < m_pens.size(); ++i)
        rebuildLimitLines(*m_pens[i]);
    placeLimitLines();
    if (!m_realtime) {
        load(m_fromMs, m_toMs); // one query for every pen
        return;
    }
    for (std::size_t i = first; i < m_pens.size(); ++i)
        startFromStore(*m_pens[i]);
    fitValueAxes();
    if (m_services.database && first < m_pens.size()) {
        const qint64 now = m_services.clock.nowMs();
        load(now - m_windowMs, now);
    }
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
            axis->setTitleText(unit.isEmpty() ? p.tag(pen->tag).name : unit);
            axis->setLabelsColor(pen->colour);
            axis->setTitleBrush(pen->colour);
            axis->setLinePenColor(pen->colour);
            axis->setGridLineVisible(i == 0);
            // Qt Charts sizes an axis for the labels it had when laid out: after the label
            // format changed (more decimals, a narrow range) it showed "…" for every number.
            axis->setTruncateLabels(false);
            axis->setGridLineColor(palette().color(QPalette::Mid));
            axis->setProperty("quantity", static_cast<int>(p.tag(pen->tag).quantity));
            axis->setProperty("unit", unit);
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

void TrendPanel::rebuildLimitLines(Pen& pen)
{
    for (const LimitLine& l : pen.limits) {
        m_chart->removeSeries(l.series);
        delete l.series;
    }
    pen.limits.clear();
    const AlarmLimits limits = m_services.alarms.limits(pen.tag);
    if (!limits.enabled)
        return;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(
        m_services.clock.nowMs(), QTimeZone(m_services.project.timeZone.toLatin1()));
    const LimitValues& inForce =
        limits.at(now.time().hour() * 60 + now.time().minute(), now.date().dayOfWeek());
    const StateColours& colours = stateColours();
    const TagDef& tag = m_services.project.tag(pen.tag);
    QStringList described;
    const std::pair<const char*, const std::optional<double>*> lines[] = {{"HH", &inForce.highHigh},
                                                                          {"H", &inForce.high},
                                                                          {"L", &inForce.low},
                                                                          {"LL", &inForce.lowLow}};
    for (const auto& [label, value] : lines) {
        if (!*value)
            continue;
        const bool critical = label[1] != '\0';
        auto* s = new QLineSeries;
        s->setName(QString::fromLatin1(label));
        s->setPen(QPen(critical ? colours.critical : colours.warning, 1.2, Qt::DashLine));
        m_chart->addSeries(s);
        s->attachAxis(m_time);
        s->attachAxis(pen.axis);
        s->setVisible(pen.visible);
        pen.limits.push_back({QString::fromLatin1(label), **value, s});
        described << QString::fromLatin1(label) + u' ' + ValueFormat::text(tag, **value);
    }
    for (int i = 0; i < penCount(); ++i) {
        if (m_pens[static_cast<std::size_t>(i)].get() == &pen && m_penList->item(i))
            m_penList->item(i)->setToolTip(
                described.isEmpty()
                    ? QString()
                    : tr("Alarm limits: %1").arg(described.join(QStringLiteral(", "))));
    }
}

void TrendPanel::placeLimitLines()
{
    const double from = m_time->min();
    const double to = m_time->max();
    for (auto& pen : m_pens) {
        for (const LimitLine& l : pen->limits)
            l.series->replace({QPointF(from, l.value), QPointF(to, l.value)});
    }
}

void TrendPanel::draw(Pen& pen)
{
    // One series per run of points between gaps: Qt Charts cannot draw a NaN as a break.
    std::vector<QList<QPointF>> runs(1);
    for (const QPointF& p : pen.points) {
        const bool silence = !runs.back().isEmpty() && m_gapMs > 0 &&
                             p.x() - runs.back().back().x() > double(m_gapMs);
        if (std::isnan(p.y()) || silence) {
            if (!runs.back().isEmpty())
                runs.emplace_back();
            if (std::isnan(p.y()))
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
    const double from = m_time->min();
    const double to = m_time->max();
    for (QValueAxis* axis : m_axes) {
        double lo = std::numeric_limits<double>::max();
        double hi = std::numeric_limits<double>::lowest();
        for (const auto& pen : m_pens) {
            if (pen->axis != axis)
                continue;
            for (const QPointF& p : pen->points) {
                if (!std::isnan(p.y()) && p.x() >= from && p.x() <= to) {
                    lo = std::min(lo, p.y());
                    hi = std::max(hi, p.y());
                }
            }
            // The limits are in view: how close the value runs to them is the point.
            for (const LimitLine& l : pen->limits) {
                lo = std::min(lo, l.value);
                hi = std::max(hi, l.value);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        const auto quantity = static_cast<Quantity>(axis->property("quantity").toInt());
        const bool floorAtZero = isNonNegative(quantity) && lo >= 0;
        const double pad = std::max((hi - lo) * 0.08, std::abs(hi) * 0.01 + 1e-3);
        axis->setRange(floorAtZero ? std::max(0.0, lo - pad) : lo - pad, hi + pad);
        axis->applyNiceNumbers();
        if (floorAtZero && axis->min() < 0)
            axis->setMin(0);
        // As many decimals as the ticks need, never more than the quantity's, never %g's
        // scientific notation.
        const double step = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
        const int wanted = step > 0 ? static_cast<int>(std::ceil(-std::log10(step))) : 0;
        const int decimals = std::clamp(
            wanted, 0, ValueFormat::decimals(quantity, axis->property("unit").toString()));
        axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
    }
}

void TrendPanel::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_drawing = true;
    m_time->setRange(double(fromMs), double(toMs));
    m_drawing = false;
    updateTimeTicks();
    placeLimitLines();
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    for (const auto& [edit, ms] : {std::pair{m_from, fromMs}, std::pair{m_to, toMs}}) {
        if (!edit->hasFocus()) {
            const QSignalBlocker block(edit);
            edit->setDateTime(wallTime(ms, zone));
        }
    }
}

void TrendPanel::updateTimeTicks()
{
    const qint64 from = static_cast<qint64>(m_time->min());
    const qint64 to = static_cast<qint64>(m_time->max());
    const double width = m_chart->plotArea().width() > 0 ? m_chart->plotArea().width() : 600;
    const int maxTicks = std::clamp(static_cast<int>(width / 90), 2, 10);
    const std::vector<TimeTick> ticks =
        timeTicks(from, to, maxTicks, QTimeZone(m_services.project.timeZone.toLatin1()));
    QStringList labels;
    for (const TimeTick& t : ticks)
        labels << t.label;
    if (labels == m_time->categoriesLabels() && m_time->startValue() == double(from) - 1)
        return;
    for (const QString& l : m_time->categoriesLabels())
        m_time->remove(l);
    m_time->setStartValue(double(from) - 1);
    for (const TimeTick& t : ticks)
        m_time->append(t.label, double(t.ms));
}

void TrendPanel::setRealtime(qint64 windowMs)
{
    m_realtime = true;
    m_windowMs = windowMs;
    m_query.cancel();
    m_gapMs = SilenceGapMs;
    for (auto& pen : m_pens)
        startFromStore(*pen);
    m_status->setText(tr("Realtime"));
    {
        const QSignalBlocker block(m_range);
        m_range->setCurrentIndex(0);
    }
    refresh();
    // The window's history first, so the chart does not start empty.
    if (m_services.database && !m_pens.empty()) {
        const qint64 now = m_services.clock.nowMs();
        load(now - m_windowMs, now);
    }
}

void TrendPanel::setHistory(qint64 fromMs, qint64 toMs)
{
    m_realtime = false;
    m_homeFromMs = fromMs;
    m_homeToMs = toMs;
    m_fromMs = fromMs;
    m_toMs = toMs;
    setTimeRange(fromMs, toMs);
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

void TrendPanel::resetZoom()
{
    if (m_homeToMs > m_homeFromMs && m_range->currentIndex() != 0)
        setHistory(m_homeFromMs, m_homeToMs);
    else
        setRealtime(m_windowMs);
}

void TrendPanel::zoomTo(qint64 fromMs, qint64 toMs)
{
    if (toMs > fromMs)
        m_time->setRange(double(fromMs), double(toMs)); // as the rubber band does
}

void TrendPanel::zoomOut()
{
    const double centre = (m_time->min() + m_time->max()) / 2;
    const double half = m_time->max() - m_time->min();
    m_time->setRange(centre - half, std::min(centre + half, double(m_services.clock.nowMs())));
}

void TrendPanel::rangeChanged()
{
    if (m_drawing)
        return;
    updateTimeTicks();
    placeLimitLines();
    userMoved();
}

void TrendPanel::userMoved()
{
    if (m_realtime) {
        // Looking back stops following: the range stays where the user put it.
        m_realtime = false;
        m_homeFromMs = m_services.clock.nowMs() - m_windowMs;
        m_homeToMs = 0; // Reset returns to realtime
        m_query.cancel();
        const QSignalBlocker block(m_range);
        m_range->setCurrentIndex(-1);
    }
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    for (const auto& [edit, ms] : {std::pair{m_from, static_cast<qint64>(m_time->min())},
                                   std::pair{m_to, static_cast<qint64>(m_time->max())}}) {
        const QSignalBlocker block(edit);
        edit->setDateTime(wallTime(ms, zone));
    }
    m_requery.start();
}

void TrendPanel::load(qint64 fromMs, qint64 toMs)
{
    if (!m_services.database || m_pens.empty() || toMs <= fromMs)
        return;
    if (!m_realtime) {
        m_fromMs = fromMs;
        m_toMs = toMs;
    }
    History::Query q;
    for (const auto& pen : m_pens)
        q.tags.push_back(pen->tag);
    q.fromMs = fromMs;
    q.toMs = toMs;
    q.buckets = std::max(200, static_cast<int>(m_chart->plotArea().width()));
    m_bucketMs = std::max<qint64>(1, (toMs - fromMs + q.buckets - 1) / q.buckets);
    // Zoomed in to a few samples a pixel (1 s polling): the samples themselves, at their times.
    q.kind = m_bucketMs <= 2 * SecondMs ? History::QueryKind::Raw : History::QueryKind::Decimated;
    m_query.cancel();
    m_query.setProperty("realtime", m_realtime);
    if (!m_realtime)
        m_status->setText(tr("Reading history…"));
    m_query.setFuture(History::runQuery(m_services.project, *m_services.database, q));
}

void TrendPanel::loaded()
{
    if (m_query.isCanceled() || m_query.property("realtime").toBool() != m_realtime)
        return;
    const History::QueryResult result = m_query.result();
    if (!result.error.isEmpty()) {
        m_status->setText(result.error);
        return;
    }
    m_gapMs = std::max(3 * m_bucketMs, SilenceGapMs);
    qint64 count = 0;
    for (std::size_t i = 0; i < result.series.size() && i < m_pens.size(); ++i) {
        Pen& pen = *m_pens[i];
        std::vector<QPointF> points;
        for (const History::Point& p : result.series[i].points) {
            points.emplace_back(double(p.timestampMs), isGood(p.quality) || isUncertain(p.quality)
                                                           ? p.value
                                                           : std::nan(""));
            count += !std::isnan(points.back().y());
        }
        for (const History::Bucket& b : result.series[i].buckets) {
            if (b.count > 0) {
                points.emplace_back(double(b.startMs), b.min);
                if (b.max != b.min)
                    points.emplace_back(double(b.startMs), b.max);
                count += b.count;
            }
            if (b.count == 0 || b.endsBad)
                points.emplace_back(double(b.startMs), std::nan(""));
        }
        if (m_realtime) {
            // History up to the first live point, the live points after it.
            const double firstLive =
                pen.points.empty() ? std::numeric_limits<double>::max() : pen.points.front().x();
            std::erase_if(points, [firstLive](const QPointF& p) { return p.x() >= firstLive; });
            points.insert(points.end(), pen.points.begin(), pen.points.end());
        }
        pen.points = std::move(points);
        draw(pen);
    }
    fitValueAxes();
    if (m_realtime)
        return;
    const QLocale locale;
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    const auto time = [&zone](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("MM-dd HH:mm"));
    };
    m_status->setText(
        tr("%1 samples, %2 to %3").arg(locale.toString(count), time(m_fromMs), time(m_toMs)));
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
    setTimeRange(now - m_windowMs, now);
    fitValueAxes();
}

QString TrendPanel::readout(qint64 ms) const
{
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    QStringList parts{
        QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("MM-dd HH:mm:ss"))};
    const Project& p = m_services.project;
    for (const auto& pen : m_pens) {
        const QPointF* nearest = nullptr;
        for (const QPointF& pt : pen->points) {
            if (!std::isnan(pt.y()) &&
                (!nearest || std::abs(pt.x() - double(ms)) < std::abs(nearest->x() - double(ms))))
                nearest = &pt;
        }
        const TagDef& tag = p.tag(pen->tag);
        parts << tag.name + u' ' +
                     (nearest ? ValueFormat::text(tag, nearest->y()) : QStringLiteral("—"));
    }
    return parts.join(u'\n');
}

std::vector<QPointF> TrendPanel::points(int pen) const
{
    return m_pens[static_cast<std::size_t>(pen)]->points;
}

std::vector<QList<QPointF>> TrendPanel::pieces(int pen) const
{
    std::vector<QList<QPointF>> out;
    for (const QLineSeries* s : m_pens[static_cast<std::size_t>(pen)]->segments) {
        if (s->count() > 0 && m_chart->series().contains(s))
            out.push_back(s->points());
    }
    return out;
}

QValueAxis* TrendPanel::valueAxis(int pen) const
{
    return m_pens[static_cast<std::size_t>(pen)]->axis;
}

std::pair<qint64, qint64> TrendPanel::timeRange() const
{
    return {static_cast<qint64>(m_time->min()), static_cast<qint64>(m_time->max())};
}

QStringList TrendPanel::timeLabels() const
{
    return m_time->categoriesLabels();
}

std::vector<TrendPanel::LimitLine> TrendPanel::limitLines(int pen) const
{
    return m_pens[static_cast<std::size_t>(pen)]->limits;
}

bool TrendPanel::exportCsv(const QString& path, QString* error) const
{
    const double from = m_time->min();
    const double to = m_time->max();
    const Project& p = m_services.project;
    std::vector<const Pen*> pens;
    QStringList header{tr("Time")};
    for (const auto& pen : m_pens) {
        if (!pen->visible)
            continue;
        pens.push_back(pen.get());
        const TagDef& tag = p.tag(pen->tag);
        header << p.stationOfTag(pen->tag).displayName() + u' ' + tag.name +
                      (tag.unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(tag.unit));
    }
    // One row per time; a decimated column holding a minimum and a maximum at one time gives
    // that time two rows, as the curve draws both.
    std::map<qint64, std::vector<std::vector<double>>> rows;
    for (std::size_t i = 0; i < pens.size(); ++i) {
        for (const QPointF& pt : pens[i]->points) {
            if (std::isnan(pt.y()) || pt.x() < from || pt.x() > to)
                continue;
            auto& cells = rows[static_cast<qint64>(pt.x())];
            cells.resize(pens.size());
            cells[i].push_back(pt.y());
        }
    }
    const QTimeZone zone(p.timeZone.toLatin1());
    QStringList quoted;
    for (const QString& h : header)
        quoted << csvField(h);
    QString text = QStringLiteral("\uFEFF") + quoted.join(u',') + QStringLiteral("\r\n");
    for (const auto& [ms, cells] : rows) {
        std::size_t lines = 1;
        for (const auto& c : cells)
            lines = std::max(lines, c.size());
        const QString time = QDateTime::fromMSecsSinceEpoch(ms, zone).toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        for (std::size_t k = 0; k < lines; ++k) {
            QStringList line{time};
            for (std::size_t i = 0; i < pens.size(); ++i) {
                const TagDef& tag = p.tag(pens[i]->tag);
                line << (k < cells[i].size()
                             ? QString::number(cells[i][k], 'f',
                                               ValueFormat::decimals(tag.quantity, tag.unit))
                             : QString());
            }
            text += line.join(u',') + QStringLiteral("\r\n");
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(text.toUtf8());
    if (!file.commit()) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace PumpWatch::Ui
