// Repairs the text of the PDFs Qt writes with CJK fonts. Qt's PDF engine (6.4) builds each
// embedded font's ToUnicode map from the font's cmap, taking the lowest code point that maps
// to a glyph; CJK fonts map a Kangxi radical and its ideograph to one glyph (⽔ U+2F54 and
// 水 U+6C34), so search, copy and pdftotext read radicals: "供排⽔公司⽇产量报表" matches no
// search for 水 or 日. Used by writePdf; internal to PumpWatch::ReportsRender.
#pragma once

#include <QByteArray>
#include <QHash>

class QFont;

namespace PumpWatch::Reports {

/// Radical → ideograph for every radical (U+2E80–U+2FDF) that `font` draws with the glyph of
/// a unified ideograph (U+4E00–U+9FFF), as Qt's engine confuses them.
QHash<char16_t, char16_t> ideographsOfRadicals(const QFont& font);

/// `pdf` with every radical of `ideographs` in its ToUnicode maps replaced by the ideograph.
/// The maps are plain text with fixed four-digit codes, so the file keeps its length and its
/// cross-reference offsets stay valid.
QByteArray withUnifiedIdeographs(QByteArray pdf, const QHash<char16_t, char16_t>& ideographs);

} // namespace PumpWatch::Reports
