"""Evaluations with gold data: each module registers one ``storyweave eval`` subcommand."""
