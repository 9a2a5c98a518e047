"""storyweave."""
