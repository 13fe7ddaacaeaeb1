#!/usr/bin/env python3
"""Facts about an .xlsx file as openpyxl (a reader independent of libxlsxwriter) sees them,
printed as JSON for tst_report_export to compare with the report model.

    check_xlsx.py FILE

Per sheet: merged ranges, freeze panes, page setup, print titles, footer, column widths, and
every cell: its formula or value (a date as "2026-12-01 08:00:00") and the value's Python type,
the cached value of a formula (data_only), number format, bold / italic / alignment, solid fill
colour, comment - and, for a formula, its value recomputed here from the cached values of the
cells it names (SUM, AVERAGE, MAX, MIN); the cells whose own style in the file draws all four
borders; and the charts openpyxl found on the sheet: kind, anchor, titles, x axis number format
and bounds, each series' name, ranges and cached values. Top level: how each chart part of the
file draws blank cells (Excel's default, a gap, when it does not say)."""
import datetime
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

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


def rich_text(title):
    """The text of a chart or axis title, or None."""
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    return "".join(r.t for p in title.tx.rich.p for r in (p.r or []))


def data_ref(source):
    """A series' range formula and its cached points {index: value}."""
    if source is None:
        return None, None
    ref = source.numRef or getattr(source, "strRef", None)
    if ref is None:
        return None, None
    cache = getattr(ref, "numCache", None) or getattr(ref, "strCache", None)
    points = {str(p.idx): p.v for p in cache.pt} if cache is not None else None
    return ref.f, points


def chart_facts(chart):
    series = []
    for s in chart.series:
        categories, _ = data_ref(getattr(s, "xVal", None) or getattr(s, "cat", None))
        values, cached = data_ref(getattr(s, "yVal", None) or getattr(s, "val", None))
        name = s.tx.v if s.tx is not None and s.tx.v is not None else None
        series.append({"name": name, "categories": categories, "values": values,
                       "cached": cached})
    start = chart.anchor._from
    x_axis = chart.x_axis
    return {
        "type": chart.tagname,
        "anchor": get_column_letter(start.col + 1) + str(start.row + 1),
        "title": rich_text(chart.title),
        "yTitle": rich_text(chart.y_axis.title),
        "xFormat": x_axis.numFmt.formatCode if x_axis.numFmt is not None else None,
        "xMin": x_axis.scaling.min,
        "xMax": x_axis.scaling.max,
        "series": series,
    }


def blanks_as(path):
    """Per chart part: how blank cells are drawn."""
    chart_ns = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    with zipfile.ZipFile(path) as z:
        parts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
        result = {}
        for name in parts:
            element = ET.fromstring(z.read(name)).find(f"{chart_ns}chart/{chart_ns}dispBlanksAs")
            result[name] = element.get("val", "zero") if element is not None else "gap"
    return result


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return value


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
                "value": plain(c.value),
                "type": type(c.value).__name__,
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
        "charts": [chart_facts(c) for c in ws._charts],
    }


def main():
    path = sys.argv[1]
    book = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    facts = {"sheets": [sheet_facts(ws, cached[ws.title], bordered_cells(path, i))
                        for i, ws in enumerate(book.worksheets)],
             "blanksAs": blanks_as(path)}
    json.dump(facts, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
