#include "stationpicker.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

namespace PumpWatch::Ui {

/// The stations whose search key matches the typed text (the completer's own prefix matching
/// knows no pinyin, so it shows this model unfiltered).
class StationMatchModel : public QSortFilterProxyModel {
public:
    StationMatchModel(const std::vector<SearchKey>& keys, QObject* parent)
        : QSortFilterProxyModel(parent)
        , m_keys(keys)
    {}

    void setQuery(const QString& query)
    {
        m_query = query.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex&) const override
    {
        return row >= 0 && static_cast<std::size_t>(row) < m_keys.size() &&
               m_keys[static_cast<std::size_t>(row)].matches(m_query);
    }

private:
    const std::vector<SearchKey>& m_keys;
    QString m_query;
};

StationPicker::StationPicker(const Project& project, QWidget* parent)
    : QLineEdit(parent)
    , m_project(project)
{
    auto* stations = new QStandardItemModel(this);
    for (const Station& s : project.stations) {
        m_keys.emplace_back(s.name, QStringList{s.id, s.code, s.district});
        auto* item = new QStandardItem(s.displayName());
        item->setData(s.id, Qt::UserRole);
        stations->appendRow(item);
    }
    m_model = new StationMatchModel(m_keys, this);
    m_model->setSourceModel(stations);
    m_completer = new QCompleter(m_model, this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setMaxVisibleItems(12);
    setCompleter(m_completer);
    setClearButtonEnabled(true);
    setPlaceholderText(tr("All stations (type a name or initials)"));
    setToolTip(tr("A part of the name, the pinyin initials (e.g. amlk) or the code; empty for "
                  "all stations"));

    connect(this, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_model->setQuery(text);
        m_valid = true; // judged when resolved
        if (!text.isEmpty())
            m_completer->complete();
    });
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this,
            [this](const QModelIndex& index) { pick(index.data(Qt::UserRole).toString()); });
    connect(this, &QLineEdit::editingFinished, this, &StationPicker::resolve);
}

QStringList StationPicker::matches(const QString& text) const
{
    QStringList ids;
    const QString query = text.trimmed();
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i].matches(query))
            ids << m_project.stations[i].id;
    }
    return ids;
}

void StationPicker::resolve()
{
    const QString typed = text().trimmed();
    if (typed.isEmpty()) {
        pick({});
        return;
    }
    const int current = m_project.stationIndex(m_stationId);
    if (current >= 0 &&
        m_project.stations[static_cast<std::size_t>(current)].displayName() == typed)
        return; // already picked and shown
    const QStringList ids = matches(typed);
    if (ids.isEmpty()) {
        m_stationId.clear();
        m_valid = false;
        Q_EMIT stationChanged();
        return;
    }
    pick(ids.front());
}

void StationPicker::setStationId(const QString& id)
{
    pick(m_project.stationIndex(id) >= 0 ? id : QString());
}

void StationPicker::pick(const QString& id)
{
    const int i = m_project.stationIndex(id);
    const QString shown =
        i >= 0 ? m_project.stations[static_cast<std::size_t>(i)].displayName() : QString();
    if (text() != shown)
        setText(shown);
    m_valid = true;
    if (id == m_stationId)
        return;
    m_stationId = id;
    Q_EMIT stationChanged();
}

} // namespace PumpWatch::Ui
