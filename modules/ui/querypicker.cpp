#include "querypicker.h"

#include <reports/query.h>

#include <QLineEdit>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace PumpWatch::Ui {

namespace {
constexpr int TagRole = Qt::UserRole;
constexpr int StationRole = Qt::UserRole + 1;
} // namespace

QueryPicker::QueryPicker(const Project& project, QWidget* parent)
    : QWidget(parent)
    , m_project(project)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    m_search->setObjectName(QStringLiteral("pickerSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search stations or quantities"));
    m_search->setToolTip(tr("A part of the station's name, its pinyin initials (e.g. amlk) or "
                            "code, or a quantity's name (e.g. 压力)"));
    m_tree->setObjectName(QStringLiteral("pickerTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);

    m_tagItems.assign(project.tagCount(), nullptr);
    m_tree->setUpdatesEnabled(false);
    for (const Station& s : project.stations) {
        m_keys.emplace_back(s.name, QStringList{s.id, s.code});
        auto* station = new QTreeWidgetItem(m_tree, {s.displayName()});
        station->setData(0, StationRole, s.id);
        station->setFlags(station->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
        station->setCheckState(0, Qt::Unchecked);
        // Locations in the order their first tag comes.
        std::map<QString, QTreeWidgetItem*> locations;
        for (TagId id = s.firstTag; id < s.firstTag + s.tagCount; ++id) {
            const TagDef& t = project.tag(id);
            const QString where = Reports::QueryEngine::location(t.key);
            QTreeWidgetItem*& location = locations[where];
            if (!location) {
                location = new QTreeWidgetItem(station, {where});
                location->setFlags(location->flags() | Qt::ItemIsUserCheckable |
                                   Qt::ItemIsAutoTristate);
                location->setCheckState(0, Qt::Unchecked);
            }
            auto* tag = new QTreeWidgetItem(
                location,
                {t.unit.isEmpty() ? t.name : QStringLiteral("%1 (%2)").arg(t.name, t.unit)});
            tag->setData(0, TagRole, id);
            tag->setData(0, StationRole, s.id);
            tag->setFlags(tag->flags() | Qt::ItemIsUserCheckable);
            tag->setCheckState(0, Qt::Unchecked);
            m_tagItems[id] = tag;
        }
    }
    m_tree->setUpdatesEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &QueryPicker::setFilter);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
        if (item->data(0, TagRole).isValid())
            Q_EMIT selectionChanged();
    });
}

std::vector<TagId> QueryPicker::checkedTags() const
{
    std::vector<TagId> tags;
    for (QTreeWidgetItemIterator it(m_tree, QTreeWidgetItemIterator::Checked); *it; ++it) {
        const QVariant tag = (*it)->data(0, TagRole);
        if (tag.isValid())
            tags.push_back(tag.value<TagId>());
    }
    return tags;
}

void QueryPicker::setChecked(TagId tag, bool checked)
{
    if (tag >= m_tagItems.size() || !m_tagItems[tag])
        return;
    QTreeWidgetItem* item = m_tagItems[tag];
    item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    // What is ticked from outside is shown ticked.
    if (checked) {
        item->parent()->setExpanded(true);
        item->parent()->parent()->setExpanded(true);
    }
}

void QueryPicker::clearChecks()
{
    const QSignalBlocker block(m_tree);
    for (QTreeWidgetItem* item : m_tagItems) {
        if (item)
            item->setCheckState(0, Qt::Unchecked);
    }
    Q_EMIT selectionChanged();
}

void QueryPicker::setFilter(const QString& text)
{
    if (m_search->text() != text) {
        const QSignalBlocker block(m_search);
        m_search->setText(text);
    }
    const QString query = text.trimmed();
    m_tree->setUpdatesEnabled(false);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* station = m_tree->topLevelItem(i);
        const bool whole = m_keys[std::size_t(i)].matches(query);
        bool any = false;
        for (int l = 0; l < station->childCount(); ++l) {
            QTreeWidgetItem* location = station->child(l);
            bool anyTag = false;
            for (int t = 0; t < location->childCount(); ++t) {
                QTreeWidgetItem* tag = location->child(t);
                const bool shown = whole || tag->text(0).contains(query, Qt::CaseInsensitive) ||
                                   location->text(0).contains(query, Qt::CaseInsensitive);
                tag->setHidden(!shown);
                anyTag = anyTag || shown;
            }
            location->setHidden(!anyTag);
            any = any || anyTag;
        }
        station->setHidden(!any);
        // A narrowed station opens to show what matched.
        station->setExpanded(any && !whole && !query.isEmpty());
    }
    m_tree->setUpdatesEnabled(true);
}

QStringList QueryPicker::visibleStations() const
{
    QStringList ids;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (!m_tree->topLevelItem(i)->isHidden())
            ids << m_tree->topLevelItem(i)->data(0, StationRole).toString();
    }
    return ids;
}

QStringList QueryPicker::visibleTags(const QString& stationId) const
{
    QStringList keys;
    for (QTreeWidgetItem* item : m_tagItems) {
        if (!item || item->data(0, StationRole).toString() != stationId)
            continue;
        if (!item->isHidden() && !item->parent()->isHidden())
            keys << m_project.tag(item->data(0, TagRole).value<TagId>()).key;
    }
    return keys;
}

} // namespace PumpWatch::Ui
