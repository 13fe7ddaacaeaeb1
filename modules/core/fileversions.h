// FileVersions: the earlier states of a file that is saved over — the project file and each
// drawing file. Before a save replaces `file`, preserve() copies what is there now into
//
//     <folder of file>/.versions/<file name>/<UTC yyyyMMddTHHmmsszzz>Z.<suffix>
//
// (e.g. /srv/zunyi/.versions/zunyi.json/20261207T031502117Z.json), written atomically, and
// deletes the oldest versions beyond the number to keep: 20, or the number in a file
// ".versions/keep" in the file's folder or the folder above it (so the drawings in
// <project>/graphics follow the project's). It is a file of the folder, not a project setting,
// so that every program that saves there — workstation, CLI, simulator — keeps the same number
// without reading the project first. The id is the UTC time of the save that replaced the
// content, in milliseconds; ids only grow (a clock set back or two saves in one millisecond take
// the newest id + 1 ms), so name order is save order and pruning never removes the newest ones.
// A version keeps the replaced file's modification time: when that content was written.
// Only files named like an id are ever listed or deleted. Stateless; any thread, but two
// processes saving the same file at the same moment may each prune the other's oldest version.
//
//     if (!FileVersions::preserve(path, &error, &newText)) return false;
//     QSaveFile … (the new content)
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace PumpWatch {

struct FileVersion {
    QString id;         ///< "20261207T031502117Z": when this content was replaced (UTC)
    QString path;       ///< the version's file
    qint64 size = 0;    ///< bytes
    QDateTime replaced; ///< the id as a time (UTC)
    QDateTime written;  ///< when the content was written (the replaced file's modification time)
};

class FileVersions {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::FileVersions)

public:
    static constexpr int DefaultKeep = 20;

    /// "<folder>/.versions/<file name>": where the versions of `file` are kept.
    static QString folder(const QString& file);
    /// How many versions of `file` are kept: the nearest ".versions/keep" (0 to 1000; 0 keeps
    /// none), else DefaultKeep.
    static int keepCount(const QString& file);
    /// Sets the number kept for the files of `file`'s folder (writes its ".versions/keep").
    static bool setKeepCount(const QString& file, int keep, QString* error);
    /// Keeps the current content of `file` as a version before it is replaced, then prunes to the
    /// newest `keep` (< 0: keepCount()). Nothing to do (true) when `file` does not exist yet,
    /// when `keep` is 0, or when `next` (the content about to be written, if given) equals the
    /// current content. False with `*error` naming the file when the version cannot be written:
    /// the caller should then not replace the file. A failed prune is not an error.
    static bool preserve(const QString& file, QString* error, const QByteArray* next = nullptr,
                         int keep = -1);
    /// Every version of `file`, oldest first.
    static std::vector<FileVersion> list(const QString& file);
    /// The version `id` of `file` ("20261207T031502117Z", with or without its suffix); nullopt
    /// when there is none.
    static std::optional<FileVersion> find(const QString& file, const QString& id);
    /// Deletes the oldest versions of `file` beyond `keep`; the number deleted.
    static int prune(const QString& file, int keep);
};

} // namespace PumpWatch
