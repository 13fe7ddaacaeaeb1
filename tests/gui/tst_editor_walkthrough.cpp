// A new engineer (李四) draws a small pump house from an empty drawing with the mouse and the
// keyboard, in Chinese, against the simulated city served in-process and the real pipeline: two
// pumps dragged from the palette, a pipe dragged from one's outlet port to the other's inlet, a
// value placed and bound to the outlet pressure by typing its pinyin, the pumps bound to 1# and
// 2# pump running, aligned from the toolbar, saved with Ctrl+S after the stations' check — and
// the station's process graphic then shows the new drawing live: each pump in the state the
// simulated PLC reports, the outlet pressure with its unit.
//
// With PUMPWATCH_DOC_IMAGES=DIR it writes the guide's screenshots there (editor-1-empty.png …
// editor-7-runtime.png; docs/guide/graphics-editor.md).
#include <core/clock.h>
#include <core/projectwriter.h>
#include <core/translator.h>
#include <graphics/drawingjson.h>
#include <graphics/symbolports.h>
#include <sim/citygenerator.h>
#include <sim/localcity.h>
#include <ui/alarmcenter.h>
#include <ui/editor/drawingeditor.h>
#include <ui/editor/drawingeditors.h>
#include <ui/editor/editorparts.h>
#include <ui/editor/savedrawingdialog.h>
#include <ui/faceplate.h>
#include <ui/graphicitem.h>
#include <ui/graphicspanel.h>
#include <ui/stationgraphic.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <runtime/pipeline.h>

using namespace PumpWatch;

namespace {

void screenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES");
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return;
    QTest::qWait(350); // the preview follows an edit after 300 ms
    w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

/// Three stations served in-process as Modbus PLCs, the real pipeline, the project in a file
/// of its own (the editor saves beside it), the graphics panel and the editor's entry point.
struct Room {
    Room()
        : project([] {
            Project p = Sim::CityGenerator::generate({.stations = 3});
            p.graphics.clear(); // nothing drawn yet: the engineer draws it
            return p;
        }())
        , ports(Sim::LocalCity::assignFreePorts(project, &error))
        , city(project, clock.nowMs())
        , pipeline(project, clock, {std::nullopt, nullptr, {}, {}})
        , services{project,
                   dir.filePath(QStringLiteral("project.json")),
                   dir.filePath(QStringLiteral("project.json")),
                   clock,
                   pipeline.store(),
                   pipeline.alarms(),
                   &pipeline.acquisition(),
                   nullptr,
                   std::nullopt,
                   session}
        , alarms(services)
    {
        written = ProjectWriter::writeFile(project, services.projectPath, &error);
        if (ports && city.start(&error))
            pipeline.start();
        User u;
        u.name = QStringLiteral("lisi");
        u.displayName = QStringLiteral("李四");
        u.role = Role::Engineer;
        session.setUser(u);
        panel = std::make_unique<Ui::GraphicsPanel>(services, alarms);
        panel->resize(1400, 860);
        editors = std::make_unique<Ui::DrawingEditors>(services, nullptr);
        QObject::connect(editors.get(), &Ui::DrawingEditors::drawingSaved, panel.get(),
                         &Ui::GraphicsPanel::reloadDrawings);
    }
    ~Room()
    {
        for (Ui::DrawingEditor* e : editors->editors()) {
            e->setAskToSave([](const QString&) { return QMessageBox::Discard; });
            delete e;
        }
        editors.reset();
        panel.reset();
        pipeline.stop();
    }

    QTemporaryDir dir;
    QString error;
    Project project;
    bool ports;
    SystemClock clock;
    Sim::LocalCity city;
    Runtime::Pipeline pipeline;
    Ui::Session session;
    Ui::Services services;
    Ui::AlarmCenter alarms;
    bool written = false;
    std::unique_ptr<Ui::GraphicsPanel> panel;
    std::unique_ptr<Ui::DrawingEditors> editors;
};

/// What the engineer's hand does on the canvas.
struct Hand {
    Ui::EditorView* view;

    QWidget* viewport() const { return view->viewport(); }
    /// Drags a palette entry onto the canvas point `at` and lets go; the id placed.
    QString drop(const char* code, QPointF at) const
    {
        std::unique_ptr<QMimeData> mime(Ui::SymbolPalette::mimeData(QString::fromLatin1(code)));
        const QPoint p = view->mapFromScene(at);
        QDragEnterEvent enter(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &enter);
        QDragMoveEvent move(p, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &move);
        QDropEvent drop(QPointF(p), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &drop);
        return view->selectedIds().value(0);
    }
    /// Press, move in steps with the button held, release.
    void drag(QPoint from, QPoint to) const
    {
        QTest::mousePress(viewport(), Qt::LeftButton, {}, from);
        for (int i = 1; i <= 6; ++i) {
            const QPointF p = from + (to - from) * (i / 6.0);
            QMouseEvent move(QEvent::MouseMove, p, view->viewport()->mapToGlobal(p), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(viewport(), &move);
        }
        QTest::mouseRelease(viewport(), Qt::LeftButton, {}, to);
    }
    void click(const QString& id, Qt::KeyboardModifiers modifiers = {}) const
    {
        QTest::mouseClick(viewport(), Qt::LeftButton, modifiers, view->viewportPointOf(id));
    }
};

/// Types `text` into a slot's role box and presses Enter, as an engineer picks a role.
void typeRole(Ui::BindingEditor* bindings, const char* slot, const char* text)
{
    QComboBox* box = bindings->roleBox(QString::fromLatin1(slot));
    QVERIFY(box && box->lineEdit());
    box->lineEdit()->setFocus();
    box->lineEdit()->selectAll();
    QTest::keyClicks(box->lineEdit(), QString::fromLatin1(text));
    QTest::keyClick(box->lineEdit(), Qt::Key_Return);
}

} // namespace

class TestEditorWalkthrough : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(
            installTranslators(*QCoreApplication::instance(), QLocale(QStringLiteral("zh_CN"))));
    }
    void drawsAPumpHouseThatRunsLive();
};

void TestEditorWalkthrough::drawsAPumpHouseThatRunsLive()
{
    Room room;
    QVERIFY2(room.ports && room.written, qPrintable(room.error));
    QVERIFY(room.editors->mayEdit());

    // 文件 → 新建: an empty drawing for the stations' template, with the template's roles.
    Graphics::Drawing empty;
    empty.id = QStringLiteral("lisi-house");
    empty.name = QStringLiteral("李四的泵房");
    empty.templateId = room.project.templates.front().id;
    empty.roles = Graphics::Edits::templateRoles(room.project.templates.front());
    Ui::DrawingEditor* editor = room.editors->openNew(empty);
    QVERIFY(editor);
    editor->resize(1600, 960);
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    Graphics::DrawingDocument& doc = editor->document();
    Ui::EditorView* view = editor->view();
    view->zoomToFit();
    const Hand hand{view};
    screenshot(editor, "editor-1-empty.png");

    // Two pumps from the palette, a little apart and not quite level.
    const QString pump1 = hand.drop("symbol:pump", {300, 400});
    const QString pump2 = hand.drop("symbol:pump", {600, 430});
    QVERIFY(!pump1.isEmpty() && !pump2.isEmpty() && pump1 != pump2);
    QCOMPARE(doc.find(pump1)->position, QPointF(300, 400));
    QCOMPARE(doc.find(pump2)->position, QPointF(600, 430));
    screenshot(editor, "editor-2-pumps.png");

    // A pipe dragged from pump 1's outlet port to pump 2's inlet port.
    hand.drag(view->viewportPointOfPort(pump1, u"out"), view->viewportPointOfPort(pump2, u"in"));
    QString pipe;
    for (const Graphics::Element& e : doc.drawing().elements) {
        if (e.kind == Graphics::ElementKind::Pipe)
            pipe = e.id;
    }
    QVERIFY2(!pipe.isEmpty(), "the drag between the ports drew no pipe");
    const Graphics::Element* p = doc.find(pipe);
    QCOMPARE(p->from.toString(), pump1 + QStringLiteral(".out"));
    QCOMPARE(p->to.toString(), pump2 + QStringLiteral(".in"));
    QCOMPARE(p->points.front(), Graphics::portPosition(*doc.find(pump1), u"out"));
    QCOMPARE(p->points.back(), Graphics::portPosition(*doc.find(pump2), u"in"));
    screenshot(editor, "editor-3-pipe.png");

    // A value above the pumps, bound by typing the pinyin of 出水压力 in its role box.
    const QString value = hand.drop("value", {400, 300});
    QVERIFY(!value.isEmpty());
    QCOMPARE(view->selectedIds(), QStringList{value});
    auto* properties = editor->findChild<Ui::PropertiesPanel*>();
    QVERIFY(properties);
    QCOMPARE(properties->selection(), QStringList{value});
    typeRole(properties->bindings(), "value", "chushuiyali");
    QCOMPARE(doc.find(value)->slots.at(QStringLiteral("value")), QStringLiteral("outlet_pressure"));
    // Each pump bound to its own running signal, found by its tag's key.
    hand.click(pump1);
    QCOMPARE(properties->selection(), QStringList{pump1});
    typeRole(properties->bindings(), "running", "pump1_running");
    QCOMPARE(doc.find(pump1)->slots.at(QStringLiteral("running")),
             QStringLiteral("pump[1].running"));
    hand.click(pump2);
    typeRole(properties->bindings(), "running", "pump2_running");
    QCOMPARE(doc.find(pump2)->slots.at(QStringLiteral("running")),
             QStringLiteral("pump[2].running"));
    hand.click(value);
    screenshot(editor, "editor-4-binding.png");

    // Both pumps selected, 顶端对齐 from the toolbar: level, the pipe still on its ports.
    hand.click(pump1);
    hand.click(pump2, Qt::ControlModifier);
    QCOMPARE(view->selectedIds().size(), 2);
    QAction* alignTop = editor->action(QStringLiteral("alignTop"));
    QVERIFY(alignTop && alignTop->isEnabled());
    QWidget* button = nullptr;
    for (QToolBar* bar : editor->findChildren<QToolBar*>()) {
        if (QWidget* w = bar->widgetForAction(alignTop))
            button = w;
    }
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(doc.find(pump2)->position.y(), doc.find(pump1)->position.y());
    QCOMPARE(doc.find(pipe)->points.back(), Graphics::portPosition(*doc.find(pump2), u"in"));
    QVERIFY(
        doc.undoStack()->text(doc.undoStack()->index() - 1).contains(QStringLiteral("顶端对齐")));
    screenshot(editor, "editor-5-aligned.png");

    // Ctrl+S: the check lists the stations the drawing serves, then it is written.
    int stations = -1;
    int problems = -1;
    editor->setConfirm([&](Ui::SaveDrawingDialog& dialog) {
        stations = dialog.stationCount();
        problems = dialog.problemCount();
        dialog.resize(760, 420);
        dialog.show();
        screenshot(&dialog, "editor-6-save-check.png");
        return true;
    });
    QTest::keyClick(view->viewport(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(stations, 3);
    QCOMPARE(problems, 0);
    QVERIFY2(!doc.isModified(), qPrintable(editor->lastError()));
    const Graphics::DrawingLoad saved = Graphics::DrawingJson::readFile(doc.drawing().file);
    QVERIFY(saved.drawing);
    QCOMPARE(Graphics::DrawingJson::write(*saved.drawing),
             Graphics::DrawingJson::write(doc.drawing()));

    // At run time the station opens the new drawing, live against its simulated PLC.
    room.panel->show();
    QVERIFY(room.panel->openStation(0));
    Ui::StationGraphic* g = room.panel->current();
    QVERIFY(g);
    QCOMPARE(g->drawing().drawing, QStringLiteral("lisi-house"));
    for (int i = 0; i < 200 && (g->item(pump1)->shown().state == u"unknown" ||
                                !g->item(value)->shown().text.contains(u"MPa"));
         ++i) {
        QTest::qWait(50);
        room.panel->tick();
    }
    const QString state1 = g->item(pump1)->shown().state;
    QVERIFY2(state1 == u"running" || state1 == u"stopped", qPrintable(state1));
    QVERIFY2(g->item(value)->shown().text.contains(u"MPa"),
             qPrintable(g->item(value)->shown().text));
    // Each pump shows what the PLC says of that pump.
    const Station& s = room.project.stations.front();
    for (const auto& [id, key] :
         {std::pair(pump1, u"pump1_running"), std::pair(pump2, u"pump2_running")}) {
        const TagId tag = room.project.findTag(s.id, s.devices.front().id, key);
        QVERIFY(tag != InvalidTagId);
        QCOMPARE(g->item(id)->element().tag(u"running"), tag);
    }
    screenshot(room.panel.get(), "editor-7-runtime.png");
}

QTEST_MAIN(TestEditorWalkthrough)
#include "tst_editor_walkthrough.moc"
