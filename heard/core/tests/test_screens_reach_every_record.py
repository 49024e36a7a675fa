"""No dead ends: every model method that records something about a case is called by a screen.

The recording methods are found, not listed: the public methods (and class methods) of
Heard's models and their abstract bases whose code writes (saves, creates, deletes, runs a
step or appends an event). Each must be called from screen code, as `.name(` or as a step
form's `method = "name"`, in a module outside the models, tests, migrations, the demo builder,
the import and the management commands. A new recording method that no screen calls fails
this test until a screen offers it.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps

HEARD = Path(__file__).resolve().parents[2]
#: Code that writes: a save, a create, a delete, a step, an event.
WRITES = re.compile(
    r"\.save\(|\.create\(|\bstep\(|_event\(|\.delete\(|\.update\(|_record_decision\(|\.add\("
)
#: Model hooks Django calls itself, not recordings an officer makes.
HOOKS = {"save", "delete", "clean", "full_clean", "refresh_from_db"}
#: Where a call is not a screen's.
NOT_SCREENS = ("models", "tests", "migrations", "demo", "imports", "management")
#: Recordings made by the system, not an officer, each with why no screen is needed.
BY_THE_SYSTEM = {
    # The public form discards the files a person added and then removed, or never sent.
    "discard": "heard.public.models.PendingUpload",
    # The stored next deadline, derived after every save of a complaint or its stages.
    "store_current_deadline": "heard.complaints.models.Complaint",
}


def recording_methods() -> Iterator[tuple[str, str]]:
    """(model label, method name) for every public method of a Heard model that writes."""
    for model in apps.get_models():
        if not model.__module__.startswith("heard."):
            continue
        seen: set[str] = set()
        for cls in model.__mro__:
            if not cls.__module__.startswith("heard."):
                continue
            for name, attribute in vars(cls).items():
                function = getattr(attribute, "__func__", attribute)  # a classmethod's code
                if name.startswith("_") or name in HOOKS or name in seen:
                    continue
                if not inspect.isfunction(function):
                    continue
                seen.add(name)
                if WRITES.search(inspect.getsource(function)):
                    yield model._meta.label, name


def screen_sources() -> str:
    return "\n".join(
        path.read_text()
        for path in HEARD.rglob("*.py")
        if not any(part in NOT_SCREENS for part in path.relative_to(HEARD).parts[:-1])
        and path.stem not in NOT_SCREENS
    )


def test_every_recording_model_method_is_called_by_a_screen():
    methods = sorted(set(recording_methods()))
    names = {name for _, name in methods}
    # The search finds what it should (so it cannot pass by finding nothing).
    assert {"record_advocacy", "add_remedy", "correct", "remove", "receive", "appoint"} <= names
    screens = screen_sources()
    unreached = [
        f"{label}.{name}"
        for label, name in methods
        if name not in BY_THE_SYSTEM and not re.search(rf"\.{name}\(|method = \"{name}\"", screens)
    ]
    assert not unreached, f"recorded by a model method no screen calls: {unreached}"
