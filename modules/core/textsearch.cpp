#include "textsearch.h"

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
