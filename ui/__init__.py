"""Sourcewise in the browser: a Gradio app over qa's Engine (``build_app`` to construct, ``serve`` to run)."""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from ui.app import build_app, launch, serve  # noqa: E402  (gradio is imported after analytics are off)

__all__ = ["build_app", "launch", "serve"]
