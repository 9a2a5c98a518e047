"""Imported by a pool's server: the process's shared Models with the lede embedder loaded."""
from ...log import logger

try:
    from ...nlp.models import Models

    Models.shared().embedder
except Exception as e:  # noqa: BLE001 - the worker loads it again and reports the error there
    logger.debug("the pool's server could not preload the embedder: %s", e)
