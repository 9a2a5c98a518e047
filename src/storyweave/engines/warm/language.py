"""Imported by a pool's server: the language identifier of the article step, loaded."""
from ...log import logger

try:
    from ...clean.language import load

    load()
except Exception as e:  # noqa: BLE001 - the worker loads it again and reports the error there
    logger.debug("the pool's server could not preload the language identifier: %s", e)
