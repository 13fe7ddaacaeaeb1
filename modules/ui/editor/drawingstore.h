// DrawingStore: where the drawing editor reads the project's drawings and how it saves one —
// atomically (QSaveFile), in DrawingJson's deterministic form, audited; the file it replaces is
// kept first as a version (core/fileversions.h).
//
// A drawing is written to its own file when that is writable. A drawing compiled into the program
// (the demo's, ":/demo/graphics/…") or in a read-only place is written beside the project's save
// path instead ("<folder>/graphics/<id>.json"), and the project copy is written with its
// "graphics" entry pointing there (re-read from the file, like the alarm limits' save), so the
// workstation and the CLI open the saved drawing from then on; Services::projectPath follows.
// The project held in memory is not changed: graphicRefs() reads the entries as the file says
// now. GUI thread (it writes Services).
//
//     DrawingStore store(services);
//     if (!store.save(document, &error)) showError(error); // the document stays modified
#pragma once

#include "../services.h"

#include <graphics/drawinglibrary.h>

namespace PumpWatch::Graphics {
class DrawingDocument;
}

namespace PumpWatch::Ui {

class DrawingStore {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Ui::DrawingStore)

public:
    explicit DrawingStore(Services& services)
        : m_services(services)
    {}

    /// The project's drawing entries as its file lists them now (the project in memory when it
    /// has no file).
    std::vector<GraphicRef> graphicRefs() const;
    /// Every drawing of graphicRefs(), read.
    Graphics::DrawingLibrary library() const;
    /// Where save() writes `drawing`; empty when there is no place.
    QString targetFile(const Graphics::Drawing& drawing) const;
    /// Writes the document (and, when it moved, the project copy), audits it as the session's
    /// user ("drawing.save") and marks the document saved. False with the file and the reason in
    /// `error`: nothing already on disk is lost and the document stays modified.
    bool save(Graphics::DrawingDocument& document, QString* error);
    /// The audit's summary of the changes: "Move 2 elements; Bind …", at most `maxChars`.
    static QString summary(const QStringList& changes, int maxChars = 900);

private:
    bool pointProjectAt(const QString& id, const QString& file, QString* error);
    void audit(const QString& id, const QString& result, const QString& detail) const;

    Services& m_services;
};

/// True when `file` may be written in place (not a resource, not read-only).
bool isWritableDrawingFile(const QString& file);
/// True when `id` may name a drawing: it becomes a file name, so letters, digits, - and _ only
/// (nothing that could reach another folder or file).
bool isDrawingId(const QString& id);

} // namespace PumpWatch::Ui
