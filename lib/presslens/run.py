"""Moved: the report is `presslens.report` (execute, notebook, sanitize, manifest, site, suite).

`presslens.run.<name>` keeps working for one release and warns with the new place.
"""

from presslens import _compat
from presslens.report import __all__ as _moved

__getattr__ = _compat.moved(__name__, dict.fromkeys(_moved, "presslens.report"))
