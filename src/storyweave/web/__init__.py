"""Web app and HTTP API over a store: ``create_app(config, store)``; ``storyweave serve`` runs it."""
from .app import create_app
from .service import Service

__all__ = ["create_app", "Service"]
