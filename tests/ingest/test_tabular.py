import csv

from storyweave.ingest import read_articles


def test_csv_rows_text_and_html(tmp_path, make_page):
    path = tmp_path / "news.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "url", "outlet", "title", "published", "text", "html"])
        w.writerow(["a", "https://a.example/1", "A News", "Ferries", "2023-06-19", "Ferries will run.\n\nMore boats.", ""])
        w.writerow(["b", "https://b.example/2", "B News", "", "", "", make_page()])
        w.writerow(["c", "", "", "", "", "", ""])  # nothing to read: a Problem, the rest goes on
    arts, probs = read_articles([path])
    assert [a.id for a in arts] == ["a", "b"]
    assert arts[0].published.isoformat() == "2023-06-19" and arts[0].outlet == "A News"
    assert arts[1].text.startswith("The city council") and arts[1].title == "Council expands harbour ferry service"
    assert len(probs) == 1 and probs[0].item.endswith("news.csv:4")


def test_csv_without_text_column_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    arts, probs = read_articles([path])
    assert arts == [] and "'text' or 'html' column" in probs[0].reason
