// SaveDrawingDialog: asked before a template drawing is written — how many stations the save
// affects and every binding that will not hold at them (the same check as `pumpwatch-cli graphics
// check`: DrawingCheck), as a tree of station → problems, with Save and Cancel. Saving with
// problems is allowed: a station may still lack a tag that is being added.
#pragma once

#include <core/project.h>
#include <graphics/drawingcheck.h>

#include <QDialog>

class QLabel;
class QTreeWidget;

namespace PumpWatch::Ui {

class SaveDrawingDialog : public QDialog {
    Q_OBJECT

public:
    SaveDrawingDialog(const Project& project, const Graphics::Drawing& drawing, const QString& file,
                      const Graphics::CheckResult& check, QWidget* parent = nullptr);

    /// Stations the save affects (the tree's top-level items).
    int stationCount() const { return m_stations; }
    int problemCount() const { return m_problems; }
    QTreeWidget* tree() const { return m_tree; }
    QString summary() const;

private:
    QLabel* m_summary;
    QTreeWidget* m_tree;
    int m_stations = 0;
    int m_problems = 0;
    int m_unbound = 0;    ///< elements with a primary slot unbound
    int m_loosePipes = 0; ///< pipes with an end attached to nothing
};

} // namespace PumpWatch::Ui
