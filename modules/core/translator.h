// Installs PumpWatch's translations (from :/i18n, linked in with PumpWatch::Translations) and
// Qt's own (qtbase_*.qm, when installed) for `locale` into the application. Call once, in the
// main thread, before creating any user-visible text. Returns false when PumpWatch has no
// translation for the locale (English, the source language, needs none).
#pragma once

#include <QCoreApplication>
#include <QLocale>

namespace PumpWatch {

bool installTranslators(QCoreApplication& app, const QLocale& locale);

} // namespace PumpWatch
