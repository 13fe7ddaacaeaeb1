// The process graphic under load: --elements bound elements (pumps, valves and values, a third
// of the pumps in inlet → pump → valve → outlet chains of pipes) on one station, every one of
// them changing at every 4 Hz tick (the pumps and valves toggle, so the flow is recomputed and
// the pipes' arrows move), then a full repaint of the 1600×900 view.
//   ours  — StationGraphic::tick() (the batch from the realtime store, shown states compared,
//           one animation clock) and a full repaint from the symbol image cache;
//   naive — the same scene as most web HMIs build it: one item per element, each with its own
//           4 Hz timer that re-reads its value and repaints unconditionally, symbols drawn from
//           their SVG on every paint (one QSvgRenderer per item), the default BSP index. Its
//           timers are fired by hand once per tick (kinder to it than real timers).
// Reported: ms of GUI thread per tick (apply, repaint, total) and naive ÷ ours. Aim: ≥ 5× and
// < 4 ms per tick. Also: opening the demo's station graphic cold (first open: drawing resolved,
// symbols rendered) and warm (again, the image cache filled). Fails only when nothing changed.
#include "benchmachine.h"

#include <alarms/alarmservice.h>
#include <core/projectreader.h>
#include <graphics/drawinglibrary.h>
#include <graphics/resolve.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>
#include <ui/graphicitem.h>
#include <ui/stationgraphic.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QGraphicsObject>
#include <QPainter>
#include <QSvgRenderer>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace PumpWatch;
using Steady = std::chrono::steady_clock;
using Bench::msSince;
using Bench::threadCpuMs;

namespace {

/// CPU time of this (the GUI) thread while the event loop runs for `seconds`, values published
/// at 4 Hz: what a dispatcher's PC spends on the graphic, repaints included.
double loopCpuMs(double seconds, const std::function<void()>& publish,
                 const std::function<void()>& ourClock = {})
{
    QTimer values;
    QObject::connect(&values, &QTimer::timeout, publish);
    values.start(250);
    QTimer clock;
    if (ourClock) {
        QObject::connect(&clock, &QTimer::timeout, ourClock);
        clock.start(250);
    }
    const double t0 = threadCpuMs();
    QEventLoop loop;
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    return threadCpuMs() - t0;
}

TagDef tag(const QString& key, Quantity q, DataType type)
{
    TagDef t;
    t.key = t.name = key;
    t.quantity = q;
    t.unit = QString::fromUtf8(quantityInfo(q).canonicalUnit);
    t.type = type;
    t.address = *Address::parse(QStringLiteral("40001")).address;
    return t;
}

struct Synthetic {
    Project project;
    Graphics::Drawing drawing;
    int pumps = 0, valves = 0, values = 0, pipes = 0;
};

/// One station whose template has a tag per element, and a drawing binding them all.
Synthetic synthetic(int elements)
{
    Synthetic s;
    s.pumps = elements * 35 / 100;
    s.valves = elements * 15 / 100;
    s.values = elements - s.pumps - s.valves;
    StationTemplate t;
    t.id = QStringLiteral("bench");
    t.name = t.id;
    Graphics::Drawing& d = s.drawing;
    d.id = QStringLiteral("bench");
    d.templateId = t.id;
    d.canvas = QSizeF(3200, 1800);
    auto add = [&](const QString& key, Quantity q, DataType type, Graphics::RoleDef::Kind kind) {
        t.tags.push_back(tag(key, q, type));
        d.roles[key] = {key, kind, {}, false, false};
    };
    const int columns = 64;
    auto cell = [&](int n) {
        return QPointF(10 + (n % columns) * 49.0, 10 + (n / columns) * 49.0);
    };
    int n = 0;
    for (int i = 0; i < s.pumps; ++i, ++n) {
        const QString key = QStringLiteral("r%1").arg(i);
        add(key, Quantity::Running, DataType::Bool, Graphics::RoleDef::Kind::Bit);
        Graphics::Element e;
        e.id = QStringLiteral("pump%1").arg(i);
        e.symbol = QStringLiteral("pump");
        e.position = cell(n);
        e.size = QSizeF(40, 40);
        e.slots[QStringLiteral("running")] = key;
        d.elements.push_back(e);
    }
    for (int i = 0; i < s.valves; ++i, ++n) {
        const QString key = QStringLiteral("o%1").arg(i);
        add(key, Quantity::ValveOpen, DataType::Bool, Graphics::RoleDef::Kind::Bit);
        Graphics::Element e;
        e.id = QStringLiteral("valve%1").arg(i);
        e.symbol = QStringLiteral("gate_valve");
        e.position = cell(n);
        e.size = QSizeF(40, 40);
        e.slots[QStringLiteral("open")] = key;
        d.elements.push_back(e);
    }
    for (int i = 0; i < s.values; ++i, ++n) {
        const QString key = QStringLiteral("a%1").arg(i);
        add(key, Quantity::Pressure, DataType::Float32, Graphics::RoleDef::Kind::Analog);
        Graphics::Element e;
        e.id = QStringLiteral("value%1").arg(i);
        e.kind = Graphics::ElementKind::Value;
        e.position = cell(n);
        e.size = QSizeF(46, 16);
        e.slots[QStringLiteral("value")] = key;
        d.elements.push_back(e);
    }
    // Chains: inlet → pump i → valve i → outlet, for as many valves as there are.
    auto pipe = [&](const QString& id, QPointF a, QPointF b, Graphics::PipeEnd from,
                    Graphics::PipeEnd to) {
        Graphics::Element e;
        e.id = id;
        e.kind = Graphics::ElementKind::Pipe;
        e.points = {a, QPointF(b.x(), a.y()), b};
        e.from = from;
        e.to = to;
        d.elements.push_back(e);
        ++s.pipes;
    };
    using B = Graphics::PipeEnd::Boundary;
    for (int i = 0; i < std::min(s.pumps, s.valves); ++i) {
        const QPointF p = cell(i) + QPointF(0, 20), v = cell(s.pumps + i) + QPointF(0, 20);
        pipe(QStringLiteral("in%1").arg(i), p - QPointF(8, 0), p, {{}, {}, B::Inlet},
             {QStringLiteral("pump%1").arg(i), QStringLiteral("in"), B::None});
        pipe(QStringLiteral("mid%1").arg(i), p + QPointF(40, 0), v,
             {QStringLiteral("pump%1").arg(i), QStringLiteral("out"), B::None},
             {QStringLiteral("valve%1").arg(i), QStringLiteral("in"), B::None});
        pipe(QStringLiteral("out%1").arg(i), v + QPointF(40, 0), v + QPointF(48, 0),
             {QStringLiteral("valve%1").arg(i), QStringLiteral("out"), B::None},
             {{}, {}, B::Outlet});
    }
    s.project.templates.push_back(std::move(t));
    Station st;
    st.id = QStringLiteral("B1");
    st.name = QStringLiteral("bench");
    Device dev;
    dev.id = QStringLiteral("plc");
    dev.templateIndex = 0;
    st.devices.push_back(dev);
    s.project.stations.push_back(std::move(st));
    s.project.reindex();
    return s;
}

/// The naive item: its own timer, an unconditional repaint, its SVG rendered on every paint.
class NaiveItem : public QGraphicsObject {
public:
    NaiveItem(const Graphics::ResolvedElement& e, const RealtimeStore& store, const QByteArray& svg)
        : m_e(e)
        , m_store(store)
        , m_svg(svg.isEmpty() ? nullptr : new QSvgRenderer(svg, this))
    {
        QPolygonF poly;
        for (const QPointF& p : e.points)
            poly << p;
        m_bounds = e.kind == Graphics::ElementKind::Pipe
                       ? poly.boundingRect().adjusted(-4, -4, 4, 4)
                       : QRectF(e.position, e.size);
        m_timer.setInterval(250);
        connect(&m_timer, &QTimer::timeout, this, [this] { poll(); });
        m_timer.start();
    }
    void poll()
    {
        if (!m_e.bindings.empty())
            m_value = m_store.value(m_e.bindings.front().tag).value;
        m_phase = (m_phase + 1) % 8;
        update();
    }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        if (m_svg) {
            m_svg->render(p, m_bounds);
            if (m_value != 0)
                p->fillRect(m_bounds.adjusted(10, 10, -10, -10), QColor(60, 60, 60, 120));
        } else if (m_e.kind == Graphics::ElementKind::Pipe) {
            QPen pen(QColor(60, 60, 60), 4, Qt::DashLine);
            pen.setDashOffset(m_phase);
            p->setPen(pen);
            QPolygonF poly;
            for (const QPointF& pt : m_e.points)
                poly << pt;
            p->drawPolyline(poly);
        } else {
            p->drawText(m_bounds, Qt::AlignRight, QString::number(m_value, 'f', 3));
        }
    }

private:
    const Graphics::ResolvedElement& m_e;
    const RealtimeStore& m_store;
    QSvgRenderer* m_svg;
    QRectF m_bounds;
    QTimer m_timer;
    double m_value = 0;
    int m_phase = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    QCommandLineParser parser;
    const QCommandLineOption elementsOption(QStringLiteral("elements"),
                                            QStringLiteral("bound elements"), QStringLiteral("N"),
                                            QStringLiteral("2000"));
    const QCommandLineOption ticksOption(QStringLiteral("ticks"), QStringLiteral("ticks"),
                                         QStringLiteral("N"), QStringLiteral("40"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("event loop seconds per side"),
                                           QStringLiteral("S"), QStringLiteral("5"));
    parser.addOptions({elementsOption, ticksOption, secondsOption});
    parser.process(app);
    const int elements = parser.value(elementsOption).toInt();
    const int ticks = std::max(4, parser.value(ticksOption).toInt());
    const double seconds = std::max(1.0, parser.value(secondsOption).toDouble());

    const Synthetic s = synthetic(elements);
    const Project& project = s.project;
    const auto symbols = Graphics::SymbolLibrary::load();
    const auto theme = Graphics::Theme::builtIn(u"isa101");
    if (!symbols || !theme) {
        std::fprintf(stderr, "bench_graphics: no symbol library or theme\n");
        return 1;
    }
    ManualClock clock(1'800'000'000'000);
    RealtimeStore store(project.tagCount());
    Alarms::AlarmService alarms(project, clock);
    Ui::Session session;
    Ui::Services services{project, {},      {},      clock,        store,
                          alarms,  nullptr, nullptr, std::nullopt, session};
    auto publish = [&](int t) {
        std::vector<Sample> batch;
        for (TagId id = 0; id < project.tagCount(); ++id) {
            const bool bit = project.tag(id).type == DataType::Bool;
            batch.push_back({clock.nowMs(),
                             bit ? double((id + t) % 2) : 0.3 + 0.001 * ((id * 7 + t) % 97), id,
                             Quality::Good});
        }
        store.publish(batch);
    };
    publish(0);
    Graphics::ResolvedDrawing resolved = Graphics::resolve(s.drawing, project, 0);
    if (!resolved.problems.empty()) {
        std::fprintf(stderr, "bench_graphics: %s\n",
                     qPrintable(resolved.problems.front().toString()));
        return 1;
    }
    const Graphics::ResolvedDrawing naiveDrawing = resolved;
    std::printf("bench_graphics: %d bound elements (%d pumps, %d valves, %d values), %d pipes, "
                "%d ticks, view 1600×900\n",
                elements, s.pumps, s.valves, s.values, s.pipes, ticks);

    // Ours.
    Ui::StationGraphic view(services, *symbols, *theme, std::move(resolved));
    view.resize(1600, 900);
    view.show();
    view.fitToWindow();
    QImage target(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.viewport()->render(&target); // warm: the symbol images
    double apply = 0, repaint = 0;
    qint64 repainted = 0;
    for (int t = 1; t <= ticks; ++t) {
        clock.advanceMs(250);
        publish(t);
        auto t0 = Steady::now();
        repainted += view.tick(clock.nowMs());
        apply += msSince(t0);
        t0 = Steady::now();
        view.viewport()->render(&target);
        repaint += msSince(t0);
    }
    apply /= ticks;
    repaint /= ticks;
    int loopTick = ticks;
    const double oursLoop = loopCpuMs(
        seconds,
        [&] {
            clock.advanceMs(250);
            publish(++loopTick);
        },
        [&] { view.tick(clock.nowMs()); });
    view.hide();

    // Naive.
    QGraphicsScene naiveScene;
    std::vector<NaiveItem*> naive;
    for (const Graphics::ResolvedElement& e : naiveDrawing.elements) {
        QByteArray svg;
        if (e.kind == Graphics::ElementKind::Symbol)
            if (const Graphics::SymbolDef* def = symbols->find(e.symbol))
                svg = def->svg;
        naive.push_back(new NaiveItem(e, store, svg));
        naiveScene.addItem(naive.back());
    }
    QGraphicsView naiveView(&naiveScene);
    naiveView.resize(1600, 900);
    naiveView.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    naiveView.show();
    naiveView.fitInView(naiveScene.sceneRect(), Qt::KeepAspectRatio);
    naiveView.viewport()->render(&target);
    double naiveApply = 0, naiveRepaint = 0;
    const int naiveTicks = std::max(4, ticks / 4);
    for (int t = 1; t <= naiveTicks; ++t) {
        clock.advanceMs(250);
        publish(t);
        auto t0 = Steady::now();
        for (NaiveItem* i : naive)
            i->poll();
        naiveApply += msSince(t0);
        t0 = Steady::now();
        naiveView.viewport()->render(&target);
        naiveRepaint += msSince(t0);
    }
    naiveApply /= naiveTicks;
    naiveRepaint /= naiveTicks;
    const double naiveLoop = loopCpuMs(seconds, [&] {
        clock.advanceMs(250);
        publish(++loopTick);
    });
    std::printf("%-6s %10s %10s %10s\n", "", "apply ms", "repaint ms", "tick ms");
    std::printf("%-6s %10.2f %10.2f %10.2f\n", "ours", apply, repaint, apply + repaint);
    std::printf("%-6s %10.2f %10.2f %10.2f\n", "naive", naiveApply, naiveRepaint,
                naiveApply + naiveRepaint);
    std::printf("naive ÷ ours: %.1f× per tick (apply %.1f×, repaint %.1f×); %lld items repainted "
                "per tick by ours\n",
                (naiveApply + naiveRepaint) / (apply + repaint), naiveApply / apply,
                naiveRepaint / repaint, repainted / ticks);
    std::printf(
        "event loop, %.0f s with real timers (ours: one 4 Hz clock; naive: a 4 Hz timer per "
        "item): GUI thread CPU ours %.0f ms/s, naive %.0f ms/s, naive ÷ ours %.1f×\n",
        seconds, oursLoop / seconds, naiveLoop / seconds, naiveLoop / oursLoop);

    // Opening the demo's graphic of one station, cold and warm.
    const ProjectLoad demo = ProjectReader::readFile(QStringLiteral(":/demo/zunyi.json"));
    if (!demo.project) {
        std::fprintf(stderr, "bench_graphics: the demo project did not load\n");
        return 1;
    }
    RealtimeStore demoStore(demo.project->tagCount());
    Alarms::AlarmService demoAlarms(*demo.project, clock);
    Ui::Services demoServices{*demo.project, {},      {},      clock,        demoStore,
                              demoAlarms,    nullptr, nullptr, std::nullopt, session};
    auto open = [&](Graphics::SymbolLibrary& library) {
        const auto t0 = Steady::now();
        const Graphics::DrawingLibrary drawings = Graphics::DrawingLibrary::load(*demo.project);
        const Graphics::Drawing* d = drawings.drawingFor(*demo.project, 0);
        if (!d)
            return -1.0;
        Ui::StationGraphic g(demoServices, library, *theme,
                             Graphics::resolve(*d, *demo.project, 0));
        g.resize(1600, 900);
        g.show();
        g.fitToWindow();
        QImage image(g.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        g.viewport()->render(&image);
        return msSince(t0);
    };
    auto library = Graphics::SymbolLibrary::load();
    const double cold = open(*library);
    const double warm = open(*library);
    std::printf(
        "open the demo station's graphic (load, resolve, build, first paint): cold %.1f ms, "
        "warm %.1f ms\n",
        cold, warm);
    if (repainted == 0 || cold < 0) {
        std::fprintf(stderr, "bench_graphics: nothing changed or nothing opened\n");
        return 1;
    }
    return 0;
}
