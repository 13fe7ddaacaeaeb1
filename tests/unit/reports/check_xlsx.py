#!/usr/bin/env python3
"""Facts about an .xlsx file as openpyxl (a reader independent of libxlsxwriter) sees them,
printed as JSON for tst_report_export to compare with the report model.

    check_xlsx.py FILE

Per sheet: merged ranges, freeze panes, page setup, print titles, footer, column widths, and
every cell: its formula or value, the cached value of a formula (data_only), number format,
bold / italic / alignment, solid fill colour, comment - and, for a formula, its value
recomputed here from the cached values of the cells it names (SUM, AVERAGE, MAX, MIN); and the
cells whose own style in the file draws all four borders."""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import range_boundaries

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TOTAL = re.compile(r"^=(SUM|AVERAGE|MAX|MIN)\(([A-Z0-9:,]+)\)$")


def recompute(formula, cached_sheet):
    """The formula's value as Excel computes it: blanks and texts left out; None: not a plain
    total, or nothing to add up."""
    m = TOTAL.match(formula)
    if not m:
        return None
    numbers = []
    for ref in m.group(2).split(","):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        for row in cached_sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                          max_col=max_col, values_only=True):
            numbers += [v for v in row if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not numbers:
        return None
    return {"SUM": sum, "MAX": max, "MIN": min,
            "AVERAGE": lambda n: sum(n) / len(n)}[m.group(1)](numbers)


def bordered_cells(path, index):
    """Cells whose own style draws a border on every side, read from the XML itself: openpyxl
    gives a merged range's edge cells the anchor's borders on load, so it cannot tell whether
    the file has them (Excel draws each cell's own)."""
    with zipfile.ZipFile(path) as z:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        sheet = ET.fromstring(z.read(f"xl/worksheets/sheet{index + 1}.xml"))
    sides = ("left", "right", "top", "bottom")
    full = [all((b.find(MAIN + s) is not None and b.find(MAIN + s).get("style")) for s in sides)
            for b in styles.find(MAIN + "borders")]
    xf_full = [full[int(xf.get("borderId", "0"))] for xf in styles.find(MAIN + "cellXfs")]
    return sorted(c.get("r") for c in sheet.iter(MAIN + "c") if xf_full[int(c.get("s", "0"))])


def fill_colour(cell):
    fill = cell.fill
    if fill is None or fill.patternType != "solid":
        return None
    return fill.fgColor.rgb if isinstance(fill.fgColor.rgb, str) else None


def sheet_facts(ws, cached, bordered):
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            facts = {
                "value": c.value,
                "cached": cached[c.coordinate].value,
                "format": c.number_format,
                "bold": bool(c.font.b),
                "italic": bool(c.font.i),
                "align": c.alignment.horizontal,
                "fill": fill_colour(c),
                "comment": c.comment.text if c.comment else None,
            }
            if isinstance(c.value, str) and c.value.startswith("="):
                facts["recomputed"] = recompute(c.value, cached)
            cells[c.coordinate] = facts
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    return {
        "name": ws.title,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "orientation": setup.orientation,
        "paperSize": int(setup.paperSize) if setup.paperSize is not None else None,
        "fitToPage": bool(fit.fitToPage) if fit is not None else False,
        # absent: OOXML's default, 1 page
        "fitToWidth": int(setup.fitToWidth) if setup.fitToWidth is not None else 1,
        "fitToHeight": int(setup.fitToHeight) if setup.fitToHeight is not None else 1,
        "printTitleRows": ws.print_title_rows,
        "footer": ws.oddFooter.center.text,
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "maxRow": ws.max_row,
        "cells": cells,
        "bordered": bordered,
    }


def main():
    path = sys.argv[1]
    book = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    facts = {"sheets": [sheet_facts(ws, cached[ws.title], bordered_cells(path, i))
                        for i, ws in enumerate(book.worksheets)]}
    json.dump(facts, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
