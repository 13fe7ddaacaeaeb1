// TextSearch: finding a station the way a dispatcher types it — part of the name ("路口"), the
// pinyin initials ("amlk" for 澳门路口, or the start "am"), full pinyin ("aomen"), the station's
// code or id. Pinyin comes from ICU's Han-Latin transliteration (the "Names" variant, which reads
// 长/重/单 as surnames and places do), computed once per key, so matching is plain string work.
//
//     SearchKey key(u"澳门路口"_s, {u"S0001"_s, u"A"_s});
//     key.matches(u"AMLK");   // true; so do "am", "门路", "aomen", "s0001"
#pragma once

#include <QString>
#include <QStringList>

namespace PumpWatch {

/// "ao men lu kou" for 澳门路口: lower-case ASCII syllables, one per Han character; other
/// characters are kept as they are (lower-cased).
QStringList pinyinSyllables(const QString& text);

/// A key that sorts names the way people read them: Han characters by pinyin ("澳门" before
/// "北京"), numbers by value whether written in digits or Chinese numerals ("一号线" before
/// "二号线" before "十号线", "2号" before "10号"). Compare keys with plain string comparison.
QString collationKey(const QString& text);

class SearchKey {
public:
    SearchKey() = default;
    /// `name` gets pinyin; `others` (ids, codes) are matched as they are.
    explicit SearchKey(const QString& name, const QStringList& others = {});

    /// Case-insensitive: a substring of the name or of an other, a prefix or substring of the
    /// initials, or a prefix of the full pinyin (spaces ignored). An empty query matches.
    bool matches(const QString& query) const;
    const QString& initials() const { return m_initials; }

private:
    QString m_name;     ///< lower-case
    QString m_initials; ///< "amlk"
    QString m_full;     ///< "aomenlukou"
    QStringList m_others;
};

} // namespace PumpWatch
