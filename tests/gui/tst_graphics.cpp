// The process graphic at run time, used as a dispatcher uses it, on a simulated city served
// in-process and the real pipeline: the operator clicks a stopped pump, selects Start, confirms,
// and sees it run in the graphic; a read-only user finds the commands disabled with the reason;
// a pump fault shows at the pump with its alarm mark, and a PLC that stops answering hatches the
// graphic with the time of the last good data and disables the commands.
//
// With PUMPWATCH_DOC_IMAGES=DIR the test also writes the guide's screenshots there
// (graphic-normal.png, faceplate.png, graphic-alarm.png, graphic-stale.png).
#include <sim/citygenerator.h>
#include <sim/localcity.h>
#include <ui/alarmcenter.h>
#include <ui/faceplate.h>
#include <ui/graphicitem.h>
#include <ui/graphicspanel.h>
#include <ui/stationgraphic.h>

#include <QApplication>
#include <QDir>
#include <QDomDocument>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <runtime/pipeline.h>

using namespace PumpWatch;

namespace {

/// Three stations served in-process, the real pipeline (no history) and the graphics panel.
struct LiveGraphics {
    /// `folder`: where the drawings are read from (the demo's, compiled in, by default).
    explicit LiveGraphics(const QString& folder = QStringLiteral(":/demo/graphics"))
        : project([&folder] {
            Project p = Sim::CityGenerator::generate({.stations = 3});
            p.graphics = {
                {QStringLiteral("std-pump-house"), folder + QStringLiteral("/std-pump-house.json")},
                {QStringLiteral("std-pump-house-2z"),
                 folder + QStringLiteral("/std-pump-house-2z.json")}};
            return p;
        }())
        , ports(Sim::LocalCity::assignFreePorts(project, &error))
        , city(project, clock.nowMs())
        , pipeline(project, clock, {std::nullopt, nullptr, {}, {}})
        , services{project,
                   QString(),
                   QString(),
                   clock,
                   pipeline.store(),
                   pipeline.alarms(),
                   &pipeline.acquisition(),
                   nullptr,
                   std::nullopt,
                   session}
        , alarms(services)
    {
        services.control = &pipeline.control();
        if (ports && city.start(&error))
            pipeline.start();
        panel = std::make_unique<Ui::GraphicsPanel>(services, alarms);
        panel->resize(1600, 960);
        panel->show();
    }
    ~LiveGraphics()
    {
        panel.reset();
        pipeline.stop();
    }
    void login(const char* name, const char* display, Role role)
    {
        User u;
        u.name = QString::fromUtf8(name);
        u.displayName = QString::fromUtf8(display);
        u.role = role;
        session.setUser(u);
    }
    /// How many pumps station 0's first device has (3 when the device does not say).
    int pumps() const
    {
        const Device& d = project.stations[0].devices[0];
        return d.equipment.pumps > 0 ? d.equipment.pumps : 3;
    }
    /// Opens station 0's graphic and waits until its pumps show their state.
    Ui::StationGraphic* open()
    {
        if (!panel->openStation(0))
            return nullptr;
        Ui::StationGraphic* g = panel->current();
        for (int i = 0; i < 200 && g->item(u"pump1")->shown().state == u"unknown"; ++i)
            QTest::qWait(50);
        return g;
    }
    /// Clicks an element as a person does, at its centre.
    static void click(Ui::StationGraphic* g, const QString& element)
    {
        QTest::mouseClick(g->viewport(), Qt::LeftButton, {}, g->mapFromScene(g->centreOf(element)));
    }
    void image(QWidget* w, const char* name) const { save(w->grab().toImage(), name); }
    void image(Ui::StationGraphic* g, const char* name) const { save(g->image(), name); }
    static void save(const QImage& image, const char* name)
    {
        const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES");
        if (!dir.isEmpty() && QDir().mkpath(dir))
            image.save(QDir(dir).filePath(QString::fromLatin1(name)));
    }

    QString error;
    Project project;
    bool ports;
    SystemClock clock;
    Sim::LocalCity city;
    Runtime::Pipeline pipeline;
    Ui::Session session;
    Ui::Services services;
    Ui::AlarmCenter alarms;
    std::unique_ptr<Ui::GraphicsPanel> panel;
};

QString stoppedPump(Ui::StationGraphic* g, int pumps)
{
    for (int i = pumps; i >= 1; --i) {
        const QString id = QStringLiteral("pump%1").arg(i);
        if (g->item(id) && g->item(id)->shown().state == u"stopped")
            return id;
    }
    return {};
}

} // namespace

class tst_Graphics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void operatorStartsAStoppedPumpWithSelectAndConfirm()
    {
        LiveGraphics live;
        QVERIFY2(live.error.isEmpty(), qPrintable(live.error));
        live.login("zhangsan", "张三", Role::Operator);
        Ui::StationGraphic* g = live.open();
        QVERIFY(g);
        QVERIFY(g->drawing().problems.empty());
        const int pumps = live.pumps();
        QVERIFY(g->item(QStringLiteral("pump%1").arg(pumps)));
        QVERIFY(!g->item(QStringLiteral("pump%1").arg(pumps + 1)));
        // Values show with their units; a running pump's pipes flow.
        QTRY_VERIFY(g->item(u"v_outlet_pressure")->shown().text.endsWith(u" MPa"));
        QTRY_VERIFY(g->item(u"p0_riser")->shown().flowing);
        const QString pump = stoppedPump(g, pumps);
        QVERIFY2(!pump.isEmpty(), "no stopped pump to start");
        QVERIFY(!g->item(QStringLiteral("p%1_d1").arg(pump.mid(4)))->shown().flowing);
        live.image(g, "graphic-normal.png");

        LiveGraphics::click(g, pump);
        Ui::Faceplate* f = live.panel->faceplate();
        QVERIFY(f);
        QTRY_VERIFY(f->isVisible());
        QVERIFY(f->onButton()->isEnabled());
        QVERIFY(!f->offButton()->isEnabled()); // it is stopped already
        f->onButton()->click();
        QVERIFY(f->executeButton()->isVisible()); // select → confirm
        QVERIFY2(f->stepText().contains(QStringLiteral("张三")), qPrintable(f->stepText()));
        QVERIFY(!f->onButton()->isEnabled());
        live.image(f, "faceplate.png");
        f->executeButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(f->stepText().contains(u"Done"), 15'000);
        QTRY_COMPARE(g->item(pump)->shown().state, QStringLiteral("running"));
        QTRY_VERIFY(g->item(QStringLiteral("p%1_d1").arg(pump.mid(4)))->shown().flowing);
        QVERIFY(!f->executeButton()->isVisible());
    }

    void viewerSeesDisabledControlsWithTheReason()
    {
        LiveGraphics live;
        QVERIFY2(live.error.isEmpty(), qPrintable(live.error));
        live.login("wangwu", "王五", Role::Viewer);
        Ui::StationGraphic* g = live.open();
        QVERIFY(g);
        LiveGraphics::click(g, QStringLiteral("pump1"));
        Ui::Faceplate* f = live.panel->faceplate();
        QVERIFY(f);
        QVERIFY(!f->onButton()->isEnabled());
        QVERIFY(!f->offButton()->isEnabled());
        // The reason names the viewer's role and the permission it lacks.
        QVERIFY2(f->reasonText().contains(roleDisplayName(Role::Viewer)) &&
                     f->reasonText().contains(actionDisplayName(Action::OperateEquipment)),
                 qPrintable(f->reasonText()));
        f->close();
        QTest::qWait(0);
        LiveGraphics::click(g, QStringLiteral("sp_frequency"));
        f = live.panel->faceplate();
        QVERIFY(f);
        QVERIFY(f->setButton() && !f->setButton()->isEnabled());
        QVERIFY(!f->setpointBox()->isEnabled());
    }

    void faultAndLostCommunicationShowAtTheGraphic()
    {
        LiveGraphics live;
        QVERIFY2(live.error.isEmpty(), qPrintable(live.error));
        live.login("zhangsan", "张三", Role::Operator);
        Ui::StationGraphic* g = live.open();
        QVERIFY(g);
        const QString station = live.project.stations[0].id;
        QVERIFY(
            live.city.command(QStringLiteral("pumpfault %1 1 on").arg(station)).startsWith(u"ok"));
        QTRY_COMPARE_WITH_TIMEOUT(g->item(u"pump1")->shown().state, QStringLiteral("fault"),
                                  10'000);
        QTRY_VERIFY_WITH_TIMEOUT(g->item(u"pump1")->shown().alarm > 0, 10'000);
        QVERIFY(g->item(u"pump1")->shown().unacknowledged);
        QVERIFY(g->item(u"pump1")->animated()); // flashing until acknowledged
        live.image(g, "graphic-alarm.png");

        QVERIFY(live.city.command(QStringLiteral("silence %1 on").arg(station)).startsWith(u"ok"));
        QTRY_VERIFY_WITH_TIMEOUT(g->isStale(), 20'000);
        QVERIFY2(g->staleText().contains(u"last good data"), qPrintable(g->staleText()));
        live.image(g, "graphic-stale.png");
        LiveGraphics::click(g, QStringLiteral("pump2"));
        Ui::Faceplate* f = live.panel->faceplate();
        QVERIFY(f);
        QVERIFY(!f->onButton()->isEnabled());
        QVERIFY2(f->reasonText().contains(u"last good value"), qPrintable(f->reasonText()));
    }

    /// An interlock is told on the faceplate before the click: a broken tank level transmitter
    /// (below 4 mA) blocks starting a pump, and the reason names the interlock and the command.
    void interlockDisablesStartAndSaysWhy()
    {
        LiveGraphics live;
        QVERIFY2(live.error.isEmpty(), qPrintable(live.error));
        live.login("zhangsan", "张三", Role::Operator);
        Ui::StationGraphic* g = live.open();
        QVERIFY(g);
        const QString pump = stoppedPump(g, live.pumps());
        QVERIFY2(!pump.isEmpty(), "no stopped pump to start");
        LiveGraphics::click(g, pump);
        Ui::Faceplate* f = live.panel->faceplate();
        QVERIFY(f);
        QTRY_VERIFY(f->onButton()->isEnabled());
        QVERIFY2(f->reasonText().isEmpty(), qPrintable(f->reasonText()));

        const QString station = live.project.stations[0].id;
        QVERIFY(live.city.command(QStringLiteral("sensor %1 tank_level range").arg(station))
                    .startsWith(u"ok"));
        QTRY_VERIFY_WITH_TIMEOUT(!f->onButton()->isEnabled(), 10'000);
        QVERIFY2(f->reasonText().contains(u"水箱液位低低") &&
                     f->reasonText().contains(f->onButton()->text()),
                 qPrintable(f->reasonText()));
        live.image(f, "faceplate-interlock.png");

        QVERIFY(live.city.command(QStringLiteral("sensor %1 tank_level off").arg(station))
                    .startsWith(u"ok"));
        QTRY_VERIFY_WITH_TIMEOUT(f->onButton()->isEnabled(), 10'000);
        QVERIFY2(f->reasonText().isEmpty(), qPrintable(f->reasonText()));
    }

    /// A plan drawn behind the process: an SVG beside the drawing file is painted in its box
    /// (under the pipes), and a missing picture is a dashed box naming the file.
    void imageElementPaintsItsPictureOrItsName()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("images")));
        QFile svg(dir.filePath(QStringLiteral("images/plan.svg")));
        QVERIFY(svg.open(QIODevice::WriteOnly));
        svg.write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
                  "<rect width=\"10\" height=\"10\" fill=\"#3060c0\"/></svg>");
        svg.close();
        for (const char* name : {"std-pump-house.json", "std-pump-house-2z.json"}) {
            QFile in(QStringLiteral(":/demo/graphics/") + QLatin1String(name));
            QVERIFY(in.open(QIODevice::ReadOnly));
            QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
            QJsonArray elements = root[u"elements"].toArray();
            const auto image = [](const char* id, const char* source, int x) {
                return QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                                   {QStringLiteral("kind"), QStringLiteral("image")},
                                   {QStringLiteral("source"), QLatin1String(source)},
                                   {QStringLiteral("at"), QJsonArray{x, 700}},
                                   {QStringLiteral("size"), QJsonArray{120, 80}}};
            };
            elements.prepend(image("plan", "images/plan.svg", 20));
            elements.prepend(image("photo", "images/photo.png", 200));
            root[u"elements"] = elements;
            QFile out(dir.filePath(QLatin1String(name)));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QJsonDocument(root).toJson());
        }
        LiveGraphics live(dir.path());
        QVERIFY2(live.error.isEmpty(), qPrintable(live.error));
        Ui::StationGraphic* g = live.open();
        QVERIFY(g);
        const auto paint = [](Ui::GraphicItem* item) {
            const QRectF box(item->element().position, item->element().size);
            QImage image(box.size().toSize(), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter p(&image);
            p.translate(-box.topLeft());
            item->paint(&p, nullptr, nullptr);
            return image;
        };
        Ui::GraphicItem* plan = g->item(u"plan");
        QVERIFY(plan);
        for (const Graphics::ResolvedElement& e : g->drawing().elements) {
            if (e.kind == Graphics::ElementKind::Pipe && g->item(e.id))
                QVERIFY(plan->zValue() < g->item(e.id)->zValue()); // under the pipes
        }
        const QImage planImage = paint(plan);
        QCOMPARE(QColor(planImage.pixel(60, 40)), QColor(0x30, 0x60, 0xc0));
        QCOMPARE(paint(plan), planImage); // drawn from the image rendered once

        const QImage missing = paint(g->item(u"photo"));
        QCOMPARE(QColor(missing.pixel(60, 12)), QColor(Qt::white)); // no picture above the name
        int frame = 0; // the dashed frame along the left edge
        for (int y = 0; y < missing.height(); ++y) {
            for (int x = 0; x < 3; ++x)
                frame += QColor(missing.pixel(x, y)) != QColor(Qt::white) ? 1 : 0;
        }
        QVERIFY(frame > 20);
    }

    /// The graphic as shown, saved for a report or a wall: a PNG at twice the canvas with the
    /// drawing on it, an SVG whose text is still text (the title can be searched), a PDF.
    void exportsPngSvgAndPdf()
    {
        LiveGraphics live;
        QVERIFY2(live.error.isEmpty(), qPrintable(live.error));
        Ui::StationGraphic* g = live.open();
        QVERIFY(g);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("graphic.png"));
        const QString svg = dir.filePath(QStringLiteral("graphic.svg"));
        const QString pdf = dir.filePath(QStringLiteral("graphic.PDF"));
        for (const QString& path : {png, svg, pdf}) {
            QString error;
            QVERIFY2(live.panel->exportCurrent(path, &error), qPrintable(error));
        }

        const QImage image(png);
        const QSizeF canvas = g->drawing().canvas;
        QCOMPARE(image.size(), (canvas * 2).toSize());
        const QRgb background = image.pixel(1, 1);
        int drawn = 0;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                drawn += image.pixel(x, y) != background ? 1 : 0;
        }
        QVERIFY2(drawn > 500, qPrintable(QString::number(drawn)));

        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QDomDocument doc;
        QString xmlError;
        QVERIFY2(doc.setContent(&svgFile, &xmlError), qPrintable(xmlError));
        QCOMPARE(doc.documentElement().tagName(), QStringLiteral("svg"));
        QCOMPARE(doc.documentElement().attribute(QStringLiteral("viewBox")),
                 QStringLiteral("0 0 %1 %2").arg(canvas.width()).arg(canvas.height()));
        QVERIFY(doc.toString().contains(QStringLiteral("二次供水加压泵房工艺流程图")));
        QCOMPARE(doc.documentElement().firstChildElement(QStringLiteral("title")).text(),
                 live.project.stations[0].displayName());

        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(4) == "%PDF");
        QVERIFY2(pdfFile.size() > 20'000, qPrintable(QString::number(pdfFile.size())));

        QString error;
        QVERIFY(!live.panel->exportCurrent(dir.filePath(QStringLiteral("graphic.bmp")), &error));
        QVERIFY2(error.contains(QStringLiteral("graphic.bmp")), qPrintable(error));
        QVERIFY(!live.panel->exportCurrent(QStringLiteral("/nonexistent/dir/g.pdf"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("/nonexistent/dir/g.pdf: ")), qPrintable(error));
    }
};

QTEST_MAIN(tst_Graphics)
#include "tst_graphics.moc"
