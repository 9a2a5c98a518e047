"""A story's analysis: the typed record (``record``), steps and their runner (``step``), and
the preparation every consumer shares (``preparation``). The brief's later steps — who, when,
and what the outlets agree and disagree on — are in ``annotations`` and ``facts``."""
from .preparation import annotate, prepare
from .record import StoryAnalysis
from .step import Step, StepOrderError, Steps

__all__ = ["StoryAnalysis", "Step", "StepOrderError", "Steps", "annotate", "prepare"]
