// exportScene(): a QGraphicsScene written to a file — PNG, SVG or PDF, chosen by the suffix —
// for a drawing sent by mail, pasted into a report or printed for a pump-house wall.
//
//   .png  the source rectangle at 2× (readable when zoomed), on the scene's background brush
//   .svg  QSvgGenerator: vector, titled, viewBox = the source rectangle (symbols and images
//         arrive as embedded pictures, pipes and text as vectors)
//   .pdf  QPdfWriter at 300 dpi on a landscape (or portrait, for a tall canvas) A4 page, the
//         canvas fitted inside 10 mm margins, keeping its aspect
//
// Renders with QGraphicsScene::render(): whatever the scene's items paint now (a live station
// graphic exports the values it shows). GUI thread only, like the scene. The error names the
// file ("/tmp/x.pdf: cannot write: …").
//
//     QString error;
//     if (!exportScene(*graphic->scene(), graphic->sceneRect(), path, &error))
//         QMessageBox::warning(this, tr("Export"), error);
#pragma once

#include <QRectF>
#include <QString>

class QGraphicsScene;

namespace PumpWatch::Ui {

/// Writes `source` (scene coordinates) of `scene` to `path`; the format follows the suffix
/// (.png, .svg, .pdf; any case). `title` goes into the SVG's and PDF's metadata (empty: the
/// file's base name). False and `error` set when the suffix is unknown or the file cannot be
/// written.
bool exportScene(QGraphicsScene& scene, const QRectF& source, const QString& path, QString* error,
                 const QString& title = {});

/// The file dialog's filters for the three formats ("PNG image (*.png)", …), translated.
QStringList sceneExportFilters();

} // namespace PumpWatch::Ui
