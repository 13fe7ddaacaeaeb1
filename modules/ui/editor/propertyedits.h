// PropertyEdits: the property edits of the properties panel that the document's named edits do
// not cover, as pure functions on a Drawing for DrawingDocument::apply — renaming an element
// (its pipe ends and the stations' overrides follow) — and the checks the panel makes first.
// Any thread.
#pragma once

#include <graphics/drawing.h>

namespace PumpWatch::Ui::PropertyEdits {

/// Whether `id` is a usable element id: a letter or '_' first, then letters, digits, '_', '-'
/// and the pump index "{i}".
bool isValidId(const QString& id);
/// Renames the element `from` (any depth) to `to`: pipe ends naming it and overrides of the
/// stations follow. False (nothing changed) when `from` is missing or `to` is taken or invalid.
bool rename(Graphics::Drawing& d, const QString& from, const QString& to);

} // namespace PumpWatch::Ui::PropertyEdits
