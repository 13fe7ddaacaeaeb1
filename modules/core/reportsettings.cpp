#include "reportsettings.h"

#include <algorithm>

namespace PumpWatch {

namespace {
struct ClassName {
    TariffClass tariffClass;
    const char* code;
    const char* displayName;
};
constexpr ClassName classNames[] = {
    {TariffClass::DeepValley, "deep", QT_TRANSLATE_NOOP("PumpWatch::Tariff", "deep valley")},
    {TariffClass::Valley, "valley", QT_TRANSLATE_NOOP("PumpWatch::Tariff", "valley")},
    {TariffClass::Flat, "flat", QT_TRANSLATE_NOOP("PumpWatch::Tariff", "flat")},
    {TariffClass::Peak, "peak", QT_TRANSLATE_NOOP("PumpWatch::Tariff", "peak")},
    {TariffClass::SharpPeak, "sharp", QT_TRANSLATE_NOOP("PumpWatch::Tariff", "sharp peak")},
};
} // namespace

QString tariffClassCode(TariffClass c)
{
    return QString::fromLatin1(classNames[static_cast<int>(c)].code);
}

std::optional<TariffClass> parseTariffClass(QStringView code)
{
    for (const ClassName& n : classNames) {
        if (code == QLatin1StringView(n.code))
            return n.tariffClass;
    }
    return std::nullopt;
}

QString tariffClassDisplayName(TariffClass c)
{
    return QCoreApplication::translate("PumpWatch::Tariff",
                                       classNames[static_cast<int>(c)].displayName);
}

namespace {
struct ScheduledName {
    ScheduledReport report;
    const char* code;
};
constexpr ScheduledName scheduledNames[] = {
    {ScheduledReport::ProductionDay, "production-day"},
    {ScheduledReport::ProductionMonth, "production-month"},
    {ScheduledReport::Daily, "daily"},
};
} // namespace

QString scheduledReportCode(ScheduledReport r)
{
    for (const ScheduledName& n : scheduledNames) {
        if (n.report == r)
            return QString::fromLatin1(n.code);
    }
    return {};
}

std::optional<ScheduledReport> parseScheduledReport(QStringView code)
{
    for (const ScheduledName& n : scheduledNames) {
        if (code == QLatin1StringView(n.code))
            return n.report;
    }
    return std::nullopt;
}

QString ReportSchedule::name() const
{
    const QString code = scheduledReportCode(report);
    return report == ScheduledReport::Daily ? code + u'-' + tag : code;
}

std::optional<TariffClass> TariffSchedule::classAt(int month, int minuteOfDay) const
{
    for (const TariffSeason& s : seasons) {
        if (std::find(s.months.begin(), s.months.end(), month) == s.months.end())
            continue;
        for (const TariffPeriod& p : s.periods) {
            if (minuteOfDay >= p.fromMinute && minuteOfDay < p.toMinute)
                return p.tariffClass;
        }
    }
    return std::nullopt;
}

bool TariffSchedule::hasHalfHours() const
{
    for (const TariffSeason& s : seasons) {
        for (const TariffPeriod& p : s.periods) {
            if (p.fromMinute % 60 != 0 || p.toMinute % 60 != 0)
                return true;
        }
    }
    return false;
}

const TariffSchedule* ReportSettings::tariffOn(QDate day) const
{
    for (const TariffSchedule& t : tariffs) {
        if (day >= t.from && (!t.to.isValid() || day < t.to))
            return &t;
    }
    return nullptr;
}

} // namespace PumpWatch
