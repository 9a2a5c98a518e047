"""An agency credit in a plain-text article names its outlet; a person's byline or a photo credit does not."""
from storyweave.ingest.agency import outlet_from_text


def test_agency_credits_name_the_outlet():
    assert outlet_from_text("Velmora bridge reopens\nVELMORA (Reuters) - The bridge reopened on Saturday.") == "Reuters"
    assert outlet_from_text("PARIS, June 3 (AFP) – Talks went on.\nMore text.") == "AFP"
    assert outlet_from_text("The bridge reopened.\n\nBy Press Association\n") == "Press Association"
    assert outlet_from_text("The bridge reopened.\n— The Associated Press") == "The Associated Press"


def test_no_credit_no_outlet():
    assert outlet_from_text("The bridge reopened.\nBy Jane Roe\n") is None  # a writer, not an outlet
    assert outlet_from_text("A crowd watched. REUTERS/Jane Roe/Pool\nImage: the bridge") is None  # a photo credit
    assert outlet_from_text("Officials said (AP) figures were wrong.") is None  # not a dateline, not a credit line
    assert outlet_from_text("") is None


def test_plain_text_files_take_the_credit_and_a_folder_table_wins(tmp_path):
    from storyweave.ingest import read_articles

    (tmp_path / "one.txt").write_text("The Kestrel Bridge reopened on Saturday after repairs.\n\nBy Press Association\n")
    (tmp_path / "two.txt").write_text("The Kestrel Bridge reopened on Saturday, said the city council.\n")
    (tmp_path / "three.txt").write_text("VELMORA (Reuters) - The Kestrel Bridge opened again on Saturday.\n")
    (tmp_path / "sources.csv").write_text("file,outlet,url,published\n"
                                          "two.txt,Velmora Ledger,https://ledger.example/bridge,2030-03-09\n"
                                          "three.txt,,,2030-03-10\n")
    arts, problems = read_articles([tmp_path])
    got = {a.id: (a.outlet, a.url, a.published and a.published.isoformat()) for a in arts}
    assert problems == []
    assert got == {"one.txt": ("Press Association", None, None),
                   "two.txt": ("Velmora Ledger", "https://ledger.example/bridge", "2030-03-09"),
                   "three.txt": ("Reuters", None, "2030-03-10")}
