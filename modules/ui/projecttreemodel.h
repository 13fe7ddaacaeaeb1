// ProjectTreeModel: plants → lines → stations of a project, for choosing a station.
//
// Stations outside any production line are listed under "No line". Read-only; the project must
// outlive the model. GUI thread.
#pragma once

#include <core/project.h>

#include <QAbstractItemModel>

#include <vector>

namespace PumpWatch::Ui {

class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Role { StationIndexRole = Qt::UserRole + 1 };

    explicit ProjectTreeModel(const Project& project, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Node {
        QString text;
        int parent = -1;  ///< index into m_nodes; -1 for top-level
        int station = -1; ///< station index for station nodes
        std::vector<int> children;
        int row = 0; ///< row within the parent
    };
    int nodeOf(const QModelIndex& index) const;
    int addNode(int parent, const QString& text, int station = -1);

    const Project& m_project;
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
};

} // namespace PumpWatch::Ui
