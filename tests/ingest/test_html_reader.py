import gzip

from storyweave.ingest import read_articles


def test_html_file_gives_text_and_metadata(tmp_path, make_page):
    path = tmp_path / "ferry.html"
    path.write_text(make_page(related=["Mayor opens new library wing", "Storm closes coastal road for a day",
                                       "School board delays budget vote again"]), "utf-8")
    arts, probs = read_articles([path])
    assert probs == []
    (art,) = arts
    assert art.id == "ferry.html"
    assert art.title == "Council expands harbour ferry service"
    assert art.outlet == "Harbour Herald"
    assert art.author == "Jane Example"
    assert art.published.isoformat() == "2023-06-19"
    assert art.language == "en"
    paras = art.text.split("\n\n")
    assert paras[0].startswith("The city council voted on Tuesday")
    assert len(paras) == 5
    # navigation and the related list are not in the text (tests/clean/test_clean_html.py checks the reasons)
    assert "Section 3" not in art.text and "Mayor opens" not in art.text


def test_html_gz_and_outlet_from_domain(tmp_path, make_page):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(make_page(site=None).encode()))
    # record readers pass the URL; files carry it in a canonical link
    html = make_page(site=None).replace("<head>", '<head><link rel="canonical" href="https://www.harbour.example/a/1">')
    (tmp_path / "b.htm").write_text(html, "utf-8")
    arts, probs = read_articles([tmp_path])
    assert probs == []
    by_id = {a.id: a for a in arts}
    assert by_id["page.html.gz"].text.startswith("The city council")
    assert by_id["b.htm"].outlet == "harbour.example"


def test_non_english_article_kept_and_marked(tmp_path, make_page):
    german = [
        "Der Stadtrat hat am Dienstag beschlossen, den Fährdienst im Hafen um drei neue Haltestellen zu erweitern. "
        "Die Verwaltung erwartet kürzere Wege für Tausende Pendler.",
        "Die Abstimmung fiel mit sieben zu zwei Stimmen aus, nachdem mehrere Mitglieder die Kosten der neuen "
        "Anleger und den Zeitplan für den Bau kritisch hinterfragt hatten.",
        "Befürworter argumentierten, dass die Fähren die überlastete Brücke entlasten und den Vierteln am Wasser "
        "während der langen Bauarbeiten eine verlässliche Verbindung bieten würden.",
    ]
    (tmp_path / "de.html").write_text(make_page(title="Stadtrat erweitert Fährdienst", paragraphs=german, lang="de"), "utf-8")
    (art,), _ = read_articles([tmp_path / "de.html"])
    assert art.language == "de"
    assert "Stadtrat" in art.text


def test_json_record_with_html_is_extracted(tmp_path, make_page):
    import json

    rec = {"id": "r1", "url": "https://news.example/x", "outlet": "Given Outlet", "html": make_page()}
    (tmp_path / "recs.jsonl").write_text(json.dumps(rec) + "\n", "utf-8")
    (art,), probs = read_articles([tmp_path / "recs.jsonl"])
    assert probs == []
    assert art.id == "r1" and art.outlet == "Given Outlet"  # the record's own fields win
    assert art.text.startswith("The city council voted")
