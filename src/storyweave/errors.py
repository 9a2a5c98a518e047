"""Errors that tell the user what to do."""


class StoryweaveError(Exception):
    """Base class: the message is shown to the user as is, so it must say what to do."""


class InputError(StoryweaveError):
    """One input item cannot be read. Carries the item so the batch can report and go on."""

    def __init__(self, item: str, reason: str):
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class ConfigError(StoryweaveError):
    pass


class MissingExtra(StoryweaveError):
    """An optional dependency is missing; the message holds the pip line to run."""

    def __init__(self, package: str, extra: str):
        super().__init__(
            f"this needs the optional package '{package}': run  pip install 'storyweave[{extra}]'"
        )
