#include "propertyedits.h"

#include <graphics/editing/drawingedits.h>

#include <QRegularExpression>

namespace PumpWatch::Ui::PropertyEdits {

namespace {

void renameIn(std::vector<Graphics::Element>& elements, const QString& from, const QString& to)
{
    for (Graphics::Element& e : elements) {
        if (e.id == from)
            e.id = to;
        if (e.from.element == from)
            e.from.element = to;
        if (e.to.element == from)
            e.to.element = to;
        renameIn(e.children, from, to);
    }
}

} // namespace

bool isValidId(const QString& id)
{
    static const QRegularExpression valid(
        QStringLiteral("^[A-Za-z_]([A-Za-z0-9_\\-]|\\{i(-1)?\\})*$"));
    return valid.match(id).hasMatch();
}

bool rename(Graphics::Drawing& d, const QString& from, const QString& to)
{
    if (from == to || !isValidId(to) || !Graphics::Edits::find(d, from) ||
        Graphics::Edits::find(d, to))
        return false;
    renameIn(d.elements, from, to);
    for (auto& [station, patch] : d.overrides) {
        for (Graphics::Override& o : patch) {
            if (o.element == from)
                o.element = to;
        }
    }
    return true;
}

} // namespace PumpWatch::Ui::PropertyEdits
