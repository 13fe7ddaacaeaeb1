// The workstation's project models under QAbstractItemModelTester, on the demo city.
#include <core/projectreader.h>
#include <ui/projectoverviewwindow.h>
#include <ui/projecttreemodel.h>
#include <ui/tagtablemodel.h>

#include <QAbstractItemModelTester>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <demoproject.h>

using namespace PumpWatch;

class tst_ProjectModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_project = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath)).project;
        QVERIFY(m_project);
    }

    void treeListsPlantsLinesStations()
    {
        Ui::ProjectTreeModel model(*m_project);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("北郊水厂"));
        int stations = 0;
        for (int p = 0; p < model.rowCount(); ++p) {
            const QModelIndex plant = model.index(p, 0);
            QCOMPARE(model.rowCount(plant), 2);
            for (int l = 0; l < 2; ++l) {
                const QModelIndex line = model.index(l, 0, plant);
                QCOMPARE(line.parent(), plant);
                for (int s = 0; s < model.rowCount(line); ++s) {
                    const QModelIndex station = model.index(s, 0, line);
                    const int index = station.data(Ui::ProjectTreeModel::StationIndexRole).toInt();
                    QCOMPARE(station.data().toString(),
                             m_project->stations[static_cast<std::size_t>(index)].displayName());
                    QCOMPARE(station.parent(), line);
                    ++stations;
                }
            }
        }
        QCOMPARE(stations, 60);
    }

    void tagTableShowsAStation()
    {
        Ui::TagTableModel model(*m_project);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setStation(1); // S0002, its own pressure limits
        QCOMPARE(model.rowCount(), int(m_project->stations[1].tagCount));
        const int row = m_project->templates[0].tagIndex(QStringLiteral("outlet_pressure"));
        QCOMPARE(model.index(row, Ui::TagTableModel::NameColumn).data().toString(),
                 QStringLiteral("出水压力"));
        QCOMPARE(model.index(row, Ui::TagTableModel::AddressColumn).data().toString(),
                 QStringLiteral("VD1020"));
        QCOMPARE(model.index(row, Ui::TagTableModel::LimitsColumn).data().toString(),
                 QStringLiteral("0.18 / 0.22 / 0.38 / 0.42"));
        model.setStation(3); // two zones
        QCOMPARE(model.rowCount(), int(m_project->stations[3].tagCount));
    }

    /// Regression: uniform row heights set after expandAll() drew every row 0 pixels high.
    void overviewWindowShowsTreeAndTags()
    {
        Ui::ProjectOverviewWindow window(*m_project, QStringLiteral("demo"));
        window.selectStation(3);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tree = window.findChild<QTreeView*>();
        auto* table = window.findChild<QTableView*>();
        QVERIFY(tree && table);
        QVERIFY(tree->visualRect(tree->model()->index(0, 0)).height() > 10);
        QCOMPARE(tree->currentIndex().data().toString(), m_project->stations[3].displayName());
        QCOMPARE(table->model()->rowCount(), int(m_project->stations[3].tagCount));
        QVERIFY(table->visualRect(table->model()->index(0, 0)).height() > 10);
    }

private:
    std::optional<Project> m_project;
};

QTEST_MAIN(tst_ProjectModels)
#include "tst_projectmodels.moc"
