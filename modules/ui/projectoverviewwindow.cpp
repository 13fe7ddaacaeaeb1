#include "projectoverviewwindow.h"

#include "projecttreemodel.h"
#include "tagtablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>

namespace PumpWatch::Ui {

ProjectOverviewWindow::ProjectOverviewWindow(const Project& project, const QString& source,
                                             QWidget* parent)
    : QMainWindow(parent)
    , m_project(project)
    , m_treeModel(new ProjectTreeModel(project, this))
    , m_tagModel(new TagTableModel(project, this))
    , m_tree(new QTreeView(this))
    , m_table(new QTableView(this))
{
    setWindowTitle(project.name); // the platform appends the application's name

    // Before the model: set after expandAll() it caches a row height of 0 (Qt 6.4).
    m_tree->setUniformRowHeights(true);
    m_tree->setModel(m_treeModel);
    m_tree->expandAll();
    m_table->setModel(m_tagModel);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({280, 900});
    setCentralWidget(splitter);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const int station = current.data(ProjectTreeModel::StationIndexRole).toInt();
                if (station >= 0)
                    selectStation(station);
            });

    statusBar()->addPermanentWidget(new QLabel(tr("%1 stations · %2 tags · %3")
                                                   .arg(project.stations.size())
                                                   .arg(project.tagCount())
                                                   .arg(source),
                                               this));
    resize(1280, 800);
}

void ProjectOverviewWindow::selectStation(int stationIndex)
{
    const QModelIndexList found =
        m_treeModel->match(m_treeModel->index(0, 0), ProjectTreeModel::StationIndexRole,
                           stationIndex, 1, Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
    if (!found.isEmpty() && m_tree->currentIndex() != found.first()) {
        m_tree->setCurrentIndex(found.first()); // comes back here through currentChanged
        return;
    }
    m_tagModel->setStation(stationIndex);
    m_table->resizeColumnsToContents();
    if (stationIndex >= 0)
        statusBar()->showMessage(
            m_project.stations[static_cast<std::size_t>(stationIndex)].displayName());
}

} // namespace PumpWatch::Ui
