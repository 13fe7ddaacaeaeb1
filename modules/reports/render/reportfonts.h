// The font every report renderer sets its text in: a CJK family named explicitly, so Chinese
// never comes out as tofu boxes on paper or in a PDF (a PDF embeds what the painter used, and
// Qt's own fallback may pick a font without Han glyphs). Needs a QGuiApplication; main thread.
//
//     QFont body = reportFont(9.0);               // Noto Sans CJK SC, 9 pt
//     QFont title = reportFont(16.0, true);
#pragma once

#include <QFont>
#include <QString>

namespace PumpWatch::Reports {

/// The family reports are set in (fonts-noto-cjk), whether or not it is installed.
QString reportFontFamily();
/// True when reportFontFamily() is installed; otherwise reportFont() falls back to the
/// system's sans serif, with a warning (Chinese may then render as boxes).
bool hasReportFont();
/// The report font at `pointSize`, unhinted so that text measures the same on every device.
QFont reportFont(double pointSize, bool bold = false);

} // namespace PumpWatch::Reports
