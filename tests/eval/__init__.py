"""Tests of storyweave.eval (a package, so that test_dates.py here and in tests/nlp do not collide)."""
