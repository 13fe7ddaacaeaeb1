#include "textsearch.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace PumpWatch {

namespace {

/// ICU transliterators are expensive to build and not thread-safe to share: one per thread.
icu::Transliterator* hanToLatin()
{
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode error = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            "Han-Latin/Names; Latin-ASCII; Lower", UTRANS_FORWARD, error));
        return U_FAILURE(error) ? nullptr : std::move(made);
    }();
    return t.get();
}

bool isHan(QChar c)
{
    return c.script() == QChar::Script_Han;
}

/// 0–9 for a Chinese digit, 10/100/1000 for a unit, -1 otherwise.
int chineseNumeral(QChar c)
{
    static constexpr char16_t Digits[] = u"零一二三四五六七八九";
    for (int d = 0; d < 10; ++d) {
        if (c.unicode() == Digits[d])
            return d;
    }
    switch (c.unicode()) {
    case u'〇':
        return 0;
    case u'两':
        return 2;
    case u'十':
        return 10;
    case u'百':
        return 100;
    case u'千':
        return 1000;
    default:
        return -1;
    }
}

/// Numbers as fixed-width digits, so that "9" sorts before "10".
QString paddedNumber(qint64 n)
{
    return QStringLiteral("%1").arg(n, 9, 10, QLatin1Char('0'));
}

} // namespace

QStringList pinyinSyllables(const QString& text)
{
    QStringList out;
    icu::Transliterator* t = hanToLatin();
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        if (!isHan(c) || !t) {
            out << QString(c.toLower());
            continue;
        }
        icu::UnicodeString s(static_cast<UChar>(c.unicode()));
        t->transliterate(s);
        out << QString::fromUtf16(reinterpret_cast<const char16_t*>(s.getBuffer()), s.length())
                   .trimmed();
    }
    return out;
}

QString collationKey(const QString& text)
{
    // Numbers first (digits and Chinese numerals), then pinyin for the Han characters left.
    QString numbered;
    for (qsizetype i = 0; i < text.size();) {
        if (text[i].isDigit()) {
            qsizetype j = i;
            while (j < text.size() && text[j].isDigit())
                ++j;
            numbered += paddedNumber(text.mid(i, j - i).toLongLong());
            i = j;
            continue;
        }
        if (chineseNumeral(text[i]) >= 0) {
            qsizetype j = i;
            bool units = false;
            for (; j < text.size() && chineseNumeral(text[j]) >= 0; ++j)
                units = units || chineseNumeral(text[j]) >= 10;
            qint64 total = 0;
            if (!units) { // 八五: read digit by digit, 85
                for (qsizetype k = i; k < j; ++k)
                    total = total * 10 + chineseNumeral(text[k]);
            } else { // 二十三, 一百零五
                qint64 digit = -1;
                for (qsizetype k = i; k < j; ++k) {
                    const int n = chineseNumeral(text[k]);
                    if (n < 10) {
                        digit = n;
                    } else {
                        total += (digit < 0 ? 1 : digit) * n; // 十二: the 1 is implied
                        digit = -1;
                    }
                }
                total += std::max<qint64>(digit, 0);
            }
            numbered += paddedNumber(total);
            i = j;
            continue;
        }
        numbered += text[i];
        ++i;
    }
    return pinyinSyllables(numbered).join(QString()).remove(u' ');
}

SearchKey::SearchKey(const QString& name, const QStringList& others)
    : m_name(name.toLower())
{
    for (const QString& s : pinyinSyllables(name)) {
        if (s.isEmpty())
            continue;
        m_initials += s.front();
        m_full += s;
    }
    for (const QString& o : others)
        m_others << o.toLower();
}

bool SearchKey::matches(const QString& query) const
{
    const QString q = query.simplified().remove(u' ').toLower();
    if (q.isEmpty())
        return true;
    if (m_name.contains(q) || m_initials.contains(q) || m_full.startsWith(q))
        return true;
    for (const QString& o : m_others) {
        if (o.contains(q))
            return true;
    }
    return false;
}

} // namespace PumpWatch
