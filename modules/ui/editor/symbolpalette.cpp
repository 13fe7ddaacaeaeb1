#include "symbolpalette.h"

#include <graphics/editing/drawingedits.h>

#include <QDrag>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

namespace {

constexpr int IconPx = 32;
constexpr int CodeRole = Qt::UserRole;

/// The tree whose drag carries the entry's palette code.
class PaletteTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override
    {
        return {QString::fromLatin1(Graphics::Edits::PaletteMimeType)};
    }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override
    {
        for (const QTreeWidgetItem* item : items) {
            const QString code = item->data(0, CodeRole).toString();
            if (!code.isEmpty())
                return SymbolPalette::mimeData(code);
        }
        return nullptr;
    }
    /// A copy, never a move: the view would otherwise remove the entry a canvas accepted.
    void startDrag(Qt::DropActions) override
    {
        const QTreeWidgetItem* item = currentItem();
        const QString code = item ? item->data(0, CodeRole).toString() : QString();
        if (code.isEmpty())
            return;
        auto* drag = new QDrag(this);
        drag->setMimeData(SymbolPalette::mimeData(code));
        drag->setPixmap(item->icon(0).pixmap(iconSize(), devicePixelRatioF()));
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }
};

/// The group a symbol is drawn with in a pump house.
int groupOf(const QString& id)
{
    static const QStringList pumps = {QStringLiteral("pump"), QStringLiteral("pump_vertical"),
                                      QStringLiteral("motor"), QStringLiteral("vfd")};
    if (pumps.contains(id) || id.startsWith(QStringLiteral("pump")))
        return 0;
    if (id.contains(QStringLiteral("valve")) || id == QStringLiteral("prv"))
        return 1;
    if (id.contains(QStringLiteral("tank")))
        return 2;
    if (id == QStringLiteral("instrument") || id.endsWith(QStringLiteral("_sensor")) ||
        id.endsWith(QStringLiteral("_meter")) || id.contains(QStringLiteral("gauge")))
        return 3;
    return 5;
}

/// The neutral state a palette shows a symbol in: stopped, closed or normal.
QString neutralState(const Graphics::SymbolDef& def)
{
    for (const QString& state :
         {QStringLiteral("stopped"), QStringLiteral("closed"), QStringLiteral("normal")}) {
        if (def.hasState(state))
            return state;
    }
    return def.states.isEmpty() ? QString() : def.states.front();
}

/// A small drawing for the parts that are not symbols.
QIcon partIcon(const QString& code, const QPalette& palette)
{
    QPixmap pixmap(IconPx, IconPx);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink = palette.color(QPalette::Text);
    p.setPen(QPen(ink, 1.5));
    QFont font = p.font();
    font.setPixelSize(12);
    p.setFont(font);
    if (code == QStringLiteral("value")) {
        p.drawRoundedRect(QRectF(2, 9, 28, 14), 2, 2);
        p.drawText(QRectF(2, 9, 28, 14), Qt::AlignCenter, QStringLiteral("0.42"));
    } else if (code == QStringLiteral("bar")) {
        p.drawRect(QRectF(11, 3, 10, 26));
        p.fillRect(QRectF(12, 14, 8, 14), ink);
    } else if (code == QStringLiteral("text")) {
        font.setPixelSize(22);
        p.setFont(font);
        p.drawText(QRectF(0, 0, IconPx, IconPx), Qt::AlignCenter, QStringLiteral("A"));
    } else {
        p.drawRoundedRect(QRectF(2, 8, 28, 16), 4, 4);
        p.drawLine(QPointF(9, 16), QPointF(22, 16));
        p.drawLine(QPointF(18, 12), QPointF(22, 16));
        p.drawLine(QPointF(18, 20), QPointF(22, 16));
    }
    return QIcon(pixmap);
}

} // namespace

SymbolPalette::SymbolPalette(const Graphics::SymbolLibrary& symbols, QWidget* parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new PaletteTree(this))
{
    m_search->setPlaceholderText(tr("Find: name, pinyin (beng) or id"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIconSize(QSize(IconPx, IconPx));
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Symbols and parts"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);

    QTreeWidgetItem* groups[] = {addGroup(tr("Pumps and motors")),
                                 addGroup(tr("Valves")),
                                 addGroup(tr("Tanks")),
                                 addGroup(tr("Instruments and sensors")),
                                 addGroup(tr("Values, text and links")),
                                 addGroup(tr("Other"))};
    const std::optional<Graphics::Theme> theme = Graphics::Theme::builtIn(u"isa101");
    const qreal dpr = devicePixelRatioF();
    for (const QString& id : symbols.ids()) {
        const Graphics::SymbolDef* def = symbols.find(id);
        QIcon icon;
        if (theme) {
            const QSizeF size = def->size.scaled(QSizeF(IconPx, IconPx), Qt::KeepAspectRatio);
            QImage image = symbols.image(id, neutralState(*def), *theme,
                                         (size * dpr).toSize().expandedTo(QSize(1, 1)));
            image.setDevicePixelRatio(dpr);
            QPixmap square(QSize(IconPx, IconPx) * dpr);
            square.setDevicePixelRatio(dpr);
            square.fill(Qt::transparent);
            QPainter p(&square);
            p.drawImage(QPointF((IconPx - size.width()) / 2, (IconPx - size.height()) / 2), image);
            p.end();
            icon = QIcon(square);
        }
        addEntry(groups[groupOf(id)], QStringLiteral("symbol:") + id, def->displayName(),
                 def->nameZh, icon, id);
    }
    const struct {
        const char* code;
        const char* name;
        const char* zh;
    } parts[] = {
        {"value", QT_TR_NOOP("Value"), "数值"},
        {"bar", QT_TR_NOOP("Bar"), "棒图"},
        {"text", QT_TR_NOOP("Text"), "文本"},
        {"link", QT_TR_NOOP("Button / link"), "按钮/链接"},
    };
    for (const auto& part : parts) {
        const QString code = QString::fromLatin1(part.code);
        addEntry(groups[4], code, tr(part.name), QString::fromUtf8(part.zh),
                 partIcon(code, palette()), code);
    }
    m_tree->expandAll();
    setFilter({});

    connect(m_search, &QLineEdit::textChanged, this, &SymbolPalette::setFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        QTreeWidgetItem* item = m_tree->currentItem();
        activate(item && !item->isHidden() && item->parent() ? item : firstShown());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { activate(item); });
}

QTreeWidgetItem* SymbolPalette::addGroup(const QString& name)
{
    auto* group = new QTreeWidgetItem(m_tree, {name});
    group->setFlags(Qt::ItemIsEnabled);
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    return group;
}

void SymbolPalette::addEntry(QTreeWidgetItem* group, const QString& code, const QString& name,
                             const QString& nameZh, const QIcon& icon, const QString& tip)
{
    auto* item = new QTreeWidgetItem(group, {name});
    item->setIcon(0, icon);
    item->setData(0, CodeRole, code);
    item->setToolTip(0, tip);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    const QString id = code.startsWith(QStringLiteral("symbol:")) ? code.mid(7) : code;
    const QString zh = nameZh.isEmpty() ? name : nameZh;
    // The full pinyin as an "other" finds a syllable inside the name: "beng" in 离心泵.
    m_entries.push_back(
        {code, SearchKey(zh, {name, id, pinyinSyllables(zh).join(QString())}), item});
}

void SymbolPalette::setFilter(const QString& text)
{
    if (m_search->text() != text)
        m_search->setText(text); // comes back here through textChanged
    for (Entry& e : m_entries)
        e.item->setHidden(!e.key.matches(text));
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        bool any = false;
        for (int c = 0; c < group->childCount() && !any; ++c)
            any = !group->child(c)->isHidden();
        group->setHidden(!any);
    }
    QTreeWidgetItem* current = m_tree->currentItem();
    if (!current || current->isHidden() || !current->parent())
        m_tree->setCurrentItem(firstShown());
}

QStringList SymbolPalette::shownCodes() const
{
    QStringList codes;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* group = m_tree->topLevelItem(i);
        for (int c = 0; c < group->childCount(); ++c) {
            if (!group->child(c)->isHidden())
                codes << group->child(c)->data(0, CodeRole).toString();
        }
    }
    return codes;
}

QString SymbolPalette::currentCode() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, CodeRole).toString() : QString();
}

QMimeData* SymbolPalette::mimeData(const QString& code)
{
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(Graphics::Edits::PaletteMimeType), code.toUtf8());
    data->setText(code);
    return data;
}

bool SymbolPalette::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_PageDown) {
            if (QTreeWidgetItem* first = firstShown()) {
                QTreeWidgetItem* current = m_tree->currentItem();
                m_tree->setCurrentItem(
                    current && !current->isHidden() && current->parent() ? current : first);
                m_tree->setFocus();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SymbolPalette::activate(QTreeWidgetItem* item)
{
    const QString code = item ? item->data(0, CodeRole).toString() : QString();
    if (!code.isEmpty())
        Q_EMIT placeRequested(code);
}

QTreeWidgetItem* SymbolPalette::firstShown() const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        for (int c = 0; c < group->childCount(); ++c) {
            if (!group->child(c)->isHidden())
                return group->child(c);
        }
    }
    return nullptr;
}

} // namespace PumpWatch::Ui
