// TagTableModel: the tags of one station as a table (device, name, quantity, unit, address,
// type, access, alarm limits), read-only. The project must outlive the model. GUI thread.
#pragma once

#include <core/project.h>

#include <QAbstractTableModel>

namespace PumpWatch::Ui {

class TagTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        DeviceColumn,
        NameColumn,
        QuantityColumn,
        UnitColumn,
        AddressColumn,
        TypeColumn,
        AccessColumn,
        LimitsColumn,
        KeyColumn,
        ColumnCount
    };

    explicit TagTableModel(const Project& project, QObject* parent = nullptr);

    /// Shows the tags of station `stationIndex` (-1: none).
    void setStation(int stationIndex);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Project& m_project;
    int m_station = -1;
};

} // namespace PumpWatch::Ui
