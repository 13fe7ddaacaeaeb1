#include "drawingstore.h"

#include <core/fileversions.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <graphics/drawingjson.h>
#include <graphics/editing/drawingdocument.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace PumpWatch::Ui {

bool isDrawingId(const QString& id)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]*$"));
    return plain.match(id).hasMatch();
}

bool isWritableDrawingFile(const QString& file)
{
    if (file.isEmpty() || file.startsWith(u":/") || file.startsWith(u"qrc:"))
        return false;
    const QFileInfo info(file);
    if (info.exists())
        return info.isWritable();
    const QFileInfo folder(info.absolutePath());
    return folder.isDir() && folder.isWritable();
}

std::vector<GraphicRef> DrawingStore::graphicRefs() const
{
    if (!m_services.projectPath.isEmpty()) {
        const ProjectLoad load = ProjectReader::readFile(m_services.projectPath);
        if (load.project)
            return load.project->graphics;
    }
    return m_services.project.graphics;
}

Graphics::DrawingLibrary DrawingStore::library() const
{
    // The library reads only the project's drawing entries.
    Project refs;
    refs.graphics = graphicRefs();
    return Graphics::DrawingLibrary::load(refs);
}

QString DrawingStore::targetFile(const Graphics::Drawing& drawing) const
{
    if (isWritableDrawingFile(drawing.file))
        return QFileInfo(drawing.file).absoluteFilePath();
    if (m_services.projectSavePath.isEmpty() || !isDrawingId(drawing.id))
        return {};
    const QDir folder = QFileInfo(m_services.projectSavePath).absoluteDir();
    const QString file = folder.filePath(QStringLiteral("graphics/%1.json").arg(drawing.id));
    // Another drawing's file is never written over by a new one that happens to share its name.
    for (const GraphicRef& g : graphicRefs()) {
        if (g.id != drawing.id && QFileInfo(g.file).absoluteFilePath() == file)
            return {};
    }
    return file;
}

QString DrawingStore::summary(const QStringList& changes, int maxChars)
{
    QString text = changes.join(QStringLiteral("; "));
    if (text.size() <= maxChars)
        return text;
    // Whole commands only, then how many more.
    QString cut;
    int shown = 0;
    for (const QString& c : changes) {
        const QString next = cut.isEmpty() ? c : cut + QStringLiteral("; ") + c;
        if (next.size() > maxChars - 24)
            break;
        cut = next;
        ++shown;
    }
    return tr("%1; … %n more", nullptr, int(changes.size()) - shown).arg(cut);
}

bool DrawingStore::save(Graphics::DrawingDocument& document, QString* error)
{
    const Graphics::Drawing& drawing = document.drawing();
    if (!m_services.session.may(Action::EditGraphics)) {
        *error = tr("Saving a drawing requires the “Engineer” role");
        return false;
    }
    const QString file = targetFile(drawing);
    if (file.isEmpty()) {
        *error = tr("%1 cannot be saved: it is read-only and the project has no folder to save "
                    "a copy in")
                     .arg(drawing.file.isEmpty() ? drawing.id : drawing.file);
        return false;
    }
    if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
        *error = tr("%1 cannot be written: the folder cannot be created").arg(file);
        audit(drawing.id, *error, file);
        return false;
    }
    QString reason;
    // The drawing replaced is kept as a version first.
    const QByteArray text = Graphics::DrawingJson::write(drawing);
    if (!FileVersions::preserve(file, &reason, &text)) {
        *error = reason;
        audit(drawing.id, *error, file);
        return false;
    }
    if (!Graphics::DrawingJson::writeFile(drawing, file, &reason)) {
        *error = tr("%1 cannot be written: %2").arg(file, reason);
        audit(drawing.id, *error, file);
        return false;
    }
    const std::vector<GraphicRef> refs = graphicRefs();
    const auto ref = std::find_if(refs.begin(), refs.end(),
                                  [&](const GraphicRef& g) { return g.id == drawing.id; });
    const bool listed = ref != refs.end() && QFileInfo(ref->file).absoluteFilePath() == file;
    if (!listed && !pointProjectAt(drawing.id, file, error)) {
        audit(drawing.id, *error, file);
        return false;
    }
    const QString changes = summary(document.changesSinceSave());
    audit(drawing.id, QStringLiteral("ok"),
          changes.isEmpty() ? file : QStringLiteral("%1: %2").arg(file, changes));
    document.markSaved(file);
    return true;
}

bool DrawingStore::pointProjectAt(const QString& id, const QString& file, QString* error)
{
    if (m_services.projectPath.isEmpty() || m_services.projectSavePath.isEmpty()) {
        *error = tr("The drawing was written to %1, but the project has no file to list it in")
                     .arg(file);
        return false;
    }
    ProjectLoad load = ProjectReader::readFile(m_services.projectPath);
    if (!load.project) {
        *error = tr("The drawing was written to %1, but %2 cannot be read again to list it: %3")
                     .arg(file, m_services.projectPath,
                          toStrings(load.diagnostics).mid(0, 3).join(u'\n'));
        return false;
    }
    std::vector<GraphicRef>& graphics = load.project->graphics;
    const auto it = std::find_if(graphics.begin(), graphics.end(),
                                 [&](const GraphicRef& g) { return g.id == id; });
    if (it != graphics.end())
        it->file = file;
    else
        graphics.push_back({id, file});
    QString reason;
    if (!ProjectWriter::writeFile(*load.project, m_services.projectSavePath, &reason)) {
        *error = tr("The drawing was written to %1, but the project %2 cannot be written: %3")
                     .arg(file, m_services.projectSavePath, reason);
        return false;
    }
    m_services.projectPath = m_services.projectSavePath;
    return true;
}

void DrawingStore::audit(const QString& id, const QString& result, const QString& detail) const
{
    if (!m_services.history)
        return;
    const std::optional<User>& user = m_services.session.user();
    History::AuditEntry e;
    e.ms = m_services.clock.nowMs();
    e.user = user ? user->displayName : QString();
    e.login = user ? user->name : QString();
    e.role = user ? roleCode(user->role) : QString();
    e.action = QStringLiteral("drawing.save");
    e.target = id;
    e.result = result;
    e.detail = detail;
    m_services.history->journal({}, std::span(&e, 1));
}

} // namespace PumpWatch::Ui
