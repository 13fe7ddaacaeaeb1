#include "controltypes.h"

namespace PumpWatch::Control {

QString causeCode(Cause cause)
{
    switch (cause) {
    case Cause::None:
        return QStringLiteral("ok");
    case Cause::NotPermitted:
        return QStringLiteral("not_permitted");
    case Cause::UnknownObject:
        return QStringLiteral("unknown_object");
    case Cause::Stale:
        return QStringLiteral("stale");
    case Cause::SelectedElsewhere:
        return QStringLiteral("selected_elsewhere");
    case Cause::NotSelected:
        return QStringLiteral("not_selected");
    case Cause::SelectExpired:
        return QStringLiteral("select_expired");
    case Cause::Interlock:
        return QStringLiteral("interlock");
    case Cause::OutOfRange:
        return QStringLiteral("out_of_range");
    case Cause::StepTooBig:
        return QStringLiteral("step_too_big");
    case Cause::Busy:
        return QStringLiteral("busy");
    case Cause::WriteFailed:
        return QStringLiteral("write_failed");
    case Cause::NoFeedback:
        return QStringLiteral("no_feedback");
    case Cause::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString ControlText::cause(Cause cause)
{
    switch (cause) {
    case Cause::None:
        return tr("done");
    case Cause::NotPermitted:
        return tr("not permitted for your role");
    case Cause::UnknownObject:
        return tr("no such control at this station");
    case Cause::Stale:
        return tr("the station's data is not current");
    case Cause::SelectedElsewhere:
        return tr("selected by someone else");
    case Cause::NotSelected:
        return tr("not selected");
    case Cause::SelectExpired:
        return tr("the selection has expired");
    case Cause::Interlock:
        return tr("blocked by an interlock");
    case Cause::OutOfRange:
        return tr("outside the allowed range");
    case Cause::StepTooBig:
        return tr("the change is larger than the allowed step");
    case Cause::Busy:
        return tr("a command is still in progress");
    case Cause::WriteFailed:
        return tr("the write failed");
    case Cause::NoFeedback:
        return tr("no feedback");
    case Cause::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QString ControlText::step(Step step)
{
    switch (step) {
    case Step::Idle:
        return tr("idle");
    case Step::Selected:
        return tr("selected");
    case Step::Executing:
        return tr("executing");
    case Step::Done:
        return tr("done");
    case Step::Failed:
        return tr("failed");
    }
    return {};
}

} // namespace PumpWatch::Control
