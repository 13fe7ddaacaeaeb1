// The editor's document as an engineer relies on it: every edit undoes to the very bytes it
// started from and redoes to the changed ones, a long random session undoes to the original,
// pipes stay on their ports, and bindings survive copy, paste, grouping and saving.
#include "graphicstestdata.h"

#include <graphics/editing/drawingdocument.h>
#include <graphics/symbolports.h>

#include <QRandomGenerator>
#include <QSignalSpy>

using namespace PumpWatch;
using namespace PumpWatch::Graphics;
using Kind = DrawingDocument::EditKind;

namespace {

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

/// Every (element, slot, role) of a drawing, element ids left out: what a paste must keep.
QStringList bindings(const Drawing& d, const QStringList& only = {})
{
    QStringList out;
    const std::function<void(const Element&, bool)> walk = [&](const Element& e, bool in) {
        const bool take = in || only.isEmpty() || only.contains(e.id);
        if (take) {
            for (const auto& [slot, role] : e.slots) {
                const RoleDef& def = d.roles.at(role);
                out << slot + u'=' + role + u'>' + def.tag;
            }
            if (!e.control.isEmpty())
                out << QStringLiteral("control=") + e.control;
        }
        for (const Element& c : e.children)
            walk(c, take);
    };
    for (const Element& e : d.elements)
        walk(e, false);
    out.sort();
    return out;
}

Element symbol(const char* id, const char* sym, QPointF at)
{
    Element e = *Edits::newElement(QStringLiteral("symbol:") + QLatin1StringView(sym));
    e.id = QString::fromLatin1(id);
    e.position = at;
    return e;
}

QString readError(const Drawing& d)
{
    const DrawingLoad l = DrawingJson::read(DrawingJson::write(d), QStringLiteral("x.json"));
    if (l.drawing)
        return {};
    return l.diagnostics.empty() ? QStringLiteral("?") : l.diagnostics.front().toString();
}

Drawing twoPumps()
{
    Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
    d.elements.clear();
    d.overrides.clear();
    d.elements.push_back(symbol("pump1", "pump", {100, 100}));
    d.elements.push_back(symbol("pump2", "pump", {300, 200}));
    return d;
}

/// The first segment leaves along the start port's side, the last enters along the end's.
void checkRoute(const Drawing& d, const QString& pipe)
{
    const Element* p = Edits::find(d, pipe);
    QVERIFY(p && p->points.size() >= 2);
    for (std::size_t i = 1; i < p->points.size(); ++i) {
        const QPointF a = p->points[i - 1];
        const QPointF b = p->points[i];
        QVERIFY2(a.x() == b.x() || a.y() == b.y(), "every segment is orthogonal");
    }
    for (const PortHit& hit : Edits::ports(d)) {
        if (hit.end == p->from) {
            QCOMPARE(p->points.front(), hit.position);
            const QPointF v = p->points[1] - p->points[0];
            QVERIFY2(v.x() * hit.direction.x() + v.y() * hit.direction.y() > 0,
                     "leaves along its port's side");
        }
        if (hit.end == p->to) {
            QCOMPARE(p->points.back(), hit.position);
            const QPointF v = p->points[p->points.size() - 2] - p->points.back();
            QVERIFY2(v.x() * hit.direction.x() + v.y() * hit.direction.y() > 0,
                     "enters along its port's side");
        }
    }
}

/// A drawing of `n` elements: rows of pumps, valves, values and the pipes between them.
Drawing large(int n)
{
    Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
    d.elements.clear();
    d.overrides.clear();
    for (int i = 0; d.elements.size() < std::size_t(n); ++i) {
        const QPointF at(40 + (i % 20) * 90, 40 + (i / 20) * 110);
        const QString num = QString::number(i);
        Element p = symbol("", i % 2 ? "gate_valve" : "pump", at);
        p.id = QStringLiteral("s") + num;
        p.label = QStringLiteral("%1#泵").arg(i);
        if (i % 2 == 0)
            p.slots[QStringLiteral("running")] = QStringLiteral("pump[i].running");
        d.elements.push_back(p);
        Element v = *Edits::newElement(u"value");
        v.id = QStringLiteral("v") + num;
        v.position = at + QPointF(0, 64);
        v.size = {80, 20};
        v.slots[QStringLiteral("value")] = QStringLiteral("outlet_pressure");
        d.elements.push_back(v);
        if (i % 20 != 0) {
            Element pipe;
            pipe.kind = ElementKind::Pipe;
            pipe.id = QStringLiteral("p") + num;
            pipe.from = {QStringLiteral("s") + QString::number(i - 1), QStringLiteral("out"),
                         PipeEnd::Boundary::None};
            pipe.to = {p.id, QStringLiteral("in"), PipeEnd::Boundary::None};
            pipe.points = {at - QPointF(30, -30), at + QPointF(0, 30)};
            pipe.diameter = QStringLiteral("DN100");
            d.elements.push_back(pipe);
        }
    }
    d.elements.resize(std::size_t(n));
    return d;
}

} // namespace

class TestDrawingDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCommandUndoesToTheSameBytes_data();
    void everyCommandUndoesToTheSameBytes();
    void randomSessionUndoesToTheOriginal_data();
    void randomSessionUndoesToTheOriginal();
    void pipesStayOnTheirPorts();
    void alignAndDistribute();
    void nudgesInARowAreOneCommand();
    void bindingsSurviveCopyPasteGroupAndSave();
    void pasteIntoAnotherDrawingBringsTheRoles();
    void variantGroupsAreNotUngrouped();
    void largeDrawingSavesDeterministically();
    void changesSinceSaveNameTheEdits();
    void changesSinceSaveAfterUndoingPastTheSave();
    void editsThatWouldNotReadBackAreRefused();
    void pasteIntoADrawingOfZones();
    void routesLeaveAndEnterAlongThePortSide();
    void groupsTurnScaleAndFlipAsAWhole();
    void nudgesMergeOnlyWithNudges();
    void pastedPumpsKeepTheirManifoldChain();
    void aNewDrawingStartsWithTheTemplatesRoles();
};

void TestDrawingDocument::everyCommandUndoesToTheSameBytes_data()
{
    QTest::addColumn<int>("kind");
    const auto row = [](const char* name, Kind kind) { QTest::newRow(name) << int(kind); };
    row("add", Kind::Add);
    row("connect", Kind::Connect);
    row("delete", Kind::Delete);
    row("move", Kind::Move);
    row("nudge", Kind::Nudge);
    row("resize", Kind::Resize);
    row("rotate", Kind::Rotate);
    row("mirror", Kind::Mirror);
    row("property", Kind::Property);
    row("binding", Kind::Binding);
    row("group", Kind::Group);
    row("ungroup", Kind::Ungroup);
    row("zorder", Kind::ZOrder);
    row("align", Kind::Align);
    row("distribute", Kind::Distribute);
    row("samesize", Kind::SameSize);
    row("paste", Kind::Paste);
    row("layer", Kind::Layer);
    row("override", Kind::Override);
    row("role", Kind::Role);
    row("drawing", Kind::Drawing);
}

void TestDrawingDocument::everyCommandUndoesToTheSameBytes()
{
    QFETCH(int, kind);
    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house")));
    const QByteArray original = DrawingJson::write(doc.drawing());
    const QStringList valves = {QStringLiteral("inlet_valve"), QStringLiteral("ft_in"),
                                QStringLiteral("pt_in")};
    bool done = false;
    switch (Kind(kind)) {
    case Kind::Add:
        done = !doc.add({*Edits::newElement(u"symbol:pump")}).isEmpty();
        break;
    case Kind::Connect:
        done = !doc.connect({QStringLiteral("inlet_valve"), QStringLiteral("out"), {}}, {},
                            PipeEnd{}, {700, 100})
                    .isEmpty();
        break;
    case Kind::Delete:
        done = doc.remove({QStringLiteral("inlet_valve")});
        break;
    case Kind::Move:
        done = doc.move(valves, {30, -10});
        break;
    case Kind::Nudge:
        done = doc.nudge(valves, {1, 0}) && doc.nudge(valves, {0, 1});
        QCOMPARE(doc.undoStack()->count(), 1);
        break;
    case Kind::Resize:
        done = doc.setBox(QStringLiteral("inlet_valve"), {140, 162, 80, 80});
        break;
    case Kind::Rotate:
        done = doc.rotate({QStringLiteral("inlet_valve")}, 90);
        break;
    case Kind::Mirror:
        done = doc.mirror({QStringLiteral("inlet_valve")});
        break;
    case Kind::Property: {
        Element e = *doc.find(u"inlet_valve");
        e.label = s("进水阀");
        done = doc.replace(e.id, e, s("名称"));
        break;
    }
    case Kind::Binding:
        done = doc.bind(QStringLiteral("pt_in"), QStringLiteral("value"),
                        QStringLiteral("outlet_pressure"));
        break;
    case Kind::Group:
        done = !doc.group(valves).isEmpty();
        break;
    case Kind::Ungroup: {
        const QString g = doc.group(valves);
        doc.undoStack()->clear(); // the grouped drawing is the starting point
        const QByteArray grouped = DrawingJson::write(doc.drawing());
        QVERIFY(!doc.ungroup(g).isEmpty());
        QVERIFY(DrawingJson::write(doc.drawing()) != grouped);
        doc.undoStack()->undo();
        QCOMPARE(DrawingJson::write(doc.drawing()), grouped);
        return;
    }
    case Kind::ZOrder:
        done = doc.reorder({QStringLiteral("title")}, ZOrder::Front);
        break;
    case Kind::Align:
        done = doc.align(valves, Align::Left);
        break;
    case Kind::Distribute:
        done = doc.distribute(valves, Qt::Horizontal);
        break;
    case Kind::SameSize:
        done = doc.sameSize(valves);
        break;
    case Kind::Paste:
        done = !doc.paste(Edits::copy(doc.drawing(), valves), {20, 20}).ids.isEmpty();
        break;
    case Kind::Layer:
        done = doc.setLayer(valves, Layer::Notes);
        break;
    case Kind::Override:
        done = doc.setOverrides(QStringLiteral("S0001"),
                                {Override{QStringLiteral("title"), QPointF(5, 5), false, {}}});
        break;
    case Kind::Role:
        done =
            doc.setRole(QStringLiteral("spare"),
                        RoleDef{QStringLiteral("spare_bit"), RoleDef::Kind::Bit, {}, false, true});
        break;
    case Kind::Drawing:
        done = doc.setProperties(s("新名称"), {1920, 1080});
        break;
    }
    QVERIFY(done);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(int(doc.kindAt(0)), kind);
    QVERIFY(!doc.undoStack()->text(0).isEmpty());
    const QByteArray changed = DrawingJson::write(doc.drawing());
    QVERIFY(changed != original);
    QVERIFY(doc.isModified());
    doc.undoStack()->undo();
    QCOMPARE(DrawingJson::write(doc.drawing()), original);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(DrawingJson::write(doc.drawing()), changed);
    // What was written reads back as what the document holds.
    const DrawingLoad reread = DrawingJson::read(changed, QStringLiteral("x.json"));
    QVERIFY2(
        reread.drawing,
        qPrintable(reread.diagnostics.empty() ? QString() : reread.diagnostics.front().toString()));
}

void TestDrawingDocument::randomSessionUndoesToTheOriginal_data()
{
    QTest::addColumn<QString>("drawing");
    QTest::newRow("one zone") << QStringLiteral("std-pump-house");
    QTest::newRow("two zones") << QStringLiteral("std-pump-house-2z");
}

void TestDrawingDocument::randomSessionUndoesToTheOriginal()
{
    QFETCH(QString, drawing);
    DrawingDocument doc(TestData::demo(drawing));
    QStringList roles;
    for (const auto& [role, def] : doc.drawing().roles)
        roles << role;
    const QByteArray original = DrawingJson::write(doc.drawing());
    QRandomGenerator rng(20261206);
    int pushed = 0;
    for (int step = 0; step < 200; ++step) {
        const QStringList ids = Edits::allIds(doc.drawing());
        QStringList pick;
        const int n = 1 + int(rng.bounded(4));
        for (int i = 0; i < n; ++i)
            pick << ids[int(rng.bounded(int(ids.size())))];
        const QPointF delta(double(rng.bounded(-40, 40)), double(rng.bounded(-40, 40)));
        switch (rng.bounded(17)) {
        case 0:
            doc.move(pick, delta);
            break;
        case 1:
            doc.nudge(pick, {1, 0});
            break;
        case 2:
            doc.rotate(pick, 90);
            break;
        case 3:
            doc.mirror(pick);
            break;
        case 4:
            doc.align(pick, Align(rng.bounded(6)));
            break;
        case 5:
            doc.distribute(pick, rng.bounded(2) ? Qt::Horizontal : Qt::Vertical);
            break;
        case 6:
            doc.group(pick);
            break;
        case 7:
            doc.ungroup(pick.front());
            break;
        case 8:
            doc.reorder(pick, ZOrder(rng.bounded(4)));
            break;
        case 9:
            doc.paste(Edits::copy(doc.drawing(), pick), delta);
            break;
        case 10:
            doc.remove({pick.front()});
            break;
        case 11:
            doc.add({*Edits::newElement(u"symbol:gate_valve")});
            break;
        case 12:
            doc.setLayer(pick, Layer(rng.bounded(5)));
            break;
        case 13:
            doc.sameSize(pick);
            break;
        case 14:
            doc.bind(pick.front(), QStringLiteral("value"), roles[rng.bounded(int(roles.size()))]);
            break;
        case 15: {
            const std::vector<PortHit> ports = Edits::ports(doc.drawing());
            if (ports.size() >= 2)
                doc.connect(ports[std::size_t(rng.bounded(int(ports.size())))].end, {},
                            ports[std::size_t(rng.bounded(int(ports.size())))].end, {});
            break;
        }
        case 16: {
            Element e = *doc.find(pick.front());
            e.id = pick.back() + QStringLiteral("_x"); // a rename, maybe to a taken id
            doc.replace(pick.front(), e, QStringLiteral("id"));
            break;
        }
        }
        pushed = doc.undoStack()->count();
        // Whatever happened, the file still reads.
        QVERIFY(DrawingJson::read(DrawingJson::write(doc.drawing()), {}).drawing);
    }
    QVERIFY2(pushed > 120, qPrintable(QString::number(pushed)));
    const QByteArray edited = DrawingJson::write(doc.drawing());
    QVERIFY(edited != original);
    while (doc.undoStack()->canUndo())
        doc.undoStack()->undo();
    QCOMPARE(DrawingJson::write(doc.drawing()), original);
    while (doc.undoStack()->canRedo())
        doc.undoStack()->redo();
    QCOMPARE(DrawingJson::write(doc.drawing()), edited);
}

void TestDrawingDocument::pipesStayOnTheirPorts()
{
    Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
    d.elements.clear();
    d.elements.push_back(symbol("pump1", "pump", {100, 100}));
    d.elements.push_back(symbol("pump2", "pump", {300, 200}));
    DrawingDocument doc(std::move(d));
    const QString pipe = doc.connect({QStringLiteral("pump1"), QStringLiteral("out"), {}}, {},
                                     {QStringLiteral("pump2"), QStringLiteral("in"), {}}, {});
    const auto check = [&] {
        const Element* p = doc.find(pipe);
        QVERIFY(p);
        QCOMPARE(p->points.front(), portPosition(*doc.find(u"pump1"), u"out"));
        QCOMPARE(p->points.back(), portPosition(*doc.find(u"pump2"), u"in"));
        for (std::size_t i = 1; i < p->points.size(); ++i) {
            const QPointF a = p->points[i - 1];
            const QPointF b = p->points[i];
            QVERIFY2(a.x() == b.x() || a.y() == b.y(), "every segment is orthogonal");
        }
    };
    check();
    // pump1.out is at (160, 130), pump2.in at (300, 230): out right, across, in from the left.
    QCOMPARE(doc.find(pipe)->points,
             (std::vector<QPointF>{{160, 130}, {230, 130}, {230, 230}, {300, 230}}));
    doc.move({QStringLiteral("pump2")}, {50, -40});
    check();
    doc.rotate({QStringLiteral("pump1")}, 90);
    check();
    doc.mirror({QStringLiteral("pump2")});
    check();
    doc.setBox(QStringLiteral("pump1"), {90, 90, 80, 80});
    check();
    // Moving everything together keeps the pipe's shape, only shifted.
    const std::vector<QPointF> shape = doc.find(pipe)->points;
    doc.move({QStringLiteral("pump1"), QStringLiteral("pump2"), pipe}, {10, 10});
    std::vector<QPointF> shifted = shape;
    for (QPointF& p : shifted)
        p += QPointF(10, 10);
    QCOMPARE(doc.find(pipe)->points, shifted);
    // Deleting a pump leaves the pipe with a loose end where it was, and a station's
    // adjustment of it goes with it.
    doc.setOverrides(QStringLiteral("S0001"),
                     {Override{QStringLiteral("pump2"), std::nullopt, true, {}}});
    doc.remove({QStringLiteral("pump2")});
    QVERIFY(doc.drawing().overrides.empty());
    QVERIFY(doc.find(pipe)->to.isEmpty());
    QCOMPARE(doc.find(pipe)->from.element, QStringLiteral("pump1"));
    // A port is found where it is drawn.
    const auto hit = Edits::nearestPort(doc.drawing(), doc.find(pipe)->points.front(), 5);
    QVERIFY(hit);
    QCOMPARE(hit->end.toString(), QStringLiteral("pump1.out"));
}

void TestDrawingDocument::alignAndDistribute()
{
    Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
    d.elements.clear();
    d.elements.push_back(symbol("a", "pump", {100, 100}));
    d.elements.push_back(symbol("b", "pump", {175, 140}));
    d.elements.push_back(symbol("c", "pump", {400, 90}));
    DrawingDocument doc(std::move(d));
    const QStringList abc = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QVERIFY(doc.align(abc, Align::Top));
    for (const QString& id : abc)
        QCOMPARE(doc.find(id)->position.y(), 90.0);
    QVERIFY(!doc.align(abc, Align::Top)); // nothing left to do: no command
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.align(abc, Align::Right));
    for (const QString& id : abc)
        QCOMPARE(doc.find(id)->position.x() + 60, 460.0);
    doc.undoStack()->undo();
    // a at 100, b at 175, c at 400, each 60 wide: 360 from a's left to c's right, 180 of it
    // free, 90 between each; the outer two stay.
    QVERIFY(doc.distribute(abc, Qt::Horizontal));
    QCOMPARE(doc.find(u"a")->position.x(), 100.0);
    QCOMPARE(doc.find(u"b")->position.x(), 250.0);
    QCOMPARE(doc.find(u"c")->position.x(), 400.0);
    // b 40 lower: the selection spans 90..190, every centre goes to 140.
    QVERIFY(doc.move({QStringLiteral("b")}, {0, 40}));
    QVERIFY(doc.align(abc, Align::VCenter));
    for (const QString& id : abc)
        QCOMPARE(doc.find(id)->position.y(), 110.0);
}

void TestDrawingDocument::nudgesInARowAreOneCommand()
{
    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house")));
    const QPointF at = doc.find(u"inlet_valve")->position;
    for (int i = 0; i < 5; ++i)
        doc.nudge({QStringLiteral("inlet_valve")}, {1, 0});
    doc.nudge({QStringLiteral("title")}, {0, 1}); // another selection: a command of its own
    QCOMPARE(doc.undoStack()->count(), 2);
    QCOMPARE(doc.find(u"inlet_valve")->position, at + QPointF(5, 0));
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.find(u"inlet_valve")->position, at);
}

void TestDrawingDocument::bindingsSurviveCopyPasteGroupAndSave()
{
    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house")));
    const QStringList top = [&] {
        QStringList ids;
        for (const Element& e : doc.drawing().elements)
            ids << e.id;
        return ids;
    }();
    const QStringList all = bindings(doc.drawing());
    QVERIFY(all.size() > 30);

    // Copy everything, paste it: every binding twice.
    const Edits::PasteResult pasted = doc.paste(Edits::copy(doc.drawing(), top), {0, 1000});
    QVERIFY(pasted.error.isEmpty());
    QVERIFY(pasted.conflicts.isEmpty());
    QCOMPARE(bindings(doc.drawing(), pasted.ids), all);
    QCOMPARE(bindings(doc.drawing(), top), all);

    // Group what was pasted and ungroup it again.
    const QString g = doc.group(pasted.ids);
    QVERIFY(!g.isEmpty());
    QCOMPARE(bindings(doc.drawing(), {g}), all);
    const QStringList back = doc.ungroup(g);
    QCOMPARE(back, pasted.ids);
    QCOMPARE(bindings(doc.drawing(), back), all);

    // Save and reload.
    const QByteArray saved = DrawingJson::write(doc.drawing());
    const DrawingLoad load = DrawingJson::read(saved, QStringLiteral("saved.json"));
    QVERIFY(load.drawing);
    QCOMPARE(bindings(*load.drawing, back), all);
    QCOMPARE(bindings(*load.drawing, top), all);
    QCOMPARE(DrawingJson::write(*load.drawing), saved);

    // Pipe ends inside the pasted part follow the renamed ids.
    const Element* copyOfInletPipe = nullptr;
    for (const QString& id : back) {
        const Element* e = doc.find(id);
        if (e->kind == ElementKind::Pipe && e->from.boundary == PipeEnd::Boundary::Inlet)
            copyOfInletPipe = e;
    }
    QVERIFY(copyOfInletPipe);
    QVERIFY(back.contains(copyOfInletPipe->to.element));
    QVERIFY(copyOfInletPipe->to.element != QStringLiteral("inlet_valve"));
}

void TestDrawingDocument::pasteIntoAnotherDrawingBringsTheRoles()
{
    const Drawing source = TestData::demo(QStringLiteral("std-pump-house"));
    Drawing empty;
    empty.id = QStringLiteral("new");
    empty.templateId = source.templateId;
    DrawingDocument target(empty);
    // The repeat group of the pumps: its pumps bind pump[i].* roles the target lacks.
    QString pumps;
    for (const Element& e : source.elements) {
        if (e.repeat == u"pumps")
            pumps = e.id;
    }
    QVERIFY(!pumps.isEmpty());
    const QStringList expected = bindings(source, {pumps});
    QVERIFY(expected.size() >= 3);
    const Edits::PasteResult r = target.paste(Edits::copy(source, {pumps}), {});
    QCOMPARE(r.ids.size(), 1);
    QCOMPARE(bindings(target.drawing()), expected);
    QVERIFY(target.drawing().roles.count(QStringLiteral("pump[i].running")));
    const QByteArray saved = DrawingJson::write(target.drawing());
    const DrawingLoad load = DrawingJson::read(saved, QStringLiteral("new.json"));
    QVERIFY(load.drawing);
    QCOMPARE(bindings(*load.drawing), expected);
    // A role the target declares differently is kept as the target has it, and reported.
    DrawingDocument other(empty);
    other.setRole(QStringLiteral("pump[i].running"),
                  RoleDef{QStringLiteral("p{i}_run"), RoleDef::Kind::Bit, {}, false, false});
    const Edits::PasteResult c = other.paste(Edits::copy(source, {pumps}), {});
    QCOMPARE(c.conflicts, QStringList{QStringLiteral("pump[i].running")});
    QCOMPARE(other.drawing().roles.at(QStringLiteral("pump[i].running")).tag,
             QStringLiteral("p{i}_run"));
    // Not clipboard data: an error, nothing pasted, no command.
    const Edits::PasteResult bad = other.paste("{\"format\": 1", {});
    QVERIFY(!bad.error.isEmpty());
    QCOMPARE(other.undoStack()->count(), 2);
}

void TestDrawingDocument::variantGroupsAreNotUngrouped()
{
    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house")));
    QString why;
    QVERIFY(doc.ungroup(QStringLiteral("tank_part"), &why).isEmpty());
    QVERIFY(why.contains(u"tank_part"));
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestDrawingDocument::largeDrawingSavesDeterministically()
{
    const Drawing d = large(800);
    QCOMPARE(d.elements.size(), std::size_t(800));
    const QByteArray first = DrawingJson::write(d);
    QCOMPARE(DrawingJson::write(d), first);
    const DrawingLoad load = DrawingJson::read(first, QStringLiteral("large.json"));
    QVERIFY2(
        load.drawing,
        qPrintable(load.diagnostics.empty() ? QString() : load.diagnostics.front().toString()));
    QCOMPARE(load.drawing->elements.size(), std::size_t(800));
    QVERIFY(*load.drawing == d);
    QCOMPARE(DrawingJson::write(*load.drawing), first);
    QCOMPARE(bindings(*load.drawing), bindings(d));
}

void TestDrawingDocument::changesSinceSaveNameTheEdits()
{
    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house")));
    QSignalSpy modified(&doc, &DrawingDocument::modifiedChanged);
    doc.move({QStringLiteral("inlet_valve")}, {10, 0});
    doc.bind(QStringLiteral("pt_in"), QStringLiteral("value"), QStringLiteral("outlet_pressure"));
    QCOMPARE(modified.count(), 1);
    QCOMPARE(doc.changesSinceSave().size(), 2);
    QVERIFY(doc.changesSinceSave().at(1).contains(u"outlet_pressure"));
    doc.markSaved(QStringLiteral("/tmp/x.json"));
    QVERIFY(!doc.isModified());
    QVERIFY(doc.changesSinceSave().isEmpty());
    doc.undoStack()->undo();
    QCOMPARE(doc.changesSinceSave().size(), 1);
    QVERIFY(doc.isModified());
}

void TestDrawingDocument::changesSinceSaveAfterUndoingPastTheSave()
{
    DrawingDocument doc(twoPumps());
    doc.move({QStringLiteral("pump1")}, {10, 0});
    doc.move({QStringLiteral("pump2")}, {10, 0});
    doc.markSaved(QStringLiteral("/tmp/x.json"));
    doc.undoStack()->undo(); // pump2 back
    doc.rotate({QStringLiteral("pump1")}, 90);
    // Since the save: pump2's move undone, pump1 turned; pump1's move came before the save.
    QCOMPARE(doc.changesSinceSave(), (QStringList{QStringLiteral("undone: Move pump2"),
                                                  QStringLiteral("Rotate pump1 by 90°")}));
}

void TestDrawingDocument::editsThatWouldNotReadBackAreRefused()
{
    DrawingDocument zones(TestData::demo(QStringLiteral("std-pump-house-2z")));
    // A pump bound in a drawing of two zones must say which zone's device it reads.
    const QStringList ids = zones.add({symbol("p", "pump", {10, 10})});
    QCOMPARE(ids.size(), 1);
    QVERIFY(!zones.bind(ids.front(), QStringLiteral("running"), QStringLiteral("pump[i].running")));
    QVERIFY(zones.refusal().contains(u"zone"));
    Element p = *zones.find(ids.front());
    p.zone = QStringLiteral("high");
    QVERIFY(zones.replace(p.id, p, QStringLiteral("zone")));
    QVERIFY(zones.bind(ids.front(), QStringLiteral("running"), QStringLiteral("pump[i].running")));
    QVERIFY(zones.refusal().isEmpty());
    // A zone group's zone cannot be cleared while its parts are bound.
    Element low = *zones.find(u"low");
    low.zone.clear();
    QVERIFY(!zones.replace(low.id, low, QStringLiteral("zone")));
    QCOMPARE(readError(zones.drawing()), QString());

    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house")));
    const int before = doc.undoStack()->count();
    // A group whose part takes an id used elsewhere.
    Element g = *doc.find(u"tank_part");
    g.children.front().id = QStringLiteral("inlet_valve");
    QVERIFY(!doc.replace(g.id, g, QStringLiteral("id")));
    QVERIFY(doc.refusal().contains(u"inlet_valve"));
    // A role whose tag loses the pump index.
    QVERIFY(!doc.setRole(
        QStringLiteral("pump[i].running"),
        RoleDef{QStringLiteral("pump_running"), RoleDef::Kind::Bit, {}, false, false}));
    // An id with a dot would split "P.2.in" wrongly.
    Element v = *doc.find(u"inlet_valve");
    v.id = QStringLiteral("P.2");
    QVERIFY(!doc.replace(QStringLiteral("inlet_valve"), v, QStringLiteral("id")));
    QVERIFY(doc.refusal().contains(u"P.2"));
    QCOMPARE(doc.undoStack()->count(), before);
    QCOMPARE(readError(doc.drawing()), QString());
    // A rename that reads back is made, and pipe ends and overrides follow it.
    v.id = QStringLiteral("inlet_mv");
    QVERIFY(doc.setOverrides(QStringLiteral("S0001"),
                             {Override{QStringLiteral("inlet_valve"), std::nullopt, true, {}}}));
    QVERIFY(doc.replace(QStringLiteral("inlet_valve"), v, QStringLiteral("id")));
    QCOMPARE(doc.find(u"p_inlet")->to.element, QStringLiteral("inlet_mv"));
    QCOMPARE(doc.drawing().overrides.at(QStringLiteral("S0001")).front().element,
             QStringLiteral("inlet_mv"));
}

void TestDrawingDocument::pasteIntoADrawingOfZones()
{
    const Drawing one = TestData::demo(QStringLiteral("std-pump-house"));
    DrawingDocument doc(TestData::demo(QStringLiteral("std-pump-house-2z")));
    const auto r = doc.paste(Edits::copy(one, {QStringLiteral("pt_in")}), {0, 0});
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error + doc.refusal()));
    QCOMPARE(r.ids.size(), 1);
    QCOMPARE(doc.find(r.ids.front())->zone, QStringLiteral("low"));
    QCOMPARE(readError(doc.drawing()), QString());
    // A part copied out of a zone's group says which zone it read.
    const Drawing two = TestData::demo(QStringLiteral("std-pump-house-2z"));
    const Element& high = *Edits::find(two, u"high");
    QString bound;
    for (const Element& c : high.children) {
        if (!c.slots.empty() && c.zone.isEmpty() && c.kind != ElementKind::Group)
            bound = c.id;
    }
    QVERIFY(!bound.isEmpty());
    const auto pasted = doc.paste(Edits::copy(two, {bound}), {0, 500});
    QCOMPARE(pasted.ids.size(), 1);
    QCOMPARE(doc.find(pasted.ids.front())->zone, QStringLiteral("high"));
}

void TestDrawingDocument::routesLeaveAndEnterAlongThePortSide()
{
    DrawingDocument doc(twoPumps());
    const QString pipe = doc.connect({QStringLiteral("pump1"), QStringLiteral("out"), {}}, {},
                                     {QStringLiteral("pump2"), QStringLiteral("in"), {}}, {});
    checkRoute(doc.drawing(), pipe);
    // The target behind the source: around, never through either pump.
    doc.move({QStringLiteral("pump2")}, {-300, 0});
    checkRoute(doc.drawing(), pipe);
    doc.move({QStringLiteral("pump2")}, {0, -100}); // level with pump1, still behind it
    checkRoute(doc.drawing(), pipe);
    // Turned by 45°: the pipe leaves along the nearer axis, still square.
    doc.rotate({QStringLiteral("pump1")}, 45);
    checkRoute(doc.drawing(), pipe);
    doc.rotate({QStringLiteral("pump1")}, 45);
    checkRoute(doc.drawing(), pipe);
    // Reshaping an attached pipe keeps its ends on the ports: it routes the same again.
    const QRectF b = Edits::bounds(*doc.find(pipe));
    const int commands = doc.undoStack()->count();
    QVERIFY(!doc.setBox(pipe, b.adjusted(0, 0, 100, 50)));
    QCOMPARE(doc.undoStack()->count(), commands);
    checkRoute(doc.drawing(), pipe);
}

void TestDrawingDocument::groupsTurnScaleAndFlipAsAWhole()
{
    DrawingDocument doc(twoPumps());
    const QString pipe = doc.connect({QStringLiteral("pump1"), QStringLiteral("out"), {}}, {},
                                     {QStringLiteral("pump2"), QStringLiteral("in"), {}}, {});
    const QString g = doc.group({QStringLiteral("pump1"), QStringLiteral("pump2"), pipe});
    // The group spans 100..360 × 100..260, centre (230, 180).
    QCOMPARE(Edits::bounds(*doc.find(g)), QRectF(100, 100, 260, 160));
    QVERIFY(doc.mirror({g}));
    // Flipped left-right about x = 230: pump1 (centre 130) goes to 330, pump2 (330) to 130.
    QCOMPARE(doc.find(u"pump1")->position, QPointF(300, 100));
    QCOMPARE(doc.find(u"pump2")->position, QPointF(100, 200));
    QVERIFY(doc.find(u"pump1")->mirrored);
    checkRoute(doc.drawing(), pipe);
    doc.undoStack()->undo();
    QVERIFY(doc.rotate({g}, 90));
    // Turned about (230, 180): pump1's centre (130, 130) goes to (280, 80).
    QCOMPARE(doc.find(u"pump1")->position, QPointF(250, 50));
    QCOMPARE(doc.find(u"pump1")->rotationDeg, 90.0);
    checkRoute(doc.drawing(), pipe);
    doc.undoStack()->undo();
    const QRectF b = Edits::bounds(*doc.find(g));
    QVERIFY(doc.setBox(g, QRectF(b.topLeft(), b.size() * 2)));
    QCOMPARE(Edits::bounds(*doc.find(g)).size(), b.size() * 2);
    QCOMPARE(doc.find(u"pump2")->size, QSizeF(120, 120));
    checkRoute(doc.drawing(), pipe);
    // A flipped element that was turned is turned back: still a left-right flip on screen.
    doc.undoStack()->undo();
    doc.rotate({QStringLiteral("pump1")}, 90);
    doc.mirror({QStringLiteral("pump1")});
    QCOMPARE(doc.find(u"pump1")->rotationDeg, 270.0);
}

void TestDrawingDocument::nudgesMergeOnlyWithNudges()
{
    DrawingDocument doc(twoPumps());
    const QByteArray original = DrawingJson::write(doc.drawing());
    const QStringList a = {QStringLiteral("pump1")};
    QVERIFY(doc.nudge(a, {1, 0}));
    QVERIFY(!doc.nudge(a, {0, 0})); // nothing to do
    QVERIFY(doc.rotate(a, 90));     // its own command, not merged into the nudge
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    // There and back again: nothing left to undo, not modified.
    doc.nudge(a, {1, 0});
    doc.nudge(a, {-1, 0});
    QCOMPARE(DrawingJson::write(doc.drawing()), original);
    QVERIFY(!doc.isModified());
}

void TestDrawingDocument::pastedPumpsKeepTheirManifoldChain()
{
    const Drawing src = TestData::demo(QStringLiteral("std-pump-house"));
    QString pumps;
    for (const Element& e : src.elements) {
        if (e.repeat == u"pumps")
            pumps = e.id;
    }
    DrawingDocument doc(src);
    const auto r = doc.paste(Edits::copy(src, {pumps}), {0, 1000});
    QCOMPARE(r.ids.size(), 1);
    int chained = 0;
    const Element* g = doc.find(r.ids.front());
    for (const Element& c : g->children) {
        for (const PipeEnd* end : {&c.from, &c.to}) {
            if (end->element.contains(u"{i-1}")) {
                ++chained;
                // The copy's own previous segment, renumbered like its ids.
                QVERIFY2(doc.find(QString(end->element)
                                      .replace(QStringLiteral("{i-1}"), QStringLiteral("{i}"))),
                         qPrintable(end->element));
                QVERIFY(end->element != QStringLiteral("p{i-1}_manifold"));
            }
        }
    }
    QVERIFY(chained > 0);
    QCOMPARE(readError(doc.drawing()), QString());
}

void TestDrawingDocument::aNewDrawingStartsWithTheTemplatesRoles()
{
    const Project p = TestData::project({{"S1", {TestData::pumps(3, true)}}});
    const auto roles = Edits::templateRoles(p.templates.front());
    // The demo drawing's roles were written by hand (some named otherwise: "door" for
    // door_open): a derived role maps each one's tag with the same kind and quantity.
    const Drawing demo = TestData::demo(QStringLiteral("std-pump-house"));
    for (const auto& [role, def] : demo.roles) {
        if (def.optional)
            continue; // a tag some stations' PLCs have (flood_alarm), not the template
        const auto it = std::find_if(roles.begin(), roles.end(),
                                     [&](const auto& r) { return r.second.tag == def.tag; });
        QVERIFY2(it != roles.end(), qPrintable(role));
        QCOMPARE(int(it->second.kind), int(def.kind));
        QCOMPARE(it->second.quantity, def.quantity);
    }
    QCOMPARE(roles.at(QStringLiteral("pump[i].running")).tag, QStringLiteral("pump{i}_running"));
    // A new drawing with them binds a pump at once, and resolves at a station.
    Drawing d;
    d.id = QStringLiteral("new");
    d.templateId = p.templates.front().id;
    d.roles = roles;
    DrawingDocument doc(d);
    const QStringList ids = doc.add({symbol("pump{i}", "pump", {100, 100})});
    QVERIFY(doc.bind(ids.front(), QStringLiteral("running"), QStringLiteral("pump[i].running")));
    QCOMPARE(readError(doc.drawing()), QString());
}

QTEST_GUILESS_MAIN(TestDrawingDocument)
#include "tst_drawingdocument.moc"
