#include "pdfunicode.h"

#include <QRawFont>
#include <QString>

namespace PumpWatch::Reports {

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// Replaces, from `from` to the end of the line at `end`, every <XXXX> radical code.
void unifyCodes(QByteArray& pdf, qsizetype from, qsizetype end,
                const QHash<char16_t, char16_t>& ideographs)
{
    for (qsizetype i = from; i + 5 < end; ++i) {
        if (pdf[i] != '<' || pdf[i + 5] != '>')
            continue;
        int code = 0;
        for (int k = 1; k <= 4 && code >= 0; ++k) {
            const int d = hexDigit(pdf[i + k]);
            code = d < 0 ? -1 : code * 16 + d;
        }
        if (code < 0x2E80 || code > 0x2FDF)
            continue;
        const auto ideograph = ideographs.constFind(static_cast<char16_t>(code));
        if (ideograph == ideographs.cend())
            continue;
        const QByteArray hex = QByteArray::number(*ideograph, 16).toUpper().rightJustified(4, '0');
        pdf.replace(i + 1, 4, hex);
        i += 5;
    }
}

/// Where the destination codes of a bfrange or bfchar line start: after its source codes.
qsizetype destinationOf(const QByteArray& pdf, qsizetype line, qsizetype end, int sources)
{
    qsizetype i = line;
    for (int n = 0; n < sources; ++n) {
        i = pdf.indexOf('>', i);
        if (i < 0 || i >= end)
            return -1;
        ++i;
    }
    return i;
}

} // namespace

QHash<char16_t, char16_t> ideographsOfRadicals(const QFont& font)
{
    const QRawFont raw = QRawFont::fromFont(font);
    const auto glyphsOf = [&](char16_t first, char16_t last) {
        QString text;
        for (char16_t c = first; c <= last; ++c)
            text.append(QChar(c));
        return std::pair(text, raw.glyphIndexesForString(text));
    };
    // The lowest ideograph of each glyph, as in the font's own reading order.
    QHash<quint32, char16_t> ideographOfGlyph;
    const auto [ideographs, ideographGlyphs] = glyphsOf(0x4E00, 0x9FFF);
    for (qsizetype i = ideographGlyphs.size() - 1; i >= 0; --i) {
        if (ideographGlyphs[i] != 0)
            ideographOfGlyph.insert(ideographGlyphs[i], ideographs[i].unicode());
    }
    QHash<char16_t, char16_t> map;
    const auto [radicals, radicalGlyphs] = glyphsOf(0x2E80, 0x2FDF);
    for (qsizetype i = 0; i < radicalGlyphs.size(); ++i) {
        const auto found = ideographOfGlyph.constFind(radicalGlyphs[i]);
        if (radicalGlyphs[i] != 0 && found != ideographOfGlyph.cend())
            map.insert(radicals[i].unicode(), *found);
    }
    return map;
}

QByteArray withUnifiedIdeographs(QByteArray pdf, const QHash<char16_t, char16_t>& ideographs)
{
    qsizetype pos = 0;
    while ((pos = pdf.indexOf("begincmap", pos)) >= 0) {
        const qsizetype stop = pdf.indexOf("endcmap", pos);
        if (stop < 0)
            break;
        int sources = 0; // 2 in a bfrange section, 1 in a bfchar one
        for (qsizetype line = pos; line < stop;) {
            qsizetype end = pdf.indexOf('\n', line);
            if (end < 0 || end > stop)
                end = stop;
            const QByteArray text = pdf.mid(line, end - line).trimmed();
            if (text.endsWith("beginbfrange"))
                sources = 2;
            else if (text.endsWith("beginbfchar"))
                sources = 1;
            else if (text.startsWith("endbf"))
                sources = 0;
            else if (sources > 0) {
                const qsizetype to = destinationOf(pdf, line, end, sources);
                // A range "<a> <b> <c>" maps a..b to c, c+1, …: a radical there would shift the
                // rest, so only arrays and single codes are repaired.
                const bool array = text.contains('[');
                const bool single =
                    sources == 1 || (text.count('<') == 3 && text.left(6) == text.mid(7, 6));
                if (to > 0 && (array || single))
                    unifyCodes(pdf, to, end, ideographs);
            }
            line = end + 1;
        }
        pos = stop;
    }
    return pdf;
}

} // namespace PumpWatch::Reports
