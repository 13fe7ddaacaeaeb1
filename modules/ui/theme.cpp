#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace PumpWatch::Ui {

QString themeCode(ThemeKind kind)
{
    return kind == ThemeKind::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

ThemeKind parseTheme(QStringView code)
{
    return code == u"light" ? ThemeKind::Light : ThemeKind::Dark;
}

const StateColours& stateColours()
{
    static const StateColours colours;
    return colours;
}

void applyTheme(QApplication& app, ThemeKind kind)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    if (kind == ThemeKind::Dark) {
        const QColor window(0x26, 0x2b, 0x33);
        const QColor base(0x1c, 0x20, 0x26);
        const QColor text(0xe6, 0xe9, 0xee);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, QColor(0x23, 0x28, 0x30));
        p.setColor(QPalette::ToolTipBase, window);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x30, 0x36, 0x40));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::white);
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x64, 0xb5, 0xf6));
        p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x93, 0xa0));
        p.setColor(QPalette::Mid, QColor(0x3a, 0x41, 0x4c));
        p.setColor(QPalette::Dark, QColor(0x14, 0x17, 0x1c));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x78, 0x84));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x78, 0x84));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x78, 0x84));
    } else {
        p = app.style()->standardPalette();
        p.setColor(QPalette::Highlight, QColor(0x1e, 0x63, 0xb0));
        p.setColor(QPalette::AlternateBase, QColor(0xf2, 0xf5, 0xf8));
    }
    QApplication::setPalette(p);
    app.setStyleSheet(QStringLiteral("QDockWidget::title { padding: 4px; font-weight: bold; }"));
}

QColor stateColour(StationState state)
{
    const StateColours& c = stateColours();
    switch (state) {
    case StationState::Critical:
        return c.critical;
    case StationState::Warning:
        return c.warning;
    case StationState::Normal:
        return c.normal;
    case StationState::Stale:
        return c.staleText;
    case StationState::Offline:
    case StationState::Unknown:
        break;
    }
    return c.offline;
}

QColor stateTextColour(StationState state)
{
    return state == StationState::Warning ? stateColours().warningText : QColor(Qt::white);
}

void paintOfflineHatch(QPainter& painter, const QPainterPath& shape)
{
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QBrush(QColor(20, 20, 20, 150), Qt::BDiagPattern));
    painter.drawPath(shape);
    painter.restore();
}

} // namespace PumpWatch::Ui
