"""presslens: compare how news outlets cover, frame and word the same story.

The entry points most notebooks need are re-exported here: `load_articles()` and
`load_paragraphs()` (see `presslens.dataset`).
"""

__version__ = "0.1.0"

__all__ = ["load_articles", "load_paragraphs", "__version__"]


def __getattr__(name):
    # Lazy, so `import presslens` stays cheap and `presslens.config` needs no pandas;
    # `presslens.dataset` etc. work after a bare `import presslens`.
    import importlib
    import importlib.util

    if name in ("load_articles", "load_paragraphs"):
        from . import dataset

        return getattr(dataset, name)
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'presslens' has no attribute {name!r}")
