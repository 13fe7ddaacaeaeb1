// Installs PumpWatch's translations (from :/i18n, linked in with PumpWatch::Translations) and
// Qt's own (qtbase_*.qm from the Qt translations folder: Debian's qt6-translations-l10n) for
// `locale` into the application. Call once, in the main thread, before creating any
// user-visible text. Returns false when PumpWatch has no translation for the locale (English,
// the source language, needs none).
//
// setUpLanguage does the whole of a program's language: the translators of `language` ("en",
// "zh_CN", …) replace those of an earlier call, and the language's locale becomes the default,
// so Qt's own buttons and dialogs, month and day names and number formats follow it too.
//
//     PumpWatch::setUpLanguage(app, QStringLiteral("zh_CN")); // Cancel reads 取消, 十一月
#pragma once

#include <QCoreApplication>
#include <QLocale>

namespace PumpWatch {

bool installTranslators(QCoreApplication& app, const QLocale& locale);

/// The locale of the user interface language `language`; English (United States) for "en".
QLocale languageLocale(const QString& language);
/// Installs the translations of `language` (replacing any of an earlier call) and makes its
/// locale the default. Returns false when PumpWatch has no translation for it; true for
/// English, the source language, which needs none.
bool setUpLanguage(QCoreApplication& app, const QString& language);

} // namespace PumpWatch
