"""Web app and HTTP API over a store: ``create_app(config, store)``; ``storyweave serve`` runs it."""
from .app import create_app
from .engine import Engine

__all__ = ["create_app", "Engine"]
