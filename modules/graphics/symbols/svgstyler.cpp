#include "svgstyler.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cmath>

namespace PumpWatch::Graphics {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

// Sets `name` to `value` in `attrs`, keeping the attribute's position when it is present.
void setAttribute(QXmlStreamAttributes& attrs, const QString& name, const QString& value)
{
    for (QXmlStreamAttribute& a : attrs) {
        if (a.qualifiedName() == name) {
            a = QXmlStreamAttribute(name, value);
            return;
        }
    }
    attrs.append(name, value);
}

void setPaint(QXmlStreamAttributes& attrs, const QString& name, const QColor& colour)
{
    if (attrs.value(name) == QLatin1String("none"))
        return; // the author's "never painted" wins
    if (!colour.isValid()) {
        setAttribute(attrs, name, QStringLiteral("none"));
        return;
    }
    setAttribute(attrs, name, colour.name(QColor::HexRgb));
    if (colour.alpha() < 255)
        setAttribute(attrs, name + QStringLiteral("-opacity"), number(colour.alphaF()));
}

void applyStyle(QXmlStreamAttributes& attrs, const PartStyle& s, bool blinkOn)
{
    setPaint(attrs, QStringLiteral("fill"), s.blink && !blinkOn ? QColor() : s.fill);
    setPaint(attrs, QStringLiteral("stroke"), s.stroke);
    setAttribute(attrs, QStringLiteral("stroke-width"), number(s.strokeWidth));
    if (!s.dash.empty()) {
        QStringList dash;
        for (double d : s.dash)
            dash << number(d);
        setAttribute(attrs, QStringLiteral("stroke-dasharray"), dash.join(QLatin1Char(',')));
    }
    setAttribute(attrs, QStringLiteral("display"),
                 s.visible ? QStringLiteral("inline") : QStringLiteral("none"));
}

void applyLevel(QXmlStreamAttributes& attrs, double level)
{
    if (std::isnan(level)) {
        setAttribute(attrs, QStringLiteral("display"), QStringLiteral("none"));
        return;
    }
    const double l = std::clamp(level, 0.0, 1.0);
    const double y = attrs.value(QLatin1String("y")).toDouble();
    const double h = attrs.value(QLatin1String("height")).toDouble();
    setAttribute(attrs, QStringLiteral("y"), number(y + h * (1.0 - l)));
    setAttribute(attrs, QStringLiteral("height"), number(h * l));
}

} // namespace

QByteArray styleSvg(const QByteArray& svg, const SvgStyleRequest& request, QString* error)
{
    QByteArray out;
    QXmlStreamReader reader(svg);
    reader.setNamespaceProcessing(false); // xmlns stays a plain attribute, copied as is
    QXmlStreamWriter writer(&out);
    int replacingDepth = 0; // > 0 while inside the text part whose content is replaced
    int depth = 0;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartDocument:
            writer.writeStartDocument();
            break;
        case QXmlStreamReader::StartElement: {
            ++depth;
            QXmlStreamAttributes attrs = reader.attributes();
            const QString id = attrs.value(QLatin1String("id")).toString();
            if (!id.isEmpty()) {
                if (const auto s = request.parts.constFind(id); s != request.parts.cend())
                    applyStyle(attrs, *s, request.blinkOn);
                if (id == request.levelPart)
                    applyLevel(attrs, request.level);
            }
            writer.writeStartElement(reader.qualifiedName().toString());
            for (const QXmlStreamAttribute& a : attrs)
                writer.writeAttribute(a.qualifiedName().toString(), a.value().toString());
            if (!id.isEmpty() && id == request.textPart) {
                writer.writeCharacters(request.text);
                replacingDepth = depth;
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (replacingDepth == depth)
                replacingDepth = 0;
            --depth;
            writer.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            if (replacingDepth == 0 && !reader.isWhitespace())
                writer.writeCharacters(reader.text().toString());
            break;
        default: // comments, processing instructions, DTD: not needed to render
            break;
        }
    }
    if (reader.hasError()) {
        if (error)
            *error =
                QStringLiteral("line %1: %2").arg(reader.lineNumber()).arg(reader.errorString());
        return {};
    }
    writer.writeEndDocument();
    return out;
}

} // namespace PumpWatch::Graphics
