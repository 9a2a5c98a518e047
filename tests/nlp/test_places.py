"""What kind of place a name is (nlp/places.py). Names written here."""
from storyweave.nlp.places import level


def test_a_place_on_a_street_is_a_street():
    # a street lies inside a town or district: naming both is no disagreement about where
    assert [level(p) for p in ("Quay Road", "117th Street", "Main St.", "Harlow", "Iowa", "France")] == [
        "street", "street", "street", "local", "region", "country"]
