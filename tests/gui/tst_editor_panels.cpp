// The editor's side panels on the demo drawing and the demo project, used as an engineer uses
// them: the palette finds pumps by pinyin and drags the right code; a property edit is one undo
// command that undo takes back; a group's variants are edited visibly; the binding editor
// offers only roles of the slot's kind, finds a role by the pinyin of its tag's name, binds it
// as one command, warns about a role of the wrong kind, and declares a new role from a template
// tag; the layers count their elements.
#include <core/projectreader.h>
#include <graphics/drawingjson.h>
#include <ui/editor/editorlayers.h>
#include <ui/editor/editorview.h>
#include <ui/editor/layerspanel.h>
#include <ui/editor/newroledialog.h>
#include <ui/editor/propertiespanel.h>
#include <ui/editor/symbolpalette.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <demoproject.h>

using namespace PumpWatch;
using Graphics::DrawingDocument;
using Graphics::RoleDef;

namespace {

Graphics::Drawing demoDrawing(const QString& id = QStringLiteral("std-pump-house"))
{
    Graphics::DrawingLoad load =
        Graphics::DrawingJson::readFile(QStringLiteral(":/demo/graphics/%1.json").arg(id));
    if (!load.drawing)
        qFatal("cannot read the demo drawing");
    return std::move(*load.drawing);
}

} // namespace

class tst_EditorPanels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_project = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath)).project;
        QVERIFY(m_project);
        m_symbols = Graphics::SymbolLibrary::load();
        QVERIFY(m_symbols);
    }

    void paletteFindsByPinyin_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("absent");
        const QStringList pumps = {QStringLiteral("symbol:pump"),
                                   QStringLiteral("symbol:pump_vertical")};
        QTest::newRow("full-pinyin-syllable")
            << QStringLiteral("beng") << pumps << QStringList{QStringLiteral("symbol:gate_valve")};
        QTest::newRow("chinese") << QStringLiteral("泵") << pumps
                                 << QStringList{QStringLiteral("symbol:tank")};
        QTest::newRow("id") << QStringLiteral("gate_valve")
                            << QStringList{QStringLiteral("symbol:gate_valve")}
                            << QStringList{QStringLiteral("symbol:pump")};
        QTest::newRow("value-part")
            << QStringLiteral("shuzhi") << QStringList{QStringLiteral("value")}
            << QStringList{QStringLiteral("text")};
    }
    void paletteFindsByPinyin()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, absent);
        Ui::SymbolPalette palette(*m_symbols);
        QVERIFY(palette.shownCodes().size() >= 20); // every symbol and the four parts
        palette.setFilter(query);
        const QStringList shown = palette.shownCodes();
        for (const QString& code : expected)
            QVERIFY2(shown.contains(code), qPrintable(shown.join(u' ')));
        for (const QString& code : absent)
            QVERIFY2(!shown.contains(code), qPrintable(shown.join(u' ')));
    }

    void paletteDragsAndPlaces()
    {
        Ui::SymbolPalette palette(*m_symbols);
        auto* tree = palette.findChild<QTreeWidget*>();
        QVERIFY(tree);
        QTreeWidgetItem* pump = nullptr;
        for (QTreeWidgetItem* item :
             tree->findItems(QStringLiteral("*"), Qt::MatchWildcard | Qt::MatchRecursive)) {
            if (item->data(0, Qt::UserRole).toString() == QStringLiteral("symbol:pump"))
                pump = item;
        }
        QVERIFY(pump);
        QVERIFY(!pump->icon(0).isNull());
        QVERIFY(pump->flags().testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(!pump->parent()->flags().testFlag(Qt::ItemIsDragEnabled)); // a group heading
        const QModelIndex index = tree->indexFromItem(pump);
        std::unique_ptr<QMimeData> data(tree->model()->mimeData({index}));
        QVERIFY(data);
        const QString type = QString::fromLatin1(Graphics::Edits::PaletteMimeType);
        QVERIFY(data->hasFormat(type));
        QCOMPARE(data->data(type), QByteArray("symbol:pump"));
        QVERIFY(tree->model()->mimeTypes().contains(type));

        // Keyboard: type, Enter places the first match; Down then Enter places the current.
        QSignalSpy place(&palette, &Ui::SymbolPalette::placeRequested);
        auto* search = palette.findChild<QLineEdit*>();
        QTest::keyClicks(search, QStringLiteral("wenben"));
        QCOMPARE(palette.shownCodes(), QStringList{QStringLiteral("text")});
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(place.count(), 1);
        QCOMPARE(place.at(0).at(0).toString(), QStringLiteral("text"));
        search->clear();
        QTest::keyClicks(search, QStringLiteral("zf"));
        QTest::keyClick(search, Qt::Key_Down);
        QCOMPARE(palette.currentCode(), QStringLiteral("symbol:gate_valve"));
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(place.count(), 2);
        QCOMPARE(place.at(1).at(0).toString(), QStringLiteral("symbol:gate_valve"));
    }

    void labelEditIsOneCommand()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("inlet_valve")});
        auto* label = panel.findChild<QLineEdit*>(QStringLiteral("label"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("进水电动阀"));
        const int before = doc.undoStack()->count();
        label->selectAll();
        QTest::keyClicks(label, QStringLiteral("Inlet valve 1"));
        QCOMPARE(doc.undoStack()->count(), before); // not per keystroke
        QTest::keyClick(label, Qt::Key_Return);
        QCOMPARE(doc.undoStack()->count(), before + 1);
        QCOMPARE(doc.find(u"inlet_valve")->label, QStringLiteral("Inlet valve 1"));
        QCOMPARE(doc.kindAt(before), DrawingDocument::EditKind::Property);
        label->clearFocus(); // editingFinished again: nothing more to do
        QCOMPARE(doc.undoStack()->count(), before + 1);
        doc.undoStack()->undo();
        QCOMPARE(doc.find(u"inlet_valve")->label, QStringLiteral("进水电动阀"));
        QCOMPARE(label->text(), QStringLiteral("进水电动阀")); // the panel follows undo
    }

    void pictureAndTextColour()
    {
        DrawingDocument doc(demoDrawing());
        Graphics::Element image = *Graphics::Edits::newElement(u"image");
        image.source = QStringLiteral("photo.png"); // an image names its file
        const QStringList added = doc.add({image});
        QCOMPARE(added.size(), 1);
        QVERIFY2(doc.find(added.front()), qPrintable(doc.refusal()));
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection(added);
        auto* source = panel.findChild<QLineEdit*>(QStringLiteral("source"));
        QVERIFY(source && source->isVisibleTo(&panel));
        QVERIFY(!panel.findChild<QLineEdit*>(QStringLiteral("label"))->isVisibleTo(&panel));
        const int before = doc.undoStack()->count();
        source->selectAll();
        QTest::keyClicks(source, QStringLiteral("plan.svg"));
        QTest::keyClick(source, Qt::Key_Return);
        QCOMPARE(doc.find(added.front())->source, QStringLiteral("plan.svg"));
        QCOMPARE(doc.undoStack()->count(), before + 1);

        panel.setSelection({QStringLiteral("title")});
        auto* style = panel.findChild<QComboBox*>(QStringLiteral("style"));
        QVERIFY(style && style->isVisibleTo(&panel));
        QTest::keyClick(style, Qt::Key_Down); // the first theme colour
        QCOMPARE(doc.find(u"title")->style, Graphics::textStyleRoles().front());
        QCOMPARE(doc.undoStack()->count(), before + 2);
    }

    void geometryFieldsAreOneCommandEach()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("inlet_valve")});
        const int before = doc.undoStack()->count();
        auto* x = panel.findChild<QDoubleSpinBox*>(QStringLiteral("x"));
        x->selectAll();
        QTest::keyClicks(x, QStringLiteral("150"));
        QTest::keyClick(x, Qt::Key_Return);
        QCOMPARE(doc.find(u"inlet_valve")->position, QPointF(150, 162));
        QCOMPARE(doc.kindAt(before), DrawingDocument::EditKind::Move);
        auto* w = panel.findChild<QDoubleSpinBox*>(QStringLiteral("width"));
        w->selectAll();
        QTest::keyClicks(w, QStringLiteral("80"));
        QTest::keyClick(w, Qt::Key_Return);
        QCOMPARE(doc.find(u"inlet_valve")->size, QSizeF(80, 60));
        QCOMPARE(doc.kindAt(before + 1), DrawingDocument::EditKind::Resize);
        auto* rotation = panel.findChild<QComboBox*>(QStringLiteral("rotation"));
        rotation->lineEdit()->selectAll();
        QTest::keyClicks(rotation->lineEdit(), QStringLiteral("90"));
        QTest::keyClick(rotation->lineEdit(), Qt::Key_Return);
        QCOMPARE(doc.find(u"inlet_valve")->rotationDeg, 90.0);
        QCOMPARE(doc.kindAt(before + 2), DrawingDocument::EditKind::Rotate);
        panel.findChild<QCheckBox*>(QStringLiteral("mirror"))->click();
        QVERIFY(doc.find(u"inlet_valve")->mirrored);
        QCOMPARE(doc.undoStack()->count(), before + 4);
        doc.undoStack()->undo();
        QVERIFY(!panel.findChild<QCheckBox*>(QStringLiteral("mirror"))->isChecked());
    }

    void renameKeepsPipesAttached()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("inlet_valve")});
        QSignalSpy renamed(&panel, &Ui::PropertiesPanel::elementRenamed);
        auto* id = panel.findChild<QLineEdit*>(QStringLiteral("id"));
        id->setText(QStringLiteral("tank")); // taken
        QTest::keyClick(id, Qt::Key_Return);
        QVERIFY(doc.find(u"inlet_valve"));
        QCOMPARE(id->text(), QStringLiteral("inlet_valve"));
        id->setText(QStringLiteral("valve_in"));
        QTest::keyClick(id, Qt::Key_Return);
        QCOMPARE(renamed.count(), 1);
        QVERIFY(doc.find(u"valve_in") && !doc.find(u"inlet_valve"));
        QCOMPARE(doc.find(u"p_inlet")->to.element, QStringLiteral("valve_in"));
        QCOMPARE(panel.selection(), QStringList{QStringLiteral("valve_in")});
    }

    void groupVariantsAreEditable()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("tank_part")});
        auto* when = panel.findChild<QComboBox*>(QStringLiteral("when"));
        auto* repeat = panel.findChild<QCheckBox*>(QStringLiteral("repeat"));
        auto* dx = panel.findChild<QDoubleSpinBox*>(QStringLiteral("offsetX"));
        QVERIFY(when && repeat && dx);
        QCOMPARE(when->currentData().toString(), QStringLiteral("tank"));
        QVERIFY(!repeat->isChecked());
        const int before = doc.undoStack()->count();
        QTest::keyClick(when, Qt::Key_Down);
        QCOMPARE(doc.find(u"tank_part")->when, QStringLiteral("!tank"));
        QCOMPARE(doc.undoStack()->count(), before + 1);
        repeat->click();
        QCOMPARE(doc.find(u"tank_part")->repeat, QStringLiteral("pumps"));
        QCOMPARE(doc.undoStack()->count(), before + 2);
        dx->setValue(120);
        QTest::keyClick(dx, Qt::Key_Return);
        QCOMPARE(doc.find(u"tank_part")->offset, QPointF(120, 0));
        QCOMPARE(doc.undoStack()->count(), before + 3);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QVERIFY(!repeat->isChecked());
        doc.undoStack()->undo();
        QCOMPARE(when->currentData().toString(), QStringLiteral("tank"));
    }

    void zoneIsOneOfTheDrawingsZones()
    {
        DrawingDocument doc(demoDrawing(QStringLiteral("std-pump-house-2z")));
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("low")});
        auto* zone = panel.findChild<QComboBox*>(QStringLiteral("zone"));
        QVERIFY(zone && zone->isVisibleTo(&panel));
        QCOMPARE(zone->count(), 3); // none, low, high
        QCOMPARE(zone->currentData().toString(), QStringLiteral("low"));
        QTest::keyClick(zone, Qt::Key_Down);
        QCOMPARE(doc.find(u"low")->zone, QStringLiteral("high"));
        doc.undoStack()->undo();
        QCOMPARE(zone->currentData().toString(), QStringLiteral("low"));

        // No zone in a drawing of zones would not read back: refused, and the panel says why.
        const int before = doc.undoStack()->count();
        QTest::keyClick(zone, Qt::Key_Up);
        QCOMPARE(doc.undoStack()->count(), before);
        QCOMPARE(doc.find(u"low")->zone, QStringLiteral("low"));
        QCOMPARE(zone->currentData().toString(), QStringLiteral("low"));
        auto* refused = panel.findChild<QLabel*>(QStringLiteral("refused"));
        QVERIFY(refused && refused->isVisibleTo(&panel));
        QVERIFY(refused->text().contains(doc.refusal()));
    }

    void bindingOffersRolesOfTheSlotsKind()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("pump{i}")});
        Ui::BindingEditor* b = panel.bindings();
        QVERIFY(b->slotNames().contains(QStringLiteral("running")));
        const QStringList offered = b->offeredRoles(QStringLiteral("running"));
        QVERIFY(offered.contains(QStringLiteral("pump[i].running")));
        QVERIFY(!offered.contains(QStringLiteral("tank_level")));
        for (const QString& role : offered)
            QCOMPARE(doc.drawing().findRole(role)->kind, RoleDef::Kind::Bit);
        // By the pinyin of the tag's Chinese name (1#泵运行), initials or syllables.
        QCOMPARE(b->offeredRoles(QStringLiteral("running"), QStringLiteral("yunxing")),
                 QStringList{QStringLiteral("pump[i].running")});
        QVERIFY(b->offeredRoles(QStringLiteral("running"), QStringLiteral("byx"))
                    .contains(QStringLiteral("pump[i].running")));
        QVERIFY(b->warning(QStringLiteral("running")).isEmpty());
    }

    void aPumpOnItsOwnBindsByItsNumber()
    {
        DrawingDocument doc(demoDrawing());
        const QStringList ids = doc.add({*Graphics::Edits::newElement(u"symbol:pump")});
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection(ids);
        Ui::BindingEditor* b = panel.bindings();
        QVERIFY(!b->inRepeat());
        // "2#泵运行" by its pinyin: the second pump's tag, by number.
        const QStringList offered =
            b->offeredRoles(QStringLiteral("running"), QStringLiteral("2#"));
        QVERIFY2(offered.contains(QStringLiteral("pump[2].running")),
                 qPrintable(offered.join(u' ')));
        QVERIFY(b->chooseRole(QStringLiteral("running"), QStringLiteral("pump[2].running")));
        QCOMPARE(doc.find(ids.front())->slots.at(QStringLiteral("running")),
                 QStringLiteral("pump[2].running"));
        QVERIFY(b->warning(QStringLiteral("running")).isEmpty());
        // Inside the group repeated per pump, only the pump index is offered.
        panel.setSelection({QStringLiteral("pump{i}")});
        QVERIFY(b->inRepeat());
        QVERIFY(!b->offeredRoles(QStringLiteral("running"))
                     .contains(QStringLiteral("pump[2].running")));
    }

    void leavingTheRoleBoxNeverRebindsToAGuess()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("v_inlet_pressure")});
        QComboBox* box = panel.bindings()->roleBox(QStringLiteral("value"));
        QVERIFY(box && box->lineEdit());
        const int commands = doc.undoStack()->count();
        // Typed a guess, then clicked elsewhere: nothing changes, the binding is shown again.
        box->lineEdit()->setText(QStringLiteral("chushui"));
        Q_EMIT box->lineEdit()->editingFinished();
        QCOMPARE(doc.find(u"v_inlet_pressure")->slots.at(QStringLiteral("value")),
                 QStringLiteral("inlet_pressure"));
        QCOMPARE(doc.undoStack()->count(), commands);
        QVERIFY(box->currentText().contains(QStringLiteral("inlet_pressure")));
        // Emptied and left: still bound (unbinding is the × button or Enter on an empty box).
        box->lineEdit()->clear();
        Q_EMIT box->lineEdit()->editingFinished();
        QCOMPARE(doc.find(u"v_inlet_pressure")->slots.count(QStringLiteral("value")),
                 std::size_t(1));
        // Enter takes the best match.
        box->lineEdit()->setText(QStringLiteral("chushuiyali"));
        Q_EMIT box->lineEdit()->returnPressed();
        QCOMPARE(doc.find(u"v_inlet_pressure")->slots.at(QStringLiteral("value")),
                 QStringLiteral("outlet_pressure"));
        QCOMPARE(doc.undoStack()->count(), commands + 1);
    }

    void bindingBindsOneCommand()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("pump{i}")});
        Ui::BindingEditor* b = panel.bindings();
        QVERIFY(doc.bind(QStringLiteral("pump{i}"), QStringLiteral("running"), QString()));
        QVERIFY(b->unboundSlots().contains(QStringLiteral("running")));
        const int before = doc.undoStack()->count();
        QComboBox* box = b->roleBox(QStringLiteral("running"));
        QVERIFY(box);
        box->lineEdit()->clear();
        QTest::keyClicks(box->lineEdit(), QStringLiteral("yunxing"));
        QCOMPARE(doc.undoStack()->count(), before);
        QTest::keyClick(box->lineEdit(), Qt::Key_Return);
        QCOMPARE(doc.undoStack()->count(), before + 1);
        QCOMPARE(doc.kindAt(before), DrawingDocument::EditKind::Binding);
        QCOMPARE(doc.find(u"pump{i}")->slots.at(QStringLiteral("running")),
                 QStringLiteral("pump[i].running"));
        QVERIFY(!b->unboundSlots().contains(QStringLiteral("running")));
        QVERIFY(box->currentText().contains(QStringLiteral("1#泵运行")));
    }

    void bindingWarnsAboutTheWrongKind()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("pump{i}")});
        Ui::BindingEditor* b = panel.bindings();
        QVERIFY(doc.bind(QStringLiteral("pump{i}"), QStringLiteral("running"),
                         QStringLiteral("tank_level")));
        QVERIFY(!b->warning(QStringLiteral("running")).isEmpty());
        QVERIFY(b->roleBox(QStringLiteral("running"))->currentText().contains(u"tank_level"));
        doc.undoStack()->undo();
        QVERIFY(b->warning(QStringLiteral("running")).isEmpty());
        // The right kind but another quantity: a level shown as a pump's current.
        QVERIFY(b->warning(QStringLiteral("current")).isEmpty()); // unbound
        QVERIFY(doc.bind(QStringLiteral("pump{i}"), QStringLiteral("current"),
                         QStringLiteral("tank_level")));
        QVERIFY(!b->warning(QStringLiteral("current")).isEmpty());
        QVERIFY(doc.bind(QStringLiteral("pump{i}"), QStringLiteral("current"),
                         QStringLiteral("pump[i].current")));
        QVERIFY(b->warning(QStringLiteral("current")).isEmpty());

        // A role whose tag has another quantity than the role declares.
        const Ui::RoleCatalog& roles = b->catalog();
        RoleDef wrong = doc.drawing().roles.at(QStringLiteral("pump[i].running"));
        wrong.quantity = QStringLiteral("fault");
        QVERIFY(doc.setRole(QStringLiteral("pump[i].running"), wrong));
        QVERIFY(!roles
                     .problems({QStringLiteral("running"), RoleDef::Kind::Bit},
                               *roles.find(u"pump[i].running"))
                     .isEmpty());
        QVERIFY(!b->warning(QStringLiteral("running")).isEmpty());
    }

    void newRoleIsDeclaredAndBound()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("mains")});
        Ui::BindingEditor* b = panel.bindings();
        Ui::NewRoleDialog dialog(b->catalog().stationTemplate(), doc.drawing(), RoleDef::Kind::Bit);
        dialog.setSearch(QStringLiteral("cgqgz")); // 传感器故障
        QCOMPARE(dialog.shownTags(), QStringList{QStringLiteral("pressure_sensor_fault")});
        QVERIFY(!dialog.shownTags().contains(QStringLiteral("outlet_pressure"))); // analog
        QCOMPARE(dialog.roleName(), QStringLiteral("pressure_sensor_fault"));
        const std::optional<RoleDef> def = dialog.role();
        QVERIFY(def);
        QCOMPARE(def->tag, QStringLiteral("pressure_sensor_fault"));
        QCOMPARE(def->kind, RoleDef::Kind::Bit);
        QCOMPARE(def->quantity, QStringLiteral("fault"));
        QVERIFY(dialog.selectTag(QStringLiteral("pump2_running")));
        QCOMPARE(dialog.roleName(), QStringLiteral("pump[i].running"));
        QVERIFY(!dialog.role()); // taken

        const int before = doc.undoStack()->count();
        QVERIFY(
            b->declareRole(QStringLiteral("alarm"), QStringLiteral("pressure_sensor_fault"), *def));
        QCOMPARE(doc.undoStack()->count(), before + 1); // one undo step
        QCOMPARE(doc.drawing().roles.at(QStringLiteral("pressure_sensor_fault")), *def);
        QCOMPARE(doc.find(u"mains")->slots.at(QStringLiteral("alarm")),
                 QStringLiteral("pressure_sensor_fault"));
        QVERIFY(b->offeredRoles(QStringLiteral("alarm")).contains(u"pressure_sensor_fault"));
        QVERIFY(b->warning(QStringLiteral("alarm")).isEmpty());
        doc.undoStack()->undo();
        QVERIFY(!doc.drawing().roles.contains(QStringLiteral("pressure_sensor_fault")));
        QCOMPARE(doc.find(u"mains")->slots.at(QStringLiteral("alarm")),
                 QStringLiteral("power_fail"));
    }

    void severalSelectedShareLayer()
    {
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("pt_out"), QStringLiteral("ft_out")});
        auto* layer = panel.findChild<QComboBox*>(QStringLiteral("manyLayer"));
        QVERIFY(layer && layer->isVisibleTo(&panel));
        const int before = doc.undoStack()->count();
        layer->setCurrentIndex(2);
        QTest::keyClick(layer, Qt::Key_Down); // → 标注 (labels), one command for both
        QCOMPARE(doc.undoStack()->count(), before + 1);
        QCOMPARE(doc.find(u"pt_out")->effectiveLayer(), Graphics::Layer::Labels);
        QCOMPARE(doc.find(u"ft_out")->effectiveLayer(), Graphics::Layer::Labels);
    }

    /// With PUMPWATCH_DOC_IMAGES=DIR: editor-palette.png and editor-properties.png for the guide.
    void snapshots()
    {
        const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES");
        if (dir.isEmpty())
            QSKIP("PUMPWATCH_DOC_IMAGES is not set");
        Ui::SymbolPalette palette(*m_symbols);
        palette.resize(260, 720);
        palette.show();
        QVERIFY(palette.grab().save(dir + QStringLiteral("/editor-palette.png")));
        DrawingDocument doc(demoDrawing());
        Ui::PropertiesPanel panel(doc, *m_project);
        panel.setSelection({QStringLiteral("pump{i}")});
        QVERIFY(doc.bind(QStringLiteral("pump{i}"), QStringLiteral("current"),
                         QStringLiteral("tank_level")));
        panel.resize(420, 900);
        panel.show();
        QTest::qWait(50); // the binding rows replaced by the selection go on the next loop
        QVERIFY(panel.grab().save(dir + QStringLiteral("/editor-properties.png")));
    }

    void layersCountTheirElements()
    {
        const Graphics::Drawing d = demoDrawing();
        const auto counts = Ui::EditorLayers::counts(d);
        int total = 0;
        for (int n : counts)
            total += n;
        QVERIFY(counts[std::size_t(Graphics::Layer::Process)] > 0);
        QVERIFY(total > 40);
        QCOMPARE(Ui::EditorLayers::all.front(), Graphics::Layer::Background);
    }

    void layersPanelDrivesTheView()
    {
        using Graphics::Layer;
        DrawingDocument doc(demoDrawing());
        const std::optional<Graphics::Theme> theme = Graphics::Theme::builtIn(u"isa101");
        QVERIFY(theme);
        Ui::EditorView view(doc, *m_symbols, *theme);
        Ui::LayersPanel panel(view);
        QVERIFY(view.layerVisible(Layer::Notes));
        QVERIFY(panel.visibleBox(Layer::Notes)->isChecked());
        panel.visibleBox(Layer::Notes)->click();
        QVERIFY(!view.layerVisible(Layer::Notes));
        QVERIFY(!view.layerLocked(Layer::Background));
        panel.lockedBox(Layer::Background)->click();
        QVERIFY(view.layerLocked(Layer::Background));
        const auto counts = Ui::EditorLayers::counts(doc.drawing());
        QCOMPARE(panel.shownCount(Layer::Process), counts[std::size_t(Layer::Process)]);

        QVERIFY(!panel.moveButton(Layer::Labels)->isEnabled()); // nothing selected
        view.select({QStringLiteral("pt_out")});
        QVERIFY(panel.moveButton(Layer::Labels)->isEnabled());
        const int labels = panel.shownCount(Layer::Labels);
        const int before = doc.undoStack()->count();
        panel.moveButton(Layer::Labels)->click();
        QCOMPARE(doc.undoStack()->count(), before + 1);
        QCOMPARE(doc.find(u"pt_out")->effectiveLayer(), Layer::Labels);
        QCOMPARE(panel.shownCount(Layer::Labels), labels + 1);
        doc.undoStack()->undo();
        QCOMPARE(panel.shownCount(Layer::Labels), labels);
    }

private:
    std::optional<Project> m_project;
    std::optional<Graphics::SymbolLibrary> m_symbols;
};

QTEST_MAIN(tst_EditorPanels)
#include "tst_editor_panels.moc"
