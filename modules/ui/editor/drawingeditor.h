// DrawingEditor: the process-graphics editor (画面编辑) for engineers — one window per drawing.
// The canvas (EditorView) is a view of the DrawingDocument, which owns the undo stack; around it
// the docks 符号 (palette), 属性 (properties of the selection), 图层 (layers), 撤销历史 (the undo
// stack), 问题 (bindings that will not hold at the stations the drawing serves, checked as the CLI
// checks them) and 预览 (the drawing live for any station, with that station's own adjustments).
// Menus 文件/编辑/排列/视图 and a toolbar carry every edit with its shortcut; an action is enabled
// only when it applies to the selection.
//
// Saving a template drawing first shows the stations it affects and their binding problems
// (SaveDrawingDialog), then writes it atomically and audits it (DrawingStore) and emits
// drawingSaved() so open runtime views re-open on the new drawing. Closing with unsaved changes
// asks 保存/放弃/取消. Only an engineer or administrator saves. GUI thread.
#pragma once

#include "../services.h"

#include <graphics/editing/drawingdocument.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>

#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>

#include <functional>
#include <map>

class QLabel;
class QListWidget;

namespace PumpWatch::Ui {

class DrawingPreview;
class EditorView;
class PropertiesPanel;
class SaveDrawingDialog;

class DrawingEditor : public QMainWindow {
    Q_OBJECT

public:
    /// Shows the save dialog and answers whether to save; the default runs it modally.
    using Confirm = std::function<bool(SaveDrawingDialog& dialog)>;
    /// Asks whether to save before closing: Save, Discard or Cancel; the default asks in a box.
    using AskToSave = std::function<QMessageBox::StandardButton(const QString& question)>;

    /// `drawing` as read (Drawing::file set), or a new one (file empty).
    DrawingEditor(Services& services, Graphics::Drawing drawing, QWidget* parent = nullptr);
    ~DrawingEditor() override;

    Graphics::DrawingDocument& document() { return *m_document; }
    EditorView* view() const { return m_view; }
    DrawingPreview* preview() const { return m_preview; }
    /// An action by its object name ("save", "alignLeft", "group", …); null when none.
    QAction* action(const QString& name) const;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setAskToSave(AskToSave ask) { m_askToSave = std::move(ask); }

    /// Checks, asks (see above), writes and audits; false when cancelled or failed (then the
    /// reason is shown and the document stays modified).
    bool save();
    /// Shows the drawing for `station` in the preview dock.
    void previewStation(int station);
    /// The lines of the 问题 dock.
    QStringList problems() const;
    /// Re-checks the bindings now (otherwise 500 ms after the last edit).
    void checkNow();
    QString lastError() const { return m_lastError; }
    /// 导入背景: the picture (SVG or PNG) behind everything, filling the canvas.
    bool placeBackground(const QString& path);
    /// Places a palette entry ("symbol:pump", "value", …) at the paste position.
    QStringList place(const QString& code);

Q_SIGNALS:
    void drawingSaved(const QString& id);
    /// 打开: another drawing of the project was picked.
    void openRequested(const QString& id);
    /// 新建: an empty drawing was made; the owner opens a window on it.
    void newRequested(const PumpWatch::Graphics::Drawing& drawing);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // editoractions.cpp
    void buildActions();
    void buildMenus();
    void updateActions();
    QAction* addAction(const QString& name, const QString& text, const QKeySequence& key,
                       const std::function<void()>& run);
    void copySelection();
    void cutSelection();
    void pasteClipboard();
    void groupSelection();
    void ungroupSelection();
    void exportImage();
    void importBackground();
    void newDrawing();
    void openDrawing();

    void buildDocks();
    void updateTitle();
    void showStatus(const QString& text);

    Services& m_services;
    std::unique_ptr<Graphics::DrawingDocument> m_document;
    std::optional<Graphics::SymbolLibrary> m_symbols;
    std::optional<Graphics::Theme> m_theme;
    EditorView* m_view = nullptr;
    PropertiesPanel* m_properties = nullptr;
    DrawingPreview* m_preview = nullptr;
    QListWidget* m_problems = nullptr;
    QLabel* m_selectionCount = nullptr;
    std::map<QString, QAction*> m_actions;
    /// The project's drawings as saved (read when opened and after each save): what the edited
    /// one is checked among.
    std::vector<Graphics::Drawing> m_saved;
    QTimer m_check;
    Confirm m_confirm;
    AskToSave m_askToSave;
    QString m_lastError;
};

} // namespace PumpWatch::Ui
