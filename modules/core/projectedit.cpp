#include "projectedit.h"

#include "projectreader.h"
#include "projectwriter.h"
#include "tagcheck.h"

#include <algorithm>

namespace PumpWatch {

void setTagAlarm(Project& project, TagId tag, const AlarmLimits& alarm)
{
    Station& station = project.stations[static_cast<std::size_t>(project.stationIndexOfTag(tag))];
    const Device& device = project.deviceOfTag(tag);
    const int deviceIndex = static_cast<int>(&device - station.devices.data());
    const int position = static_cast<int>(tag - device.firstTag);
    const StationTemplate* tmpl =
        device.templateIndex >= 0
            ? &project.templates[static_cast<std::size_t>(device.templateIndex)]
            : nullptr;
    const int templateTags = tmpl ? static_cast<int>(tmpl->tags.size()) : 0;

    if (position >= templateTags) {
        // An extra tag of the station: the n-th extra tag of the device.
        int extra = position - templateTags;
        for (StationTag& st : station.tags) {
            if (st.device == deviceIndex && st.overrides < 0 && extra-- == 0) {
                st.def.alarm = alarm;
                break;
            }
        }
    } else {
        const auto it = std::find_if(station.tags.begin(), station.tags.end(), [&](const auto& st) {
            return st.device == deviceIndex && st.overrides == position;
        });
        const TagDef& base = tmpl->tags[static_cast<std::size_t>(position)];
        if (it != station.tags.end()) {
            it->def.alarm = alarm;
            if (it->def == base)
                station.tags.erase(it);
        } else if (base.alarm != alarm) {
            StationTag st{deviceIndex, position, base};
            st.def.alarm = alarm;
            station.tags.push_back(std::move(st));
        }
    }
    project.reindex();
}

bool ProjectEdit::saveTagAlarms(const QString& from, const QString& to,
                                std::span<const TagAlarmEdit> edits, QStringList* errors)
{
    errors->clear();
    ProjectLoad load = ProjectReader::readFile(from);
    if (!load.project) {
        *errors << tr("%1 cannot be read again, so nothing was saved:").arg(from)
                << toStrings(load.diagnostics).mid(0, 10);
        return false;
    }
    Project& project = *load.project;
    for (const TagAlarmEdit& edit : edits) {
        const TagId tag = project.findTag(edit.path);
        if (tag == InvalidTagId) {
            *errors << tr("%1: %2 is no longer in the project").arg(from, edit.path);
            continue;
        }
        setTagAlarm(project, tag, edit.alarm);
        const TagDef& def = project.tag(tag);
        for (const TagProblem& problem : TagCheck::check(def, project.deviceOfTag(tag).settings)) {
            *errors << tr("%1 %2 (%3): %4")
                           .arg(project.stationOfTag(tag).displayName(), def.name, edit.path,
                                problem.message);
        }
    }
    if (!errors->isEmpty())
        return false;
    QString error;
    if (!ProjectWriter::writeFile(project, to, &error)) {
        *errors << error;
        return false;
    }
    return true;
}

} // namespace PumpWatch
