"""Writes that keep their history: who made the change and why (django-simple-history reads both from the
instance). Services use these instead of calling save() or delete() themselves."""


def save_with_history(instance, *, actor, reason: str, **kwargs) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(**kwargs)


def delete_with_history(instance, *, actor, reason: str) -> None:
    """Delete one row with its history record naming who and why (a QuerySet.delete() would not)."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()
