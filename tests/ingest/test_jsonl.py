import datetime as dt
import warnings

from storyweave.ingest.jsonl import parse_date


def test_a_date_with_a_zone_name_is_the_day_as_written_and_warns_nothing():
    # dateutil warned "tzname EST identified but not understood" on the user's terminal for
    # every such page; the zone only moves the time, never the day that is written
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_date("Nov. 18, 2019 8:19 PM EST") == dt.date(2019, 11, 18)
        assert parse_date("Monday, 18 November 2019 23:30 IST") == dt.date(2019, 11, 18)
    assert parse_date("2019-11-18T23:30:00Z") == dt.date(2019, 11, 18)
    assert parse_date("no date here") is None
