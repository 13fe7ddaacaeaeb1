// SymbolPalette: what an engineer places on a drawing — the library's symbols, grouped the way a
// pump house is drawn (泵与电机, 阀门, 水箱与罐, 仪表与传感器, 其他), with their icons in the
// ISA-101 theme, and the live parts that are not symbols (数值, 棒图, 文本, 按钮/链接). The search
// box finds an entry by its Chinese name, pinyin initials or full pinyin ("beng" or "b" for 泵)
// and by its id. Dragging an entry carries its palette code (Edits::PaletteMimeType:
// "symbol:pump", "value", "bar", "text", "link") for the canvas to drop; double-click or Enter
// asks the window to place it (placeRequested). Keyboard: type to search, Down to the list,
// Enter to place. GUI thread.
//
//     auto* palette = new SymbolPalette(symbols, this);
//     connect(palette, &SymbolPalette::placeRequested, view, &EditorView::placeAtCentre);
#pragma once

#include <core/textsearch.h>
#include <graphics/symbols/symbollibrary.h>

#include <QWidget>

class QLineEdit;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

namespace PumpWatch::Ui {

class SymbolPalette : public QWidget {
    Q_OBJECT

public:
    explicit SymbolPalette(const Graphics::SymbolLibrary& symbols, QWidget* parent = nullptr);

    /// Shows only the entries matching `text` (name, pinyin, id); empty shows all.
    void setFilter(const QString& text);
    /// The palette codes of the entries shown, in order.
    QStringList shownCodes() const;
    /// The palette code of the current entry; empty when a group or nothing is current.
    QString currentCode() const;
    /// What dragging the entry `code` carries.
    static QMimeData* mimeData(const QString& code);

Q_SIGNALS:
    /// Place the entry `code` (at the view's centre).
    void placeRequested(const QString& code);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Entry {
        QString code;
        SearchKey key;
        QTreeWidgetItem* item;
    };
    QTreeWidgetItem* addGroup(const QString& name);
    void addEntry(QTreeWidgetItem* group, const QString& code, const QString& name,
                  const QString& nameZh, const QIcon& icon, const QString& tip);
    void activate(QTreeWidgetItem* item);
    QTreeWidgetItem* firstShown() const;

    QLineEdit* m_search;
    QTreeWidget* m_tree;
    std::vector<Entry> m_entries;
};

} // namespace PumpWatch::Ui
