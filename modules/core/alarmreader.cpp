#include "alarmreader.h"

#include "projectreader_p.h"

#include <QRegularExpression>

#include <algorithm>

namespace PumpWatch {
namespace {

constexpr const char* dayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int dayIndex(QStringView name)
{
    for (int i = 0; i < 7; ++i) {
        if (name.compare(QLatin1StringView(dayNames[i]), Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

bool isIdentifier(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(name).hasMatch();
}

} // namespace

std::optional<quint8> parseAlarmDays(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty() || t.compare(u"daily", Qt::CaseInsensitive) == 0)
        return quint8(0x7f);
    quint8 days = 0;
    for (QStringView part : t.split(u',')) {
        const QStringView p = part.trimmed();
        const qsizetype dash = p.indexOf(u'-');
        const int from = dayIndex(dash < 0 ? p : p.left(dash).trimmed());
        const int to = dash < 0 ? from : dayIndex(p.mid(dash + 1).trimmed());
        if (from < 0 || to < 0)
            return std::nullopt;
        for (int d = from;; d = (d + 1) % 7) { // "sat-mon" wraps over the week's end
            days |= quint8(1u << d);
            if (d == to)
                break;
        }
    }
    return days;
}

QString alarmDaysText(quint8 days)
{
    if ((days & 0x7f) == 0x7f)
        return QStringLiteral("daily");
    QStringList parts;
    for (int d = 0; d < 7;) {
        if (!(days & (1u << d))) {
            ++d;
            continue;
        }
        int end = d;
        while (end + 1 < 7 && (days & (1u << (end + 1))))
            ++end;
        const QString first = QLatin1StringView(dayNames[d]);
        if (end == d)
            parts << first;
        else if (end == d + 1)
            parts << first << QLatin1StringView(dayNames[end]);
        else
            parts << first + u'-' + QLatin1StringView(dayNames[end]);
        d = end + 1;
    }
    return parts.join(u',');
}

std::optional<int> parseMinuteOfDay(QStringView text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
    const auto m = re.match(text.trimmed().toString());
    if (!m.hasMatch())
        return std::nullopt;
    const int h = m.capturedView(1).toInt();
    const int min = m.capturedView(2).toInt();
    if (min > 59 || h > 24 || (h == 24 && min != 0))
        return std::nullopt;
    return h * 60 + min;
}

QString minuteOfDayText(int minute)
{
    return QStringLiteral("%1:%2")
        .arg(minute / 60, 2, 10, QLatin1Char('0'))
        .arg(minute % 60, 2, 10, QLatin1Char('0'));
}

namespace ProjectJson {
namespace {

/// Reads LL/L/H/HH/rate over `target`; null clears an inherited limit.
void readLimitValues(Node& n, LimitValues& target)
{
    const auto limit = [&](const char* key, std::optional<double>& value) {
        if (n.has(key) && n.isNull(key))
            value.reset();
        else if (const auto v = n.number(key))
            value = *v;
    };
    limit("LL", target.lowLow);
    limit("L", target.low);
    limit("H", target.high);
    limit("HH", target.highHigh);
    limit("rate", target.ratePerMinute);
}

double seconds(Context& ctx, Node& n, const char* key, double fallback)
{
    const auto v = n.number(key);
    if (!v)
        return fallback;
    if (*v < 0) {
        ctx.error(n.path(key), ProjectReader::tr("must not be negative"));
        return fallback;
    }
    return *v;
}

AlarmPeriod readPeriod(Context& ctx, const QJsonObject& o, const QString& path,
                       const LimitValues& base)
{
    Node n(ctx, o, path, {"from", "to", "days", "LL", "L", "H", "HH", "rate"});
    AlarmPeriod p;
    const auto minute = [&](const char* key, int& target) {
        if (const auto text = n.string(key, true)) {
            if (const auto m = parseMinuteOfDay(*text); m && *m < 1440 + (key[0] == 't'))
                target = *m % 1440;
            else
                ctx.error(n.path(key),
                          ProjectReader::tr("'%1' is not a time of day (HH:MM)").arg(*text));
        }
    };
    minute("from", p.fromMinute);
    minute("to", p.toMinute);
    if (const auto days = n.string("days")) {
        if (const auto parsed = parseAlarmDays(*days))
            p.days = *parsed;
        else
            ctx.error(n.path("days"),
                      ProjectReader::tr("'%1' is not a list of days (mon-fri, sat,sun, daily)")
                          .arg(*days));
    }
    p.limits = base;
    readLimitValues(n, p.limits);
    return p;
}

} // namespace

void readAlarm(Context& ctx, const QJsonObject& object, const QString& path, AlarmLimits& alarm)
{
    Node n(ctx, object, path,
           {"LL", "L", "H", "HH", "rate", "deadband", "enabled", "onDelay", "offDelay", "frozen",
            "range", "rangeTolerance", "rangeDelay", "rangeDeadband", "periods"});
    readLimitValues(n, alarm);
    alarm.deadband = n.number("deadband").value_or(alarm.deadband);
    alarm.enabled = n.boolean("enabled").value_or(alarm.enabled);
    alarm.onDelayS = seconds(ctx, n, "onDelay", alarm.onDelayS);
    alarm.offDelayS = seconds(ctx, n, "offDelay", alarm.offDelayS);
    alarm.frozenS = seconds(ctx, n, "frozen", alarm.frozenS);
    if (n.has("range")) {
        const QJsonArray range = n.array("range");
        if (n.isNull("range")) {
            alarm.rangeMin.reset();
            alarm.rangeMax.reset();
        } else if (range.size() != 2 || !range[0].isDouble() || !range[1].isDouble() ||
                   range[0].toDouble() >= range[1].toDouble()) {
            ctx.error(n.path("range"), ProjectReader::tr("expected [min, max] with min < max"));
        } else {
            alarm.rangeMin = range[0].toDouble();
            alarm.rangeMax = range[1].toDouble();
        }
    }
    // null goes back to the default (a station undoing its template's setting).
    const auto optional = [&](const char* key, std::optional<double>& target) {
        if (n.has(key) && n.isNull(key)) {
            target.reset();
        } else if (const auto v = n.number(key)) {
            if (*v < 0)
                ctx.error(n.path(key), ProjectReader::tr("must not be negative"));
            else
                target = *v;
        }
    };
    optional("rangeTolerance", alarm.rangeToleranceSet);
    optional("rangeDelay", alarm.rangeDelaySet);
    optional("rangeDeadband", alarm.rangeDeadbandSet);
    if (n.has("periods")) {
        alarm.periods.clear(); // a station's periods replace its template's
        n.forEachObject("periods", false, [&](const QJsonObject& po, const QString& pp) {
            alarm.periods.push_back(readPeriod(ctx, po, pp, alarm));
        });
    }
}

AlarmRule readAlarmRule(Context& ctx, const QJsonObject& object, const QString& path,
                        const Project& project)
{
    Node n(ctx, object, path,
           {"id", "name", "severity", "template", "stations", "tags", "constants", "window",
            "expression", "onDelay", "offDelay", "enabled"});
    AlarmRule r;
    r.id = n.string("id", true).value_or(QString());
    r.name = n.string("name").value_or(r.id);
    if (const auto severity = n.string("severity")) {
        if (*severity == u"critical" || *severity == u"warning")
            r.critical = *severity == u"critical";
        else
            ctx.error(
                n.path("severity"),
                ProjectReader::tr("'%1' is not a severity (warning, critical)").arg(*severity));
    }
    if (const auto t = n.string("template")) {
        r.templateId = *t;
        if (project.templateIndex(*t) < 0)
            ctx.error(n.path("template"), ProjectReader::tr("unknown template '%1'").arg(*t));
    }
    const QJsonArray stations = n.array("stations");
    for (qsizetype i = 0; i < stations.size(); ++i) {
        const QString id = stations[i].toString();
        // The project is not indexed yet while it is being read.
        if (std::none_of(project.stations.begin(), project.stations.end(),
                         [&](const Station& st) { return st.id == id; }))
            ctx.error(index(n.path("stations"), i),
                      ProjectReader::tr("unknown station '%1'").arg(id));
        r.stations << id;
    }
    if (const auto tags = n.object("tags", true)) {
        for (auto it = tags->constBegin(); it != tags->constEnd(); ++it) {
            const QString p = n.path("tags") + u'.' + it.key();
            if (!isIdentifier(it.key()))
                ctx.error(p, ProjectReader::tr("'%1' is not a variable name").arg(it.key()));
            else if (!it.value().isString() || it.value().toString().isEmpty())
                ctx.error(p, ProjectReader::tr("expected a tag key"));
            else
                r.tags.emplace_back(it.key(), it.value().toString());
        }
        if (tags->isEmpty())
            ctx.error(n.path("tags"), ProjectReader::tr("a rule needs at least one tag"));
    }
    if (const auto constants = n.object("constants")) {
        for (auto it = constants->constBegin(); it != constants->constEnd(); ++it) {
            const QString p = n.path("constants") + u'.' + it.key();
            if (!isIdentifier(it.key()))
                ctx.error(p, ProjectReader::tr("'%1' is not a variable name").arg(it.key()));
            else if (!it.value().isDouble())
                ctx.error(p, ProjectReader::tr("expected a number"));
            else
                r.constants.emplace_back(it.key(), it.value().toDouble());
        }
    }
    r.windowS = n.number("window").value_or(r.windowS);
    if (r.windowS <= 0)
        ctx.error(n.path("window"), ProjectReader::tr("must be greater than 0"));
    r.expression = n.string("expression", true).value_or(QString());
    r.onDelayS = seconds(ctx, n, "onDelay", r.onDelayS);
    r.offDelayS = seconds(ctx, n, "offDelay", r.offDelayS);
    r.enabled = n.boolean("enabled").value_or(r.enabled);
    return r;
}

} // namespace ProjectJson
} // namespace PumpWatch
