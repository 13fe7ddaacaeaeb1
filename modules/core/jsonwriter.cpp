#include "jsonwriter.h"

#include <charconv>
#include <cmath>

namespace PumpWatch {

void JsonWriter::newline(std::size_t depth)
{
    m_out += '\n';
    m_out.append(static_cast<qsizetype>(depth * 4), ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_stack.empty())
        return;
    Level& level = m_stack.back();
    if (level.count++ > 0)
        m_out += level.layout == Inline ? ", " : ",";
    if (level.layout == Block)
        newline(m_stack.size());
}

void JsonWriter::begin(char bracket, bool isArray, Layout layout)
{
    beforeValue();
    // A block inside an inline container would break the line layout; keep it inline.
    if (!m_stack.empty() && m_stack.back().layout == Inline)
        layout = Inline;
    m_out += bracket;
    m_stack.push_back({isArray, layout, 0});
}

void JsonWriter::end(char bracket)
{
    const Level level = m_stack.back();
    m_stack.pop_back();
    if (level.layout == Block && level.count > 0)
        newline(m_stack.size());
    m_out += bracket;
}

void JsonWriter::beginObject(Layout layout)
{
    begin('{', false, layout);
}
void JsonWriter::endObject()
{
    end('}');
}
void JsonWriter::beginArray(Layout layout)
{
    begin('[', true, layout);
}
void JsonWriter::endArray()
{
    end(']');
}

void JsonWriter::key(const char* name)
{
    beforeValue();
    m_out += '"';
    m_out += name;
    m_out += "\": ";
    m_afterKey = true;
}

void JsonWriter::value(QStringView text)
{
    beforeValue();
    m_out += '"';
    qsizetype runStart = 0; // characters that need no escape go out as one UTF-8 run
    const auto flush = [&](qsizetype end) { m_out += text.mid(runStart, end - runStart).toUtf8(); };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u >= 0x20 && u != u'"' && u != u'\\')
            continue;
        flush(i);
        runStart = i + 1;
        switch (u) {
        case u'"':
            m_out += "\\\"";
            break;
        case u'\\':
            m_out += "\\\\";
            break;
        case u'\n':
            m_out += "\\n";
            break;
        case u'\r':
            m_out += "\\r";
            break;
        case u'\t':
            m_out += "\\t";
            break;
        default:
            m_out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        }
    }
    flush(text.size());
    m_out += '"';
}

void JsonWriter::value(double number)
{
    if (!std::isfinite(number)) {
        null();
        return;
    }
    beforeValue();
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    m_out.append(buffer, result.ptr - buffer);
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out += QByteArray::number(number);
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
}

void JsonWriter::null()
{
    beforeValue();
    m_out += "null";
}

QByteArray JsonWriter::finish()
{
    m_out += '\n';
    return std::move(m_out);
}

} // namespace PumpWatch
