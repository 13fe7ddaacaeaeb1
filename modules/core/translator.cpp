#include "translator.h"

#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

#include <vector>

namespace PumpWatch {
namespace {

/// The translators installed so far, removed again when the language changes.
std::vector<QPointer<QTranslator>>& installed()
{
    static std::vector<QPointer<QTranslator>> translators;
    return translators;
}

} // namespace

bool installTranslators(QCoreApplication& app, const QLocale& locale)
{
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed().emplace_back(qt);
    } else {
        delete qt;
    }
    auto* own = new QTranslator(&app);
    if (!own->load(locale, QStringLiteral("pumpwatch"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    installed().emplace_back(own);
    return true;
}

QLocale languageLocale(const QString& language)
{
    return language == u"en" ? QLocale(QLocale::English, QLocale::UnitedStates) : QLocale(language);
}

bool setUpLanguage(QCoreApplication& app, const QString& language)
{
    for (const QPointer<QTranslator>& t : installed()) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed().clear();
    const QLocale locale = languageLocale(language);
    QLocale::setDefault(locale);
    return locale.language() == QLocale::English || installTranslators(app, locale);
}

} // namespace PumpWatch
