"""Modules a pool's server imports so that every worker forks with its models loaded.

``LocalEngine.warm`` hands a task's ``preload`` to the forkserver, which can only import
modules; each module here loads one model when imported. Loaded once in the server, the
models are shared copy-on-write by the workers (read-only, so never copied), instead of
being loaded by each worker on its first task: ~0.25 CPU-s and ~65 MiB (the embedder),
~0.14 CPU-s and ~100 MiB (the language identifier) per worker. A model that fails to load
here is loaded, and its error raised, by the worker that needs it, as before.
"""
