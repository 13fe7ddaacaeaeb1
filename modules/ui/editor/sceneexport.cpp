#include "sceneexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace PumpWatch::Ui {
namespace {

class SceneExport {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Ui::SceneExport)

public:
    static constexpr double PngScale = 2.0;
    static constexpr int PdfDpi = 300;
    static constexpr double PdfMarginMm = 10.0;

    static bool fail(QString* error, const QString& path, const QString& why)
    {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, why);
        return false;
    }

    static bool png(QGraphicsScene& scene, const QRectF& source, const QString& path,
                    QString* error)
    {
        const QSize size = (source.size() * PngScale).toSize();
        if (size.isEmpty())
            return fail(error, path, tr("the drawing is empty"));
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter p(&image);
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                             QPainter::SmoothPixmapTransform);
            p.fillRect(image.rect(), scene.backgroundBrush().style() == Qt::NoBrush
                                         ? QBrush(Qt::white)
                                         : scene.backgroundBrush());
            scene.render(&p, QRectF(QPointF(0, 0), QSizeF(size)), source);
        }
        QImageWriter writer(path, "png");
        if (!writer.write(image))
            return fail(error, path, writer.errorString());
        return true;
    }

    static bool svg(QGraphicsScene& scene, const QRectF& source, const QString& path,
                    const QString& title, QString* error)
    {
        // QSvgGenerator reports no errors of its own: open the file ourselves to learn them.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(error, path, file.errorString());
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setTitle(title);
        generator.setDescription(tr("Process graphic exported by PumpWatch"));
        generator.setSize(source.size().toSize());
        generator.setViewBox(source);
        generator.setResolution(96);
        {
            QPainter p;
            if (!p.begin(&generator))
                return fail(error, path, tr("the SVG writer did not start"));
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            if (scene.backgroundBrush().style() != Qt::NoBrush)
                p.fillRect(source, scene.backgroundBrush());
            scene.render(&p, source, source);
        }
        if (file.error() != QFile::NoError)
            return fail(error, path, file.errorString());
        file.close();
        return true;
    }

    static bool pdf(QGraphicsScene& scene, const QRectF& source, const QString& path,
                    const QString& title, QString* error)
    {
        if (source.isEmpty())
            return fail(error, path, tr("the drawing is empty"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(error, path, file.errorString());
        QPdfWriter writer(&file);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("PumpWatch"));
        writer.setResolution(PdfDpi);
        const auto orientation =
            source.width() >= source.height() ? QPageLayout::Landscape : QPageLayout::Portrait;
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), orientation,
                        QMarginsF(PdfMarginMm, PdfMarginMm, PdfMarginMm, PdfMarginMm),
                        QPageLayout::Millimeter));
        {
            QPainter p;
            if (!p.begin(&writer))
                return fail(error, path, tr("the PDF writer did not start"));
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                             QPainter::SmoothPixmapTransform);
            // The printable area in device pixels; the canvas fitted in it, centred.
            const QRectF page(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
            QSizeF fitted = source.size();
            fitted.scale(page.size(), Qt::KeepAspectRatio);
            QRectF target(QPointF(0, 0), fitted);
            target.moveCenter(page.center());
            if (scene.backgroundBrush().style() != Qt::NoBrush)
                p.fillRect(target, scene.backgroundBrush());
            scene.render(&p, target, source);
        }
        if (file.error() != QFile::NoError)
            return fail(error, path, file.errorString());
        file.close();
        return true;
    }
};

} // namespace

QStringList sceneExportFilters()
{
    return {SceneExport::tr("PNG image (*.png)"), SceneExport::tr("SVG drawing (*.svg)"),
            SceneExport::tr("PDF document (*.pdf)")};
}

bool exportScene(QGraphicsScene& scene, const QRectF& source, const QString& path, QString* error,
                 const QString& title)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString name = title.isEmpty() ? QFileInfo(path).completeBaseName() : title;
    if (suffix == u"png")
        return SceneExport::png(scene, source, path, error);
    if (suffix == u"svg")
        return SceneExport::svg(scene, source, path, name, error);
    if (suffix == u"pdf")
        return SceneExport::pdf(scene, source, path, name, error);
    if (error)
        *error =
            SceneExport::tr("%1: cannot export to '.%2' files (png, svg or pdf)").arg(path, suffix);
    return false;
}

} // namespace PumpWatch::Ui
