#include "tagtablemodel.h"

namespace PumpWatch::Ui {
namespace {

QString formatLimit(const std::optional<double>& v)
{
    return v ? QString::number(*v) : QStringLiteral("–");
}

} // namespace

TagTableModel::TagTableModel(const Project& project, QObject* parent)
    : QAbstractTableModel(parent)
    , m_project(project)
{}

void TagTableModel::setStation(int stationIndex)
{
    beginResetModel();
    m_station = stationIndex;
    endResetModel();
}

int TagTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_station < 0)
        return 0;
    return static_cast<int>(m_project.stations[static_cast<std::size_t>(m_station)].tagCount);
}

int TagTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || m_station < 0)
        return {};
    const Station& station = m_project.stations[static_cast<std::size_t>(m_station)];
    const TagId id = station.firstTag + static_cast<TagId>(index.row());
    const TagDef& def = m_project.tag(id);
    if (role == Qt::TextAlignmentRole && index.column() == LimitsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return m_project.tagPath(id);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case DeviceColumn:
        return zoneDisplayName(m_project.deviceOfTag(id).zone);
    case NameColumn:
        return def.name;
    case QuantityColumn:
        return quantityDisplayName(def.quantity);
    case UnitColumn:
        return def.unit;
    case AddressColumn:
        return def.address.text;
    case TypeColumn:
        return dataTypeName(def.type);
    case AccessColumn:
        return def.access == Access::ReadWrite ? tr("read/write") : tr("read");
    case LimitsColumn:
        if (!def.alarm.hasLimits())
            return QString();
        return QStringLiteral("%1 / %2 / %3 / %4%5")
            .arg(formatLimit(def.alarm.lowLow), formatLimit(def.alarm.low),
                 formatLimit(def.alarm.high), formatLimit(def.alarm.highHigh),
                 def.alarm.enabled ? QString() : tr(" (disabled)"));
    case KeyColumn:
        return def.key;
    default:
        return {};
    }
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DeviceColumn:
        return tr("Zone");
    case NameColumn:
        return tr("Tag");
    case QuantityColumn:
        return tr("Quantity");
    case UnitColumn:
        return tr("Unit");
    case AddressColumn:
        return tr("Address");
    case TypeColumn:
        return tr("Type");
    case AccessColumn:
        return tr("Access");
    case LimitsColumn:
        return tr("LL / L / H / HH");
    case KeyColumn:
        return tr("Key");
    default:
        return {};
    }
}

} // namespace PumpWatch::Ui
