#include "report.h"

#include <cmath>

namespace PumpWatch::Reports {

Cell Cell::label(const QString& text, CellRole role)
{
    Cell c;
    c.text = text;
    c.role = role;
    return c;
}

Cell Cell::number(double value, int decimals, CellFlags flags)
{
    Cell c;
    c.value = value;
    c.decimals = decimals;
    c.flags = flags;
    return c;
}

Cell Cell::blank(CellFlags flags)
{
    Cell c;
    c.flags = flags;
    return c;
}

Cell Cell::total(Formula::Kind kind, std::vector<CellRange> ranges, int decimals)
{
    Cell c;
    c.role = CellRole::Total;
    c.decimals = decimals;
    c.formula = {kind, std::move(ranges)};
    return c;
}

Cell Cell::at(const QDateTime& time, const QString& format, CellRole role)
{
    Cell c = label(time.toString(format), role);
    c.time = time;
    return c;
}

QString Cell::displayText() const
{
    if (!value)
        return text;
    // Round half away from zero at the cell's decimals, and never print "-0".
    const double scale = std::pow(10.0, decimals);
    double v = std::round(*value * scale) / scale;
    if (v == 0.0)
        v = 0.0;
    return QString::number(v, 'f', decimals);
}

const CellRange* Report::mergeAt(int row, int column) const
{
    for (const CellRange& m : merges) {
        if (row >= m.row && row < m.row + m.rows && column >= m.column &&
            column < m.column + m.columns)
            return &m;
    }
    return nullptr;
}

bool Report::isCovered(int row, int column) const
{
    const CellRange* m = mergeAt(row, column);
    return m && (m->row != row || m->column != column);
}

void Report::finish()
{
    for (auto& row : rows) {
        for (Cell& c : row) {
            if (c.formula.kind == Formula::None)
                continue;
            double sum = 0.0;
            double best = 0.0;
            int n = 0;
            CellFlags flags;
            for (const CellRange& r : c.formula.ranges) {
                for (int i = r.row; i < r.row + r.rows; ++i) {
                    for (int j = r.column; j < r.column + r.columns; ++j) {
                        const Cell& s = rows[i][j];
                        // A correction is the corrected cell's (green there); its totals
                        // simply add the corrected value.
                        flags |= s.flags & ~CellFlags(CellFlag::Corrected);
                        if (!s.value)
                            continue;
                        const double v = *s.value;
                        if (n == 0 || (c.formula.kind == Formula::Max && v > best) ||
                            (c.formula.kind == Formula::Min && v < best))
                            best = v;
                        sum += v;
                        ++n;
                    }
                }
            }
            // A total over missing cells is incomplete, not missing: it still adds what is there.
            if (flags & CellFlag::Missing) {
                flags &= ~CellFlags(CellFlag::Missing);
                flags |= CellFlag::Incomplete;
            }
            c.flags = flags;
            if (n == 0) {
                c.value.reset();
                continue;
            }
            switch (c.formula.kind) {
            case Formula::Sum:
                c.value = sum;
                break;
            case Formula::Average:
                c.value = sum / n;
                break;
            case Formula::Max:
            case Formula::Min:
                c.value = best;
                break;
            case Formula::None:
                break;
            }
        }
    }
}

QStringList Report::check() const
{
    QStringList problems;
    const int n = columnCount();
    for (int i = 0; i < rowCount(); ++i) {
        if (static_cast<int>(rows[i].size()) != n)
            problems << tr("row %1 has %2 cells, the report %3 columns")
                            .arg(i + 1)
                            .arg(rows[i].size())
                            .arg(n);
    }
    const auto inside = [&](const CellRange& r) {
        return r.row >= 0 && r.column >= 0 && r.rows > 0 && r.columns > 0 &&
               r.row + r.rows <= rowCount() && r.column + r.columns <= n;
    };
    for (size_t a = 0; a < merges.size(); ++a) {
        const CellRange& m = merges[a];
        if (!inside(m)) {
            problems << tr("merge %1 lies outside the grid").arg(a + 1);
            continue;
        }
        for (size_t b = a + 1; b < merges.size(); ++b) {
            const CellRange& o = merges[b];
            if (m.row < o.row + o.rows && o.row < m.row + m.rows &&
                m.column < o.column + o.columns && o.column < m.column + m.columns)
                problems << tr("merges %1 and %2 overlap").arg(a + 1).arg(b + 1);
        }
    }
    for (int i = 0; i < rowCount(); ++i) {
        for (int j = 0; j < static_cast<int>(rows[i].size()); ++j) {
            for (const CellRange& r : rows[i][j].formula.ranges) {
                if (!inside(r)) {
                    problems << tr("the total in row %1, column %2 adds cells outside the grid")
                                    .arg(i + 1)
                                    .arg(j + 1);
                    continue;
                }
                if (i >= r.row && i < r.row + r.rows && j >= r.column && j < r.column + r.columns)
                    problems
                        << tr("the total in row %1, column %2 adds itself").arg(i + 1).arg(j + 1);
            }
        }
    }
    return problems;
}

QString Report::flagText(CellFlags flags)
{
    QStringList words;
    if (flags & CellFlag::Missing)
        words << tr("no data");
    if (flags & CellFlag::Incomplete)
        words << tr("incomplete");
    if (flags & CellFlag::Estimated)
        words << tr("estimated");
    if (flags & CellFlag::Corrected)
        words << tr("corrected");
    if (flags & CellFlag::Reset)
        words << tr("meter reset");
    if (flags & CellFlag::Rollover)
        words << tr("meter rollover");
    if (flags & CellFlag::Replaced)
        words << tr("meter replaced");
    if (flags & CellFlag::Suspect)
        words << tr("suspect");
    return words.join(tr("; "));
}

} // namespace PumpWatch::Reports
