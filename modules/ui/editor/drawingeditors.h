// DrawingEditors: how the workstation opens the drawing editor — the 画面编辑… action (Ctrl+E),
// enabled for engineers and administrators only (with the reason in its tooltip otherwise,
// re-checked when the user changes), and one editor window per drawing, reused when it is open
// again. A save in any window is passed on as drawingSaved() so the runtime views re-open on it.
//
//     auto* editors = new DrawingEditors(services, mainWindow);
//     menu->addAction(editors->action());
//     connect(editors, &DrawingEditors::drawingSaved, graphics, &GraphicsPanel::reloadDrawings);
#pragma once

#include "../services.h"

#include <graphics/drawing.h>

#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

class QAction;
class QWidget;

namespace PumpWatch::Ui {

class DrawingEditor;

class DrawingEditors : public QObject {
    Q_OBJECT

public:
    /// `window` parents the editor windows (they stay top-level windows of their own).
    DrawingEditors(Services& services, QWidget* window);
    ~DrawingEditors() override;

    QAction* action() const { return m_action; }
    /// The station whose drawing the action opens (the graphic on screen); -1 for a choice.
    void setCurrentStation(std::function<int()> station) { m_currentStation = std::move(station); }
    /// Whether the logged-in user may edit drawings (and why not, when not).
    bool mayEdit(QString* why = nullptr) const;
    /// Opens (or raises) the editor of the drawing `id`; null when not allowed or not found.
    DrawingEditor* open(const QString& id);
    /// Opens the drawing the station shows, previewed for that station.
    DrawingEditor* openForStation(int station);
    /// Opens a window on a drawing not yet saved (新建).
    DrawingEditor* openNew(const Graphics::Drawing& drawing);
    /// What the action does: the drawing of `station` when one is given, else a choice.
    void openChosen(int station = -1);
    std::vector<DrawingEditor*> editors() const;
    /// Closes every editor, each asking about unsaved changes; false when one was kept open.
    bool closeAll();

Q_SIGNALS:
    void drawingSaved(const QString& id);

private:
    void updateAction();
    DrawingEditor* show(Graphics::Drawing drawing);

    Services& m_services;
    QWidget* m_window;
    QAction* m_action;
    std::vector<QPointer<DrawingEditor>> m_editors;
    std::vector<QPointer<DrawingEditor>> m_hidden; ///< hidden while the user may not edit
    std::function<int()> m_currentStation;
};

} // namespace PumpWatch::Ui
