// The zh_CN translation installed as the workstation installs it, for as long as it lives: tests
// that assert what a Chinese user reads.
//
//     const PumpWatch::Test::Chinese chinese;
#pragma once

#include <QCoreApplication>
#include <QTranslator>

namespace PumpWatch::Test {

class Chinese {
public:
    Chinese()
    {
        if (!m_translator.load(QStringLiteral(":/i18n/pumpwatch_zh_CN.qm")))
            qFatal("no zh_CN translation in :/i18n");
        QCoreApplication::installTranslator(&m_translator);
    }
    ~Chinese() { QCoreApplication::removeTranslator(&m_translator); }
    Chinese(const Chinese&) = delete;
    Chinese& operator=(const Chinese&) = delete;

private:
    QTranslator m_translator;
};

} // namespace PumpWatch::Test
