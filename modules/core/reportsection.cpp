#include "reportsection.h"

#include "alarmreader.h"
#include "jsonwriter.h"
#include "projectreader_p.h"

#include <QJsonArray>

#include <algorithm>

namespace PumpWatch::ProjectJson {

namespace {

/// "08:00" → 480; "24:00" only as an end. nullopt for anything else.
std::optional<int> parseMinute(const QString& text, bool end)
{
    const auto minute = parseMinuteOfDay(text);
    if (!minute || (*minute == 24 * 60 && !end))
        return std::nullopt;
    return minute;
}

TariffSeason readSeason(Context& ctx, const QJsonObject& o, const QString& path)
{
    Node n(ctx, o, path, {"months", "periods"});
    TariffSeason season;
    const QJsonArray months = n.array("months", true);
    for (qsizetype i = 0; i < months.size(); ++i) {
        const int m = months[i].toInt(0);
        if (!months[i].isDouble() || m < 1 || m > 12)
            ctx.error(index(n.path("months"), i),
                      ProjectReader::tr("expected a month from 1 to 12"));
        else
            season.months.push_back(m);
    }
    const QJsonArray periods = n.array("periods", true);
    int expected = 0;
    for (qsizetype i = 0; i < periods.size(); ++i) {
        const QString p = index(n.path("periods"), i);
        const QJsonArray a = periods[i].toArray();
        const auto from = parseMinute(a.at(0).toString(), false);
        const auto to = parseMinute(a.at(1).toString(), true);
        const auto cls = parseTariffClass(a.at(2).toString());
        if (!periods[i].isArray() || a.size() != 3 || !from || !to || !cls) {
            ctx.error(p, ProjectReader::tr("expected [\"hh:mm\", \"hh:mm\", class] with a class "
                                           "of deep, valley, flat, peak or sharp"));
            continue;
        }
        if (*from % 30 != 0 || *to % 30 != 0)
            ctx.error(p, ProjectReader::tr("tariff periods start and end on the hour or the "
                                           "half hour"));
        if (*from != expected)
            ctx.error(p, ProjectReader::tr("expected the period to start at %1, where the one "
                                           "before ends")
                             .arg(minuteOfDayText(expected)));
        if (*to <= *from)
            ctx.error(p, ProjectReader::tr("the period ends before it starts"));
        season.periods.push_back({*from, *to, *cls});
        expected = *to;
    }
    if (!periods.isEmpty() && expected != 24 * 60)
        ctx.error(n.path("periods"), ProjectReader::tr("the periods end at %1, not at 24:00")
                                         .arg(minuteOfDayText(expected)));
    return season;
}

TariffSchedule readTariff(Context& ctx, const QJsonObject& o, const QString& path)
{
    Node n(ctx, o, path, {"id", "name", "document", "from", "to", "prices", "seasons"});
    TariffSchedule t;
    t.id = n.string("id", true).value_or(QString());
    t.name = n.string("name").value_or(t.id);
    t.document = n.string("document").value_or(QString());
    const auto date = [&](const char* key, bool required) {
        const auto text = n.string(key, required);
        if (!text)
            return QDate();
        const QDate d = QDate::fromString(*text, Qt::ISODate);
        if (!d.isValid())
            ctx.error(n.path(key), ProjectReader::tr("expected a date like 2023-01-01"));
        return d;
    };
    t.from = date("from", true);
    t.to = date("to", false);
    if (t.from.isValid() && t.to.isValid() && t.to <= t.from)
        ctx.error(n.path("to"), ProjectReader::tr("the tariff ends before it starts"));
    if (const auto prices = n.object("prices")) {
        Node pn(ctx, *prices, n.path("prices"), {"deep", "valley", "flat", "peak", "sharp"});
        for (int c = 0; c < TariffClassCount; ++c) {
            const QByteArray code = tariffClassCode(TariffClass(c)).toLatin1();
            if (const auto price = pn.number(code.constData())) {
                if (*price < 0)
                    ctx.error(pn.path(code.constData()),
                              ProjectReader::tr("a price cannot be negative"));
                t.prices[c] = *price;
            }
        }
    }
    std::array<QString, 13> monthSeason;
    n.forEachObject("seasons", true, [&](const QJsonObject& so, const QString& sp) {
        t.seasons.push_back(readSeason(ctx, so, sp));
        for (int m : t.seasons.back().months) {
            if (!monthSeason[m].isEmpty())
                ctx.error(
                    sp + QStringLiteral(".months"),
                    ProjectReader::tr("month %1 is already in %2").arg(m).arg(monthSeason[m]));
            monthSeason[m] = sp;
        }
    });
    for (int m = 1; m <= 12; ++m) {
        if (monthSeason[m].isEmpty() && !t.seasons.empty())
            ctx.error(n.path("seasons"), ProjectReader::tr("month %1 is in no season").arg(m));
    }
    return t;
}

ReportSchedule readSchedule(Context& ctx, const QJsonObject& o, const QString& path)
{
    Node n(ctx, o, path, {"report", "tag", "at", "day", "graceMinutes", "folder", "formats"});
    ReportSchedule s;
    if (const auto code = n.string("report", true)) {
        if (const auto report = parseScheduledReport(*code))
            s.report = *report;
        else
            ctx.error(n.path("report"),
                      ProjectReader::tr("expected production-day, production-month or daily, "
                                        "found \"%1\"")
                          .arg(*code));
    }
    const bool daily = s.report == ScheduledReport::Daily;
    if (const auto tag = n.string("tag", daily)) {
        if (!daily && s.report != ScheduledReport::Invalid)
            ctx.error(n.path("tag"), ProjectReader::tr("only a daily report is of one tag"));
        else if (tag->isEmpty())
            ctx.error(n.path("tag"), ProjectReader::tr("expected a tag key like outlet_pressure"));
        s.tag = *tag;
    }
    if (const auto at = n.string("at", true)) {
        if (const auto minute = parseMinute(*at, false))
            s.atMinute = *minute;
        else
            ctx.error(n.path("at"),
                      ProjectReader::tr("expected a time like \"08:30\", found \"%1\"").arg(*at));
    }
    if (const auto day = n.integer("day", 1, 28)) {
        if (s.report != ScheduledReport::ProductionMonth && s.report != ScheduledReport::Invalid)
            ctx.error(n.path("day"), ProjectReader::tr("only a monthly report has a day"));
        s.dayOfMonth = int(*day);
    }
    if (const auto grace = n.integer("graceMinutes", 0, 7 * 24 * 60))
        s.graceMinutes = int(*grace);
    if (const auto folder = n.string("folder")) {
        if (folder->trimmed().isEmpty())
            ctx.error(n.path("folder"), ProjectReader::tr("expected a folder"));
        else
            s.folder = *folder;
    }
    if (n.has("formats")) {
        s.formats.clear();
        const QJsonArray formats = n.array("formats");
        for (qsizetype i = 0; i < formats.size(); ++i) {
            const QString f = formats[i].toString();
            const QStringList known{QStringLiteral("xlsx"), QStringLiteral("csv"),
                                    QStringLiteral("pdf"), QStringLiteral("odt")};
            if (!known.contains(f))
                ctx.error(index(n.path("formats"), i),
                          ProjectReader::tr("expected xlsx, csv, pdf or odt"));
            else if (s.formats.contains(f))
                ctx.error(index(n.path("formats"), i),
                          ProjectReader::tr("%1 is already listed").arg(f));
            else
                s.formats << f;
        }
        if (formats.isEmpty())
            ctx.error(n.path("formats"), ProjectReader::tr("expected at least one format"));
    }
    return s;
}

} // namespace

ReportSettings readReports(Context& ctx, const QJsonObject& object, const QString& path)
{
    Node n(ctx, object, path, {"dayStart", "production", "energy", "tariffs", "schedules"});
    ReportSettings r;
    if (const auto start = n.string("dayStart")) {
        const auto minute = parseMinute(*start, false);
        if (!minute || *minute % 60 != 0)
            ctx.error(n.path("dayStart"),
                      ProjectReader::tr("expected a whole hour like \"08:00\", found \"%1\"")
                          .arg(*start));
        else
            r.dayStartMinute = *minute;
    }
    r.productionTag = n.string("production").value_or(r.productionTag);
    r.energyTag = n.string("energy").value_or(r.energyTag);
    IdRegistry ids(ctx, ProjectReader::tr("tariff id"));
    n.forEachObject("tariffs", false, [&](const QJsonObject& o, const QString& p) {
        r.tariffs.push_back(readTariff(ctx, o, p));
        ids.add(r.tariffs.back().id, p + QStringLiteral(".id"));
    });
    std::stable_sort(
        r.tariffs.begin(), r.tariffs.end(),
        [](const TariffSchedule& a, const TariffSchedule& b) { return a.from < b.from; });
    for (size_t i = 1; i < r.tariffs.size(); ++i) {
        const TariffSchedule& before = r.tariffs[i - 1];
        if (!before.to.isValid() || before.to > r.tariffs[i].from)
            ctx.error(n.path("tariffs"),
                      ProjectReader::tr("tariff '%1' is still in force when '%2' starts")
                          .arg(before.id, r.tariffs[i].id));
    }
    // Two schedules of one name would share their run log and their files.
    IdRegistry names(ctx, ProjectReader::tr("scheduled report"));
    n.forEachObject("schedules", false, [&](const QJsonObject& o, const QString& p) {
        r.schedules.push_back(readSchedule(ctx, o, p));
        if (r.schedules.back().report != ScheduledReport::Invalid)
            names.add(r.schedules.back().name(), p);
    });
    return r;
}

void writeReports(JsonWriter& w, const ReportSettings& r)
{
    const ReportSettings defaults;
    w.beginObject();
    if (r.dayStartMinute != defaults.dayStartMinute) {
        w.key("dayStart");
        w.value(minuteOfDayText(r.dayStartMinute));
    }
    if (r.productionTag != defaults.productionTag) {
        w.key("production");
        w.value(r.productionTag);
    }
    if (r.energyTag != defaults.energyTag) {
        w.key("energy");
        w.value(r.energyTag);
    }
    if (!r.tariffs.empty()) {
        w.key("tariffs");
        w.beginArray();
        for (const TariffSchedule& t : r.tariffs) {
            w.beginObject();
            w.key("id");
            w.value(t.id);
            if (t.name != t.id) {
                w.key("name");
                w.value(t.name);
            }
            if (!t.document.isEmpty()) {
                w.key("document");
                w.value(t.document);
            }
            w.key("from");
            w.value(t.from.toString(Qt::ISODate));
            if (t.to.isValid()) {
                w.key("to");
                w.value(t.to.toString(Qt::ISODate));
            }
            w.key("prices");
            w.beginObject(JsonWriter::Inline);
            for (int c = 0; c < TariffClassCount; ++c) {
                if (!t.prices[c])
                    continue;
                const QByteArray code = tariffClassCode(TariffClass(c)).toLatin1();
                w.key(code.constData());
                w.value(*t.prices[c]);
            }
            w.endObject();
            w.key("seasons");
            w.beginArray();
            for (const TariffSeason& s : t.seasons) {
                w.beginObject();
                w.key("months");
                w.beginArray(JsonWriter::Inline);
                for (int m : s.months)
                    w.value(m);
                w.endArray();
                w.key("periods");
                w.beginArray();
                for (const TariffPeriod& p : s.periods) {
                    w.beginArray(JsonWriter::Inline);
                    w.value(minuteOfDayText(p.fromMinute));
                    w.value(minuteOfDayText(p.toMinute));
                    w.value(tariffClassCode(p.tariffClass));
                    w.endArray();
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
    }
    if (!r.schedules.empty()) {
        const ReportSchedule scheduleDefaults;
        w.key("schedules");
        w.beginArray();
        for (const ReportSchedule& s : r.schedules) {
            w.beginObject(JsonWriter::Inline);
            w.key("report");
            w.value(scheduledReportCode(s.report));
            if (s.report == ScheduledReport::Daily) {
                w.key("tag");
                w.value(s.tag);
            }
            w.key("at");
            w.value(minuteOfDayText(s.atMinute));
            if (s.report == ScheduledReport::ProductionMonth) {
                w.key("day");
                w.value(s.dayOfMonth);
            }
            if (s.graceMinutes != scheduleDefaults.graceMinutes) {
                w.key("graceMinutes");
                w.value(s.graceMinutes);
            }
            if (s.folder != scheduleDefaults.folder) {
                w.key("folder");
                w.value(s.folder);
            }
            if (s.formats != scheduleDefaults.formats) {
                w.key("formats");
                w.beginArray(JsonWriter::Inline);
                for (const QString& f : s.formats)
                    w.value(f);
                w.endArray();
            }
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
}

} // namespace PumpWatch::ProjectJson
