#include "projecttreemodel.h"

namespace PumpWatch::Ui {

ProjectTreeModel::ProjectTreeModel(const Project& project, QObject* parent)
    : QAbstractItemModel(parent)
    , m_project(project)
{
    std::vector<int> plantNodes;
    for (const Plant& plant : project.plants)
        plantNodes.push_back(addNode(-1, plant.name));
    std::vector<int> lineNodes;
    for (const Line& line : project.lines)
        lineNodes.push_back(addNode(plantNodes[static_cast<std::size_t>(line.plant)], line.name));
    int noLine = -1;
    for (std::size_t i = 0; i < project.stations.size(); ++i) {
        const Station& s = project.stations[i];
        int parentNode = s.line >= 0 ? lineNodes[static_cast<std::size_t>(s.line)] : -1;
        if (parentNode < 0) {
            if (noLine < 0)
                noLine = addNode(-1, tr("No line"));
            parentNode = noLine;
        }
        addNode(parentNode, s.displayName(), static_cast<int>(i));
    }
}

int ProjectTreeModel::addNode(int parent, const QString& text, int station)
{
    const int id = static_cast<int>(m_nodes.size());
    const auto siblings = [&]() -> std::vector<int>& {
        return parent < 0 ? m_roots : m_nodes[static_cast<std::size_t>(parent)].children;
    };
    const int row = static_cast<int>(siblings().size());
    m_nodes.push_back(
        {text, parent, station, {}, row}); // may move the nodes: look siblings up again
    siblings().push_back(id);
    return id;
}

int ProjectTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<int>(index.internalId()) : -1;
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const int p = nodeOf(parent);
    const std::vector<int>& children =
        p < 0 ? m_roots : m_nodes[static_cast<std::size_t>(p)].children;
    if (row < 0 || row >= static_cast<int>(children.size()) || column != 0)
        return {};
    return createIndex(row, column, static_cast<quintptr>(children[static_cast<std::size_t>(row)]));
}

QModelIndex ProjectTreeModel::parent(const QModelIndex& child) const
{
    const int c = nodeOf(child);
    if (c < 0)
        return {};
    const int p = m_nodes[static_cast<std::size_t>(c)].parent;
    if (p < 0)
        return {};
    return createIndex(m_nodes[static_cast<std::size_t>(p)].row, 0, static_cast<quintptr>(p));
}

int ProjectTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    const int p = nodeOf(parent);
    return static_cast<int>(p < 0 ? m_roots.size()
                                  : m_nodes[static_cast<std::size_t>(p)].children.size());
}

int ProjectTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant ProjectTreeModel::data(const QModelIndex& index, int role) const
{
    const int n = nodeOf(index);
    if (n < 0)
        return {};
    const Node& node = m_nodes[static_cast<std::size_t>(n)];
    switch (role) {
    case Qt::DisplayRole:
        return node.text;
    case Qt::ToolTipRole:
        if (node.station >= 0) {
            const Station& s = m_project.stations[static_cast<std::size_t>(node.station)];
            return tr("%1 · %2 · %3 tags").arg(s.id, s.district).arg(s.tagCount);
        }
        return {};
    case StationIndexRole:
        return node.station;
    default:
        return {};
    }
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Plants, lines and stations");
    return {};
}

} // namespace PumpWatch::Ui
