// The realtime link between pumpwatch-server and the workstations, over an MQTT broker: topics
// and messages (CBOR). One owner per fact: the server that holds a shard's lease publishes its
// stations' values and alarm state; workstations only read them and send requests.
//
//   pw/srv/<shard>               retained  the shard's active server: epoch, id (ServerState)
//   pw/srv/<shard>/<server>      retained  each server's presence, its Will says offline
//   pw/v/<shard>/<station>                 deltas: the station's changed tags (QoS 0, seq)
//   pw/s/<shard>/<station>       retained  snapshots: every tag of the station (QoS 1, seq)
//   pw/a/<shard>/<station>       retained  the station's live alarm records + the transitions
//                                          that made them (QoS 1, seq); "_system" for alarms of
//                                          no station
//   pw/c/<shard>/<station>       retained  the station's control objects as the server's control
//                                          service has them (select → operate → read-back)
//   pw/req/<client>/<shard>                requests; <client> is the workstation's broker login,
//                                          so the broker's ACL proves who sent it
//   pw/resp/<client>                       responses, by request id
//   pw/city/<station>, pw/city/alarms      the JSON mirror for a city platform
//
// Every message from a server carries its epoch (the shard's lease counter, docs/
// architecture.md § Several workstations): a receiver drops anything from an older epoch, so a
// frozen old leader that wakes up is ignored. Values and alarms carry a sequence number per
// station; a receiver that misses one asks for that station's snapshot again (resync).
// Tags travel as their offset within the station: server and workstation load the same project,
// and a snapshot carries the station's tag count so a mismatch is named, not misread.
#pragma once

#include <alarms/alarmtypes.h>
#include <core/realtimestore.h>

#include <QByteArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QString>

#include <control/controlservice.h>
#include <optional>
#include <span>
#include <vector>

namespace PumpWatch::Remote {

namespace Topic {
QByteArray server(const QString& shard);
QByteArray serverMember(const QString& shard, const QString& serverId);
QByteArray values(const QString& shard, const QString& station);
QByteArray snapshot(const QString& shard, const QString& station);
QByteArray alarms(const QString& shard, const QString& station); ///< empty station: _system
QByteArray controls(const QString& shard, const QString& station);
QByteArray request(const QString& client, const QString& shard);
QByteArray response(const QString& client);
QByteArray city(const QString& station); ///< empty station: pw/city/alarms

/// What a received topic is about.
struct Parsed {
    enum Kind : quint8 {
        Invalid,
        Server,
        ServerMember,
        Values,
        Snapshot,
        Alarms,
        Controls,
        Request,
        Response
    };
    Kind kind = Invalid;
    QString shard;
    QString name; ///< station ("" for _system), server id or client
};
Parsed parse(const QByteArray& topic);
inline constexpr char SystemStation[] = "_system";
} // namespace Topic

/// A station's comm state as the server's acquisition derives it.
struct LinkStatus {
    quint8 state = 0; ///< Acquisition::CommState
    qint64 sinceMs = 0;
    QString error;
    friend bool operator==(const LinkStatus&, const LinkStatus&) = default;
};

/// pw/v and pw/s: some (delta) or all (snapshot) tags of one station.
struct ValuesMessage {
    quint64 epoch = 0;
    quint64 seq = 0;
    qint64 ms = 0;        ///< when the server published it
    quint32 tagCount = 0; ///< the station's tags in the server's project (snapshots)
    LinkStatus status;
    std::vector<std::pair<quint32, TagValue>> values; ///< (offset within the station, value)
};

/// pw/a: the live records of one station after `changes`.
struct AlarmsMessage {
    quint64 epoch = 0;
    quint64 seq = 0;
    qint64 ms = 0;
    std::vector<Alarms::AlarmRecord> records;
    std::vector<Alarms::AlarmChange> changes; ///< what happened since seq - 1, in order
};

/// pw/c: the control objects of one station with their states.
struct ControlsMessage {
    quint64 epoch = 0;
    qint64 ms = 0;
    std::vector<std::pair<Control::ControlAddress, Control::ControlState>> states;
};

/// pw/srv/<shard> (the active server) and pw/srv/<shard>/<id> (each server's presence).
struct ServerState {
    QString serverId;
    quint64 epoch = 0;
    bool online = false;
    bool active = false;   ///< holds the shard's lease
    bool database = false; ///< its history database is reachable (control needs it)
    qint64 ms = 0;
    QStringList stations; ///< the stations it owns (active only)
};

/// A workstation's request to the server that owns the station.
struct Request {
    QString id;   ///< unique per request; a repeat gets the first answer, not a second action
    QString kind; ///< "ack", "ack-station", "shelve", "unshelve", "select", "operate", "cancel",
                  ///< "limits", "resync"
    QString login;
    QString name;
    quint8 role = 0; ///< core Role
    qint64 sentMs = 0;
    /// Never carried out after this: UTC ms on the server's clock, as the workstation estimates
    /// it from the server's live messages (sentMs likewise).
    qint64 expiresMs = 0;
    QCborMap args;
};

struct Response {
    QString id;
    bool ok = false;
    QString code; ///< "ok", "already", "expired", "refused", "not-active", "invalid", a Cause code
    QString message; ///< for the person who asked, in their language
    QString serverId;
    quint64 epoch = 0;
    qint64 ms = 0;
};

QByteArray encode(const ValuesMessage& m, bool snapshot);
QByteArray encode(const AlarmsMessage& m);
QByteArray encode(const ControlsMessage& m);
QByteArray encode(const ServerState& s);
QByteArray encode(const Request& r);
QByteArray encode(const Response& r);

/// nullopt and `error` for anything malformed (the sender is named by the caller).
std::optional<ValuesMessage> decodeValues(const QByteArray& payload, QString* error);
std::optional<AlarmsMessage> decodeAlarms(const QByteArray& payload, QString* error);
std::optional<ControlsMessage> decodeControls(const QByteArray& payload, QString* error);
std::optional<ServerState> decodeServerState(const QByteArray& payload, QString* error);
std::optional<Request> decodeRequest(const QByteArray& payload, QString* error);
std::optional<Response> decodeResponse(const QByteArray& payload, QString* error);

/// A short hash of a station's values (timestamp, value, quality of each tag in order): a
/// workstation and the server compare their states at the same sequence number with it.
QString valuesDigest(std::span<const TagValue> values);

/// An alarm record's identity that survives a failover (the engine's key does not): its type,
/// station, device, tag, rule and start. "high/3/0/117/-1/1733476800000".
QString alarmId(const Alarms::AlarmRecord& r);

} // namespace PumpWatch::Remote
