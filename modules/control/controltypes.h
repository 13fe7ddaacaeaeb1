// The vocabulary of control: who operates (with role and workstation), what the service
// answers (a cause code stable enough for the audit table, and words for people), and the
// record each transition leaves. Plain value types, any thread.
#pragma once

#include <core/users.h>

#include <QCoreApplication>
#include <QString>

namespace PumpWatch::Control {

/// Where an object stands (GRAPHICS.md: Idle → Selected → Executing → Done | Failed).
enum class Step : quint8 { Idle, Selected, Executing, Done, Failed };

/// Why a request was refused or a command failed. The codes are what the audit table stores.
enum class Cause : quint8 {
    None,              ///< "ok"
    NotPermitted,      ///< the user's role may not do it
    UnknownObject,     ///< the station's template has no such control
    Stale,             ///< the station's data is old or not good: nobody knows the state
    SelectedElsewhere, ///< another user or workstation holds the selection
    NotSelected,       ///< operate or cancel without a selection of one's own
    SelectExpired,     ///< the selection was held too long without operating
    Interlock,         ///< a template interlock holds
    OutOfRange,        ///< a setpoint outside its min/max
    StepTooBig,        ///< a setpoint step above maxStep, not typed twice
    Busy,              ///< a command on the object is still waiting for its feedback
    WriteFailed,       ///< the PLC refused or did not answer the write
    NoFeedback,        ///< the write went out but the feedback did not follow in time
    Cancelled,         ///< the user cancelled the selection
};

QString causeCode(Cause cause); ///< "ok", "not_permitted", "stale", "no_feedback", …

/// Words for a dispatcher, in the workstation's language.
class ControlText {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Control::ControlText)

public:
    static QString cause(Cause cause);
    static QString step(Step step);
};

/// Who asks: the login name, the display name, the role and the computer; what they may do
/// is the workstation's permission table (`grants`), or the role's defaults where no table is
/// known (a server asked by a workstation).
struct Operator {
    QString login;
    QString name;
    Role role = Role::Viewer;
    QString workstation;
    std::optional<Permissions::Mask> grants = {};
    bool may(Action action) const
    {
        return grants ? (*grants & Permissions::bit(action)) != 0
                      : Permissions::defaults().allows(role, action);
    }
    bool isSameHolder(const Operator& o) const
    {
        return login == o.login && workstation == o.workstation;
    }
};

/// What a request got: ok, or the cause and a sentence naming the details (the interlock's
/// reason, the holder, the limits).
struct Outcome {
    Cause cause = Cause::None;
    QString message;
    bool ok() const { return cause == Cause::None; }
};

/// One transition of one object: a row of the audit table.
struct ControlRecord {
    qint64 ms = 0;
    Operator who;      ///< who asked; for expiry, feedback and failure: the holder
    QString action;    ///< "select", "operate", "cancel", "expire", "done", "fail"
    QString stationId; ///< "S0001"
    QString object;    ///< the control's role: "pump[1]"
    QString objectName;
    QString oldValue; ///< the feedback's value when it happened ("" when unknown)
    QString newValue; ///< the requested value
    Cause cause = Cause::None;
    QString detail; ///< for people
};

} // namespace PumpWatch::Control
