// ProjectOverviewWindow: the workstation's first window — the project's plants, lines and
// stations on the left, the chosen station's tags on the right. The workstation issue replaces
// it with the docking shell. The project must outlive the window. GUI thread.
#pragma once

#include <core/project.h>

#include <QMainWindow>

class QTableView;
class QTreeView;

namespace PumpWatch::Ui {

class ProjectTreeModel;
class TagTableModel;

class ProjectOverviewWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit ProjectOverviewWindow(const Project& project, const QString& source,
                                   QWidget* parent = nullptr);

    /// Shows station `stationIndex` as if the user had clicked it.
    void selectStation(int stationIndex);

private:
    const Project& m_project;
    ProjectTreeModel* m_treeModel;
    TagTableModel* m_tagModel;
    QTreeView* m_tree;
    QTableView* m_table;
};

} // namespace PumpWatch::Ui
