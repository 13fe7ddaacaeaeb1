// The user-visible names of symbols and states. symbols.json carries each symbol's English and
// Chinese name; the English one is the translation source, listed here so that lupdate sees it
// (a test checks that the compiled translation agrees with the Chinese name in the JSON).
#include "symbollibrary.h"

#include <QCoreApplication>

namespace PumpWatch::Graphics {

namespace {

constexpr const char* kContext = "PumpWatch::Graphics::SymbolLibrary";

[[maybe_unused]] const char* const kSymbolNames[] = {
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Centrifugal pump"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Vertical multistage pump"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Motor"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "VFD cabinet"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Check valve"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Gate valve"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Butterfly valve"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Motorised valve"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Pressure-reducing valve"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Water tank"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Pressure tank"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Negative-pressure stabilising tank"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Instrument"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Energy meter"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Door sensor"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Flood sensor"),
};

struct StateName {
    const char* code;
    const char* name;
};

// Every state code a symbol may declare; "stale" is the overlay for old data.
const StateName kStates[] = {
    {"stopped", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Stopped")},
    {"running", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Running")},
    {"starting", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Starting")},
    {"fault", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Fault")},
    {"unknown", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Unknown")},
    {"closed", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Closed")},
    {"open", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Open")},
    {"travelling", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Travelling")},
    {"normal", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Normal")},
    {"alarm", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Alarm")},
    {"stale", QT_TRANSLATE_NOOP("PumpWatch::Graphics::SymbolLibrary", "Stale data")},
};

} // namespace

QString SymbolDef::displayName() const
{
    return QCoreApplication::translate(kContext, nameEn.toUtf8().constData());
}

QString SymbolLibrary::stateDisplayName(QStringView state)
{
    for (const StateName& s : kStates) {
        if (state == QLatin1String(s.code))
            return QCoreApplication::translate(kContext, s.name);
    }
    return state.toString();
}

QStringList SymbolLibrary::knownStates()
{
    QStringList out;
    for (const StateName& s : kStates)
        out << QLatin1String(s.code);
    return out;
}

} // namespace PumpWatch::Graphics
