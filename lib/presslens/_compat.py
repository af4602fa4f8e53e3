"""Old import paths kept working for one release, loudly: a `DeprecationWarning` names the new one."""

from __future__ import annotations

import importlib
import warnings


def moved(old_module: str, names: dict[str, str]):
    """A module `__getattr__` for `old_module` whose `names` (`{name: "new.module"}`) moved.

    `from presslens.text import map_chunks` keeps working and warns
    "presslens.text.map_chunks moved to presslens.parallel.map_chunks".
    """

    def __getattr__(name: str):
        if name not in names:
            raise AttributeError(f"module {old_module!r} has no attribute {name!r}")
        new = names[name]
        warnings.warn(
            f"{old_module}.{name} moved to {new}.{name}; import it from there",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(new), name)

    return __getattr__
