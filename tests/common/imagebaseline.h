// Render baselines, as QGIS checks its renderers: an image is compared with a committed PNG
// within a small tolerance (antialiasing and font hinting differ a little between machines), and
// on a mismatch the rendered image and a diff (differing pixels in red) are written next to the
// build's test output and named in the failure. PUMPWATCH_UPDATE_BASELINES=1 rewrites the
// baselines instead. Header-only, for tests.
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QString>

#include <algorithm>
#include <cstdlib>

namespace PumpWatch::Test {

struct ImageBaseline {
    int channelTolerance = 40;    ///< per colour channel, of 255
    double differingShare = 0.01; ///< of the image's pixels (at least 8) may differ

    static bool updating()
    {
        return qEnvironmentVariableIntValue("PUMPWATCH_UPDATE_BASELINES") == 1;
    }

    int allowed(QSize size) const
    {
        return std::max(8, int(size.width() * size.height() * differingShare));
    }

    /// Counts the pixels that differ by more than the tolerance; paints them red in `diff`.
    int compare(const QImage& actual, const QImage& expected, QImage* diff) const
    {
        *diff = QImage(actual.size(), QImage::Format_ARGB32);
        diff->fill(Qt::white);
        int differing = 0;
        for (int y = 0; y < actual.height(); ++y) {
            for (int x = 0; x < actual.width(); ++x) {
                const QRgb a = actual.pixel(x, y);
                const QRgb e = expected.pixel(x, y);
                const int d =
                    std::max({std::abs(qRed(a) - qRed(e)), std::abs(qGreen(a) - qGreen(e)),
                              std::abs(qBlue(a) - qBlue(e)), std::abs(qAlpha(a) - qAlpha(e))});
                const int g = 200 + qGray(e) / 5;
                diff->setPixel(x, y, d > channelTolerance ? qRgb(255, 0, 0) : qRgb(g, g, g));
                differing += d > channelTolerance ? 1 : 0;
            }
        }
        return differing;
    }

    /// Empty when `rendered` matches the PNG at `baseline` (or the baseline was rewritten);
    /// otherwise why not, naming the files written under `outputStem` (.png and _diff.png).
    QString check(const QImage& rendered, const QString& baseline, const QString& outputStem) const
    {
        const QImage actual = rendered.convertToFormat(QImage::Format_ARGB32);
        if (updating()) {
            QDir().mkpath(QFileInfo(baseline).path());
            return actual.save(baseline) ? QString() : QStringLiteral("cannot write ") + baseline;
        }
        const QImage expected(baseline);
        if (expected.isNull())
            return QStringLiteral("no baseline %1 (PUMPWATCH_UPDATE_BASELINES=1 writes it)")
                .arg(baseline);
        QImage diff;
        const int differing =
            expected.size() == actual.size()
                ? compare(actual, expected.convertToFormat(QImage::Format_ARGB32), &diff)
                : actual.width() * actual.height();
        if (differing <= allowed(actual.size()))
            return {};
        QDir().mkpath(QFileInfo(outputStem).path());
        actual.save(outputStem + QStringLiteral(".png"));
        if (!diff.isNull())
            diff.save(outputStem + QStringLiteral("_diff.png"));
        return QStringLiteral("%1 pixels differ from %2 (%3 allowed); rendered: %4.png, diff: "
                              "%4_diff.png")
            .arg(differing)
            .arg(baseline)
            .arg(allowed(actual.size()))
            .arg(outputStem);
    }
};

} // namespace PumpWatch::Test
