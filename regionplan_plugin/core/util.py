"""Small helpers shared by core modules."""

from qgis.core import QgsFeedback


def is_canceled(feedback) -> bool:
    return feedback is not None and feedback.isCanceled()


def set_progress(feedback, value: float) -> None:
    if feedback is not None:
        feedback.setProgress(max(0.0, min(100.0, float(value))))


def push_info(feedback, text: str) -> None:
    """Report a line of text where the feedback can show it (Processing log)."""
    if feedback is not None and hasattr(feedback, "pushInfo"):
        feedback.pushInfo(text)


def push_warning(feedback, text: str) -> None:
    if feedback is None:
        return
    if hasattr(feedback, "pushWarning"):
        feedback.pushWarning(text)
    elif hasattr(feedback, "reportError"):
        feedback.reportError(text, False)


def new_feedback() -> QgsFeedback:
    return QgsFeedback()
