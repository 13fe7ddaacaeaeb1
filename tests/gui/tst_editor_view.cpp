// The editor's canvas used as an engineer uses it, with the mouse and keyboard on an offscreen
// view: pumps dropped from the palette, dragged (one undo command, snapped to the grid), chosen
// with a rubber band, joined by a pipe drawn from port to port (orthogonal, its ends on the
// ports, still on them after a pump moves), nudged with the arrows; a locked layer refuses the
// mouse, a double-click reaches into a group, and undo puts the items back. What is checked is
// what a person sees (where the items are drawn) and what the document holds.
//
// With PUMPWATCH_DOC_IMAGES=DIR the test also writes editor-canvas.png there: the demo pump
// house in the editor, its repeat group selected (ghost pumps, variant tags), and
// editor-drag.png: a pump dragged, its pipe following.
#include <graphics/drawingjson.h>
#include <graphics/editing/drawingdocument.h>
#include <graphics/symbolports.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>
#include <ui/editor/editorview.h>
#include <ui/editor/elementitem.h>

#include <QApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace PumpWatch;
using Graphics::DrawingDocument;
using Graphics::Element;
using Ui::EditorView;

namespace {

/// A blank drawing in an editor at zoom 1, shown offscreen.
struct Editor {
    Editor()
        : symbols(Graphics::SymbolLibrary::load())
        , theme(Graphics::Theme::builtIn(u"isa101"))
        , document(Graphics::Drawing{})
    {
        view = std::make_unique<EditorView>(document, *symbols, *theme);
        view->resize(1200, 800);
        view->show();
        view->centerOn(QPointF(600, 400));
        QApplication::setActiveWindow(view.get());
        view->setFocus();
    }
    QWidget* viewport() const { return view->viewport(); }
    QPoint at(QPointF scene) const { return view->mapFromScene(scene); }

    /// Drops a palette entry with its top-left at `scene`; returns the new element's id.
    QString drop(const char* code, QPointF scene)
    {
        QMimeData mime;
        mime.setData(QString::fromLatin1(Graphics::Edits::PaletteMimeType), QByteArray(code));
        // As a drag does it: the view must accept the entry before it gets the drop.
        QDragEnterEvent enter(at(scene), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &enter);
        if (!enter.isAccepted())
            return {};
        QDropEvent drop(QPointF(at(scene)), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &drop);
        return view->selectedIds().value(0);
    }
    /// Press, moves in steps with the button held, release: as a hand does it.
    void drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {}, int steps = 4)
    {
        QTest::mousePress(viewport(), Qt::LeftButton, modifiers, from);
        for (int i = 1; i <= steps; ++i) {
            const QPointF p = from + (to - from) * (double(i) / steps);
            QMouseEvent move(QEvent::MouseMove, p, view->viewport()->mapToGlobal(p), Qt::NoButton,
                             Qt::LeftButton, modifiers);
            QCoreApplication::sendEvent(viewport(), &move);
        }
        QTest::mouseRelease(viewport(), Qt::LeftButton, modifiers, to);
    }
    void click(QPoint at, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mouseClick(viewport(), Qt::LeftButton, modifiers, at);
    }
    /// Where the element is drawn: its item's box in the scene.
    QRectF drawn(const QString& id) const
    {
        const Ui::ElementItem* item = view->item(id);
        return item ? item->mapRectToScene(item->elementBounds()) : QRectF();
    }
    const Element* element(const QString& id) const { return document.find(id); }

    std::optional<Graphics::SymbolLibrary> symbols;
    std::optional<Graphics::Theme> theme;
    DrawingDocument document;
    std::unique_ptr<EditorView> view;
};

bool orthogonal(const std::vector<QPointF>& points)
{
    for (size_t i = 1; i < points.size(); ++i)
        if (!qFuzzyCompare(points[i].x(), points[i - 1].x()) &&
            !qFuzzyCompare(points[i].y(), points[i - 1].y()))
            return false;
    return points.size() >= 2;
}

} // namespace

class tst_EditorView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        Editor e;
        QVERIFY(e.symbols);
        QVERIFY(e.theme);
    }

    void dropAndDragIsOneSnappedCommand()
    {
        Editor e;
        const QString pump1 = e.drop("symbol:pump", {200, 300});
        const QString pump2 = e.drop("symbol:pump", {500, 300});
        QVERIFY(!pump1.isEmpty());
        QVERIFY(pump2 != pump1);
        QCOMPARE(e.element(pump1)->symbol, QStringLiteral("pump"));
        QCOMPARE(e.element(pump1)->position, QPointF(200, 300));
        QCOMPARE(e.drawn(pump1).topLeft(), QPointF(200, 300));
        QCOMPARE(e.view->selectedIds(), QStringList{pump2});
        const int commands = e.document.undoStack()->count();

        // 43 px to the right: the grid makes it 40.
        const QPoint from = e.view->viewportPointOf(pump1);
        e.drag(from, from + QPoint(43, 0));
        QCOMPARE(e.document.undoStack()->count(), commands + 1);
        QCOMPARE(e.document.kindAt(commands), DrawingDocument::EditKind::Move);
        QCOMPARE(e.element(pump1)->position, QPointF(240, 300));
        QCOMPARE(e.drawn(pump1).topLeft(), QPointF(240, 300));
        QCOMPARE(e.element(pump2)->position, QPointF(500, 300));
        QCOMPARE(e.view->selectedIds(), QStringList{pump1});

        // Undo puts the item back where it was drawn.
        e.document.undoStack()->undo();
        QCOMPARE(e.drawn(pump1).topLeft(), QPointF(200, 300));
        QCOMPARE(e.view->selectedIds(), QStringList{pump1}); // kept across the rebuild
    }

    void guidesAlignWithoutTheGrid()
    {
        Editor e;
        const QString pump1 = e.drop("symbol:pump", {200, 300});
        const QString pump2 = e.drop("symbol:pump", {500, 400});
        e.view->setSnapToGrid(false);
        // 97 px up leaves pump2's top 3 px below pump1's: the guide takes it the rest.
        const QPoint from = e.view->viewportPointOf(pump2);
        e.drag(from, from + QPoint(0, -97));
        QCOMPARE(e.element(pump2)->position, QPointF(500, 300));
        QCOMPARE(e.drawn(pump2).topLeft(), QPointF(500, 300));
        // Far from any edge, it goes where the mouse puts it.
        e.drag(e.view->viewportPointOf(pump2), e.view->viewportPointOf(pump2) + QPoint(0, 137));
        QCOMPARE(e.element(pump2)->position, QPointF(500, 437));
    }

    void ctrlWheelZooms()
    {
        Editor e;
        const double before = e.view->zoom();
        const QPoint at(300, 200);
        QWheelEvent wheel(at, e.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(e.viewport(), &wheel);
        QVERIFY(e.view->zoom() > before);
        e.view->zoomOut();
        e.view->zoomOut();
        QVERIFY(e.view->zoom() < before);
    }

    void rubberBandSelects()
    {
        Editor e;
        const QString pump1 = e.drop("symbol:pump", {200, 300});
        const QString pump2 = e.drop("symbol:pump", {500, 300});
        const QString text = e.drop("text", {200, 600});
        e.drag(e.at({150, 250}), e.at({700, 450}));
        QStringList ids = e.view->selectedIds();
        ids.sort();
        QStringList expected{pump1, pump2};
        expected.sort();
        QCOMPARE(ids, expected);
        // Ctrl+click adds the text, Ctrl+click on a pump takes it out again.
        e.click(e.view->viewportPointOf(text), Qt::ControlModifier);
        QVERIFY(e.view->selectedIds().contains(text));
        e.click(e.view->viewportPointOf(pump1), Qt::ControlModifier);
        QVERIFY(!e.view->selectedIds().contains(pump1));
        QCOMPARE(e.view->selectedIds().size(), 2);
        QTest::keyClick(e.view.get(), Qt::Key_Escape);
        QVERIFY(e.view->selectedIds().isEmpty());
    }

    void pipeFromPortToPortFollowsThePump()
    {
        Editor e;
        const QString pump1 = e.drop("symbol:pump", {200, 300});
        const QString pump2 = e.drop("symbol:pump", {500, 400});
        const int commands = e.document.undoStack()->count();
        // In the select tool: a drag from a port draws a pipe.
        e.drag(e.view->viewportPointOfPort(pump1, u"out"),
               e.view->viewportPointOfPort(pump2, u"in"));
        QCOMPARE(e.document.undoStack()->count(), commands + 1);
        QCOMPARE(e.document.kindAt(commands), DrawingDocument::EditKind::Connect);
        QCOMPARE(e.view->selectedIds().size(), 1);
        const QString pipe = e.view->selectedIds().first();
        const Element* p = e.element(pipe);
        QVERIFY(p);
        QCOMPARE(p->kind, Graphics::ElementKind::Pipe);
        QCOMPARE(p->from.toString(), pump1 + QStringLiteral(".out"));
        QCOMPARE(p->to.toString(), pump2 + QStringLiteral(".in"));
        QVERIFY(orthogonal(p->points));
        QCOMPARE(p->points.front(), Graphics::portPosition(*e.element(pump1), u"out"));
        QCOMPARE(p->points.back(), Graphics::portPosition(*e.element(pump2), u"in"));
        // Drawn as the document has it.
        QCOMPARE(e.view->item(pipe)->element().points, p->points);

        // Moving pump2 down by 40: while dragging the pipe is drawn to where the port is going
        // (the document unchanged), and after it the pipe's end stays on its port.
        const QPoint from = e.view->viewportPointOf(pump2);
        const QPointF port = Graphics::portPosition(*e.element(pump2), u"in");
        QTest::mousePress(e.viewport(), Qt::LeftButton, {}, from);
        for (int dy : {10, 25, 40}) {
            const QPointF at = from + QPoint(0, dy);
            QMouseEvent move(QEvent::MouseMove, at, e.viewport()->mapToGlobal(at), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(e.viewport(), &move);
        }
        QCOMPARE(e.view->item(pipe)->shownPoints().back(), port + QPointF(0, 40));
        const std::vector<QPointF> shownWhileDragging = e.view->item(pipe)->shownPoints();
        if (const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES"); !dir.isEmpty())
            QVERIFY(e.view->grab().save(dir + QStringLiteral("/editor-drag.png")));
        QVERIFY(orthogonal(e.view->item(pipe)->shownPoints()));
        QCOMPARE(e.drawn(pump2).topLeft(), QPointF(500, 440));
        QCOMPARE(e.element(pump2)->position, QPointF(500, 400));
        QTest::mouseRelease(e.viewport(), Qt::LeftButton, {}, from + QPoint(0, 40));
        QCOMPARE(e.element(pump2)->position, QPointF(500, 440));
        p = e.element(pipe);
        QVERIFY(orthogonal(p->points));
        QCOMPARE(p->points.back(), Graphics::portPosition(*e.element(pump2), u"in"));
        QCOMPARE(e.view->item(pipe)->element().points, p->points);
        QCOMPARE(e.view->item(pipe)->shownPoints(), p->points);
        QCOMPARE(shownWhileDragging, p->points); // the preview was the route it got
    }

    void escapeCancelsAPipe()
    {
        Editor e;
        const QString pump1 = e.drop("symbol:pump", {200, 300});
        const QString pump2 = e.drop("symbol:pump", {500, 400});
        const int commands = e.document.undoStack()->count();
        const QPoint from = e.view->viewportPointOfPort(pump1, u"out");
        const QPoint to = e.view->viewportPointOfPort(pump2, u"in");
        QTest::mousePress(e.viewport(), Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), e.viewport()->mapToGlobal(QPointF(to)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(e.viewport(), &move);
        QTest::keyClick(e.view.get(), Qt::Key_Escape);
        QTest::mouseRelease(e.viewport(), Qt::LeftButton, {}, to);
        QCOMPARE(e.document.undoStack()->count(), commands);
        QCOMPARE(e.document.drawing().elements.size(), size_t(2));
    }

    void middleDragPans()
    {
        Editor e;
        e.view->zoomIn();
        e.view->zoomIn();
        const QPointF centre = e.view->mapToScene(e.viewport()->rect().center());
        const QPoint from(400, 400);
        QTest::mousePress(e.viewport(), Qt::MiddleButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(-100, 0)),
                         e.viewport()->mapToGlobal(QPointF(from + QPoint(-100, 0))), Qt::NoButton,
                         Qt::MiddleButton, Qt::NoModifier);
        QCoreApplication::sendEvent(e.viewport(), &move);
        QTest::mouseRelease(e.viewport(), Qt::MiddleButton, {}, from + QPoint(-100, 0));
        const QPointF after = e.view->mapToScene(e.viewport()->rect().center());
        QVERIFY2(after.x() > centre.x() + 50, "the canvas moved with the hand");
        QCOMPARE(e.document.undoStack()->count(), 0);
    }

    void pipeToolDrawsLooseEnds()
    {
        Editor e;
        e.view->setTool(EditorView::Tool::Pipe);
        e.drag(e.at({100, 100}), e.at({300, 200}));
        const auto& elements = e.document.drawing().elements;
        QCOMPARE(elements.size(), size_t(1));
        QCOMPARE(elements.front().kind, Graphics::ElementKind::Pipe);
        QVERIFY(orthogonal(elements.front().points));
        QCOMPARE(elements.front().points.front(), QPointF(100, 100));
        QCOMPARE(elements.front().points.back(), QPointF(300, 200));
    }

    void releaseOnAPipeMakesATee()
    {
        Editor e;
        e.view->setTool(EditorView::Tool::Pipe);
        e.drag(e.at({100, 500}), e.at({600, 500})); // a header
        const QString header = e.view->selectedIds().value(0);
        QVERIFY(!header.isEmpty());
        const QString pump = e.drop("symbol:pump", {300, 300});
        e.drag(e.view->viewportPointOfPort(pump, u"out"), e.at({420, 501}));
        const QString branch = e.view->selectedIds().value(0);
        QVERIFY(branch != header);
        const Element* b = e.element(branch);
        QVERIFY(b);
        QCOMPARE(b->from.toString(), pump + QStringLiteral(".out"));
        QCOMPARE(b->to.element, header);
        QCOMPARE(b->points.back().y(), 500.0); // on the header, not a pixel beside it
        QVERIFY(orthogonal(b->points));
    }

    void arrowsNudge()
    {
        Editor e;
        const QString pump = e.drop("symbol:pump", {200, 300});
        QTest::keyClick(e.view.get(), Qt::Key_Right);
        QCOMPARE(e.element(pump)->position, QPointF(201, 300));
        QTest::keyClick(e.view.get(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(e.element(pump)->position, QPointF(201, 310));
        QCOMPARE(e.drawn(pump).topLeft(), QPointF(201, 310));
        QTest::keyClick(e.view.get(), Qt::Key_Delete);
        QVERIFY(!e.element(pump));
        QVERIFY(!e.view->item(pump));
        e.document.undoStack()->undo();
        QVERIFY(e.view->item(pump));
        QCOMPARE(e.drawn(pump).topLeft(), QPointF(201, 310));
    }

    void lockedLayerIsNotSelectable()
    {
        Editor e;
        const QString pump = e.drop("symbol:pump", {200, 300});
        e.view->setSelection({});
        e.view->setLayerLocked(Graphics::Layer::Process, true);
        e.click(e.view->viewportPointOf(pump));
        QVERIFY(e.view->selectedIds().isEmpty());
        e.drag(e.at({150, 250}), e.at({400, 450}));
        QVERIFY(e.view->selectedIds().isEmpty());
        const int commands = e.document.undoStack()->count();
        e.drag(e.view->viewportPointOf(pump), e.view->viewportPointOf(pump) + QPoint(50, 0));
        QCOMPARE(e.document.undoStack()->count(), commands);
        QCOMPARE(e.element(pump)->position, QPointF(200, 300));

        // Nor by asking: select all, a panel.
        e.view->select({pump});
        QVERIFY(e.view->selectedIds().isEmpty());

        e.view->setLayerLocked(Graphics::Layer::Process, false);
        e.click(e.view->viewportPointOf(pump));
        QCOMPARE(e.view->selectedIds(), QStringList{pump});
        // A hidden layer is not drawn (and not selectable).
        e.view->setLayerVisible(Graphics::Layer::Process, false);
        QVERIFY(!e.view->item(pump)->isVisible());
        QVERIFY(e.view->selectedIds().isEmpty());
    }

    void aSelectionThatVanishesIsAnnounced()
    {
        Editor e;
        const QString a = e.drop("symbol:pump", {200, 300});
        const QString b = e.drop("symbol:pump", {400, 300});
        e.view->setSelection({a, b});
        QSignalSpy changed(e.view.get(), &EditorView::selectionChanged);
        e.document.remove({a, b});
        QVERIFY(e.view->selectedIds().isEmpty());
        QCOMPARE(changed.count(), 1); // the panels stop showing what is gone
    }

    void doubleClickReachesIntoAGroup()
    {
        Editor e;
        const QString pump1 = e.drop("symbol:pump", {200, 300});
        const QString pump2 = e.drop("symbol:pump", {400, 300});
        const QString group = e.document.group({pump1, pump2});
        QVERIFY(!group.isEmpty());
        e.click(e.view->viewportPointOf(pump1));
        QCOMPARE(e.view->selectedIds(), QStringList{group});
        QTest::mouseDClick(e.viewport(), Qt::LeftButton, {}, e.view->viewportPointOf(pump1));
        QCOMPARE(e.view->selectedIds(), QStringList{pump1});
        // Dragging the chosen child moves it alone.
        const QPoint from = e.view->viewportPointOf(pump1);
        e.drag(from, from + QPoint(0, 60));
        QCOMPARE(e.element(pump1)->position, QPointF(200, 360));
        QCOMPARE(e.element(pump2)->position, QPointF(400, 300));
        QCOMPARE(e.drawn(pump1).topLeft(), QPointF(200, 360));
    }

    void resizeWithAHandle()
    {
        Editor e;
        const QString text = e.drop("text", {200, 300});
        const QRectF before(e.element(text)->position, e.element(text)->size);
        // The bottom-right handle, 40 px further.
        const QPoint handle = e.at(before.bottomRight());
        e.drag(handle, handle + QPoint(40, 20));
        const QRectF after(e.element(text)->position, e.element(text)->size);
        QCOMPARE(after.topLeft(), before.topLeft());
        QCOMPARE(after.bottomRight(), e.view->snapped(before.bottomRight() + QPointF(40, 20)));
    }

    void demoDrawingHasAnItemPerElement()
    {
        auto load =
            Graphics::DrawingJson::readFile(QStringLiteral(":/demo/graphics/std-pump-house.json"));
        QVERIFY(load.drawing);
        auto symbols = Graphics::SymbolLibrary::load();
        auto theme = Graphics::Theme::builtIn(u"isa101");
        DrawingDocument document(std::move(*load.drawing));
        EditorView view(document, *symbols, *theme);
        for (const QString& id : Graphics::Edits::allIds(document.drawing()))
            QVERIFY2(view.item(id), qPrintable(id));
        view.resize(1000, 600);
        view.show();
        view.zoomToFit();
        QVERIFY(view.zoom() < 1.0);
        view.select({QStringLiteral("pumps")});
        const QPixmap shot = view.grab();
        QVERIFY(!shot.isNull());
        if (const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES"); !dir.isEmpty())
            QVERIFY(shot.save(dir + QStringLiteral("/editor-canvas.png")));
    }
};

QTEST_MAIN(tst_EditorView)
#include "tst_editor_view.moc"
