#include "reportfonts.h"

#include <QFontDatabase>
#include <QFontInfo>
#include <QLoggingCategory>

namespace PumpWatch::Reports {

namespace {
Q_LOGGING_CATEGORY(lcFonts, "pumpwatch.reports.fonts")
} // namespace

QString reportFontFamily()
{
    return QStringLiteral("Noto Sans CJK SC");
}

bool hasReportFont()
{
    return QFontDatabase::families().contains(reportFontFamily());
}

QFont reportFont(double pointSize, bool bold)
{
    QFont font(reportFontFamily());
    font.setFamilies({reportFontFamily()}); // what QTextDocument's ODF writer names
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    font.setStyleHint(QFont::SansSerif);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setKerning(false);
    if (!hasReportFont() || QFontInfo(font).family() != reportFontFamily())
        qCWarning(lcFonts) << "report font" << reportFontFamily()
                           << "is not installed (fonts-noto-cjk): Chinese may print as boxes";
    return font;
}

} // namespace PumpWatch::Reports
