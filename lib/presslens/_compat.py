"""Old import paths kept working for one release, loudly: a `DeprecationWarning` names the new one."""

from __future__ import annotations

import functools
import importlib
import warnings


def moved(old_module: str, names: dict[str, str]):
    """A module `__getattr__` for `old_module` whose `names` (`{name: "new.module"}`) moved.

    `from presslens.text import map_chunks` keeps working and warns
    "presslens.text.map_chunks moved to presslens.parallel.map_chunks". A name renamed where it
    moved is written `"new.module:new_name"`.
    """

    def __getattr__(name: str):
        if name not in names:
            raise AttributeError(f"module {old_module!r} has no attribute {name!r}")
        new, _, new_name = names[name].partition(":")
        new_name = new_name or name
        if new == old_module:
            message = f"{old_module}.{name} is renamed {new_name}"
        else:
            message = f"{old_module}.{name} moved to {new}.{new_name}; import it from there"
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(new), new_name)

    return __getattr__


def renamed(module: str, names: dict[str, str]):
    """A module `__getattr__` for names renamed inside `module` (`{old: new}`): the old name
    still works, with a DeprecationWarning naming the new one."""
    return moved(module, {old: f"{module}:{new}" for old, new in names.items()})


def renamed_keywords(**old_to_new: str):
    """Decorator: old keyword names keep working for one release, with a DeprecationWarning
    naming the new one (`@renamed_keywords(n_bootstrap="n_resamples")`)."""

    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{fn.__name__}() got both {old}= and {new}=")
                    warnings.warn(
                        f"{fn.__module__}.{fn.__name__}({old}=...) is now {new}=",
                        DeprecationWarning,
                        stacklevel=2,
                    )
                    kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return inner

    return wrap
