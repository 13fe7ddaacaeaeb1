// The map at city scale: --stations stations on a 1600×1000 canvas at three levels of detail
// (the whole city in dots and clusters, names at zoom 13, cards at zoom 15.5).
//   repaint — a full repaint of an unchanged map (panning, the flashing of an alarm);
//   update  — every station's state and card change (as after a plant-wide event), then the
//             re-layout and repaint that follow: the worst second the map can have.
// Baseline in the same run: a plain QPainter loop that fills the ground and draws one prepared
// pixmap per marker at the same places — the least any marker map can do. Reported: ms per
// frame and the ratios. Aim: within 2× of the baseline. Fails only when nothing was drawn.
#include "benchmachine.h"

#include <sim/citygenerator.h>
#include <ui/mapcanvas.h>
#include <ui/mapsprites.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QPainter>

#include <chrono>
#include <cstdio>

using namespace PumpWatch;
using Steady = std::chrono::steady_clock;

namespace {

double msSince(Steady::time_point t0, int frames)
{
    return std::chrono::duration<double, std::milli>(Steady::now() - t0).count() / frames;
}

QStringList cardOf(int station, int frame)
{
    return {QStringLiteral("通讯 正常"),
            QStringLiteral("压力 %1 MPa").arg(0.3 + (station % 50 + frame) / 1000.0, 0, 'f', 3),
            QStringLiteral("流量 %1 m³/h").arg(100 + station % 300 + frame),
            QStringLiteral("更新 08:%1:00").arg(frame % 60, 2, 10, QLatin1Char('0'))};
}

/// The baseline: the same markers as prepared pixmaps, blitted in a plain loop.
double baseline(const Ui::MapCanvas& canvas, QImage& target, int frames)
{
    Ui::MarkerSprites sprites;
    sprites.setStyle(canvas.palette(), canvas.font(), 1.0);
    sprites.reset(canvas.stations().size());
    const Gis::Detail detail = canvas.layout().currentDetail();
    struct Blit {
        QPointF at;
        const QPixmap* pixmap;
    };
    std::vector<Blit> blits;
    const QColor colour(60, 170, 80);
    for (const Gis::PlacedMarker& m : canvas.layout().placed()) {
        const Ui::MapStation& s = canvas.stations()[std::size_t(m.station)];
        if (m.isCluster())
            blits.push_back(
                {m.box.topLeft(), &sprites.cluster(colour, int(m.members.size()), false)});
        else if (detail == Gis::Detail::Dot)
            blits.push_back({m.box.topLeft(), &sprites.dot(colour)});
        else {
            blits.push_back({m.anchor, &sprites.pin(colour)});
            blits.push_back(
                {m.box.topLeft(), &sprites.box(std::size_t(m.station), detail, m.box.size(), colour,
                                               false, s.name, s.card)});
        }
    }
    const auto t0 = Steady::now();
    for (int f = 0; f < frames; ++f) {
        QPainter p(&target);
        p.fillRect(target.rect(), QColor(26, 29, 35));
        for (const Blit& b : blits)
            p.drawPixmap(b.at, *b.pixmap);
    }
    return msSince(t0, frames);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    QCommandLineParser parser;
    const QCommandLineOption stationsOption(QStringLiteral("stations"), QStringLiteral("stations"),
                                            QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("frames"),
                                          QStringLiteral("N"), QStringLiteral("30"));
    parser.addOptions({stationsOption, framesOption});
    parser.process(app);
    const int stations = parser.value(stationsOption).toInt();
    const int frames = std::max(1, parser.value(framesOption).toInt());

    const Project project = Sim::CityGenerator::generate({.stations = stations});
    Ui::MapCanvas canvas;
    canvas.resize(1600, 1000);
    std::vector<Ui::MapStation> markers;
    for (std::size_t i = 0; i < project.stations.size(); ++i) {
        Ui::MapStation m;
        m.station = int(i);
        m.position = Gis::lonLat(project.stations[i].location);
        m.name = project.stations[i].displayName();
        m.state = StationState::Normal;
        m.card = cardOf(int(i), 0);
        markers.push_back(std::move(m));
    }
    canvas.setStations(std::move(markers));
    QImage target(canvas.size(), QImage::Format_ARGB32_Premultiplied);

    std::printf("bench_map: %d stations, %d frames per figure, 1600×1000\n", stations, frames);
    std::printf("%-8s %8s %10s %10s %10s %8s %8s\n", "view", "markers", "base ms", "repaint",
                "update", "repaint×", "update×");
    const Gis::LonLat centre = Gis::lonLat(project.stations.front().location);
    bool drew = true;
    const std::pair<const char*, double> views[] = {{"city", 0}, {"names", 13}, {"cards", 15.5}};
    int frame = 0;
    for (const auto& [name, zoom] : views) {
        if (zoom == 0)
            canvas.zoomToAll();
        else
            canvas.setView(centre, zoom);
        canvas.render(&target); // warm: sprites drawn once
        const double base = baseline(canvas, target, frames);

        auto t0 = Steady::now();
        for (int f = 0; f < frames; ++f)
            canvas.render(&target);
        const double repaint = msSince(t0, frames);

        // The new cards are made before the clock starts: the list model makes them, not the map.
        std::vector<std::vector<QStringList>> cards(static_cast<std::size_t>(frames));
        for (int f = 0; f < frames; ++f) {
            for (int i = 0; i < stations; ++i)
                cards[std::size_t(f)].push_back(cardOf(i, frame + f + 1));
        }
        t0 = Steady::now();
        for (int f = 0; f < frames; ++f) {
            ++frame;
            const std::vector<QStringList>& next = cards[std::size_t(f)];
            canvas.updateStations([&](Ui::MapStation& m) {
                m.state = (m.station + frame) % 7 == 0   ? StationState::Critical
                          : (m.station + frame) % 5 == 0 ? StationState::Warning
                                                         : StationState::Normal;
                m.flash = m.state == StationState::Critical;
                m.card = next[std::size_t(m.station)];
            });
            canvas.setBlink(frame % 2 == 0);
            canvas.render(&target);
        }
        const double update = msSince(t0, frames);
        drew = drew && !canvas.layout().placed().empty();
        std::printf("%-8s %8zu %10.2f %10.2f %10.2f %8.2f %8.2f\n", name,
                    canvas.layout().placed().size(), base, repaint, update, repaint / base,
                    update / base);
    }
    if (!drew) {
        std::fprintf(stderr, "bench_map: no markers were placed\n");
        return 1;
    }
    return 0;
}
