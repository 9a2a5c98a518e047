"""render/view.py: values as a reader says them."""
from storyweave.render.view import value_label


def test_a_date_divergence_reads_as_dates():
    assert value_label("date", "2019-01-19TAF") == "19 Jan 2019, afternoon"
    assert value_label("date", "2019-01") == "Jan 2019" and value_label("date", "friday") == "Friday"
    assert value_label("duration", "7.5 hours") == "7.5 hours"
