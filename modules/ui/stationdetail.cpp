#include "stationdetail.h"

#include "stationlistmodel.h"
#include "theme.h"

#include <core/valueformat.h>

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

QString limitsText(const LimitValues& l, const TagDef& tag)
{
    QStringList parts;
    auto add = [&](const char* name, const std::optional<double>& v) {
        if (v)
            parts << QString::fromLatin1(name) + u' ' + ValueFormat::number(tag, *v);
    };
    add("LL", l.lowLow);
    add("L", l.low);
    add("H", l.high);
    add("HH", l.highHigh);
    if (l.ratePerMinute)
        parts
            << StationTagsModel::tr("rate %1/min").arg(ValueFormat::number(tag, *l.ratePerMinute));
    return parts.join(QStringLiteral(" · "));
}

StationTagsModel::StationTagsModel(const Project& project, RealtimeStore& store,
                                   const Alarms::AlarmService& alarms, QObject* parent)
    : QAbstractTableModel(parent)
    , m_project(project)
    , m_store(store)
    , m_alarms(alarms)
    , m_zone(project.timeZone.toLatin1())
{}

void StationTagsModel::setStation(int station)
{
    beginResetModel();
    m_station = station;
    m_values.clear();
    if (station >= 0) {
        const Station& s = m_project.stations[static_cast<std::size_t>(station)];
        m_first = s.firstTag;
        m_values.resize(s.tagCount);
        m_sensorAlarm.assign(s.tagCount, false);
        for (quint32 i = 0; i < s.tagCount; ++i)
            m_values[i] = m_store.value(m_first + i);
    }
    endResetModel();
}

PumpWatch::Quality StationTagsModel::shownQuality(int row) const
{
    const TagValue& v = m_values[static_cast<std::size_t>(row)];
    const qint64 staleAfterMs =
        ValueFormat::staleAfterMs(m_project.deviceOfTag(m_first + TagId(row)).settings.pollMs);
    return ValueFormat::effectiveQuality(v.quality, m_sensorAlarm[static_cast<std::size_t>(row)],
                                         m_nowMs - v.timestampMs > staleAfterMs);
}

void StationTagsModel::refresh(qint64 nowMs)
{
    const bool aged = nowMs / 1000 != m_nowMs / 1000;
    m_nowMs = nowMs;
    std::vector<bool> sensor(m_values.size(), false);
    for (const Alarms::AlarmRecord& r : m_alarms.liveRecords()) {
        if (r.type == Alarms::AlarmType::SensorFault && r.isActive() && r.tag >= m_first &&
            r.tag < m_first + m_values.size())
            sensor[r.tag - m_first] = true;
    }
    int first = -1;
    int last = -1;
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        const TagValue v = m_store.value(m_first + TagId(i));
        if (v == m_values[i] && sensor[i] == m_sensorAlarm[i] && !aged)
            continue;
        m_values[i] = v;
        m_sensorAlarm[i] = sensor[i];
        first = first < 0 ? int(i) : first;
        last = int(i);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int StationTagsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_values.size());
}

int StationTagsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StationTagsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Tag");
    case Value:
        return tr("Value");
    case Unit:
        return tr("Unit");
    case Quality:
        return tr("Quality");
    case Time:
        return tr("Time");
    case Limits:
        return tr("Limits");
    }
    return {};
}

QVariant StationTagsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TagId id = tagAt(index.row());
    const TagDef& def = m_project.tag(id);
    const TagValue& v = m_values[static_cast<std::size_t>(index.row())];
    const PumpWatch::Quality quality = shownQuality(index.row());
    const ShownValue shown = ValueFormat::shown(def, v.value, quality, false);
    if (role == Qt::ForegroundRole) {
        if (!shown.trusted && quality != PumpWatch::Quality::Unknown)
            return isBad(quality) ? stateColours().offline : stateColours().staleText;
        if (index.column() == Value) {
            switch (shown.tone) {
            case ValueTone::Active:
                return stateColours().normal;
            case ValueTone::Fault:
                return stateColours().critical;
            case ValueTone::Inactive:
                return stateColours().staleText;
            case ValueTone::Plain:
                break;
            }
        }
        return {};
    }
    if (role == Qt::FontRole && !shown.trusted && quality != PumpWatch::Quality::Unknown) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && index.column() == Value)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        return role == Qt::ToolTipRole ? m_project.tagPath(id) : def.name;
    case Value:
        return role == Qt::ToolTipRole && !shown.toolTip.isEmpty() ? shown.toolTip : shown.text;
    case Unit:
        return ValueFormat::isDigital(def.quantity) ? QString() : def.unit;
    case Quality:
        return ValueFormat::qualityName(quality);
    case Time:
        return v.timestampMs == 0 ? QString()
                                  : QDateTime::fromMSecsSinceEpoch(v.timestampMs, m_zone)
                                        .toString(QStringLiteral("MM-dd HH:mm:ss"));
    case Limits: {
        const AlarmLimits limits = m_alarms.limits(id); // in force: edits apply while running
        if (!limits.enabled)
            return tr("off");
        const QString text = limitsText(limits, def);
        return limits.periods.empty()
                   ? text
                   : tr("%1 (+%n period(s))", nullptr, static_cast<int>(limits.periods.size()))
                         .arg(text);
    }
    }
    return {};
}

StationDetail::StationDetail(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_model(services.project, services.store, services.alarms)
    , m_title(new QLabel(this))
    , m_info(new QLabel(this))
    , m_table(new QTableView(this))
{
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_title->setFont(big);
    m_info->setWordWrap(true);
    auto* trend = new QPushButton(tr("Trend"), this);
    auto* graphic = new QPushButton(tr("Process graphic"), this);
    m_table->setModel(&m_model);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int widths[] = {130, 80, 50, 90, 100};
    for (int c = 0; c < StationTagsModel::Limits; ++c)
        m_table->setColumnWidth(c, widths[c]);
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(graphic);
    top->addWidget(trend);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_info);
    layout->addWidget(m_table);
    connect(trend, &QPushButton::clicked, this, [this] {
        if (m_model.station() >= 0)
            Q_EMIT trendRequested(m_model.station());
    });
    connect(graphic, &QPushButton::clicked, this, [this] {
        if (m_model.station() >= 0)
            Q_EMIT graphicRequested(m_model.station());
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT tagTrendRequested(m_model.tagAt(index.row()));
    });
    setStation(-1);
}

void StationDetail::setStation(int station)
{
    m_model.setStation(station);
    m_model.refresh(m_services.clock.nowMs());
    if (station < 0) {
        m_title->setText(tr("No station selected"));
        m_info->setText(tr("Double-click a station in the realtime list."));
        return;
    }
    const Project& p = m_services.project;
    const Station& s = p.stations[static_cast<std::size_t>(station)];
    m_title->setText(s.displayName());
    QStringList info;
    info << s.district;
    if (s.line >= 0) {
        const Line& l = p.lines[static_cast<std::size_t>(s.line)];
        info << (l.plant >= 0 ? p.plants[static_cast<std::size_t>(l.plant)].name + u' '
                              : QString()) +
                    l.name;
    }
    for (const Device& d : s.devices) {
        const DeviceSettings& set = d.settings;
        // How the device is reached: its PLC's address, or the gateway that publishes it.
        if (set.protocol == Protocol::MqttNeuron)
            info << tr("%1 Neuron gateway %2/%3").arg(zoneDisplayName(d.zone), set.node, set.group);
        else if (set.protocol == Protocol::MqttSparkplug)
            info << tr("%1 Sparkplug edge node %2/%3%4")
                        .arg(zoneDisplayName(d.zone), set.group, set.node,
                             set.deviceId.isEmpty() ? QString() : u'/' + set.deviceId);
        else
            info << tr("%1 PLC %2").arg(zoneDisplayName(d.zone), set.endpoint);
    }
    info << tr("%1 tags").arg(s.tagCount);
    m_info->setText(info.join(QStringLiteral(" · ")));
}

void StationDetail::refresh()
{
    m_model.refresh(m_services.clock.nowMs());
}

} // namespace PumpWatch::Ui
