// The canvas and the side panels the drawing editor composes: EditorView, SymbolPalette,
// PropertiesPanel, LayersPanel.
#pragma once

#include "editorview.h"
#include "layerspanel.h"
#include "propertiespanel.h"
#include "symbolpalette.h"
