"""Sourcewise's user interfaces: the browser chat (``build_app``, ``launch``, ``serve``) and the terminal (``ui.cli``).

Gradio is imported on first use of the browser chat, so the command line starts without it; analytics are
switched off here, before anything in this package can import gradio.
"""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

__all__ = ["build_app", "launch", "serve"]


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module 'ui' has no attribute {name!r}")
    from ui import app

    return getattr(app, name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
