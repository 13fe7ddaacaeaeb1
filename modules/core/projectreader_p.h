// Reading project JSON: one file's diagnostics (Context), typed access to one object's members
// with each problem reported at its JSON path (Node), and duplicate-id detection (IdRegistry).
// Private to the project reader and its parts (projectreader.cpp, alarmreader.cpp).
#pragma once

#include "diagnostic.h"
#include "projectreader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <functional>
#include <optional>
#include <vector>

namespace PumpWatch::ProjectJson {

inline QString jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

inline QString join(const QString& path, QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

inline QString index(const QString& path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

/// Collects diagnostics for one file.
class Context {
public:
    explicit Context(QString file)
        : m_file(std::move(file))
    {}

    void error(const QString& path, const QString& message)
    {
        m_diagnostics.push_back({Diagnostic::Severity::Error, m_file, 0, 0, path, message});
    }
    void warning(const QString& path, const QString& message)
    {
        m_diagnostics.push_back({Diagnostic::Severity::Warning, m_file, 0, 0, path, message});
    }
    void syntaxError(int line, int column, const QString& message)
    {
        m_diagnostics.push_back({Diagnostic::Severity::Error, m_file, line, column, {}, message});
    }
    Diagnostics take() { return std::move(m_diagnostics); }
    bool hasErrors() const { return PumpWatch::hasErrors(m_diagnostics); }

private:
    QString m_file;
    Diagnostics m_diagnostics;
};

/// One JSON object being read: typed access to its members, each problem reported at its path.
class Node {
public:
    Node(Context& ctx, QJsonObject object, QString path, const std::vector<const char*>& known)
        : m_ctx(ctx)
        , m_object(std::move(object))
        , m_path(std::move(path))
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            const QString k = it.key();
            const bool isKnown = std::any_of(known.begin(), known.end(), [&](const char* name) {
                return QLatin1StringView(name) == k;
            });
            if (!isKnown)
                m_ctx.warning(m_path.isEmpty() ? k : m_path + u'.' + k,
                              ProjectReader::tr("unknown key, ignored"));
        }
    }

    const QString& path() const { return m_path; }
    QString path(const char* key) const { return join(m_path, QLatin1StringView(key)); }
    bool has(const char* key) const { return m_object.contains(QLatin1StringView(key)); }
    bool isNull(const char* key) const { return m_object.value(QLatin1StringView(key)).isNull(); }

    std::optional<QString> string(const char* key, bool required = false)
    {
        const QJsonValue v = member(key, required);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isString()) {
            wrongType(key, ProjectReader::tr("a string"), v);
            return std::nullopt;
        }
        return v.toString();
    }

    std::optional<double> number(const char* key, bool required = false)
    {
        const QJsonValue v = member(key, required);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isDouble()) {
            wrongType(key, ProjectReader::tr("a number"), v);
            return std::nullopt;
        }
        return v.toDouble();
    }

    std::optional<qint64> integer(const char* key, qint64 min, qint64 max, bool required = false)
    {
        const QJsonValue v = member(key, required);
        if (v.isUndefined())
            return std::nullopt;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || d < double(min) || d > double(max)) {
            m_ctx.error(path(key),
                        ProjectReader::tr("expected a whole number from %1 to %2, found %3")
                            .arg(min)
                            .arg(max)
                            .arg(v.isDouble() ? QString::number(d) : jsonTypeName(v)));
            return std::nullopt;
        }
        return static_cast<qint64>(d);
    }

    std::optional<bool> boolean(const char* key)
    {
        const QJsonValue v = member(key, false);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isBool()) {
            wrongType(key, ProjectReader::tr("true or false"), v);
            return std::nullopt;
        }
        return v.toBool();
    }

    std::optional<QJsonObject> object(const char* key, bool required = false)
    {
        const QJsonValue v = member(key, required);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isObject()) {
            wrongType(key, ProjectReader::tr("an object"), v);
            return std::nullopt;
        }
        return v.toObject();
    }

    QJsonArray array(const char* key, bool required = false)
    {
        const QJsonValue v = member(key, required);
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            wrongType(key, ProjectReader::tr("an array"), v);
            return {};
        }
        return v.toArray();
    }

    /// Calls `read(object, path)` for each element of the array `key`; non-objects are errors.
    void forEachObject(const char* key, bool required,
                       const std::function<void(const QJsonObject&, const QString&)>& read)
    {
        const QJsonArray items = array(key, required);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString p = index(path(key), i);
            if (!items[i].isObject())
                m_ctx.error(
                    p,
                    ProjectReader::tr("expected an object, found %1").arg(jsonTypeName(items[i])));
            else
                read(items[i].toObject(), p);
        }
    }

private:
    QJsonValue member(const char* key, bool required)
    {
        const QJsonValue v = m_object.value(QLatin1StringView(key));
        if (v.isUndefined() && required)
            m_ctx.error(path(key), ProjectReader::tr("required, missing"));
        return v;
    }

    void wrongType(const char* key, const QString& expected, const QJsonValue& found)
    {
        m_ctx.error(path(key),
                    ProjectReader::tr("expected %1, found %2").arg(expected, jsonTypeName(found)));
    }

    Context& m_ctx;
    QJsonObject m_object;
    QString m_path;
};

/// Remembers where each id was first used, to report duplicates with both places.
class IdRegistry {
public:
    IdRegistry(Context& ctx, QString what)
        : m_ctx(ctx)
        , m_what(std::move(what))
    {}
    bool add(const QString& id, const QString& path)
    {
        const auto it = m_first.constFind(id);
        if (it != m_first.constEnd()) {
            m_ctx.error(path,
                        ProjectReader::tr("duplicate %1 '%2' (first at %3)").arg(m_what, id, *it));
            return false;
        }
        m_first.insert(id, path);
        return true;
    }

private:
    Context& m_ctx;
    QString m_what;
    QHash<QString, QString> m_first;
};

} // namespace PumpWatch::ProjectJson
