// QueryPicker: the 综合查询's tags as a tree — station → location (进水, 出水, 1#泵 …; from
// QueryEngine::location) → tag, each tag with a check box (a station's or a location's box
// checks all under it). The search line above filters it: a station by its name, pinyin
// initials ("amlk" finds 澳门路口), full pinyin or code (SearchKey) shows the station whole; a
// tag by its name shows the stations having it with only the matching tags. GUI thread.
//
//     auto* picker = new QueryPicker(project, this);
//     picker->setChecked(tag, true);
//     picker->checkedTags(); // in the tree's order
#pragma once

#include <core/project.h>
#include <core/textsearch.h>

#include <QWidget>

#include <vector>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace PumpWatch::Ui {

class QueryPicker : public QWidget {
    Q_OBJECT

public:
    explicit QueryPicker(const Project& project, QWidget* parent = nullptr);

    /// The checked tags, in the tree's order (stations, then locations, then tags).
    std::vector<TagId> checkedTags() const;
    void setChecked(TagId tag, bool checked);
    void clearChecks();
    /// Filters the tree as typing in the search line does.
    void setFilter(const QString& text);
    /// The stations shown under the filter (tests).
    QStringList visibleStations() const;
    /// The tags shown under `stationId` (tests).
    QStringList visibleTags(const QString& stationId) const;
    QTreeWidget* tree() const { return m_tree; }
    QLineEdit* searchLine() const { return m_search; }

Q_SIGNALS:
    void selectionChanged();

private:
    const Project& m_project;
    QLineEdit* m_search;
    QTreeWidget* m_tree;
    std::vector<SearchKey> m_keys;            ///< per station
    std::vector<QTreeWidgetItem*> m_tagItems; ///< per TagId, or null
};

} // namespace PumpWatch::Ui
