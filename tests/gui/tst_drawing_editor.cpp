// The drawing editor as an engineer uses it, offscreen: open the demo drawing, move a pump, save
// — the file holds exactly the document, the project copy lists it, one audit row names the
// engineer and the change, and the open process graphic shows the pump where it was moved. The
// save dialog counts the stations the drawing serves and lists a binding that breaks at them; an
// operator cannot open the editor; closing asks only when something is unsaved; elements copied
// in one drawing paste into another; a station's own adjustment shows in its preview.
#include <core/clock.h>
#include <core/fileversions.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <graphics/drawingjson.h>
#include <graphics/drawinglibrary.h>
#include <history/historyservice.h>
#include <sim/citygenerator.h>
#include <ui/alarmcenter.h>
#include <ui/editor/drawingeditor.h>
#include <ui/editor/drawingeditors.h>
#include <ui/editor/drawingpreview.h>
#include <ui/editor/drawingstore.h>
#include <ui/editor/editorparts.h>
#include <ui/editor/savedrawingdialog.h>
#include <ui/faceplate.h>
#include <ui/graphicitem.h>
#include <ui/graphicspanel.h>
#include <ui/stationgraphic.h>

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const QString DrawingId = u"std-pump-house"_s;

Project cityWithDemoDrawings()
{
    Project p = Sim::CityGenerator::generate({.stations = 4});
    p.graphics = {{DrawingId, u":/demo/graphics/std-pump-house.json"_s},
                  {u"std-pump-house-2z"_s, u":/demo/graphics/std-pump-house-2z.json"_s}};
    return p;
}

/// With PUMPWATCH_DOC_IMAGES=DIR, the window as a person sees it, for the guide.
void screenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES");
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return;
    w->resize(1600, 960);
    QTest::qWait(400); // the preview is rebuilt 300 ms after the edit
    w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

User user(const QString& login, const QString& name, Role role)
{
    User u;
    u.name = login;
    u.displayName = name;
    u.role = role;
    return u;
}

/// A project file in a temporary folder (its drawings compiled in, as the demo's are), the
/// history in SQLite there, and the workstation's services and graphics panel on them.
struct Fixture {
    Fixture()
        : project(cityWithDemoDrawings())
        , projectFile(dir.filePath(u"project.json"_s))
        , store(project.tagCount())
        , alarms(project, clock)
        , services{project, projectFile, projectFile, clock,        store,
                   alarms,  nullptr,     nullptr,     std::nullopt, session}
        , alarmCenter(services)
    {
        QString error;
        ok = ProjectWriter::writeFile(project, projectFile, &error);
        History::HistoryOptions options;
        options.database =
            *History::DatabaseUrl::parse(u"sqlite:"_s + dir.filePath(u"h.sqlite"_s), &error);
        options.spoolDirectory = dir.filePath(u"spool"_s);
        history = std::make_unique<History::HistoryService>(project, clock, options);
        history->start();
        services.history = history.get();
        panel = std::make_unique<Ui::GraphicsPanel>(services, alarmCenter);
        panel->resize(1200, 800);
        panel->show();
        editors = std::make_unique<Ui::DrawingEditors>(services, panel.get());
        QObject::connect(editors.get(), &Ui::DrawingEditors::drawingSaved, panel.get(),
                         &Ui::GraphicsPanel::reloadDrawings);
    }
    ~Fixture()
    {
        for (Ui::DrawingEditor* e : editors->editors()) {
            e->setAskToSave([](const QString&) { return QMessageBox::Discard; });
            delete e;
        }
        editors.reset();
        panel.reset();
        history->stop();
    }
    /// The stations the demo drawing serves, by the library's own rule.
    int stationsServed() const
    {
        const auto library = Graphics::DrawingLibrary::load(project);
        int n = 0;
        for (int s = 0; s < int(project.stations.size()); ++s) {
            const Graphics::Drawing* d = library.drawingFor(project, s);
            n += d && d->id == DrawingId ? 1 : 0;
        }
        return n;
    }
    int firstStationServed() const
    {
        const auto library = Graphics::DrawingLibrary::load(project);
        for (int s = 0; s < int(project.stations.size()); ++s) {
            const Graphics::Drawing* d = library.drawingFor(project, s);
            if (d && d->id == DrawingId)
                return s;
        }
        return -1;
    }
    QStringList auditRows()
    {
        history->sync();
        QStringList rows;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"editor-audit"_s);
            db.setDatabaseName(dir.filePath(u"h.sqlite"_s));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"SELECT login, action, target, result, detail FROM audit_log "
                           u"WHERE action = 'drawing.save' ORDER BY id"_s)) {
                    while (q.next()) {
                        QStringList row;
                        for (int c = 0; c < 5; ++c)
                            row << q.value(c).toString();
                        rows << row.join(u'|');
                    }
                }
            }
        }
        QSqlDatabase::removeDatabase(u"editor-audit"_s);
        return rows;
    }

    QTemporaryDir dir;
    Project project;
    QString projectFile;
    ManualClock clock{QDateTime(QDate(2026, 12, 6), QTime(10, 0))};
    RealtimeStore store;
    Alarms::AlarmService alarms;
    Ui::Session session;
    Ui::Services services;
    Ui::AlarmCenter alarmCenter;
    std::unique_ptr<History::HistoryService> history;
    std::unique_ptr<Ui::GraphicsPanel> panel;
    std::unique_ptr<Ui::DrawingEditors> editors;
    bool ok = false;
};

} // namespace

class tst_DrawingEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anEngineerSavesTheDemoDrawingAndTheGraphicShowsIt()
    {
        Fixture f;
        QVERIFY(f.ok);
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        const int station = f.firstStationServed();
        QVERIFY(station >= 0);
        QVERIFY(f.panel->openStation(station));
        const QPointF before = f.panel->graphicOf(station)->centreOf(u"pump1");
        const QRectF itemBefore = f.panel->graphicOf(station)->item(u"pump1")->sceneBoundingRect();

        Ui::DrawingEditor* editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        QCOMPARE(editor->objectName(), u"drawingEditor"_s);
        QVERIFY(editor->windowTitle().contains(editor->document().drawing().name));
        QVERIFY(!editor->isWindowModified());
        QVERIFY(editor->document().move({u"pump{i}"_s}, {40, -20}));
        QVERIFY(editor->isWindowModified());
        screenshot(editor, "drawing-editor.png");
        const QStringList changes = editor->document().changesSinceSave();
        QCOMPARE(changes.size(), 1);

        int dialogStations = -1;
        editor->setConfirm([&](Ui::SaveDrawingDialog& d) {
            dialogStations = d.stationCount();
            return true;
        });
        QVERIFY2(editor->save(), qPrintable(editor->lastError()));
        QCOMPARE(dialogStations, f.stationsServed());
        QVERIFY(!editor->document().isModified());
        QVERIFY(!editor->isWindowModified());

        // The drawing of the built-in demo went beside the project, and the project lists it.
        const QString file = QDir(f.dir.path()).filePath(u"graphics/std-pump-house.json"_s);
        QCOMPARE(editor->document().drawing().file, file);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), Graphics::DrawingJson::write(editor->document().drawing()));
        const ProjectLoad reread = ProjectReader::readFile(f.projectFile);
        QVERIFY(reread.project);
        QCOMPARE(reread.project->graphics.front().file, file);
        QCOMPARE(f.services.projectPath, f.projectFile);

        // One audit row: the engineer's login, the drawing, the file and what changed.
        const QStringList rows = f.auditRows();
        QCOMPARE(rows.size(), 1);
        const QStringList row = rows.front().split(u'|');
        QCOMPARE(row.mid(0, 4), (QStringList{u"lisi"_s, u"drawing.save"_s, DrawingId, u"ok"_s}));
        QVERIFY2(row[4].contains(file) && row[4].contains(changes.front()), qPrintable(row[4]));

        // The open graphic re-opened on the saved drawing: the pump is where it was moved.
        Ui::StationGraphic* g = f.panel->graphicOf(station);
        QVERIFY(g);
        QCOMPARE(g->centreOf(u"pump1"), before + QPointF(40, -20));
        QCOMPARE(g->item(u"pump1")->sceneBoundingRect(), itemBefore.translated(40, -20));

        // The project file the save rewrote kept its earlier content as a version; a second
        // save of the drawing keeps what the first one wrote.
        const std::vector<FileVersion> projectVersions = FileVersions::list(f.projectFile);
        QCOMPARE(projectVersions.size(), std::size_t(1));
        QFile earlier(projectVersions.front().path);
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        QCOMPARE(earlier.readAll(),
                 ProjectWriter::write(f.project, QFileInfo(f.projectFile).absolutePath()));
        const QByteArray first = Graphics::DrawingJson::write(editor->document().drawing());
        QVERIFY(editor->document().move({u"pump{i}"_s}, {10, 0}));
        QVERIFY2(editor->save(), qPrintable(editor->lastError()));
        const std::vector<FileVersion> drawingVersions = FileVersions::list(file);
        QCOMPARE(drawingVersions.size(), std::size_t(1));
        QFile kept(drawingVersions.front().path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), first);
        QCOMPARE(QFileInfo(kept).absolutePath(),
                 QDir(f.dir.path()).filePath(u"graphics/.versions/std-pump-house.json"_s));
    }

    void theSaveDialogCountsTheStationsAndListsABrokenBinding()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Administrator));
        Ui::DrawingEditor* editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        // Bind a slot to a role whose tag no station has.
        Graphics::RoleDef door = editor->document().drawing().roles.at(u"door"_s);
        door.tag = u"door_opened"_s;
        QVERIFY(editor->document().setRole(u"door"_s, door));
        int stations = -1;
        int problems = -1;
        QStringList lines;
        editor->setConfirm([&](Ui::SaveDrawingDialog& d) {
            stations = d.stationCount();
            problems = d.problemCount();
            for (int i = 0; i < d.tree()->topLevelItemCount(); ++i) {
                const QTreeWidgetItem* item = d.tree()->topLevelItem(i);
                for (int c = 0; c < item->childCount(); ++c)
                    lines << item->child(c)->text(0);
            }
            return false; // 取消
        });
        QVERIFY(!editor->save());
        QCOMPARE(stations, f.stationsServed());
        QVERIFY(problems >= stations);
        QVERIFY(!lines.isEmpty());
        for (const QString& line : lines)
            QVERIFY2(line.contains(u"door"_s), qPrintable(line));
        // Cancelled: nothing written, still modified, nothing audited.
        QVERIFY(editor->document().isModified());
        QVERIFY(!QFile::exists(QDir(f.dir.path()).filePath(u"graphics/std-pump-house.json"_s)));
        QVERIFY(f.auditRows().isEmpty());
        // The problems dock says the same.
        editor->checkNow();
        QVERIFY(editor->problems().join(u'\n').contains(u"door"_s));
    }

    void aFailedWriteLosesNothingAndKeepsTheDocumentModified()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        Ui::DrawingEditor* editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        QVERIFY(editor->document().move({u"pump{i}"_s}, {10, 0}));
        // A folder where the file would go: the write fails whoever runs the test.
        const QString file = QDir(f.dir.path()).filePath(u"graphics/std-pump-house.json"_s);
        QVERIFY(QDir().mkpath(file));
        const QByteArray projectBefore = [&] {
            QFile p(f.projectFile);
            return p.open(QIODevice::ReadOnly) ? p.readAll() : QByteArray();
        }();
        editor->setConfirm([](Ui::SaveDrawingDialog&) { return true; });
        QVERIFY(!editor->save());
        QVERIFY2(editor->lastError().contains(file), qPrintable(editor->lastError()));
        QVERIFY(editor->document().isModified());
        QVERIFY(editor->isWindowModified());
        QFile project(f.projectFile);
        QVERIFY(project.open(QIODevice::ReadOnly));
        QCOMPARE(project.readAll(), projectBefore);
        // The attempt is audited with its reason.
        const QStringList rows = f.auditRows();
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.front().split(u'|').at(3).contains(file));
    }

    void aNewDrawingIsSavedBesideTheProjectAndListedInIt()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        Graphics::Drawing fresh;
        fresh.id = u"pump-house-b"_s;
        fresh.name = u"B 型泵房"_s;
        fresh.templateId = f.project.templates.front().id;
        Ui::DrawingEditor* editor = f.editors->openNew(fresh);
        QVERIFY(editor);
        const QStringList placed = editor->place(u"text"_s);
        QCOMPARE(placed.size(), 1);
        QCOMPARE(editor->view()->selectedIds(), placed);
        int stations = -1;
        editor->setConfirm([&](Ui::SaveDrawingDialog& d) {
            stations = d.stationCount();
            return true;
        });
        QVERIFY2(editor->save(), qPrintable(editor->lastError()));
        QCOMPARE(stations, 0); // listed after the demo drawing of the same template
        const QString file = QDir(f.dir.path()).filePath(u"graphics/pump-house-b.json"_s);
        QCOMPARE(editor->document().drawing().file, file);
        const ProjectLoad reread = ProjectReader::readFile(f.projectFile);
        QVERIFY(reread.project);
        QCOMPARE(reread.project->graphics.size(), std::size_t(3));
        QCOMPARE(reread.project->graphics.back().id, fresh.id);
        QCOMPARE(reread.project->graphics.back().file, file);
        // The demo's drawings stay where they were.
        QCOMPARE(reread.project->graphics.front().file, f.project.graphics.front().file);
    }

    void aBackgroundPictureGoesBehindEverything()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        Ui::DrawingEditor* editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        const QString picture = f.dir.filePath(u"plan.png"_s);
        QImage plan(64, 36, QImage::Format_RGB32);
        plan.fill(Qt::lightGray);
        QVERIFY(plan.save(picture));
        QVERIFY(editor->placeBackground(picture));
        const Graphics::Element& e = editor->document().drawing().elements.front();
        QCOMPARE(e.kind, Graphics::ElementKind::Image);
        QCOMPARE(e.source, picture);
        QCOMPARE(e.effectiveLayer(), Graphics::Layer::Background);
        QCOMPARE(e.size, editor->document().drawing().canvas);
        QCOMPARE(editor->view()->selectedIds(), QStringList{e.id});
    }

    void theAuditSummaryKeepsWholeCommands()
    {
        QStringList changes;
        for (int i = 0; i < 100; ++i)
            changes << u"Move %1 elements"_s.arg(i);
        const QString text = Ui::DrawingStore::summary(changes, 200);
        QVERIFY(text.size() <= 200);
        QVERIFY(text.startsWith(u"Move 0 elements; Move 1 elements"_s));
        QVERIFY(text.contains(u"more"_s));
        QCOMPARE(Ui::DrawingStore::summary({u"Move 2 elements"_s, u"Align top"_s}),
                 u"Move 2 elements; Align top"_s);
    }

    void anOperatorCannotOpenTheEditor()
    {
        Fixture f;
        f.session.setUser(user(u"zhangsan"_s, u"张三"_s, Role::Operator));
        QVERIFY(!f.editors->action()->isEnabled());
        QVERIFY(!f.editors->action()->toolTip().isEmpty());
        QVERIFY(!f.editors->open(DrawingId));
        QVERIFY(!f.panel->findChild<QWidget*>(u"editGraphic"_s)->isVisibleTo(f.panel.get()));
        // Re-checked when the user changes.
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        QVERIFY(f.editors->action()->isEnabled());
        QVERIFY(f.panel->findChild<QWidget*>(u"editGraphic"_s)->isVisibleTo(f.panel.get()));
    }

    void anOperatorTakingOverDoesNotSeeOpenEditors()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        QPointer<Ui::DrawingEditor> editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        editor->document().move({u"inlet_valve"_s}, {10, 0}); // unsaved
        QVERIFY(editor->isVisible());
        // 张三 logs in at the locked screen: the editor goes, its edits wait.
        f.session.setUser(user(u"zhangsan"_s, u"张三"_s, Role::Operator));
        QVERIFY(editor && !editor->isVisible());
        QVERIFY(!editor->isEnabled()); // a toolbar floated off it too
        QVERIFY(!editor->view()->isEnabled());
        // Nor may the operator close the workstation over the engineer's unsaved work.
        QVERIFY(!f.editors->closeAll());
        QVERIFY(editor);
        QVERIFY(!editor->action(u"save"_s)->isEnabled());
        // An engineer again: back as it was, still unsaved.
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        QVERIFY(editor->isVisible());
        QVERIFY(editor->view()->isEnabled());
        QVERIFY(editor->document().isModified());
    }

    void closingAsksOnlyWhenModified()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        QPointer<Ui::DrawingEditor> editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        int asked = 0;
        editor->setAskToSave([&](const QString&) {
            ++asked;
            return QMessageBox::Discard;
        });
        QVERIFY(editor->close());
        QCOMPARE(asked, 0);
        QTRY_VERIFY(!editor);

        editor = f.editors->open(DrawingId);
        QVERIFY(
            editor->document().move({u"title"_s}, {10, 0}) ||
            editor->document().move({editor->document().drawing().elements.front().id}, {10, 0}));
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        editor->setAskToSave([&](const QString&) {
            ++asked;
            return answer;
        });
        QVERIFY(!editor->close());
        QCOMPARE(asked, 1);
        QVERIFY(editor);
        answer = QMessageBox::Discard;
        QVERIFY(editor->close());
        QCOMPARE(asked, 2);
        QTRY_VERIFY(!editor);
    }

    void copiedElementsPasteIntoAnotherDrawing()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        Ui::DrawingEditor* one = f.editors->open(DrawingId);
        Ui::DrawingEditor* two = f.editors->open(u"std-pump-house-2z"_s);
        QVERIFY(one && two && one != two);
        const QString id = one->document().drawing().elements.back().id;
        one->view()->select({id});
        QVERIFY(one->action(u"copy"_s)->isEnabled());
        one->action(u"copy"_s)->trigger();
        QVERIFY(two->action(u"paste"_s)->isEnabled());
        const std::size_t before = two->document().drawing().elements.size();
        two->action(u"paste"_s)->trigger();
        QCOMPARE(two->document().drawing().elements.size(), before + 1);
        QCOMPARE(two->view()->selectedIds().size(), 1);
        QVERIFY(two->document().isModified());
        QVERIFY(!one->document().isModified());
    }

    void actionsApplyOnlyToASelectionTheyFit()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        Ui::DrawingEditor* editor = f.editors->open(DrawingId);
        QVERIFY(editor);
        const auto& elements = editor->document().drawing().elements;
        QVERIFY(elements.size() >= 3);
        editor->view()->select({});
        QVERIFY(!editor->action(u"delete"_s)->isEnabled());
        editor->view()->select({elements[0].id, elements[1].id});
        QVERIFY(editor->action(u"alignLeft"_s)->isEnabled());
        QVERIFY(!editor->action(u"distributeH"_s)->isEnabled());
        editor->view()->select({elements[0].id, elements[1].id, elements[2].id});
        QVERIFY(editor->action(u"distributeH"_s)->isEnabled());
        // Undo names the command.
        editor->action(u"rotate"_s)->trigger();
        QVERIFY(editor->action(u"undo"_s)->isEnabled());
        QVERIFY(editor->action(u"undo"_s)->text().size() > 4);
        editor->action(u"undo"_s)->trigger();
        QVERIFY(!editor->document().isModified());
    }

    void aStationsOwnAdjustmentShowsInItsPreview()
    {
        Fixture f;
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        const int station = f.firstStationServed();
        QPointer<Ui::DrawingEditor> editor = f.editors->openForStation(station);
        QVERIFY(editor);
        Ui::DrawingPreview* preview = editor->preview();
        QCOMPARE(preview->station(), station);
        QVERIFY(preview->graphic());
        const QPointF before = preview->graphic()->centreOf(u"pump1");
        preview->setStationOnly(true);
        Graphics::Override o;
        o.element = u"pump1"_s;
        o.move = QPointF(30, 0);
        QVERIFY(preview->setOverride(o));
        QCOMPARE(preview->overrides().size(), std::size_t(1));
        const QString id = f.project.stations[std::size_t(station)].id;
        QCOMPARE(editor->document().drawing().overrides.at(id).front(), o);
        QTRY_COMPARE(preview->graphic()->centreOf(u"pump1"), before + QPointF(30, 0));
        screenshot(editor, "drawing-editor-preview.png");
        QVERIFY(preview->removeOverride(u"pump1"_s));
        QVERIFY(!editor->document().drawing().overrides.contains(id));
        editor->document().undoStack()->undo();
        QCOMPARE(editor->document().drawing().overrides.at(id).size(), std::size_t(1));
    }
};

QTEST_MAIN(tst_DrawingEditor)
#include "tst_drawing_editor.moc"
