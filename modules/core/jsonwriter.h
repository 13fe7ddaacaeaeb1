// JsonWriter: writes JSON text in the order it is given, for files people read and edit.
//
// QJsonDocument sorts object keys, which puts "address" before "id"; a project file should read
// like the address table it came from. Containers are written either as blocks (one member per
// line, indented by four spaces) or inline (one line), chosen per container. Numbers use the
// shortest text that reads back to the same double. Not thread-safe; one writer per document.
//
//     JsonWriter w;
//     w.beginObject();
//     w.key("id"); w.value(u"S001");
//     w.key("location"); w.beginObject(JsonWriter::Inline);
//     w.key("lat"); w.value(27.7); w.endObject();
//     w.endObject();
//     QByteArray text = w.finish();   // {\n    "id": "S001",\n    "location": {"lat": 27.7}\n}\n
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace PumpWatch {

class JsonWriter {
public:
    enum Layout { Block, Inline };

    void beginObject(Layout layout = Block);
    void endObject();
    void beginArray(Layout layout = Block);
    void endArray();
    void key(const char* name);
    void value(QStringView text);
    void value(const char* utf8) { value(QString::fromUtf8(utf8)); }
    // Without these, string literals and pointers would silently pick value(bool).
    void value(const char16_t* text) { value(QStringView(text)); }
    void value(const QString& text) { value(QStringView(text)); }
    void value(const void*) = delete;
    void value(double number);
    void value(int number) { value(static_cast<qint64>(number)); }
    void value(qint64 number);
    void value(bool flag);
    void null();

    /// The document, ending with a newline.
    QByteArray finish();

private:
    struct Level {
        bool isArray;
        Layout layout;
        int count;
    };
    void beforeValue();
    void begin(char bracket, bool isArray, Layout layout);
    void end(char bracket);
    void newline(std::size_t depth);

    QByteArray m_out;
    std::vector<Level> m_stack;
    bool m_afterKey = false;
};

} // namespace PumpWatch
