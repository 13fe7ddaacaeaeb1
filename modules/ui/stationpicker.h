// StationPicker: a line edit to pick one station the way the list's search finds it — part of the
// name, the pinyin initials ("amlk" for 澳门路口), full pinyin, the code or the id (SearchKey).
// Typing pops up the matching stations; choosing one, or Enter with matches, picks the first
// match; an empty box means all stations. GUI thread.
//
//     auto* picker = new StationPicker(project, this);
//     connect(picker, &StationPicker::stationChanged, this, [picker] { picker->stationId(); });
#pragma once

#include <core/project.h>
#include <core/textsearch.h>

#include <QLineEdit>

#include <vector>

class QCompleter;
class QStandardItemModel;

namespace PumpWatch::Ui {

class StationMatchModel;

class StationPicker : public QLineEdit {
    Q_OBJECT

public:
    explicit StationPicker(const Project& project, QWidget* parent = nullptr);

    /// The picked station's id; empty for all stations (or when nothing matches, see isValid).
    QString stationId() const { return m_stationId; }
    /// False when text is typed that names no station.
    bool isValid() const { return m_valid; }
    void setStationId(const QString& id);
    /// Resolves what was typed: the first matching station, all when empty. As Enter does.
    void resolve();
    /// Ids of the stations the typed text matches, in project order.
    QStringList matches(const QString& text) const;

Q_SIGNALS:
    void stationChanged();

private:
    void pick(const QString& id);

    const Project& m_project;
    std::vector<SearchKey> m_keys;
    StationMatchModel* m_model;
    QCompleter* m_completer;
    QString m_stationId;
    bool m_valid = true;
};

} // namespace PumpWatch::Ui
