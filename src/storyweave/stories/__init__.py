"""Stories: grouping articles into real-world events, in batch and incrementally."""
from .cluster import Clustering, cluster_articles
from .features import Featurizer, Features
from .incremental import StoryIndex

__all__ = ["Clustering", "Featurizer", "Features", "StoryIndex", "cluster_articles"]
