#include "fileversions.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimeZone>

#include <algorithm>

namespace PumpWatch {

namespace {

const QString IdFormat = QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'");

QDateTime idTime(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{8}T\\d{9}Z$"));
    if (!pattern.match(id).hasMatch())
        return {};
    QDateTime t = QDateTime::fromString(id.left(18), QStringLiteral("yyyyMMdd'T'HHmmsszzz"));
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QString suffixOf(const QString& file)
{
    const QString suffix = QFileInfo(file).suffix();
    return suffix.isEmpty() ? QString() : u'.' + suffix;
}

} // namespace

QString FileVersions::folder(const QString& file)
{
    const QFileInfo info(file);
    return info.absoluteDir().filePath(QStringLiteral(".versions/") + info.fileName());
}

std::vector<FileVersion> FileVersions::list(const QString& file)
{
    std::vector<FileVersion> versions;
    const QString suffix = suffixOf(file);
    const QDir dir(folder(file));
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QFileInfo& e : entries) {
        const QString name = e.fileName();
        if (!name.endsWith(suffix))
            continue;
        const QString id = name.chopped(suffix.size());
        const QDateTime replaced = idTime(id);
        if (!replaced.isValid())
            continue;
        versions.push_back({id, e.absoluteFilePath(), e.size(), replaced, e.lastModified()});
    }
    return versions; // QDir::Name: the ids are fixed-width times, so oldest first
}

std::optional<FileVersion> FileVersions::find(const QString& file, const QString& id)
{
    const QString suffix = suffixOf(file);
    const QString bare = id.endsWith(suffix) ? id.chopped(suffix.size()) : id;
    for (FileVersion& v : list(file)) {
        if (v.id == bare)
            return std::move(v);
    }
    return std::nullopt;
}

int FileVersions::prune(const QString& file, int keep)
{
    const std::vector<FileVersion> versions = list(file);
    int removed = 0;
    for (std::size_t i = 0; i + std::size_t(std::max(keep, 0)) < versions.size(); ++i)
        removed += QFile::remove(versions[i].path) ? 1 : 0;
    return removed;
}

int FileVersions::keepCount(const QString& file)
{
    // The folder above by name: it may be read before the file's own folder exists.
    const QString dir = QFileInfo(file).absolutePath();
    for (const QString& setting : {dir + QStringLiteral("/.versions/keep"),
                                   QDir::cleanPath(dir + QStringLiteral("/../.versions/keep"))}) {
        QFile f(setting);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        bool ok = false;
        const int n = f.read(32).trimmed().toInt(&ok);
        if (ok && n >= 0 && n <= 1000)
            return n;
    }
    return DefaultKeep;
}

bool FileVersions::setKeepCount(const QString& file, int keep, QString* error)
{
    const QString dir = QFileInfo(file).absoluteDir().filePath(QStringLiteral(".versions"));
    QSaveFile f(dir + QStringLiteral("/keep"));
    if (!QDir().mkpath(dir) || !f.open(QIODevice::WriteOnly) ||
        f.write(QByteArray::number(keep) + '\n') < 0 || !f.commit()) {
        *error = tr("%1 cannot be written: %2").arg(f.fileName(), f.errorString());
        return false;
    }
    return true;
}

bool FileVersions::preserve(const QString& file, QString* error, const QByteArray* next, int keep)
{
    if (keep < 0)
        keep = keepCount(file);
    if (keep == 0)
        return true;
    QFile current(file);
    if (!current.exists())
        return true;
    if (!current.open(QIODevice::ReadOnly)) {
        *error =
            tr("%1 cannot be read to keep it as a version: %2").arg(file, current.errorString());
        return false;
    }
    const QByteArray content = current.readAll();
    const QDateTime written = QFileInfo(file).lastModified();
    current.close();
    if (next && *next == content)
        return true;

    const QString dirPath = folder(file);
    if (!QDir().mkpath(dirPath)) {
        *error = tr("%1: the folder for its versions, %2, cannot be created").arg(file, dirPath);
        return false;
    }
    // Ids only grow, so that name order stays save order whatever the clock does.
    QDateTime at = QDateTime::currentDateTimeUtc();
    const std::vector<FileVersion> existing = list(file);
    if (!existing.empty() && existing.back().replaced >= at)
        at = existing.back().replaced.addMSecs(1);
    const QString path = QDir(dirPath).filePath(at.toString(IdFormat) + suffixOf(file));
    QSaveFile version(path);
    if (!version.open(QIODevice::WriteOnly) || version.write(content) != content.size() ||
        !version.commit()) {
        *error =
            tr("%1 cannot be kept as the version %2: %3").arg(file, path, version.errorString());
        return false;
    }
    QFile stamp(path);
    if (stamp.open(QIODevice::ReadWrite))
        stamp.setFileTime(written, QFileDevice::FileModificationTime);
    prune(file, keep);
    return true;
}

} // namespace PumpWatch
